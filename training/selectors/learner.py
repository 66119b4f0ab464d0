"""Reads for the learner's side: open classes, a class's page, "My classes".

Each read is a fixed number of queries whatever the number of classes,
sessions or marks (the pages' tests assert it). Attendance percentages come
from training.selectors, the one rule for them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from people.models import User

from ..models import AttendanceRecord, Participant, Session, TrainingClass
from ..services.participants import ACTIVE, HOLDING_PLACE
from .attendance import participants_with_attendance


def open_classes(*, now: dt.datetime | None = None) -> QuerySet[TrainingClass]:
    """Classes taking registrations now (open, window not closed), soonest
    first, with `places_taken` annotated."""
    now = now or timezone.now()
    return (
        TrainingClass.objects.filter(status=TrainingClass.Status.OPEN)
        .filter(
            Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gte=now)
        )
        .filter(ends_on__gte=timezone.localdate(now))
        .select_related("unit")
        .annotate(
            places_taken=Count(
                "participants", filter=Q(participants__status__in=HOLDING_PLACE)
            )
        )
        .order_by("starts_on", "code")
    )


def class_for_page(*, class_id: int) -> TrainingClass | None:
    """A class as its page shows it (not planned ones: they are not announced
    yet), with sessions, trainers and `places_taken`."""
    return (
        TrainingClass.objects.exclude(status=TrainingClass.Status.PLANNED)
        .select_related("unit", "organisation", "course")
        .prefetch_related(
            "sessions",
            Prefetch("trainers", queryset=User.objects.order_by("full_name")),
        )
        .annotate(
            places_taken=Count(
                "participants", filter=Q(participants__status__in=HOLDING_PLACE)
            )
        )
        .filter(pk=class_id)
        .first()
    )


def registration_of(
    *, training_class: TrainingClass, person: User
) -> Participant | None:
    if not person.is_authenticated:
        return None
    return Participant.objects.filter(
        training_class=training_class, person=person
    ).first()


def waiting_position(*, participant: Participant) -> int | None:
    """1 for the first person waiting; None when not waiting."""
    if participant.status != Participant.Status.WAITING:
        return None
    ahead = Participant.objects.filter(
        training_class_id=participant.training_class_id,
        status=Participant.Status.WAITING,
    ).filter(
        Q(registered_at__lt=participant.registered_at)
        | Q(registered_at=participant.registered_at, pk__lt=participant.pk)
    )
    return ahead.count() + 1


@dataclass
class MyClass:
    """One of the learner's classes on My learning."""

    participant: Participant
    attendance_percent: float | None
    upcoming: list[Session] = field(default_factory=list)
    marks: list[AttendanceRecord] = field(default_factory=list)

    @property
    def training_class(self) -> TrainingClass:
        return self.participant.training_class


def my_classes(*, person: User, today: dt.date | None = None) -> list[MyClass]:
    """The learner's current and past classes (not withdrawn or refused), each
    with its upcoming sessions and the learner's own marks: three queries."""
    today = today or timezone.localdate()
    participants = list(
        participants_with_attendance(
            Participant.objects.filter(
                person=person, status__in=[*ACTIVE]
            ).select_related("training_class")
        ).order_by("-training_class__starts_on", "training_class__code")
    )
    if not participants:
        return []
    class_ids = [p.training_class_id for p in participants]
    upcoming: dict[int, list[Session]] = defaultdict(list)
    for session in Session.objects.filter(
        training_class_id__in=class_ids, date__gte=today
    ).order_by("date", "starts_at", "pk"):
        upcoming[session.training_class_id].append(session)
    marks: dict[int, list[AttendanceRecord]] = defaultdict(list)
    for mark in (
        AttendanceRecord.objects.filter(participant__in=participants)
        .select_related("session", "status")
        .order_by("session__date", "session__starts_at")
    ):
        marks[mark.participant_id].append(mark)
    return [
        MyClass(
            participant=participant,
            attendance_percent=getattr(participant, "attendance_percent", None),
            upcoming=upcoming[participant.training_class_id]
            if participant.status == Participant.Status.CONFIRMED
            else [],
            marks=marks[participant.pk],
        )
        for participant in participants
    ]
