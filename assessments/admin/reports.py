"""Admin: quiz reports. Per quiz: the attempts list (with an Excel export),
the item analysis (Moodle's quiz statistics) and, for a post-test, the
knowledge gain from its pre-test.

Who sees which quiz and whose rows is decided in assessments.selectors
(# Reports); the figures come from assessments.analysis. Every report (the
attempts list and its export, the item analysis, the knowledge gain) offers
the filters registered in assessments.report_filters (training registers "by
class") through one form, ReportFilterForm, which ReportViewMixin builds and
applies; this app cannot import the apps above it.
"""

import io
from datetime import datetime
from decimal import Decimal
from typing import Self, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.timezone import localtime
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from lms.permissions import PermissionRequiredMixin
from lms.spreadsheets import is_formula_like
from people.fields import UnitChoiceField
from people.models import User
from people.personal_data_log import personal_data_export_log
from people.selectors import unit_subtree_q

from ..analysis import (
    ATTEMPTS_USED,
    UNKNOWN_ATTEMPTS_USED,
    knowledge_gain,
    quiz_statistics,
)
from ..models import Attempt, AttemptQuestion, QuestionVersion, Quiz
from ..qtypes import question_type
from ..report_filters import report_filters
from ..scoring import round_score
from ..selectors import (
    REPORTS_PERMISSION,
    quiz_report_attempts,
    quiz_report_index,
    quiz_report_learners,
    quiz_report_units,
    quizzes_reportable_to,
)

ATTEMPTS_PER_PAGE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEX_UNKNOWN = "unknown"
HISTOGRAM_WIDTH = 320
HISTOGRAM_HEIGHT = 120
SCORE_NUMBER_FORMAT = "0.00"


# --- The registered filters, above every report ----------------------------------


class ReportFilterForm(forms.Form):
    """The filters registered in assessments.report_filters, offered above
    every quiz report. Each field offers only the values the registered filter
    gives this user (what they may see), so a value outside them is refused by
    the form and never applied. Without a user, no registered filter."""

    def __init__(
        self, *args, user: User | None = None, quiz: Quiz | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.user = user
        self.registered = []
        if user is None:
            return
        self.registered = report_filters()
        for report_filter in self.registered:
            self.fields[report_filter.key] = forms.ChoiceField(
                # The form is built for each request, in its language.
                label=str(report_filter.label),
                required=False,
                choices=[("", _("All")), *report_filter.choices(user, quiz)],
            )

    @classmethod
    def parameters(cls) -> set[str]:
        """The query-string keys the form reads."""
        return {f.key for f in report_filters()}

    @classmethod
    def from_query(cls, query, **kwargs) -> Self:
        """The form bound to the query string's keys it reads (unbound when
        none is given), validated."""
        keys = cls.parameters()
        params = {k: v for k, v in query.items() if k in keys}
        form = cls(params or None, **kwargs)
        form.is_valid()
        return form

    def _valid(self) -> dict:
        return self.cleaned_data if self.is_bound else {}

    def registered_values(self) -> dict[str, str]:
        """The registered filters chosen with a valid value."""
        data = self._valid()
        return {f.key: data[f.key] for f in self.registered if data.get(f.key)}

    def chosen_learners(self) -> QuerySet[User] | None:
        """The people every chosen registered filter keeps; None when none is
        chosen. One subquery per filter: no query of its own."""
        values = self.registered_values()
        chosen: QuerySet[User] | None = None
        for report_filter in self.registered:
            if report_filter.key in values:
                kept = report_filter.learners(
                    cast(User, self.user), values[report_filter.key]
                )
                chosen = (User.objects.all() if chosen is None else chosen).filter(
                    pk__in=kept.values("pk")
                )
        return chosen


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORTS_PERMISSION)


class ReportViewMixin(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    """Needs the reports permission (403); a quiz outside the user's reach is 404."""

    header_icon = "table"
    permission = REPORTS_PERMISSION
    filter_form_class: type[ReportFilterForm] = ReportFilterForm

    @cached_property
    def quiz(self) -> Quiz:
        return get_object_or_404(
            quizzes_reportable_to(user=self.request.user).select_related("pre_test"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def filter_form(self) -> ReportFilterForm:
        """The report's filter form, bound to the query string's own keys and
        validated (a refused value is reported by the form, never applied)."""
        return self.filter_form_class.from_query(
            self.request.GET,
            # Wagtail's admin serves signed-in users only; the stubs allow an anonymous one.
            user=cast(User, self.request.user),
            quiz=self.quiz,
            **self.get_filter_form_kwargs(),
        )

    def get_filter_form_kwargs(self) -> dict:
        return {}

    @cached_property
    def learners(self) -> QuerySet[User] | None:
        """Whose attempts the figures count: those the user may see, narrowed
        by the registered filters chosen; None means everyone's."""
        reach = quiz_report_learners(user=self.request.user, quiz=self.quiz)
        chosen = self.filter_form.chosen_learners()
        if chosen is None:
            return reach
        if reach is None:
            return chosen
        return reach.filter(pk__in=chosen.values("pk"))

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quiz_reports:index"), "label": gettext("Quiz reports")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.quiz.title},
        ]

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.filter_form)
        return super().get_context_data(
            quiz=self.quiz,
            # The links between a quiz's reports keep the registered filters.
            filter_query=urlencode(self.filter_form.registered_values()),
            **kwargs,
        )


# --- The list of quizzes ---------------------------------------------------------


class QuizReportIndexView(
    PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "assessments/admin/report_index.html"
    page_title = _("Quiz reports")
    header_icon = "table"
    permission = REPORTS_PERMISSION

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        quizzes = quiz_report_index(user=self.request.user)
        page = Paginator(quizzes, ATTEMPTS_PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(page=page, quizzes=page.object_list, **kwargs)


# --- Attempts --------------------------------------------------------------------


class AttemptFilterForm(ReportFilterForm):
    unit = UnitChoiceField(
        label=_("Unit (and the units below it)"),
        queryset=None,
        required=False,
        empty_label=_("All units"),
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        required=False,
        choices=[
            ("", _("All")),
            *User.Sex.choices,
            (SEX_UNKNOWN, pgettext_lazy("sex", "Not given")),
        ],
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), *Attempt.State.choices],
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    @classmethod
    def parameters(cls) -> set[str]:
        return {"unit", "sex", "state", *super().parameters()}

    def filter(self, attempts):
        """Apply the filters that are valid; an invalid one is reported, not guessed."""
        data = self._valid()
        chosen = self.chosen_learners()
        if chosen is not None:
            attempts = attempts.filter(learner__in=chosen.values("pk"))
        if data.get("unit"):
            attempts = attempts.filter(
                unit_subtree_q([data["unit"]], prefix="learner__unit__")
            )
        if data.get("sex") == SEX_UNKNOWN:
            attempts = attempts.filter(learner__sex="")
        elif data.get("sex"):
            attempts = attempts.filter(learner__sex=data["sex"])
        if data.get("state"):
            attempts = attempts.filter(state=data["state"])
        return attempts


def attempt_percentage(attempt: Attempt) -> Decimal | None:
    return attempt.percentage


class AttemptListView(ReportViewMixin, TemplateView):
    """Every attempt at the quiz, filtered; `?export=xlsx` downloads the rows
    with each answer. Exports hold personal data: each is logged to lms.audit."""

    template_name = "assessments/admin/report_attempts.html"
    page_title = _("Attempts")
    filter_form_class = AttemptFilterForm

    def get_filter_form_kwargs(self) -> dict:
        user = cast(User, self.request.user)
        return {"units": quiz_report_units(user=user, quiz=self.quiz)}

    def attempts(self):
        rows = quiz_report_attempts(user=self.request.user, quiz=self.quiz)
        return self.filter_form.filter(rows)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx" and not self.filter_form.errors:
            return self.export()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        page = Paginator(self.attempts(), ATTEMPTS_PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        filters = {
            key: value
            for key, value in self.filter_form.data.items()
            if value and key not in self.filter_form.errors
        }
        return super().get_context_data(
            form=self.filter_form,
            page=page,
            attempts=[
                (attempt, attempt_percentage(attempt)) for attempt in page.object_list
            ],
            extra_query=urlencode(filters),
            export_query=urlencode({**filters, "export": "xlsx"}),
            **kwargs,
        )

    def export(self) -> HttpResponse:
        attempts = list(
            self.attempts().prefetch_related(
                Prefetch(
                    "questions",
                    queryset=AttemptQuestion.objects.only(
                        "attempt_id",
                        "position",
                        "slot_position",
                        "question_version_id",
                        "response",
                        "marks",
                    ).order_by("position"),
                )
            )
        )
        personal_data_export_log(
            self.request, what="quiz attempts", rows=len(attempts), file_format="xlsx"
        )
        content = attempts_workbook(attempts)
        response = HttpResponse(content, content_type=XLSX_TYPE)
        filename = f"bai-lam-{slugify(self.quiz.title) or self.quiz.pk}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def attempts_workbook(attempts: list[Attempt]) -> bytes:
    """One row per attempt, then each answer as text (never HTML) and its marks."""
    version_ids = {q.question_version_id for a in attempts for q in a.questions.all()}
    versions = QuestionVersion.objects.select_related("question").in_bulk(version_ids)
    slots = sorted({q.slot_position for a in attempts for q in a.questions.all()})
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Attempts"))
    heading = [
        gettext("Full name"),
        gettext("Username"),
        gettext("Unit"),
        gettext("Sex"),
        gettext("Attempt"),
        gettext("State"),
        gettext("Score"),
        gettext("Maximum score"),
        gettext("Score (%)"),
        gettext("Passed"),
        gettext("Submitted"),
    ]
    for slot in slots:
        heading += [
            gettext("Q%(number)s answer") % {"number": slot},
            gettext("Q%(number)s marks") % {"number": slot},
        ]
    sheet.append([spreadsheet_cell(sheet, value) for value in heading])
    for attempt in attempts:
        by_slot: dict[int, list[AttemptQuestion]] = {}
        for question in attempt.questions.all():
            by_slot.setdefault(question.slot_position, []).append(question)
        row = attempt_row(attempt)
        for slot in slots:
            given = by_slot.get(slot, [])
            row.append(
                " | ".join(
                    response_text(q, versions.get(q.question_version_id)) for q in given
                )
            )
            marks = [q.marks for q in given if q.marks is not None]
            row.append(sum(marks) if marks else None)
        sheet.append([spreadsheet_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attempt_row(attempt: Attempt) -> list:
    learner = attempt.learner
    submitted = localtime(attempt.submitted_at) if attempt.submitted_at else None
    return [
        learner.full_name or learner.username,
        learner.username,
        str(learner.unit) if learner.unit_id else "",
        learner.get_sex_display(),
        attempt.number,
        attempt.get_state_display(),
        attempt.score,
        attempt.max_score,
        attempt_percentage(attempt),
        _yes_no(attempt.passed),
        submitted.replace(tzinfo=None) if submitted else None,
    ]


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return gettext("Yes") if value else gettext("No")


def spreadsheet_cell(sheet, value) -> WriteOnlyCell:
    """A cell that shows what was typed: text stays text, and text that would
    start a formula is stored as text with Excel's quote prefix."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, Decimal):
        # Scores stay numbers Excel can add up, shown as every page rounds them.
        cell = WriteOnlyCell(sheet, value=float(round_score(value)))
        cell.number_format = SCORE_NUMBER_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.number_format = "dd/mm/yyyy hh:mm"
    return cell


def response_text(question: AttemptQuestion, version: QuestionVersion | None) -> str:
    """An answer as plain text: option texts for choices, markup dropped from essays."""
    response = question.response
    if not isinstance(response, dict) or version is None:
        return ""
    kind = question_type(version.question.question_type)
    return kind.response_text(version.data or {}, response)


# --- Item analysis ---------------------------------------------------------------


class ItemAnalysisView(ReportViewMixin, TemplateView):
    template_name = "assessments/admin/report_items.html"
    page_title = _("Item analysis")

    def get_context_data(self, **kwargs):
        used = self.request.GET.get("attempts", "first")
        error = None
        if used not in ATTEMPTS_USED:
            error = str(UNKNOWN_ATTEMPTS_USED)
            used = "first"
        stats = quiz_statistics(self.quiz, attempts=used, learners=self.learners)
        return super().get_context_data(
            stats=stats,
            attempts_used=used,
            error=error,
            histogram=histogram_bars(stats.histogram),
            histogram_width=HISTOGRAM_WIDTH,
            histogram_height=HISTOGRAM_HEIGHT + 30,
            **kwargs,
        )


def histogram_bars(bins) -> list[dict]:
    """Where each bar of the inline SVG goes; the template only draws them."""
    if not bins or not any(b.count for b in bins):
        return []
    width = HISTOGRAM_WIDTH / len(bins)
    bars = []
    for index, item in enumerate(bins):
        height = round(item.share * HISTOGRAM_HEIGHT, 1)
        bars.append(
            {
                "x": round(index * width + 2, 1),
                "y": round(HISTOGRAM_HEIGHT - height + 15, 1),
                "width": round(width - 4, 1),
                "height": height,
                "middle": round(index * width + width / 2, 1),
                "count": item.count,
                "label": f"{item.low}–{item.high}",
            }
        )
    return bars


# --- Knowledge gain --------------------------------------------------------------


class KnowledgeGainView(ReportViewMixin, TemplateView):
    template_name = "assessments/admin/report_gain.html"
    page_title = _("Knowledge gain")

    def get_context_data(self, **kwargs):
        report = error = None
        try:
            report = knowledge_gain(self.quiz, learners=self.learners)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        return super().get_context_data(report=report, error=error, **kwargs)


class QuizReportViewSet(ViewSet):
    name = "quiz_reports"
    url_prefix = "assessments/reports"
    icon = "table"
    menu_label = _("Quiz reports")
    menu_item_class = ReportsMenuItem

    def get_urlpatterns(self):
        return [
            path("", QuizReportIndexView.as_view(), name="index"),
            path("<int:pk>/attempts/", AttemptListView.as_view(), name="attempts"),
            path("<int:pk>/items/", ItemAnalysisView.as_view(), name="items"),
            path("<int:pk>/gain/", KnowledgeGainView.as_view(), name="gain"),
        ]


VIEWSETS: list = [QuizReportViewSet]
