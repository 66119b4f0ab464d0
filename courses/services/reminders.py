"""Remind learners, once, that a course they were given is nearly due."""

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from courses.models import Enrolment

from .enrolment import reminder_due_enrolments
from .mail import mail_user

# How many days before the due date the reminder goes out.
REMINDER_DAYS_BEFORE = 3


def _reminder_context(enrolment: Enrolment) -> Callable[[], dict[str, object]]:
    def context() -> dict[str, object]:
        course = enrolment.course
        return {
            "name": enrolment.learner.get_full_name() or enrolment.learner.username,
            "title": course.title,
            # Only enrolments with a due date are reminded.
            "due": date_format(enrolment.due_date, "d/m/Y")
            if enrolment.due_date
            else "",
            "progress": enrolment.progress_percent,
            "url": course.get_full_url() or "",
        }

    return context


def enrolment_reminders_send(
    *, today: date | None = None, days_before: int = REMINDER_DAYS_BEFORE
) -> int:
    """E-mail every learner whose course is due within `days_before` days.

    Each enrolment is reminded once: it is marked in the same transaction that
    queues its e-mail, so a second run (or a second worker) sends nothing more.
    Returns the number of e-mails queued.
    """
    today = today or timezone.localdate()
    due = reminder_due_enrolments(today=today, days_before=days_before)
    sent = 0
    for enrolment in due.select_related("learner", "course").order_by("pk"):
        with transaction.atomic():
            claimed = Enrolment.objects.filter(
                pk=enrolment.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if claimed and mail_user(
                user=enrolment.learner,
                template_prefix="courses/emails/enrolment_reminder",
                context=_reminder_context(enrolment),
            ):
                sent += 1
    return sent
