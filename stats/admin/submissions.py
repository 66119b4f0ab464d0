"""Admin: the units' periodic reports (Báo cáo định kỳ).

- the list of units expected to send a report for a template and year, with
  who has and has not submitted (scoped through people.access: the province
  sees every unit, a unit manager theirs);
- a submitted report, with the figures frozen when it was sent, and the
  approve / return buttons for the level above;
- "submit my unit's report" for unit managers.

The rules (who may submit or review) live in stats.services.submissions; a
report outside the user's reach is "not found".
"""

import datetime as dt
import logging
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.permissions import PermissionMenuItem, PermissionRequiredMixin
from lms.text import ascii_slug
from people.access import sees_everything, units_visible_to, visible_to
from people.fields import UnitChoiceField
from people.models import AdminUnit, User

from ..models import ReportSubmission, ReportTemplate
from ..selectors.submissions import (
    MISSING,
    status_counts,
    status_label,
    submission_status,
)
from ..services.exports import period_of, report_workbook
from ..services.submissions import (
    report_approve,
    report_may_review,
    report_may_submit,
    report_return,
    report_submit,
)
from . import STATS_MENU_HOOK

audit_log = logging.getLogger("lms.audit")

VIEW_PERMISSION = "stats.view_reportsubmission"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUBMIT_PERMISSION = "stats.add_reportsubmission"
FIRST_YEAR = 2000
LAST_YEAR = 2100


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def units_submittable_by(user: User) -> QuerySet[AdminUnit]:
    """The units whose report this person may submit (what the form offers)."""
    if sees_everything(user):
        return AdminUnit.objects.order_by("path")
    return user.managed_units.order_by("path")


def templates_for(year: int) -> list[ReportTemplate]:
    return [t for t in ReportTemplate.objects.order_by("name") if t.applies_to(year)]


class ReportsPageMixin(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    header_icon = "doc-full"
    permission = VIEW_PERMISSION

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("stats_reports:index"),
                "label": gettext("Periodic reports"),
            },
            {"url": "", "label": self.get_page_title()},
        ]


# --- Who has and has not submitted ----------------------------------------------


class TemplateChoiceField(forms.ModelChoiceField):
    """A report and the years it is made for: the same report has a row per
    recipient ("Báo cáo năm (2022–2024)", "Báo cáo năm (2025–)")."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.first_year}–{obj.last_year or ''})"


class ReportStatusFilterForm(forms.Form):
    template = TemplateChoiceField(
        label=_("Report"),
        queryset=ReportTemplate.objects.order_by("name", "first_year"),
        required=False,
        empty_label=None,
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )
    unit = UnitChoiceField(
        label=_("Unit (and the units below it)"),
        queryset=None,
        required=False,
        empty_label=_("All my units"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast(UnitChoiceField, self.fields["unit"])
        unit_field.queryset = units_visible_to(user=user).order_by("path")


class ReportStatusView(ReportsPageMixin, TemplateView):
    """A template and year: every unit expected to report, and its status."""

    template_name = "stats/submissions/index.html"
    page_title = _("Periodic reports")

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def form(self) -> ReportStatusFilterForm:
        year = timezone.localdate().year
        first = next(iter(templates_for(year)), None)
        return ReportStatusFilterForm(
            self.request.GET or None,
            user=_user(self.request),
            initial={"year": year, "template": first.pk if first else None},
        )

    def _choices(self) -> tuple[ReportTemplate | None, int, AdminUnit | None]:
        """The template and year asked for; a template not made for that year
        gives way to the one of the same report that is (the recipient changed
        in 2025), else to the first report of the year."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        year = data.get("year") or timezone.localdate().year
        template = data.get("template")
        if template is None or not template.applies_to(year):
            candidates = templates_for(year)
            same = [t for t in candidates if template and t.slug == template.slug]
            template = next(iter(same or candidates), None)
        return template, year, data.get("unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = _user(self.request)
        template, year, under = self._choices()
        rows = (
            submission_status(template=template, year=year, under=under, user=user)
            if template
            else []
        )
        submittable = set(units_submittable_by(user).values_list("pk", flat=True))
        if not user.has_perm(SUBMIT_PERMISSION):
            submittable = set()
        top = min((row.unit.depth for row in rows), default=1)
        lines = [
            {
                "row": row,
                "indent": row.unit.depth - top,
                "submit_url": _submit_url(template, year, row.unit)
                if template and row.is_outstanding and row.unit.pk in submittable
                else "",
            }
            for row in rows
        ]
        counts = status_counts(rows)
        return super().get_context_data(
            form=self.form,
            report_template=template,
            year=year,
            period=template.period(year) if template else None,
            lines=lines,
            missing=counts.pop(MISSING),
            counts=[(status_label(value), count) for value, count in counts.items()],
            total=len(rows),
            submit_url=_submit_url(template, year, None) if submittable else "",
            **kwargs,
        )


def _submit_url(
    template: ReportTemplate | None, year: int, unit: AdminUnit | None
) -> str:
    query: dict[str, Any] = {"year": year}
    if template is not None:
        query["template"] = template.pk
    if unit is not None:
        query["unit"] = unit.pk
    return f"{reverse('stats_reports:submit')}?{urlencode(query)}"


# --- One submitted report ------------------------------------------------------------


def _sex_row(label: str, figures: dict[str, Any], key: str) -> dict[str, Any]:
    return {
        "label": label,
        "total": figures.get(key),
        "women": figures.get(f"{key}_women"),
        "men": figures.get(f"{key}_men"),
    }


def _plain_row(label: str, value: Any) -> dict[str, Any]:
    return {"label": label, "total": value, "women": None, "men": None}


def headline_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The frozen headline as table rows (label, total, women, men). Missing
    keys read as empty, so a report frozen by an older version still shows."""
    training = figures.get("training", {})
    online = figures.get("online", {})
    quizzes = figures.get("quizzes", {})
    knowledge = figures.get("knowledge", {})
    certificates = figures.get("certificates", {})
    return [
        _plain_row(gettext("Classes held"), training.get("classes")),
        _plain_row(gettext("Sessions"), training.get("sessions")),
        _plain_row(gettext("Training hours"), training.get("class_hours")),
        _plain_row(gettext("Participant-hours"), training.get("participant_hours")),
        _sex_row(gettext("Participant-turns"), training, "turns"),
        _sex_row(gettext("Distinct people"), training, "people"),
        {
            "label": gettext("Ethnic-minority people (with consent)"),
            "total": training.get("minority_people"),
            "women": training.get("minority_women"),
            "men": None,
        },
        {
            "label": gettext("Participant-turns of leaders"),
            "total": training.get("leaders_turns"),
            "women": training.get("leaders_women"),
            "men": None,
        },
        _sex_row(gettext("Online enrolments"), online, "enrolments"),
        _sex_row(gettext("Online completions"), online, "completions"),
        _sex_row(gettext("Completion rate (%)"), online, "completion_rate"),
        _sex_row(gettext("Quiz attempts"), quizzes, "attempts"),
        _sex_row(gettext("Quiz pass rate (%)"), quizzes, "pass_rate"),
        _plain_row(gettext("Knowledge gain (points)"), knowledge.get("gain")),
        _sex_row(gettext("Certificates issued"), certificates, "certificates"),
    ]


def _frozen_period(figures: dict[str, Any]) -> dict[str, dt.date | None]:
    """The period the figures were counted over, as dates (stored as ISO text)."""
    stored = figures.get("period", {})
    return {
        key: dt.date.fromisoformat(stored[key]) if stored.get(key) else None
        for key in ("start", "end", "cutoff")
    }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What must be changed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,  # the service says so, in its words
    )


class SubmissionMixin(ReportsPageMixin):
    """One report the user may see (people.access); any other is 404."""

    @cached_property
    def submission(self) -> ReportSubmission:
        view = cast(View, self)
        rows = visible_to(
            _user(view.request),
            ReportSubmission.objects.select_related(
                "template", "unit", "submitted_by", "reviewed_by"
            ),
        )
        return get_object_or_404(rows, pk=view.kwargs["pk"])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.has_perm(self.permission):
            self.submission  # noqa: B018 (404 before anything is done)
        return super().dispatch(request, *args, **kwargs)


class SubmissionDetailView(SubmissionMixin, TemplateView):
    template_name = "stats/submissions/detail.html"
    page_title = _("Report")

    def get_page_subtitle(self) -> str:
        return str(self.submission)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        submission = self.submission
        user = _user(self.request)
        figures = submission.figures or {}
        unit_rows = figures.get("by_unit", [])
        top = min((row.get("depth", 1) for row in unit_rows), default=1)
        waiting = submission.status == ReportSubmission.Status.SUBMITTED
        returned = submission.status == ReportSubmission.Status.RETURNED
        return super().get_context_data(
            submission=submission,
            status=status_label(submission.status),
            period=_frozen_period(figures),
            headline=headline_rows(figures),
            unit_rows=[
                {**row, "indent": row.get("depth", 1) - top} for row in unit_rows
            ],
            export_url=reverse("stats_reports:export", args=[submission.pk]),
            may_review=waiting and report_may_review(user=user, submission=submission),
            return_form=kwargs.pop("return_form", None) or ReturnForm(),
            resubmit_url=_submit_url(
                submission.template, submission.year, submission.unit
            )
            if returned
            and user.has_perm(SUBMIT_PERMISSION)
            and report_may_submit(user=user, unit=submission.unit)
            else "",
            **kwargs,
        )


class SubmissionReviewView(SubmissionMixin, View):
    """POST only: approve the report, or return it with a comment."""

    http_method_names = ["post"]
    action = "approve"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        detail = reverse("stats_reports:detail", args=[pk])
        by = _user(request)
        try:
            if self.action == "return":
                form = ReturnForm(request.POST)
                comment = form.cleaned_data["comment"] if form.is_valid() else ""
                report_return(submission=self.submission, by=by, comment=comment)
                messages.success(request, gettext("The report was returned."))
            else:
                report_approve(submission=self.submission, by=by)
                messages.success(request, gettext("The report was approved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        # PermissionDenied goes up: Wagtail answers 403.
        return redirect(detail)


class SubmissionExportView(SubmissionMixin, View):
    """The frozen figures as the report's Excel workbook (stats.services.exports)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = self.submission
        figures = submission.figures
        period, cutoff = period_of(figures)
        content = report_workbook(
            figures,
            title=f"{submission.template.name} {submission.year}",
            unit_name=submission.unit.name,
            period=period,
            cutoff=cutoff,
            recipient=submission.template.recipient,
        )
        audit_log.info(
            "statistics export: submitted report user=%s submission=%s",
            request.user.pk,
            submission.pk,
        )
        name = "-".join(
            [
                ascii_slug(submission.template.slug),
                str(submission.year),
                ascii_slug(submission.unit.code),
            ]
        )
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response


# --- Submitting a unit's report --------------------------------------------------


class SubmitForm(forms.Form):
    template = TemplateChoiceField(
        label=_("Report"),
        queryset=ReportTemplate.objects.order_by("name", "first_year"),
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    unit = UnitChoiceField(label=_("Unit"), queryset=None)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast(UnitChoiceField, self.fields["unit"])
        unit_field.queryset = units_submittable_by(user)


class SubmitView(ReportsPageMixin, FormView):
    """A unit manager sends their unit's report; its figures are frozen now."""

    template_name = "stats/submissions/submit.html"
    page_title = _("Submit a report")
    permission = SUBMIT_PERMISSION

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        user = _user(request)
        if user.has_perm(self.permission) and not units_submittable_by(user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": _user(self.request)}

    def get_form_class(self) -> type[SubmitForm]:
        return SubmitForm

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {"year": timezone.localdate().year}
        for key in ("template", "year", "unit"):
            value = self.request.GET.get(key, "")
            if value.isdigit():
                initial[key] = int(value)
        return initial

    def form_valid(self, form: SubmitForm) -> HttpResponse:
        try:
            submission = report_submit(
                template=form.cleaned_data["template"],
                year=form.cleaned_data["year"],
                unit=form.cleaned_data["unit"],
                by=_user(self.request),
            )
        except (ValidationError, PermissionDenied) as error:
            texts = (
                error.messages if isinstance(error, ValidationError) else [str(error)]
            )
            for text in texts:
                form.add_error(None, text)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("The report was submitted; its figures are kept as they are now."),
        )
        return redirect("stats_reports:detail", submission.pk)


# --- Wiring ---------------------------------------------------------------------------

urlpatterns = [
    path("", ReportStatusView.as_view(), name="index"),
    path("submit/", SubmitView.as_view(), name="submit"),
    path("<int:pk>/", SubmissionDetailView.as_view(), name="detail"),
    path("<int:pk>/xlsx/", SubmissionExportView.as_view(), name="export"),
    path(
        "<int:pk>/approve/",
        SubmissionReviewView.as_view(action="approve"),
        name="approve",
    ),
    path(
        "<int:pk>/return/",
        SubmissionReviewView.as_view(action="return"),
        name="return",
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls() -> list[Any]:
    return [
        path(
            "stats-reports/",
            include((urlpatterns, "stats_reports"), namespace="stats_reports"),
        )
    ]


class ReportsMenuItem(PermissionMenuItem):
    permission = VIEW_PERMISSION


@hooks.register(STATS_MENU_HOOK)
def register_reports_menu_item() -> ReportsMenuItem:
    return ReportsMenuItem(
        pgettext_lazy("stats menu", "Reports"),
        reverse("stats_reports:index"),
        name="stats-reports",
        icon_name="doc-full",
        order=300,
    )
