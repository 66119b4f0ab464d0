"""Completing a class, the class_completed signal, and low-attendance warnings."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from assessments.models import Attempt
from assessments.signals import attempt_graded
from courses.models import Enrolment
from courses.signals import course_completed
from tests.factories import UserFactory
from tests.factories.assessments import make_quiz
from tests.factories.courses import make_course, make_enrolment
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)
from training.models import AttendanceSource, Participant
from training.services.attendance import attendance_mark
from training.services.completion import (
    low_attendance_warnings_send,
    participant_completion_update,
)
from training.signals import class_completed
from training.tasks import queue_low_attendance_warnings_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def completions():
    received = []

    def receiver(participant, **kwargs):
        received.append(participant.pk)

    class_completed.connect(receiver, dispatch_uid="test_completions")
    yield received
    class_completed.disconnect(dispatch_uid="test_completions")


def running_class(unit, sessions=2, **kwargs):
    start = timezone.localdate() - dt.timedelta(days=sessions)
    training_class = make_training_class(
        unit,
        starts_on=start,
        ends_on=start + dt.timedelta(days=sessions + 1),
        **kwargs,
    )
    return training_class, [make_session(training_class) for _ in range(sessions)]


def test_completes_once_when_attendance_reaches_the_threshold(
    commune_a, learner, completions, django_capture_on_commit_callbacks
):
    training_class, (first, second) = running_class(commune_a)
    participant = make_participant(training_class, learner)
    make_mark(first, participant, "present")
    make_mark(second, participant, "present")

    with django_capture_on_commit_callbacks(execute=True):
        assert participant_completion_update(participant=participant) is True
        assert participant_completion_update(participant=participant) is False
    again = Participant.objects.get(pk=participant.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert participant_completion_update(participant=again) is False

    assert again.completed_at is not None
    assert completions == [participant.pk]


def test_threshold_counts_all_sessions_not_only_those_held(commune_a, learner):
    """Present at the first of two sessions is 100 % so far, 50 % of the class."""
    training_class, (first, _second) = running_class(commune_a)
    participant = make_participant(training_class, learner)
    make_mark(first, participant, "present")
    assert participant_completion_update(participant=participant) is False
    participant.refresh_from_db()
    assert participant.completed_at is None


def test_late_marks_count_at_their_weight(commune_a, learner):
    training_class, sessions = running_class(
        commune_a, sessions=2, attendance_threshold=100
    )
    participant = make_participant(training_class, learner)
    make_mark(sessions[0], participant, "present")
    make_mark(sessions[1], participant, "late")
    assert participant_completion_update(participant=participant) is False


def test_a_class_without_sessions_is_not_completed(commune_a, learner):
    training_class = make_training_class(commune_a, attendance_threshold=0)
    participant = make_participant(training_class, learner)
    assert participant_completion_update(participant=participant) is False


def test_withdrawn_participant_does_not_complete(commune_a, learner):
    training_class, sessions = running_class(commune_a, sessions=1)
    participant = make_participant(
        training_class, learner, status=Participant.Status.WITHDRAWN
    )
    make_mark(sessions[0], participant, "present")
    assert participant_completion_update(participant=participant) is False


def graded_attempt(quiz, person, score):
    return Attempt.objects.create(
        quiz=quiz,
        learner=person,
        number=Attempt.objects.filter(quiz=quiz, learner=person).count() + 1,
        state=Attempt.State.GRADED,
        score=Decimal(score),
        max_score=Decimal(10),
    )


def test_post_test_must_be_passed(
    commune_a, learner, completions, django_capture_on_commit_callbacks
):
    post = make_quiz(pass_percentage=Decimal(50))
    training_class, (session,) = running_class(commune_a, sessions=1, post_test=post)
    participant = make_participant(training_class, learner)
    make_mark(session, participant, "present")
    failed = graded_attempt(post, learner, 3)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_graded.send(sender=Attempt, attempt=failed)
    assert completions == []

    passed = graded_attempt(post, learner, 8)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_graded.send(sender=Attempt, attempt=passed)
    assert completions == [participant.pk]


def test_course_must_be_complete(
    commune_a,
    learner,
    course_index,
    completions,
    django_capture_on_commit_callbacks,
):
    course = make_course(course_index)
    training_class, (session,) = running_class(commune_a, sessions=1, course=course)
    participant = make_participant(training_class, learner)
    make_mark(session, participant, "present")
    enrolment = make_enrolment(learner, course)
    assert participant_completion_update(participant=participant) is False

    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    enrolment.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        course_completed.send(sender=Enrolment, enrolment=enrolment)
    assert completions == [participant.pk]


def test_marking_attendance_completes_through_the_signal(
    commune_a, trainer, learner, completions, django_capture_on_commit_callbacks
):
    training_class, (session,) = running_class(
        commune_a, sessions=1, trainers=[trainer]
    )
    participant = make_participant(training_class, learner)
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(
            session=session,
            participant=participant,
            status_code="present",
            by=trainer,
            source=AttendanceSource.ROLL_CALL,
        )
    participant.refresh_from_db()
    assert participant.completed_at is not None
    assert completions == [participant.pk]


def test_a_grade_in_another_quiz_completes_nobody(
    commune_a, learner, completions, django_capture_on_commit_callbacks
):
    post = make_quiz()
    training_class, (session,) = running_class(commune_a, sessions=1, post_test=post)
    participant = make_participant(training_class, learner)
    make_mark(session, participant, "present")
    other = graded_attempt(make_quiz(), learner, 10)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_graded.send(sender=Attempt, attempt=other)
    assert completions == []


# Low-attendance warnings


@pytest.fixture
def half_held(commune_a, trainer):
    """Four sessions: two held, two to come."""
    today = timezone.localdate()
    training_class = make_training_class(
        commune_a,
        trainers=[trainer],
        starts_on=today - dt.timedelta(days=2),
        ends_on=today + dt.timedelta(days=2),
        attendance_threshold=80,
    )
    for offset in (-2, -1, 1, 2):
        make_session(training_class, date=today + dt.timedelta(days=offset))
    return training_class


def test_warns_each_participant_below_threshold_once_and_the_trainer(
    half_held, learner, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = list(half_held.sessions.order_by("date"))[:2]
    poor = make_participant(half_held, learner)
    good = make_participant(half_held, UserFactory(unit=learner.unit))
    make_mark(first, poor, "present")
    make_mark(second, poor, "absent")
    make_mark(first, good, "present")
    make_mark(second, good, "present")

    with django_capture_on_commit_callbacks(execute=True):
        warned = low_attendance_warnings_send(training_class=half_held)
    assert warned == [poor]
    assert sorted(m.to[0] for m in mailoutbox) == sorted([learner.email, trainer.email])
    summary = next(m for m in mailoutbox if m.to == [trainer.email])
    assert learner.full_name in summary.body
    poor.refresh_from_db()
    assert poor.low_attendance_warned_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        assert low_attendance_warnings_send(training_class=half_held) == []
    assert len(mailoutbox) == 2


def test_no_warning_before_half_the_sessions_are_held(
    commune_a, learner, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    training_class = make_training_class(
        commune_a, starts_on=today, ends_on=today + dt.timedelta(days=3)
    )
    make_session(training_class, date=today - dt.timedelta(days=1))
    for offset in (1, 2, 3):
        make_session(training_class, date=today + dt.timedelta(days=offset))
    make_participant(training_class, learner)
    with django_capture_on_commit_callbacks(execute=True):
        assert low_attendance_warnings_send(training_class=training_class) == []
    assert mailoutbox == []


def test_daily_task_warns_running_classes_only(
    half_held, learner, commune_b, mailoutbox, django_capture_on_commit_callbacks
):
    make_participant(half_held, learner)
    finished, (session,) = running_class(commune_b, sessions=1)
    finished.ends_on = timezone.localdate() - dt.timedelta(days=1)
    finished.save()
    make_participant(finished, UserFactory(unit=commune_b))
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_low_attendance_warnings_task() == 1
    assert [m.to for m in mailoutbox if m.to == [learner.email]] == [[learner.email]]


def test_beat_schedules_the_warnings():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "training.tasks.queue_low_attendance_warnings_task" in tasks
