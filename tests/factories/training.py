"""Builders for training classes, sessions, participants and marks."""

import datetime as dt

from django.utils import timezone

from training.models import (
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    Participant,
    Session,
    TrainingClass,
)

from .people import make_unit


def make_training_class(unit=None, *, trainers=(), **kwargs) -> TrainingClass:
    number = TrainingClass.objects.count() + 1
    today = timezone.localdate()
    kwargs.setdefault("code", f"TH-{number:03d}")
    kwargs.setdefault("title", f"Tập huấn bình đẳng giới {number}")
    kwargs.setdefault("starts_on", today)
    kwargs.setdefault("ends_on", kwargs["starts_on"] + dt.timedelta(days=1))
    kwargs.setdefault("capacity", 30)
    kwargs.setdefault("status", TrainingClass.Status.OPEN)
    kwargs.setdefault("venue", "Hội trường UBND xã")
    training_class = TrainingClass.objects.create(unit=unit or make_unit(), **kwargs)
    if trainers:
        training_class.trainers.set(trainers)
    return training_class


def make_session(training_class, **kwargs) -> Session:
    number = training_class.sessions.count()
    kwargs.setdefault("date", training_class.starts_on + dt.timedelta(days=number))
    kwargs.setdefault("starts_at", dt.time(8, 0))
    kwargs.setdefault("ends_at", dt.time(11, 30))
    kwargs.setdefault("topic", f"Chuyên đề {number + 1}")
    return Session.objects.create(training_class=training_class, **kwargs)


def make_participant(training_class, person, **kwargs) -> Participant:
    kwargs.setdefault("status", Participant.Status.CONFIRMED)
    kwargs.setdefault("consent_at", timezone.now())
    if kwargs["status"] == Participant.Status.CONFIRMED:
        kwargs.setdefault("confirmed_at", timezone.now())
    return Participant.objects.create(
        training_class=training_class, person=person, **kwargs
    )


def attendance_status(code: str) -> AttendanceStatus:
    """One of the four statuses the migration made (present, late, excused, absent)."""
    return AttendanceStatus.objects.get(code=code)


def make_mark(session, participant, code="present", **kwargs) -> AttendanceRecord:
    kwargs.setdefault("source", AttendanceSource.ROLL_CALL)
    kwargs.setdefault("marked_at", timezone.now())
    return AttendanceRecord.objects.create(
        session=session,
        participant=participant,
        status=attendance_status(code),
        **kwargs,
    )
