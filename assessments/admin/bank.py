"""Admin: the question bank (categories, questions); quizzes are in quizzes.py.

The bank is shared by every trainer. Questions are written through the bank
services, which validate them and keep answered versions unchanged.
"""

from abc import ABCMeta, abstractmethod

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, ProtectedError, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from lms.permissions import PermissionMenuItem, PermissionRequiredMixin
from lms.sanitise import plain_text

from .. import question_types
from ..forms_admin.fields import category_labels
from ..forms_admin.questions import (
    EDITORS,
    QuestionCategoryForm,
    QuestionFilterForm,
    QuestionForm,
    question_initial,
)
from ..models import (
    AttemptQuestion,
    Question,
    QuestionCategory,
    QuizSlot,
)
from ..services.bank import (
    QuestionDraft,
    create_question,
    delete_unused_question,
    question_is_used,
    save_question_version,
)

QUESTIONS_PER_PAGE = 50
GRADE_PERMISSION = "assessments.grade_attempts"


# --- Categories ----------------------------------------------------------------------


class CategoryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return QuestionCategory.objects.annotate(
            question_count=Count("questions", filter=Q(questions__is_archived=False))
        )

    def get_table(self, object_list):
        """Each row's full path, from one query for the whole page."""
        object_list = list(object_list)
        labels = category_labels()
        for category in object_list:
            category.full_path = labels.get(category.pk, category.name)
        return super().get_table(object_list)


class CategoryDeleteView(generic.DeleteView):
    """A category that still holds questions (or feeds a random slot) stays."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                gettext(
                    "“%(name)s” still holds questions, or a quiz draws from it: "
                    "move or archive them first."
                )
                % {"name": self.object.name},
            )
            return redirect(self.index_url_name)


class QuestionCategoryViewSet(ModelViewSet):
    model = QuestionCategory
    name = "question_categories"
    url_prefix = "assessments/categories"
    icon = "folder-open-inverse"
    menu_label = _("Question categories")
    index_view_class = CategoryIndexView
    delete_view_class = CategoryDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    ordering = ["path"]
    search_fields = ["name", "description"]
    search_backend_name = None
    list_display = [
        "name",
        Column("full_path", label=_("Place in the bank")),
        Column("question_count", label=_("Questions")),
    ]

    def get_form_class(self, for_update=False):
        return QuestionCategoryForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            history_url_name=None, usage_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("history", "history_results", "usage")
        ]


# --- Questions: list -----------------------------------------------------------------


def question_filters(request) -> QuestionFilterForm:
    """The filter form of the question list, from the query string."""
    form = QuestionFilterForm(request.GET or None)
    form.is_valid()
    return form


def filter_questions(questions, data: dict):
    if data.get("q"):
        text = data["q"].strip()
        questions = questions.filter(
            Q(name__icontains=text) | Q(current_version__text__icontains=text)
        )
    if data.get("category"):
        questions = questions.filter(category__path__startswith=data["category"].path)
    if data.get("type"):
        questions = questions.filter(question_type=data["type"])
    state = data.get("state")
    if state == "archived":
        questions = questions.filter(is_archived=True)
    elif state != "all":
        questions = questions.filter(is_archived=False)
    return questions


class QuestionIndexView(
    PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView
):
    permission = "assessments.view_question"
    template_name = "assessments/admin/bank_question_index.html"
    page_title = _("Question bank")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_header_buttons(self):
        if not self.request.user.has_perm("assessments.add_question"):
            return []
        return [
            HeaderButton(
                gettext("Add a question"),
                url=reverse("question_bank:add"),
                icon_name="plus",
            )
        ]

    def get_context_data(self, **kwargs):
        form = question_filters(self.request)
        data = form.cleaned_data if form.is_bound else {}
        questions = filter_questions(
            Question.objects.select_related("current_version").annotate(
                in_quiz=Exists(QuizSlot.objects.filter(question=OuterRef("pk")))
            ),
            data,
        ).order_by("name", "pk")
        page = Paginator(questions, QUESTIONS_PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        labels = category_labels() if page.object_list else {}
        type_labels = dict(Question.Type.choices)
        rows = [
            {
                "question": question,
                "type": type_labels.get(question.question_type, ""),
                "category": labels.get(question.category_id, ""),
            }
            for question in page.object_list
        ]
        filters = {
            key: value
            for key, value in self.request.GET.items()
            if key in ("q", "category", "type", "state") and value
        }
        return super().get_context_data(
            form=form, page=page, rows=rows, extra_query=urlencode(filters), **kwargs
        )


# --- Questions: create and edit ---------------------------------------------------------


class QuestionViewMixin(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("question_bank:index"), "label": gettext("Question bank")},
            {"url": "", "label": self.get_page_title()},
        ]


class QuestionTypeChoiceView(QuestionViewMixin, TemplateView):
    permission = "assessments.add_question"
    template_name = "assessments/admin/bank_question_type.html"
    page_title = _("Add a question")

    def get_context_data(self, **kwargs):
        category = self.request.GET.get("category", "")
        suffix = f"?{urlencode({'category': category})}" if category else ""
        types = [
            {
                "label": label,
                "url": reverse("question_bank:add_type", args=[value]) + suffix,
            }
            for value, label in Question.Type.choices
        ]
        return super().get_context_data(types=types, **kwargs)


def ever_used_option_ids(question: Question | None) -> set[str]:
    """Option and pair ids of every version, so a new option never reuses one."""
    if question is None:
        return set()
    ids: set[str] = set()
    for data in question.versions.values_list("data", flat=True):
        ids.update(question_types.option_ids(question.question_type, data or {}))
    return ids


class QuestionFormView(QuestionViewMixin, TemplateView, metaclass=ABCMeta):
    """The common fields and the type's own part, saved through the bank services."""

    template_name = "assessments/admin/bank_question_form.html"

    @property
    def question(self) -> Question | None:
        """The question edited; None while one is being added."""
        return None

    @property
    @abstractmethod
    def question_type(self) -> str:
        """The create view takes it from the URL, the edit view from the question."""

    def saved_data(self) -> dict:
        return {}

    def build(self, data=None):
        self.form = QuestionForm(data, initial=self.initial())
        self.editor = EDITORS[self.question_type](
            data,
            saved=self.saved_data(),
            ever_used_ids=ever_used_option_ids(self.question),
        )

    def initial(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        self.build()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.build(request.POST)
        form_ok = self.form.is_valid()
        editor_ok = self.editor.is_valid()
        if form_ok and editor_ok:
            try:
                response = self.save()
            except ValidationError as error:
                self.form.add_error(None, error)
            else:
                return response
        messages.error(request, gettext("The question was not saved; see the errors."))
        return self.render_to_response(self.get_context_data())

    @abstractmethod
    def save(self):
        """create_question() on create, save_question_version() on edit."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            editor=self.editor,
            question=self.question,
            type_label=Question.Type(self.question_type).label,
            media=self.form.media + self.editor_media(),
            **kwargs,
        )

    def editor_media(self):
        media = self.form.media.__class__()
        for part in (self.editor.form, self.editor.formset):
            if part is not None:
                media += part.media
        return media


class QuestionCreateView(QuestionFormView):
    permission = "assessments.add_question"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["question_type"] not in Question.Type.values:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def question_type(self):
        return self.kwargs["question_type"]

    def get_page_title(self):
        return gettext("Add a question: %(type)s") % {
            "type": Question.Type(self.question_type).label
        }

    def initial(self):
        return {"category": self.request.GET.get("category") or None}

    def save(self):
        data = self.form.cleaned_data
        question = create_question(
            QuestionDraft(
                question_type=self.question_type,
                name=data["name"],
                text=data["text"],
                data=self.editor.question_data(),
                general_feedback=data["general_feedback"],
                default_marks=data["default_marks"],
            ),
            category=data["category"],
            user=self.request.user,
        )
        messages.success(
            self.request, gettext("Question “%(name)s” added.") % {"name": question}
        )
        return redirect("question_bank:edit", question.pk)


def earlier_version_attempts(question: Question) -> int:
    """How many attempts were given a version other than the current one."""
    return (
        AttemptQuestion.objects.filter(question_version__question=question)
        .exclude(question_version_id=question.current_version_id)
        .values("attempt_id")
        .distinct()
        .count()
    )


class QuestionEditView(QuestionFormView):
    permission = "assessments.change_question"

    @cached_property
    def question(self) -> Question:
        return get_object_or_404(
            Question.objects.select_related("current_version", "category"),
            pk=self.kwargs["pk"],
        )

    @property
    def question_type(self):
        return self.question.question_type

    def get_page_title(self):
        return gettext("Edit question")

    def get_page_subtitle(self):
        return self.question.name

    def saved_data(self):
        version = self.question.current_version
        return dict(version.data) if version else {}

    def initial(self):
        return question_initial(self.question)

    def get_context_data(self, **kwargs):
        version = self.question.current_version
        answered = (
            version is not None
            and AttemptQuestion.objects.filter(question_version=version).exists()
        )
        return super().get_context_data(
            version=version,
            current_answered=answered,
            earlier_attempts=earlier_version_attempts(self.question),
            is_used=question_is_used(self.question),
            may_delete=self.request.user.has_perm("assessments.delete_question"),
            **kwargs,
        )

    def save(self):
        data = self.form.cleaned_data
        before = self.question.current_version
        with transaction.atomic():
            version = save_question_version(
                self.question,
                text=data["text"],
                data=self.editor.question_data(),
                general_feedback=data["general_feedback"],
                default_marks=data["default_marks"],
                user=self.request.user,
            )
            name = plain_text(data["name"]).strip() or plain_text(data["text"]).strip()
            Question.objects.filter(pk=self.question.pk).update(
                name=name[:255], category=data["category"]
            )
        if before is not None and version.pk != before.pk:
            message = gettext(
                "Saved as version %(number)s. Attempts already made keep the "
                "version they were given."
            ) % {"number": version.number}
        else:
            message = gettext("Question saved.")
        messages.success(self.request, message)
        return redirect("question_bank:edit", self.question.pk)


class QuestionArchiveView(PermissionRequiredMixin, View):
    permission = "assessments.change_question"

    def post(self, request, pk):
        question = get_object_or_404(Question, pk=pk)
        archive = request.POST.get("archive") == "1"
        Question.objects.filter(pk=question.pk).update(is_archived=archive)
        if archive:
            message = gettext(
                "“%(name)s” is archived: it is no longer drawn into random slots "
                "or listed in the bank. Quizzes that ask it by name still do."
            )
        else:
            message = gettext("“%(name)s” is back in the bank.")
        messages.success(request, message % {"name": question.name})
        return redirect("question_bank:edit", question.pk)


class QuestionDeleteView(QuestionViewMixin, TemplateView):
    permission = "assessments.delete_question"
    template_name = "assessments/admin/bank_question_delete.html"
    page_title = _("Delete question")

    @cached_property
    def question(self) -> Question:
        return get_object_or_404(Question, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            question=self.question, is_used=question_is_used(self.question), **kwargs
        )

    def post(self, request, pk):
        if question_is_used(self.question):
            messages.error(
                request,
                gettext(
                    "“%(name)s” is used in a quiz or an attempt and cannot be "
                    "deleted; archive it instead."
                )
                % {"name": self.question.name},
            )
            return redirect("question_bank:edit", self.question.pk)
        name = self.question.name
        delete_unused_question(self.question)
        messages.success(
            request, gettext("Question “%(name)s” deleted.") % {"name": name}
        )
        return redirect("question_bank:index")


class QuestionMenuItem(PermissionMenuItem):
    permission = "assessments.view_question"


class QuestionBankViewSet(ViewSet):
    name = "question_bank"
    url_prefix = "assessments/questions"
    icon = "help"
    menu_label = _("Question bank")
    menu_item_class = QuestionMenuItem

    def get_urlpatterns(self):
        return [
            path("", QuestionIndexView.as_view(), name="index"),
            path("new/", QuestionTypeChoiceView.as_view(), name="add"),
            path(
                "new/<str:question_type>/",
                QuestionCreateView.as_view(),
                name="add_type",
            ),
            path("<int:pk>/", QuestionEditView.as_view(), name="edit"),
            path("<int:pk>/archive/", QuestionArchiveView.as_view(), name="archive"),
            path("<int:pk>/delete/", QuestionDeleteView.as_view(), name="delete"),
        ]


VIEWSETS: list = [QuestionBankViewSet, QuestionCategoryViewSet]
