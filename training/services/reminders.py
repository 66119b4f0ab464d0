"""Day-before reminders of sessions, each sent once per participant."""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from courses.services.mail import admin_url, mail_user
from training.models import Participant, Session, SessionReminder, TrainingClass

# Classes whose sessions are still to be held.
LIVE_STATUSES = (
    TrainingClass.Status.PLANNED,
    TrainingClass.Status.OPEN,
    TrainingClass.Status.RUNNING,
)


def _context(
    session: Session, participant: Participant
) -> Callable[[], dict[str, object]]:
    def context() -> dict[str, object]:
        training_class = session.training_class
        person = participant.person
        return {
            "name": person.get_full_name() or person.username,
            "title": training_class.title,
            "code": training_class.code,
            "date": date_format(session.date, "d/m/Y"),
            "time": f"{session.starts_at:%H:%M}–{session.ends_at:%H:%M}",
            "topic": session.topic,
            "place": session.place or training_class.venue,
            "url": admin_url(
                reverse("training:class_detail", args=[training_class.pk])
            ),
        }

    return context


def session_reminders_send(*, today: dt.date | None = None) -> int:
    """E-mail every confirmed participant of tomorrow's sessions, once.

    The SessionReminder row is written in the transaction that queues the
    e-mail and is unique per session and participant, so a second run (or a
    second worker) sends nothing more. Returns the number of e-mails queued.
    """
    today = today or timezone.localdate()
    sessions = Session.objects.filter(
        date=today + dt.timedelta(days=1),
        training_class__status__in=LIVE_STATUSES,
    ).select_related("training_class")
    sent = 0
    for session in sessions.order_by("starts_at", "pk"):
        due = (
            Participant.objects.filter(
                training_class=session.training_class,
                status=Participant.Status.CONFIRMED,
            )
            .exclude(reminders__session=session)
            .select_related("person")
            .order_by("pk")
        )
        for participant in due:
            with transaction.atomic():
                _reminder, created = SessionReminder.objects.get_or_create(
                    session=session, participant=participant
                )
                if created and mail_user(
                    user=participant.person,
                    template_prefix="training/emails/session_reminder",
                    context=_context(session, participant),
                ):
                    sent += 1
    return sent
