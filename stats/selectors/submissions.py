"""Who has and has not sent a report: the units expected to report for a
template and year, each with its submission, or none.

A unit is expected to report when it was in force on the period's last day: a
district dissolved on 1/7/2025 owes no report for 2026, and a commune created
that day owes one.
"""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import pgettext_lazy

from people.access import unit_subtree_q, units_visible_to, visible_to
from people.models import AdminUnit, User
from people.selectors import units_valid_on

from ..models import ReportSubmission, ReportTemplate

# The status of a unit that has sent nothing yet (not a submission's status).
MISSING = "missing"
# The labels the report pages show. With a context of their own: a bare
# "Submitted" is translated by a catalogue that wins over this app's (lms
# locale: "Thời điểm nộp bài", a quiz attempt's column).
STATUS_LABELS = {
    ReportSubmission.Status.SUBMITTED: pgettext_lazy(
        "report status", "Submitted, waiting for review"
    ),
    ReportSubmission.Status.RETURNED: pgettext_lazy(
        "report status", "Returned for changes"
    ),
    ReportSubmission.Status.APPROVED: pgettext_lazy("report status", "Approved"),
    MISSING: pgettext_lazy("report status", "Not submitted"),
}
# A unit in one of these still owes the report.
OUTSTANDING = (MISSING, ReportSubmission.Status.RETURNED)
# A unit in one of these has nothing more to do unless the report is returned.
SENT = (ReportSubmission.Status.SUBMITTED, ReportSubmission.Status.APPROVED)


@dataclass(frozen=True)
class UnitReportStatus:
    """One unit's line of the list: its submission, or MISSING."""

    unit: AdminUnit
    status: str
    submission: ReportSubmission | None = None

    @property
    def label(self) -> str:
        return status_label(self.status)

    @property
    def is_outstanding(self) -> bool:
        return self.status in OUTSTANDING


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def units_expected_to_report(
    *, template: ReportTemplate, year: int
) -> QuerySet[AdminUnit]:
    """The units in force on the last day of the template's period that year."""
    return units_valid_on(on=template.period(year).end)


def units_yet_to_report(*, template: ReportTemplate, year: int) -> QuerySet[AdminUnit]:
    """The units expected to report that have not sent it, or had it returned
    (the reminders' list; not scoped: the task works for the whole province)."""
    sent = ReportSubmission.objects.filter(
        template=template, year=year, status__in=SENT
    )
    return units_expected_to_report(template=template, year=year).exclude(
        pk__in=sent.values("unit_id")
    )


def submission_status(
    *,
    template: ReportTemplate,
    year: int,
    under: AdminUnit | None,
    user: User,
) -> list[UnitReportStatus]:
    """For each unit expected to report, under `under` (and including it) and
    visible to `user`, whether it submitted, was returned, approved or is
    missing, in tree order. Two queries whatever the number of units.

    Asking about a unit outside one's reach is refused, not emptied.
    """
    visible = units_visible_to(user=user)
    units = units_expected_to_report(template=template, year=year).filter(
        pk__in=visible.values("pk")
    )
    if under is not None:
        if not visible.filter(pk=under.pk).exists():
            raise PermissionDenied
        units = units.filter(unit_subtree_q([under]))
    unit_list = list(units.order_by("path"))
    submissions = visible_to(
        user,
        ReportSubmission.objects.filter(
            template=template, year=year, unit__in=units.values("pk")
        ),
    ).select_related("submitted_by", "reviewed_by")
    by_unit = {submission.unit_id: submission for submission in submissions}
    return [
        UnitReportStatus(
            unit=unit,
            status=by_unit[unit.pk].status if unit.pk in by_unit else MISSING,
            submission=by_unit.get(unit.pk),
        )
        for unit in unit_list
    ]


def status_counts(rows: list[UnitReportStatus]) -> dict[str, int]:
    """How many units are in each status (every status present, maybe 0)."""
    counts = Counter(row.status for row in rows)
    statuses = [*ReportSubmission.Status.values, MISSING]
    return {status: counts.get(status, 0) for status in statuses}
