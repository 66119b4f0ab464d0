"""Reads for the learner's side: open classes, a class's page, "My classes".

Each read is a fixed number of queries whatever the number of classes,
sessions or marks (the pages' tests assert it). Attendance percentages come
from training.selectors, the one rule for them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import router
from django.db.models import Count, F, FilteredRelation, Prefetch, Q, QuerySet
from django.utils import timezone

from lms.prepared import PreparedRows, instance_from_row
from people.models import User

from ..models import (
    AttendanceRecord,
    AttendanceStatus,
    Participant,
    Session,
    TrainingClass,
)
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


def _sessions_upcoming_or_marked(
    participants: list[Participant], today: dt.date
) -> QuerySet[Session]:
    """The sessions of these participants' classes that are still to come or that
    hold one of their marks, each with that mark's id, participant and status
    (`my_mark_*`, None when unmarked), in time order: one query."""
    return (
        Session.objects.filter(
            training_class_id__in=[p.training_class_id for p in participants]
        )
        .annotate(
            my_mark=FilteredRelation(
                "attendance", condition=Q(attendance__participant__in=participants)
            ),
            my_mark_id=F("my_mark__id"),
            my_mark_participant_id=F("my_mark__participant_id"),
            my_mark_status_id=F("my_mark__status_id"),
            my_mark_status_label=F("my_mark__status__label"),
        )
        .filter(Q(date__gte=today) | Q(my_mark__isnull=False))
        .order_by("date", "starts_at", "pk")
    )


def _mark_field(session: Session, name: str) -> Any:
    """A `my_mark_*` value annotated by _sessions_upcoming_or_marked."""
    return getattr(session, f"my_mark_{name}")


def _mark_of(session: Session) -> AttendanceRecord:
    """The mark read beside its session, as the page shows it (session, status)."""
    mark = AttendanceRecord(
        pk=_mark_field(session, "id"),
        session=session,
        participant_id=_mark_field(session, "participant_id"),
        status=AttendanceStatus(
            pk=_mark_field(session, "status_id"),
            label=_mark_field(session, "status_label"),
        ),
    )
    mark._state.adding = False
    return mark


_MY_PARTICIPATION_FIELDS = ["id", "training_class_id", "person_id", "status"]
_MY_CLASS_FIELDS = ["code", "title", "starts_on", "ends_on"]


def _my_participations_query(
    *, person: int, today: dt.date, clock: dt.time
) -> QuerySet[Participant]:
    now = timezone.make_aware(dt.datetime.combine(today, clock))
    return (
        participants_with_attendance(
            Participant.objects.filter(person_id=person, status__in=[*ACTIVE]),
            now=now,
        )
        .order_by("-training_class__starts_on", "training_class__code")
        .values_list(
            *_MY_PARTICIPATION_FIELDS,
            *(f"training_class__{name}" for name in _MY_CLASS_FIELDS),
            "attendance_percent",
        )
    )


# Read on every visit to My learning, by every learner: the ORM took 2.5 ms to
# build this query's SQL, which runs in 0.07 ms (SQLite); it is built once.
_MY_PARTICIPATIONS = PreparedRows(
    Participant, _my_participations_query, "person", dates=("today",), times=("clock",)
)


def _my_participations(person: User, now: dt.datetime) -> list[Participant]:
    """The person's participations (not withdrawn or refused), latest class
    first, each with its class's name and dates and `attendance_percent`."""
    local = timezone.localtime(now)
    alias = router.db_for_read(Participant)
    width = len(_MY_PARTICIPATION_FIELDS)
    participants = []
    for row in _MY_PARTICIPATIONS.rows(
        person=person.pk, today=local.date(), clock=local.time()
    ):
        participant = instance_from_row(
            Participant, alias, _MY_PARTICIPATION_FIELDS, row[:width]
        )
        participant.training_class = instance_from_row(
            TrainingClass, alias, ["id", *_MY_CLASS_FIELDS], (row[1], *row[width:-1])
        )
        participant.attendance_percent = row[-1]
        participants.append(participant)
    return participants


def my_classes(*, person: User, today: dt.date | None = None) -> list[MyClass]:
    """The learner's current and past classes (not withdrawn or refused), each
    with its upcoming sessions and the learner's own marks: two queries."""
    now = timezone.now()
    today = today or timezone.localdate(now)
    participants = _my_participations(person, now)
    if not participants:
        return []
    upcoming: dict[int, list[Session]] = defaultdict(list)
    marks: dict[int, list[AttendanceRecord]] = defaultdict(list)
    for session in _sessions_upcoming_or_marked(participants, today):
        if session.date >= today:
            upcoming[session.training_class_id].append(session)
        if _mark_field(session, "id") is not None:
            marks[_mark_field(session, "participant_id")].append(_mark_of(session))
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
