"""A unit's report: submitted by its manager, reviewed by the level above, and
reminded before it is due.

The figures are computed once, when the report is submitted, and frozen in the
submission (DESIGN.md §4: a past result never changes when records do). A
returned report is submitted again, its figures frozen anew.

Who may do what, written once here and asked by the admin pages too:
- submit: a unit manager whose managed units include the unit, or an
  administrator;
- approve or return: a unit manager of a unit *above* the report's unit (the
  unit's own managers do not review their own report), or an administrator.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from courses.services.mail import admin_url, mail_user
from lms.text import normalise_text
from people.access import role_holders_q, sees_everything, user_has_role
from people.models import AdminUnit, User
from people.roles import Role

from ..models import ReportPeriod, ReportReminder, ReportSubmission, ReportTemplate
from ..selectors.dashboard import report_figures
from ..selectors.scope import StatsFilter, figures_scope
from ..selectors.submissions import units_yet_to_report

SUBMIT_NOT_ALLOWED = _("You can only submit the report of a unit you manage.")
REVIEW_NOT_ALLOWED = _(
    "Only a manager of a unit above this one, or an administrator, can approve "
    "or return this report."
)
TEMPLATE_NOT_IN_YEAR = _("The report “%(report)s” is not made for %(year)s.")
UNIT_NOT_IN_FORCE = _(
    "%(unit)s was not in force at the end of this report's period (%(end)s)."
)
ALREADY_SUBMITTED = _(
    "This report has already been submitted and is waiting for review; it can "
    "be submitted again only if it is returned."
)
ALREADY_APPROVED = _("This report has already been approved.")
NOT_WAITING_FOR_REVIEW = _(
    "Only a report waiting for review can be approved or returned."
)
COMMENT_REQUIRED = _("Say what must be changed before returning the report.")

# Days before the due date on which the units yet to report are reminded.
REMINDER_DAYS = (14, 7, 1)


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# --- Who may --------------------------------------------------------------------


def _is_unit_manager(user: User) -> bool:
    return user.is_active and user_has_role(user, Role.UNIT_MANAGER)


def report_may_submit(*, user: User, unit: AdminUnit) -> bool:
    """Whether this person may submit the unit's report."""
    if sees_everything(user):
        return True
    return _is_unit_manager(user) and user.managed_units.filter(pk=unit.pk).exists()


def report_may_review(*, user: User, submission: ReportSubmission) -> bool:
    """Whether this person is "the level above" the report's unit."""
    if sees_everything(user):
        return True
    if not _is_unit_manager(user):
        return False
    above = submission.unit.get_ancestors()
    return user.managed_units.filter(pk__in=above.values("pk")).exists()


# --- Submitting -------------------------------------------------------------------


def report_period(*, template: ReportTemplate, year: int) -> ReportPeriod:
    """The template's dates that year; a template not made for it is refused."""
    if not template.applies_to(year):
        raise ValidationError(
            TEMPLATE_NOT_IN_YEAR,
            code="template_year",
            params={"report": template.name, "year": year},
        )
    return template.period(year)


def report_figures_for_unit(
    *, template: ReportTemplate, year: int, unit: AdminUnit, by: User
) -> dict[str, Any]:
    """The unit's figures (its subtree, as the units were then) over the
    template's period that year, up to its cut-off."""
    period = report_period(template=template, year=year)
    scope = figures_scope(
        user=by,
        stats_filter=StatsFilter(
            start=period.start, end=period.end, cutoff=period.cutoff, units=(unit.pk,)
        ),
    )
    return report_figures(scope)


def _check_resubmission(submission: ReportSubmission | None) -> None:
    if submission is None or submission.status == ReportSubmission.Status.RETURNED:
        return
    if submission.status == ReportSubmission.Status.APPROVED:
        raise ValidationError(ALREADY_APPROVED, code="approved")
    raise ValidationError(ALREADY_SUBMITTED, code="submitted")


@transaction.atomic
def report_submit(
    *, template: ReportTemplate, year: int, unit: AdminUnit, by: User
) -> ReportSubmission:
    """Submit the unit's report, its figures computed now and frozen.

    Refused while the report waits for review or once approved; a returned
    report is submitted again (new figures, the last review cleared).
    """
    if not report_may_submit(user=by, unit=unit):
        raise PermissionDenied(SUBMIT_NOT_ALLOWED)
    period = report_period(template=template, year=year)
    if not unit.is_valid_on(period.end):
        raise ValidationError(
            UNIT_NOT_IN_FORCE,
            code="unit_not_in_force",
            params={"unit": unit.name, "end": _date(period.end)},
        )
    # The row is locked so that a review and a second submission queue behind it.
    existing = (
        ReportSubmission.objects.select_for_update()
        .filter(template=template, year=year, unit=unit)
        .first()
    )
    _check_resubmission(existing)
    figures = report_figures_for_unit(template=template, year=year, unit=unit, by=by)
    now = timezone.now()
    if existing is None:
        try:
            with transaction.atomic():
                return ReportSubmission.objects.create(
                    template=template,
                    year=year,
                    unit=unit,
                    figures=figures,
                    submitted_by=by,
                    submitted_at=now,
                )
        except IntegrityError:
            # Another manager of the unit submitted it at the same moment.
            raise ValidationError(ALREADY_SUBMITTED, code="submitted") from None
    existing.status = ReportSubmission.Status.SUBMITTED
    existing.figures = figures
    existing.submitted_by = by
    existing.submitted_at = now
    existing.reviewed_by = None
    existing.reviewed_at = None
    existing.review_comment = ""
    existing.save()
    return existing


# --- Reviewing --------------------------------------------------------------------


def _locked_for_review(submission: ReportSubmission, by: User) -> ReportSubmission:
    if not report_may_review(user=by, submission=submission):
        raise PermissionDenied(REVIEW_NOT_ALLOWED)
    locked = (
        ReportSubmission.objects.select_for_update(of=("self",))
        .select_related("template", "unit", "submitted_by")
        .get(pk=submission.pk)
    )
    if locked.status != ReportSubmission.Status.SUBMITTED:
        raise ValidationError(NOT_WAITING_FOR_REVIEW, code="not_waiting")
    return locked


def _reviewed(
    submission: ReportSubmission, *, status: str, by: User, comment: str
) -> None:
    submission.status = status
    submission.reviewed_by = by
    submission.reviewed_at = timezone.now()
    submission.review_comment = comment
    submission.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"]
    )


def submission_url(submission: ReportSubmission) -> str:
    return admin_url(reverse("stats_reports:detail", args=[submission.pk]))


def _review_mail_context(
    submission: ReportSubmission,
) -> Callable[[], dict[str, object]]:
    def context() -> dict[str, object]:
        submitter = submission.submitted_by
        reviewer = submission.reviewed_by
        return {
            "name": submitter.get_full_name() or submitter.username,
            "report": submission.template.name,
            "year": submission.year,
            "unit": str(submission.unit),
            "reviewer": (reviewer.get_full_name() or reviewer.username)
            if reviewer
            else "",
            "comment": submission.review_comment,
            "url": submission_url(submission),
        }

    return context


@transaction.atomic
def report_approve(*, submission: ReportSubmission, by: User) -> ReportSubmission:
    """Approve a report waiting for review; its submitter is told by e-mail."""
    locked = _locked_for_review(submission, by)
    _reviewed(locked, status=ReportSubmission.Status.APPROVED, by=by, comment="")
    mail_user(
        user=locked.submitted_by,
        template_prefix="stats/submissions/emails/report_approved",
        context=_review_mail_context(locked),
    )
    return locked


@transaction.atomic
def report_return(
    *, submission: ReportSubmission, by: User, comment: str
) -> ReportSubmission:
    """Return a report waiting for review with what must change; its
    submitter is told by e-mail and may submit it again."""
    if not report_may_review(user=by, submission=submission):
        raise PermissionDenied(REVIEW_NOT_ALLOWED)
    comment = normalise_text(comment or "").strip()
    if not comment:
        raise ValidationError(COMMENT_REQUIRED, code="comment_required")
    locked = _locked_for_review(submission, by)
    _reviewed(locked, status=ReportSubmission.Status.RETURNED, by=by, comment=comment)
    mail_user(
        user=locked.submitted_by,
        template_prefix="stats/submissions/emails/report_returned",
        context=_review_mail_context(locked),
    )
    return locked


# --- Reminders --------------------------------------------------------------------


def reports_due_in(
    *, today: dt.date, days: tuple[int, ...] = REMINDER_DAYS
) -> list[tuple[ReportTemplate, int, int]]:
    """(template, year, days before) for every report due `days` from today.

    A report of next year may fall due within 14 days (a template due early in
    January), so this year and the next are both looked at.
    """
    due = []
    for template in ReportTemplate.objects.order_by("pk"):
        for year in (today.year, today.year + 1):
            if not template.applies_to(year):
                continue
            days_before = (template.period(year).due - today).days
            if days_before in days:
                due.append((template, year, days_before))
    return due


def submit_url(*, template: ReportTemplate, year: int, unit: AdminUnit) -> str:
    query = urlencode({"template": template.pk, "year": year, "unit": unit.pk})
    return admin_url(f"{reverse('stats_reports:submit')}?{query}")


def _reminder_context(
    template: ReportTemplate, year: int, unit: AdminUnit, days_before: int, to: User
) -> Callable[[], dict[str, object]]:
    def context() -> dict[str, object]:
        period = template.period(year)
        return {
            "name": to.get_full_name() or to.username,
            "report": template.name,
            "recipient": template.recipient,
            "year": year,
            "unit": str(unit),
            "start": _date(period.start),
            "end": _date(period.end),
            "due": _date(period.due),
            "days": days_before,
            "url": submit_url(template=template, year=year, unit=unit),
        }

    return context


def _units_to_remind(
    template: ReportTemplate, year: int, days_before: int
) -> list[AdminUnit]:
    reminded = ReportReminder.objects.filter(
        template=template, year=year, days_before=days_before
    )
    managers = User.objects.filter(role_holders_q(Role.UNIT_MANAGER)).order_by("pk")
    units = (
        units_yet_to_report(template=template, year=year)
        .exclude(pk__in=reminded.values("unit_id"))
        .prefetch_related(Prefetch("managers", queryset=managers))
        .order_by("path")
    )
    return list(units)


def report_reminders_send(*, today: dt.date | None = None) -> int:
    """E-mail the managers of every unit yet to report, 14, 7 and 1 days
    before the report is due, each reminder once.

    The ReportReminder row is written in the transaction that queues the
    e-mails and is unique per template, year, unit and day, so a second run
    (or a second worker) sends nothing more. A unit without a manager gets no
    row, so a manager named later still gets the next reminder. Returns the
    number of e-mails queued.
    """
    today = today or timezone.localdate()
    sent = 0
    for template, year, days_before in reports_due_in(today=today):
        for unit in _units_to_remind(template, year, days_before):
            managers = list(unit.managers.all())
            if not managers:
                continue
            with transaction.atomic():
                _reminder, created = ReportReminder.objects.get_or_create(
                    template=template, year=year, unit=unit, days_before=days_before
                )
                if not created:
                    continue
                for manager in managers:
                    sent += mail_user(
                        user=manager,
                        template_prefix="stats/submissions/emails/report_reminder",
                        context=_reminder_context(
                            template, year, unit, days_before, manager
                        ),
                    )
    return sent
