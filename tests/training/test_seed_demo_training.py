"""The demo training classes: 2022 and 2026, sessions, participants, marks of
every source, idempotent."""

import pytest
from django.core.management import CommandError, call_command

from people.models import User
from training.models import (
    AttendanceChange,
    AttendanceRecord,
    AttendanceSource,
    Participant,
    Session,
    TrainingClass,
)

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo_people", verbosity=0)
    call_command("seed_demo_content_pages", verbosity=0)
    call_command("seed_demo_courses", verbosity=0)
    call_command("seed_demo_training", verbosity=0)


def snapshot():
    return {
        "classes": list(TrainingClass.objects.order_by("pk").values()),
        "sessions": list(Session.objects.order_by("pk").values()),
        "participants": list(Participant.objects.order_by("pk").values()),
        "marks": list(
            AttendanceRecord.objects.order_by("pk").values(
                "pk", "session", "participant", "status", "source", "marked_at"
            )
        ),
        "changes": AttendanceChange.objects.count(),
    }


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    seed()


def test_classes_in_2022_under_districts_and_2026_under_new_communes(seeded):
    classes = TrainingClass.objects.select_related("unit", "course").exclude(
        status=TrainingClass.Status.OPEN
    )
    years = {c.starts_on.year for c in classes}
    assert years == {2022, 2026}
    for training_class in classes:
        if training_class.starts_on.year == 2022:
            assert not training_class.unit.code.startswith("N-")
        else:
            assert training_class.unit.code.startswith("N-")
    assert {c.course.code for c in classes} == {
        "K1-2026",
        "K2-2026",
        "K3-2026",
        "K4-2026",
    }
    assert all(c.sessions.exists() for c in classes)


def test_participants_are_demo_learners_marked_every_way(seeded):
    people = User.objects.filter(class_registrations__isnull=False).distinct()
    assert people.exists()
    assert all(p.username.startswith("hocvien") for p in people)
    sources = set(AttendanceRecord.objects.values_list("source", flat=True))
    assert {
        AttendanceSource.ROLL_CALL,
        AttendanceSource.QR,
        AttendanceSource.CODE,
        AttendanceSource.ONLINE_JOIN,
        AttendanceSource.SHEET,
    } <= sources
    statuses = set(AttendanceRecord.objects.values_list("status__code", flat=True))
    assert statuses == {"present", "late", "excused", "absent"}
    # every confirmed participant has a mark in every session of their class
    for training_class in TrainingClass.objects.exclude(
        status=TrainingClass.Status.OPEN
    ):
        expected = training_class.sessions.count() * training_class.participants.count()
        marks = AttendanceRecord.objects.filter(session__training_class=training_class)
        assert marks.count() == expected


def test_two_classes_are_open_with_learners_registered_through_the_service(
    seeded, client
):
    open_classes = TrainingClass.objects.filter(status=TrainingClass.Status.OPEN)
    assert open_classes.count() == 2
    registered = Participant.objects.filter(training_class__in=open_classes)
    assert registered.count() == 6
    assert set(registered.values_list("source", flat=True)) == {Participant.Source.SELF}
    assert registered.filter(brings_young_child=True).count() == 1
    assert not AttendanceRecord.objects.filter(participant__in=registered).exists()
    listing = client.get("/training/").content.decode()
    assert all(c.title in listing for c in open_classes)


def test_running_twice_changes_nothing(seeded):
    before = snapshot()
    call_command("seed_demo_training", verbosity=0)
    assert snapshot() == before


def test_needs_the_demo_people_first():
    with pytest.raises(CommandError):
        call_command("seed_demo_training", verbosity=0)
