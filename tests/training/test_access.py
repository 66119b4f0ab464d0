"""Classes, sessions, participants and marks are scoped by the access contract."""

import pytest

from people.access import visible_to
from tests.factories.training import make_mark, make_participant, make_session
from training.models import (
    AttendanceRecord,
    Participant,
    Session,
    TrainingClass,
)

pytestmark = pytest.mark.django_db


def test_a_trainer_sees_the_classes_they_teach_only(
    trainer, training_class, other_class
):
    assert list(visible_to(trainer, TrainingClass.objects.all())) == [training_class]


def test_a_unit_manager_sees_the_classes_of_their_units(
    unit_manager, training_class, other_class
):
    assert list(visible_to(unit_manager, TrainingClass.objects.all())) == [
        training_class
    ]


def test_sessions_follow_their_class(trainer, other_trainer, sessions, other_class):
    other_session = make_session(other_class)

    assert set(visible_to(trainer, Session.objects.all())) == set(sessions)
    assert list(visible_to(other_trainer, Session.objects.all())) == [other_session]


def test_a_learner_sees_their_own_registration_and_marks_only(
    learner, other_learner, participant, training_class, sessions
):
    other = make_participant(training_class, other_learner)
    make_mark(sessions[0], participant)
    make_mark(sessions[0], other, "absent")

    assert list(visible_to(learner, Participant.objects.all())) == [participant]
    marks = visible_to(learner, AttendanceRecord.objects.all())
    assert [mark.participant for mark in marks] == [participant]


def test_a_trainer_of_another_class_sees_none_of_its_participants(
    other_trainer, participant, sessions
):
    make_mark(sessions[0], participant)

    assert not visible_to(other_trainer, Participant.objects.all()).exists()
    assert not visible_to(other_trainer, AttendanceRecord.objects.all()).exists()
