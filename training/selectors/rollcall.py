"""Reads for the roll-call: a session's participants, their marks and each mark's history.

Kept apart from training.selectors (the attendance figures): these serve the
trainer's phone page, in a fixed number of queries whatever the class's size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from people.access import visible_to
from people.models import User

from ..models import (
    AttendanceChange,
    AttendanceRecord,
    AttendanceStatus,
    Participant,
    Session,
    TrainingClass,
)


@dataclass
class RollCallRow:
    """One participant on the roll-call, with their mark (if any) and its history."""

    participant: Participant
    record: AttendanceRecord | None = None
    history: list[AttendanceChange] = field(default_factory=list)


def sessions_markable_by(*, user: User) -> QuerySet[Session]:
    """Sessions of the classes this user marks (the access contract decides)."""
    classes = visible_to(user, TrainingClass.objects.all())
    return (
        Session.objects.filter(training_class__in=classes.values("pk"))
        .exclude(training_class__status=TrainingClass.Status.CANCELLED)
        .select_related("training_class")
    )


def sessions_to_mark(
    *, user: User, class_id: int | None = None, limit: int = 30
) -> list[Session]:
    """Today's and coming sessions first, then the most recent past ones (of one
    class, when class_id is given)."""
    today = timezone.localdate()
    sessions = sessions_markable_by(user=user)
    if class_id is not None:
        sessions = sessions.filter(training_class_id=class_id)
    coming = list(
        sessions.filter(date__gte=today).order_by("date", "starts_at")[:limit]
    )
    past = list(sessions.filter(date__lt=today).order_by("-date", "-starts_at")[:limit])
    return coming + past


def attendance_statuses() -> list[AttendanceStatus]:
    return list(AttendanceStatus.objects.all())


def rollcall_rows(
    *, session: Session, participant_ids: list[int] | None = None
) -> list[RollCallRow]:
    """The session's confirmed participants by name, each with mark and history."""
    participants = (
        Participant.objects.filter(
            training_class_id=session.training_class_id,
            status=Participant.Status.CONFIRMED,
        )
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    records = AttendanceRecord.objects.filter(session=session).select_related(
        "status", "marked_by"
    )
    changes = AttendanceChange.objects.filter(session=session).select_related(
        "status", "previous_status", "changed_by"
    )
    if participant_ids is not None:
        participants = participants.filter(pk__in=participant_ids)
        records = records.filter(participant_id__in=participant_ids)
        changes = changes.filter(participant_id__in=participant_ids)
    by_participant = {record.participant_id: record for record in records}
    history: dict[int, list[AttendanceChange]] = defaultdict(list)
    for change in changes.order_by("-recorded_at", "-pk"):
        history[change.participant_id].append(change)
    return [
        RollCallRow(
            participant=participant,
            record=by_participant.get(participant.pk),
            history=history.get(participant.pk, []),
        )
        for participant in participants
    ]
