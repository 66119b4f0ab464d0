"""Admin: the grading queue (essays waiting for a person) and regrading a quiz.

A grader reaches the answers of the quizzes they own or grade; an
administrator all. Grades and regrades go through assessments.services.attempts,
which totals the attempt and records every regrade for audit.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from lms.permissions import PermissionRequiredMixin
from lms.sanitise import clean_html

from ..display import format_score
from ..forms_admin.grading import GradeForm
from ..models import Attempt, AttemptQuestion, Quiz, RegradeRecord
from ..qtypes import question_type
from ..selectors import quizzes_managed_by
from ..services.attempts import AttemptRefused, attempt_question_grade, quiz_regrade
from .bank import GRADE_PERMISSION

ANSWERS_PER_PAGE = 50
RECORDS_SHOWN = 50


def quizzes_gradable_by(*, user):
    if not user.has_perm(GRADE_PERMISSION):
        return Quiz.objects.none()
    return quizzes_managed_by(user=user)


def answers_awaiting_grading(*, user):
    """Answers a person must grade, oldest submission first."""
    return (
        AttemptQuestion.objects.filter(
            needs_grading=True,
            attempt__state=Attempt.State.AWAITING_GRADING,
            attempt__quiz__in=quizzes_gradable_by(user=user),
        )
        .select_related(
            "attempt__quiz",
            "attempt__learner__unit",
            "question_version__question",
        )
        .order_by("attempt__submitted_at", "attempt_id", "position")
    )


def gradable_answers(*, user):
    """Answers the user may open to grade: waiting ones and essays already graded."""
    return AttemptQuestion.objects.filter(
        attempt__quiz__in=quizzes_gradable_by(user=user),
        attempt__state__in=[Attempt.State.AWAITING_GRADING, Attempt.State.GRADED],
    ).select_related(
        "attempt__quiz",
        "attempt__learner__unit",
        "question_version__question",
        "grader",
    )


class GradingPermissionMixin(PermissionRequiredMixin):
    permission = GRADE_PERMISSION


class GradingViewMixin(GradingPermissionMixin, WagtailAdminTemplateMixin):
    header_icon = "check"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("grading:index"), "label": gettext("Grading")},
            {"url": "", "label": self.get_page_title()},
        ]


def learner_name(attempt: Attempt) -> str:
    return attempt.learner.full_name or attempt.learner.username


class GradingQueueView(GradingViewMixin, TemplateView):
    template_name = "assessments/admin/grading_index.html"
    page_title = _("Grading")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        page = Paginator(
            answers_awaiting_grading(user=self.request.user), ANSWERS_PER_PAGE
        ).get_page(self.request.GET.get("p"))
        rows = [
            {
                "answer": answer,
                "quiz": answer.attempt.quiz,
                "learner": learner_name(answer.attempt),
                "unit": answer.attempt.learner.unit,
                "question": answer.question_version.question.name,
            }
            for answer in page.object_list
        ]
        return super().get_context_data(page=page, rows=rows, **kwargs)


def answer_html(answer: AttemptQuestion) -> str:
    """The learner's answer as inert HTML. It was cleaned when saved; cleaning it
    again costs little and keeps a row written any other way harmless too."""
    text = (answer.response or {}).get("text", "")
    if answer.question_version.data.get("response_format") == "plain":
        return ""
    return clean_html(text)


class GradeAnswerView(GradingViewMixin, TemplateView):
    template_name = "assessments/admin/grading_answer.html"
    page_title = _("Grade an answer")

    @cached_property
    def answer(self) -> AttemptQuestion:
        answer = get_object_or_404(
            gradable_answers(user=self.request.user), pk=self.kwargs["pk"]
        )
        kind = question_type(answer.question_version.question.question_type)
        if not (answer.needs_grading or kind.manually_graded):
            raise Http404
        return answer

    def get_page_subtitle(self):
        return self.answer.attempt.quiz.title

    def get_form(self, data=None) -> GradeForm:
        answer = self.answer
        initial = {}
        if answer.marks is not None:
            initial = {
                "marks": f"{answer.marks.normalize():f}".replace(".", ","),
                "comment": answer.grader_comment,
            }
        return GradeForm(data, initial=initial, max_marks=answer.max_marks)

    def get_context_data(self, **kwargs):
        answer = self.answer
        version = answer.question_version
        return super().get_context_data(
            answer=answer,
            attempt=answer.attempt,
            learner=learner_name(answer.attempt),
            question_text=version.text,
            answer_html=answer_html(answer),
            answer_text=(answer.response or {}).get("text", ""),
            grader_info=clean_html(version.data.get("grader_info", "")),
            form=kwargs.pop("form", None) or self.get_form(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                attempt = attempt_question_grade(
                    question=self.answer,
                    marks=form.cleaned_data["marks"],
                    comment=form.cleaned_data["comment"],
                    grader=request.user,
                )
            except AttemptRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, graded_message(attempt))
                return redirect(next_answer_url(user=request.user))
        return self.render_to_response(self.get_context_data(form=form))


def graded_message(attempt: Attempt) -> str:
    name = learner_name(attempt)
    if attempt.state != Attempt.State.GRADED:
        return gettext(
            "Grade saved. The attempt of %(name)s still has answers to grade."
        ) % {"name": name}
    return gettext(
        "Grade saved. The attempt of %(name)s is finished: %(score)s out of %(max)s."
    ) % {
        "name": name,
        "score": format_score(attempt.score),
        "max": format_score(attempt.max_score),
    }


def next_answer_url(*, user) -> str:
    waiting = answers_awaiting_grading(user=user).values_list("pk", flat=True).first()
    if waiting:
        return reverse("grading:answer", args=[waiting])
    return reverse("grading:index")


class RegradeView(GradingViewMixin, TemplateView):
    """Confirm, run and audit a regrade of one quiz."""

    template_name = "assessments/admin/grading_regrade.html"
    page_title = _("Regrade")

    @cached_property
    def quiz(self) -> Quiz:
        return get_object_or_404(
            quizzes_gradable_by(user=self.request.user), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.quiz.title

    def get_context_data(self, **kwargs):
        records = list(
            RegradeRecord.objects.filter(quiz=self.quiz)
            .select_related("regraded_by", "question")
            .order_by("-regraded_at", "-pk")[:RECORDS_SHOWN]
        )
        shown = None
        wanted = self.request.GET.get("record")
        if wanted:
            shown = next((r for r in records if str(r.pk) == wanted), None)
        return super().get_context_data(
            quiz=self.quiz,
            records=records,
            shown=shown,
            changes=record_changes(shown) if shown else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        record = quiz_regrade(quiz=self.quiz, by=request.user)
        messages.success(
            request,
            gettext(
                "Regrade finished: %(checked)s attempts checked, %(changed)s changed."
            )
            % {
                "checked": record.attempts_checked,
                "changed": record.attempts_changed,
            },
        )
        url = reverse("grading:regrade", args=[self.quiz.pk])
        return redirect(f"{url}?record={record.pk}")


def record_changes(record: RegradeRecord) -> list[dict]:
    """A regrade's changes with the learner's name instead of an attempt id."""
    attempt_ids = {change.get("attempt") for change in record.changes}
    attempts = Attempt.objects.select_related("learner").in_bulk(attempt_ids)
    rows = []
    for change in record.changes:
        attempt = attempts.get(change.get("attempt"))
        rows.append(
            {
                "learner": learner_name(attempt) if attempt else "—",
                "attempt": attempt.number if attempt else "",
                "position": change.get("position"),
                "old": change.get("old"),
                "new": change.get("new"),
            }
        )
    return rows


class GradingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(GRADE_PERMISSION)


class GradingViewSet(ViewSet):
    name = "grading"
    url_prefix = "assessments/grading"
    icon = "check"
    menu_label = _("Grading")
    menu_item_class = GradingMenuItem

    def get_urlpatterns(self):
        return [
            path("", GradingQueueView.as_view(), name="index"),
            path("answer/<int:pk>/", GradeAnswerView.as_view(), name="answer"),
            path("quiz/<int:pk>/regrade/", RegradeView.as_view(), name="regrade"),
        ]


VIEWSETS: list = [GradingViewSet]
