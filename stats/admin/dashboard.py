"""Admin: the statistics dashboard (headline figures, tables and charts for a
period, a unit subtree and the other filters) and the list of records behind
each of its numbers.

The figures come from stats.selectors.dashboard.report_figures, the records
from stats.selectors.records, both from one scope (figures_scope): a unit
manager sees their subtree and is refused any other unit. This module only
names the rows (target groups, levels, age bands) and draws the charts.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Model, QuerySet
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.permissions import PermissionMenuItem, PermissionRequiredMixin
from people.models import AdminUnit, TargetGroup, User

from ..charts import Bar, Point, months_between, sex_bar_chart, trend_line_chart
from ..forms import DashboardFilterForm, RecordsForm
from ..selectors.dashboard import report_figures
from ..selectors.records import (
    NONE,
    TurnCell,
    attempt_records,
    certificate_records,
    class_records,
    enrolment_records,
    turn_records,
)
from ..selectors.scope import FiguresScope, figures_scope
from ..templatetags.stats_dashboard import format_number
from . import STATS_MENU_HOOK

PERMISSION = "stats.view_dashboard"
RECORDS_PER_PAGE = 50
# The unit chart shows the top two levels; the table beside it has them all.
CHART_UNIT_DEPTH = 1
# Deeper rows than this are indented no further (the CSS has six steps).
MAX_INDENT = 6

LEVEL_LABELS = {
    "province": _("Province level"),
    "district": _("District level (until 30/6/2025)"),
    "commune": _("Commune level"),
    "other": _("Other"),
}
AGE_LABELS = {
    "under_30": _("Under 30"),
    "30_39": _("30 to 39"),
    "40_49": _("40 to 49"),
    "50_59": _("50 to 59"),
    "60_over": _("60 and over"),
    "unknown": _("Date of birth not recorded"),
}
SEX_LABELS = dict(User.Sex.choices)


class StatsPageMixin(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    """403 without the dashboard's permission; the filters read from GET."""

    permission = PERMISSION
    header_icon = "table"

    @cached_property
    def filter_form(self) -> DashboardFilterForm:
        return DashboardFilterForm(self.request.GET, user=self.request.user)

    def scope(self) -> FiguresScope:
        """The figures' scope; PermissionDenied for a unit outside one's own."""
        user = cast(User, self.request.user)
        return figures_scope(user=user, stats_filter=self.filter_form.stats_filter())


class DashboardView(StatsPageMixin, TemplateView):
    template_name = "stats/dashboard.html"
    page_title = pgettext_lazy("stats menu", "Dashboard")

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = self.filter_form
        context = super().get_context_data(form=form, **kwargs)
        if form.is_valid():
            scope = self.scope()
            context.update(
                dashboard_tables(report_figures(scope), scope=scope),
                query=form.query(),
                period=scope.filter,
            )
        return context


class DrilldownView(StatsPageMixin, TemplateView):
    template_name = "stats/drilldown.html"
    page_title = _("Records behind a figure")

    @cached_property
    def records_form(self) -> RecordsForm:
        return RecordsForm(self.request.GET)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        dashboard = reverse("stats:dashboard")
        query = urlencode(self.filter_form.query())
        return [
            *self.breadcrumbs_items,
            {
                "url": f"{dashboard}?{query}",
                "label": pgettext_lazy("stats menu", "Dashboard"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form, records_form = self.filter_form, self.records_form
        context = super().get_context_data(
            form=form, records_form=records_form, **kwargs
        )
        if form.errors.get("unit"):
            # Only a hand-made link names a unit one may not see.
            raise PermissionDenied
        if not (form.is_valid() and records_form.is_valid()):
            context["invalid"] = True
            return context
        scope = self.scope()
        kind = records_form.cleaned_data["kind"]
        records = records_for(kind, scope, records_form.cleaned_data, form)
        page = Paginator(records, RECORDS_PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            kind=kind,
            kind_label=KIND_LABELS[kind],
            headers=[str(header) for header in KIND_HEADERS[kind]],
            rows=[record_row(kind, record) for record in page.object_list],
            page_obj=page,
            people=_distinct_people(kind, records),
            period=scope.filter,
            cell=describe_cell(records_form.cleaned_data, form),
            dashboard_url=f"{reverse('stats:dashboard')}?{urlencode(form.query())}",
        )
        return context


# --- The dashboard's tables ------------------------------------------------------


def dashboard_tables(figures: dict[str, Any], *, scope: FiguresScope) -> dict[str, Any]:
    """The figures as the page shows them: rows named, unit rows indented below
    the top of the scope, and the charts drawn from the same rows."""
    top = scope.top_depth
    unit_types = dict(AdminUnit.UnitType.choices)
    units = [
        {
            **row,
            "label": f"{unit_types.get(row['unit_type'], '')} {row['unit_name']}".strip(),
            "indent": min(max(row["depth"] - top, 0), MAX_INDENT),
        }
        for row in figures["by_unit"]
    ]
    names = dict(TargetGroup.objects.values_list("pk", "name"))
    groups = sorted(
        (
            {
                **row,
                "label": names.get(row["target_group_id"], gettext("No target group")),
                "param": row["target_group_id"] or NONE,
            }
            for row in figures["by_target_group"]
        ),
        key=lambda row: (row["target_group_id"] is None, row["label"]),
    )
    levels = _labelled(figures["by_level"], "level", LEVEL_LABELS)
    ages = _labelled(figures["by_age_group"], "age_group", AGE_LABELS)
    employment_labels = {
        **dict(User.EmploymentType.choices),
        "": gettext("Not recorded"),
    }
    employment = [
        {
            **row,
            "label": employment_labels.get(
                row["person__employment_type"], row["person__employment_type"]
            ),
            "param": row["person__employment_type"] or NONE,
        }
        for row in figures["by_employment_type"]
    ]
    months = [
        {
            **row,
            "label": f"{row['month'][5:7]}/{row['month'][:4]}",
            "param": row["month"],
        }
        for row in figures["by_month"]
    ]
    return {
        "figures": figures,
        "units": units,
        "units_split": any(row["includes_split"] for row in units),
        "groups": groups,
        "levels": levels,
        "ages": ages,
        "employment": employment,
        "months": months,
        "courses": figures["by_course"],
        "downloads": _download_tables(figures["downloads"]),
        "unit_chart": sex_bar_chart(
            [
                _bar(row["label"], row, indent=row["indent"])
                for row in units
                if row["indent"] <= CHART_UNIT_DEPTH
            ],
            title=gettext("Participant-turns by unit and sex"),
            chart_id="chart-units",
            table_id="table-units",
            number=format_number,
        ),
        "group_chart": sex_bar_chart(
            [_bar(row["label"], row) for row in groups],
            title=gettext("Participant-turns by target group and sex"),
            chart_id="chart-groups",
            table_id="table-groups",
            number=format_number,
        ),
        "trend_chart": trend_line_chart(
            _trend(figures["by_month"], scope.filter.start, scope.filter.last_day),
            title=gettext("Participant-turns month by month"),
            chart_id="chart-months",
            table_id="table-months",
            number=format_number,
        ),
    }


def _download_tables(downloads: dict[str, Any]) -> list[dict[str, Any]]:
    """The four download tables, each with its caption and first heading."""
    headings = {
        "by_school_level": gettext("School level"),
        "by_topic": gettext("Topic"),
        "by_role": gettext("Role"),
        "by_unit": gettext("Unit"),
    }
    return [
        {
            "key": key.removeprefix("by_").replace("_", "-"),
            "heading": heading,
            "caption": gettext("Downloads by %(grouping)s")
            % {"grouping": heading.lower()},
            "rows": downloads.get(key, []),
        }
        for key, heading in headings.items()
    ]


def _labelled(
    rows: list[dict[str, Any]], key: str, labels: dict[str, Any]
) -> list[dict[str, Any]]:
    """Rows in the order of `labels`, each with its label and drill-down value."""
    order = list(labels)
    named = [
        {**row, "label": labels.get(row[key], row[key]), "param": row[key]}
        for row in rows
    ]
    return sorted(
        named, key=lambda row: order.index(row[key]) if row[key] in order else 99
    )


def _bar(label: str, row: dict[str, Any], *, indent: int = 0) -> Bar:
    women, men = row["turns_women"], row["turns_men"]
    return Bar(label, women, men, other=row["turns"] - women - men, indent=indent)


def _trend(rows: list[dict[str, Any]], start: dt.date, end: dt.date) -> list[Point]:
    by_month = {row["month"]: row for row in rows}
    points = []
    for month in months_between(start, end):
        row = by_month.get(f"{month:%Y-%m}")
        if row:
            points.append(
                Point(month, row["turns_women"], row["turns_men"], row["turns"])
            )
        else:
            points.append(Point(month, 0, 0, 0))
    return points


# --- The records behind a figure -------------------------------------------------

KIND_LABELS = {
    "turns": _("Participant-turns"),
    "classes": _("Classes held"),
    "enrolments": _("Online enrolments"),
    "completions": _("Online completions"),
    "attempts": _("Graded quiz attempts"),
    "passes": _("Quiz passes"),
    "certificates": _("Certificates issued"),
}
PERSON_HEADERS = (_("Full name"), _("Sex"), _("Unit"))
KIND_HEADERS = {
    "turns": (*PERSON_HEADERS, _("Class"), _("Organising unit"), _("Start date")),
    "classes": (
        _("Code"),
        _("Class"),
        _("Organising unit"),
        _("Course"),
        _("Mode"),
        _("Start date"),
    ),
    "enrolments": (*PERSON_HEADERS, _("Course"), _("Enrolled on"), _("Completed on")),
    "completions": (*PERSON_HEADERS, _("Course"), _("Enrolled on"), _("Completed on")),
    "attempts": (*PERSON_HEADERS, _("Quiz"), _("Graded on"), _("Score (%)")),
    "passes": (*PERSON_HEADERS, _("Quiz"), _("Graded on"), _("Score (%)")),
    "certificates": (
        *PERSON_HEADERS,
        _("Number"),
        _("Course or class"),
        _("Date of issue"),
    ),
}


def records_for(
    kind: str, scope: FiguresScope, cell: dict[str, Any], form: DashboardFilterForm
) -> QuerySet[Any]:
    """The queryset behind one figure (records.py narrows it to the cell)."""
    sex = cell.get("sex") or ""
    if kind == "turns":
        return turn_records(scope, turn_cell(cell, form))
    if kind == "classes":
        return class_records(scope)
    if kind in ("enrolments", "completions"):
        return enrolment_records(scope, sex=sex, completed=kind == "completions")
    if kind in ("attempts", "passes"):
        return attempt_records(scope, sex=sex, passed=kind == "passes")
    return certificate_records(scope, sex=sex)


def turn_cell(cell: dict[str, Any], form: DashboardFilterForm) -> TurnCell:
    """The cell a turns list stands for; a unit row is the filter's unit, as
    the table rolls it up (records.py)."""
    group = cell.get("group") or None
    employment = cell.get("employment") or None
    return TurnCell(
        unit=form.cleaned_data.get("unit") if cell.get("row") == "unit" else None,
        sex=cell.get("sex") or "",
        target_group_id=int(group) if group and group != NONE else None,
        no_target_group=group == NONE,
        month=cell.get("month"),
        level=cell.get("level") or "",
        age_group=cell.get("age") or "",
        employment_type="" if employment == NONE else employment,
        leaders=bool(cell.get("leaders")),
    )


def _distinct_people(kind: str, records: QuerySet[Any]) -> int | None:
    """How many people the list names (a person with two turns is one)."""
    person = {
        "turns": "person",
        "enrolments": "learner",
        "completions": "learner",
        "attempts": "learner",
        "passes": "learner",
        "certificates": "holder",
    }.get(kind)
    if person is None:
        return None
    return int(records.aggregate(n=Count(person, distinct=True))["n"])


@dataclass(frozen=True)
class RecordRow:
    cells: tuple[Any, ...]


def _person(person: User) -> tuple[str, str, str]:
    return (
        person.full_name or person.username,
        str(SEX_LABELS.get(person.sex, "")),
        str(person.unit) if person.unit_id else "",
    )


def _day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value:%d/%m/%Y}"


def record_row(kind: str, record: Model) -> RecordRow:
    """One line of a drill-down list (the columns of KIND_HEADERS[kind])."""
    if kind == "turns":
        turn = cast(Any, record)
        klass = turn.training_class
        return RecordRow(
            (
                *_person(turn.person),
                f"{klass.code} – {klass.title}",
                str(klass.unit),
                _day(klass.starts_on),
            )
        )
    if kind == "classes":
        klass = cast(Any, record)
        return RecordRow(
            (
                klass.code,
                klass.title,
                str(klass.unit),
                klass.course.title if klass.course_id else "",
                klass.get_mode_display(),
                _day(klass.starts_on),
            )
        )
    if kind in ("enrolments", "completions"):
        enrolment = cast(Any, record)
        return RecordRow(
            (
                *_person(enrolment.learner),
                enrolment.course.title,
                _day(enrolment.enrolled_at),
                _day(enrolment.completed_at),
            )
        )
    if kind in ("attempts", "passes"):
        attempt = cast(Any, record)
        score = (
            format_number(100 * attempt.score / attempt.max_score)
            if attempt.score is not None and attempt.max_score
            else ""
        )
        return RecordRow(
            (
                *_person(attempt.learner),
                attempt.quiz.title,
                _day(attempt.graded_at),
                score,
            )
        )
    certificate = cast(Any, record)
    return RecordRow(
        (
            *_person(certificate.holder),
            certificate.number,
            certificate.subject_title,
            _day(certificate.issued_on),
        )
    )


def describe_cell(cell: dict[str, Any], form: DashboardFilterForm) -> list[str]:
    """What the list is narrowed to, in words (above the list)."""
    data = form.cleaned_data
    parts: list[str] = []
    unit: AdminUnit | None = data.get("unit")
    if unit is not None:
        parts.append(f"{gettext('Unit')}: {unit}")
    for name, label in (
        ("training_class", _("Class")),
        ("course", _("Course")),
        ("target_group", _("Target group")),
    ):
        if data.get(name):
            parts.append(f"{label}: {data[name]}")
    if cell.get("sex"):
        parts.append(f"{gettext('Sex')}: {SEX_LABELS[cell['sex']]}")
    group = cell.get("group")
    if group == NONE:
        parts.append(gettext("No target group"))
    elif group:
        names = TargetGroup.objects.filter(pk=group).values_list("name", flat=True)
        parts.append(f"{gettext('Target group')}: {names.first() or group}")
    if cell.get("month"):
        parts.append(f"{gettext('Month')}: {cell['month']:%m/%Y}")
    if cell.get("level"):
        parts.append(str(LEVEL_LABELS[cell["level"]]))
    if cell.get("age"):
        parts.append(f"{gettext('Age')}: {AGE_LABELS[cell['age']]}")
    if cell.get("employment"):
        employment = dict(User.EmploymentType.choices).get(
            cell["employment"], gettext("Not recorded")
        )
        parts.append(f"{gettext('Employment type')}: {employment}")
    if cell.get("leaders"):
        parts.append(gettext("Leaders"))
    return parts


# --- Wiring ---------------------------------------------------------------------

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("records/", DrilldownView.as_view(), name="records"),
]


@hooks.register("register_admin_urls")
def register_dashboard_urls() -> list[Any]:
    return [path("stats/", include((urlpatterns, "stats"), namespace="stats"))]


class DashboardMenuItem(PermissionMenuItem):
    permission = PERMISSION


@hooks.register(STATS_MENU_HOOK)
def register_dashboard_menu_item() -> DashboardMenuItem:
    return DashboardMenuItem(
        pgettext_lazy("stats menu", "Dashboard"),
        reverse("stats:dashboard"),
        name="stats-dashboard",
        icon_name="table",
        order=100,
    )
