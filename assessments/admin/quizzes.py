"""Admin: quizzes (settings, slots, preview); the question bank is in bank.py.

Quizzes are not shared: a trainer sees and edits the quizzes they own or grade
(assessments.selectors.quizzes_managed_by), an administrator all of them.
"""

import random
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from lms.permissions import PermissionRequiredMixin
from lms.sanitise import plain_text

from ..display import question_for_answering, right_answer_text
from ..forms_admin.fields import CategoryChoiceField, category_labels
from ..forms_admin.quizzes import (
    REVIEW_ITEMS,
    REVIEW_MOMENTS,
    AddFixedSlotForm,
    AddRandomSlotForm,
    QuizForm,
    SlotFormSet,
)
from ..models import (
    AttemptQuestion,
    QuestionVersion,
    Quiz,
)
from ..selectors import quizzes_managed_by
from ..services.attempts import option_order, quiz_questions_draw
from ..services.quizzes import add_fixed_slot, add_random_slot, renumber_slots
from .bank import GRADE_PERMISSION

# --- Quizzes: settings ---------------------------------------------------------------


class ReviewMatrixPanel(Panel):
    """Moodle's review options as one table: what the learner sees × when."""

    def get_form_options(self):
        return {
            "fields": [
                f"review_{item}_{when}"
                for item in REVIEW_ITEMS
                for when in REVIEW_MOMENTS
            ]
        }

    class BoundPanel(Panel.BoundPanel):
        template_name = "assessments/admin/quiz_review_matrix.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            labels = {
                "score": gettext("Score"),
                "correctness": gettext("Right or wrong"),
                "answers": gettext("Correct answers"),
                "feedback": gettext("Feedback"),
            }
            context["moments"] = [
                gettext("Immediately after the attempt"),
                gettext("Later, while the quiz is open"),
                gettext("After the quiz closes"),
            ]
            context["rows"] = [
                {
                    "label": labels[item],
                    "fields": [
                        self.form[f"review_{item}_{when}"] for when in REVIEW_MOMENTS
                    ],
                }
                for item in REVIEW_ITEMS
            ]
            return context


QUIZ_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("title"),
            FieldPanel("instructions"),
            FieldPanel("purpose"),
            FieldPanel("pre_test"),
            FieldPanel("open_to_all"),
        ],
        heading=_("General"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("opens_at"),
            FieldPanel("closes_at"),
            FieldPanel("time_limit_minutes"),
        ],
        heading=_("Timing"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("attempts_allowed"),
            FieldPanel("grading_method"),
            FieldPanel("pass_percentage"),
            FieldPanel("graders"),
        ],
        heading=_("Attempts and grading"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("questions_per_page"),
            FieldPanel("navigation"),
            FieldPanel("shuffle_questions"),
            FieldPanel("shuffle_options"),
        ],
        heading=_("Layout"),
    ),
    ReviewMatrixPanel(heading=_("Review options")),
]


class ScopedQuizMixin:
    """Someone else's quiz answers 404, as if it did not exist."""

    def get_queryset(self):
        return quizzes_managed_by(user=self.request.user)


def quiz_buttons(user, quiz) -> list[Button]:
    buttons = []
    if user.has_perm("assessments.change_quiz"):
        buttons.append(
            Button(
                gettext("Questions"),
                url=reverse("quizzes:slots", args=[quiz.pk]),
                icon_name="list-ol",
                priority=1,
            )
        )
    buttons.append(
        Button(
            gettext("Preview"),
            url=reverse("quizzes:preview", args=[quiz.pk]),
            icon_name="view",
            priority=2,
        )
    )
    if user.has_perm(GRADE_PERMISSION):
        buttons.append(
            Button(
                gettext("Regrade"),
                url=reverse("grading:regrade", args=[quiz.pk]),
                icon_name="resubmit",
                priority=3,
            )
        )
    return buttons


class QuizIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            quizzes_managed_by(user=self.request.user)
            .select_related("owner")
            .annotate(slot_count=Count("slots"))
        )

    def get_list_more_buttons(self, instance):
        return [
            *quiz_buttons(self.request.user, instance),
            *super().get_list_more_buttons(instance),
        ]


class QuizCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.owner = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return reverse("quizzes:slots", args=[self.object.pk])


class QuizEditView(ScopedQuizMixin, generic.EditView):
    def get_header_more_buttons(self):
        return [
            *quiz_buttons(self.request.user, self.object),
            *super().get_header_more_buttons(),
        ]


class QuizDeleteView(ScopedQuizMixin, generic.DeleteView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                gettext("“%(title)s” has attempts and cannot be deleted.")
                % {"title": self.object.title},
            )
            return redirect(self.index_url_name)


# --- Quizzes: slots ----------------------------------------------------------------


class QuizPageMixin(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    """A page about one quiz the user manages; 404 for any other quiz."""

    header_icon = "tasks"
    permission = "assessments.view_quiz"

    @cached_property
    def quiz(self) -> Quiz:
        return get_object_or_404(
            quizzes_managed_by(user=self.request.user), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes:index"), "label": gettext("Quizzes")},
            {
                "url": reverse("quizzes:edit", args=[self.quiz.pk]),
                "label": self.quiz.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]


class QuizSlotsView(QuizPageMixin, TemplateView):
    """Which questions the quiz asks: fixed ones and random draws, in order."""

    permission = "assessments.change_quiz"
    template_name = "assessments/admin/quiz_slots.html"
    page_title = _("Questions")

    def slots(self):
        return self.quiz.slots.select_related(
            "question__current_version", "random_category"
        ).order_by("position", "pk")

    @cached_property
    def browse_category(self):
        field = CategoryChoiceField(required=False)
        try:
            return field.clean(self.request.GET.get("category") or None)
        except ValidationError:
            return None

    def forms(self, data=None, action=None):
        return {
            "formset": SlotFormSet(
                data if action == "save" else None,
                queryset=self.slots(),
                prefix="slots",
            ),
            "fixed_form": AddFixedSlotForm(
                data if action == "add_question" else None,
                category=self.browse_category,
                prefix="fixed",
            ),
            "random_form": AddRandomSlotForm(
                data if action == "add_random" else None,
                quiz=self.quiz,
                prefix="random",
                initial={"category": getattr(self.browse_category, "pk", None)},
            ),
        }

    def get_context_data(self, **kwargs):
        forms = kwargs.pop("forms", None) or self.forms()
        labels = category_labels()
        rows = []
        for form in forms["formset"].forms:
            slot = form.instance
            rows.append(
                {
                    "form": form,
                    "slot": slot,
                    "category": labels.get(slot.random_category_id, ""),
                }
            )
        category_field = CategoryChoiceField(
            required=False, empty_label=_("Choose a category")
        )
        category_field.labels = labels
        return super().get_context_data(
            quiz=self.quiz,
            rows=rows,
            category_choices=list(category_field.choices),
            browse_category=self.browse_category,
            preview_url=reverse("quizzes:preview", args=[self.quiz.pk]),
            **forms,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in ("save", "add_question", "add_random"):
            raise PermissionDenied
        forms = self.forms(request.POST, action)
        if action == "save":
            done = self.save_slots(forms["formset"])
        elif action == "add_question":
            done = self.add_fixed(forms["fixed_form"])
        else:
            done = self.add_random(forms["random_form"])
        if done:
            return redirect(request.get_full_path())
        messages.error(request, gettext("Nothing was changed; see the errors."))
        return self.render_to_response(self.get_context_data(forms=forms))

    @transaction.atomic
    def save_slots(self, formset) -> bool:
        if not formset.is_valid():
            return False
        formset.save()
        renumber_slots(self.quiz)
        messages.success(self.request, gettext("The quiz's questions were saved."))
        return True

    @transaction.atomic
    def add_fixed(self, form) -> bool:
        if not form.is_valid():
            return False
        question = form.cleaned_data["question"]
        marks = form.cleaned_data["marks"] or question.current_version.default_marks
        add_fixed_slot(self.quiz, question=question, marks=marks)
        messages.success(
            self.request, gettext("“%(name)s” was added.") % {"name": question.name}
        )
        return True

    @transaction.atomic
    def add_random(self, form) -> bool:
        if not form.is_valid():
            return False
        data = form.cleaned_data
        add_random_slot(
            self.quiz,
            category=data["category"],
            count=data["random_count"],
            include_subcategories=data["include_subcategories"],
            marks=data["marks"],
        )
        messages.success(
            self.request,
            ngettext(
                "%(count)s random question from “%(category)s” was added.",
                "%(count)s random questions from “%(category)s” were added.",
                data["random_count"],
            )
            % {"count": data["random_count"], "category": data["category"].name},
        )
        return True


class QuizSlotQuestionChoicesView(QuizPageMixin, View):
    """The "Add a question" select's options for a category, for quiz_slots.js.

    The same list the page renders without JavaScript after "List its
    questions" (AddFixedSlotForm), so both ways offer the same questions.
    """

    permission = "assessments.change_quiz"

    def get(self, request, *args, **kwargs):
        self.quiz  # noqa: B018 -- 404 for a quiz the user does not manage
        try:
            category = CategoryChoiceField().clean(request.GET.get("category"))
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        form = AddFixedSlotForm(category=category, prefix="fixed")
        field = form.fields["question"]
        return JsonResponse(
            {
                "empty_label": str(field.empty_label),
                "options": [
                    {"value": question.pk, "label": field.label_from_instance(question)}
                    for question in field.queryset
                ],
            }
        )


# --- Quizzes: preview --------------------------------------------------------------


def preview_question(
    position: int, version: QuestionVersion, marks: Decimal, quiz, rng
):
    """The question as the attempt page would show it, from an unsaved AttemptQuestion."""
    order = option_order(
        version.question.question_type,
        version.data,
        shuffle=quiz.shuffle_options,
        rng=rng,
    )
    given = AttemptQuestion(
        position=position, question_version=version, max_marks=marks, choice_order=order
    )
    return question_for_answering(given)


class QuizPreviewView(QuizPageMixin, TemplateView):
    """What a learner would see; the key only on request. No attempt is made."""

    template_name = "assessments/admin/preview_quiz.html"
    page_title = _("Preview")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rng = random.SystemRandom()
        problems: list[str] = []
        drawn = quiz_questions_draw(quiz=self.quiz, rng=rng, problems=problems)
        if self.quiz.shuffle_questions:
            rng.shuffle(drawn)
        show_key = self.request.GET.get("key") == "1"
        questions = []
        for position, (version, marks, _slot) in enumerate(drawn, start=1):
            qtype = version.question.question_type
            item = {
                "view": preview_question(position, version, marks, self.quiz, rng),
                "name": version.question.name,
            }
            if show_key:
                item["key"] = plain_text(right_answer_text(qtype, version.data))
                item["grader_info"] = plain_text(version.data.get("grader_info", ""))
            questions.append(item)
        return super().get_context_data(
            quiz=self.quiz,
            questions=questions,
            problems=problems,
            show_key=show_key,
            total_marks=sum((marks for _v, marks, _s in drawn), Decimal(0)),
            **kwargs,
        )


class QuizViewSet(ModelViewSet):
    model = Quiz
    name = "quizzes"
    url_prefix = "assessments/quizzes"
    icon = "tasks"
    menu_label = _("Quizzes")
    index_view_class = QuizIndexView
    add_view_class = QuizCreateView
    edit_view_class = QuizEditView
    delete_view_class = QuizDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    search_fields = ["title"]
    search_backend_name = None
    ordering = ["title"]
    list_filter = ["purpose"]
    list_display = [
        "title",
        "purpose",
        Column("slot_count", label=_("Slots")),
        Column("owner", label=_("Owner")),
        "closes_at",
    ]
    edit_handler = ObjectList(QUIZ_PANELS, base_form_class=QuizForm)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            history_url_name=None, usage_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        kept = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("history", "history_results", "usage")
        ]
        return [
            *kept,
            path("<int:pk>/questions/", QuizSlotsView.as_view(), name="slots"),
            path(
                "<int:pk>/questions/choices/",
                QuizSlotQuestionChoicesView.as_view(),
                name="slot_question_choices",
            ),
            path("<int:pk>/preview/", QuizPreviewView.as_view(), name="preview"),
        ]


VIEWSETS: list = [QuizViewSet]
