"""PostgreSQL restarted (every backend terminated) under a running platform.

A restart ends every server process; pg_terminate_backend on our connection's
backend is the same thing for one connection, without stopping the machine's
shared PostgreSQL. With CONN_HEALTH_CHECKS (lms.settings) the next request
reconnects by itself; without, it fails. A write cut by the restart leaves
nothing half-written: each service's transaction is all or nothing.
"""

import datetime as dt
import random
import time
from decimal import Decimal
from unittest import mock

import pytest
from django.core.signals import request_finished, request_started
from django.db import InterfaceError, OperationalError, connection
from django.db.models.signals import post_save
from django.utils import timezone

from assessments.models import Attempt
from assessments.services import attempts as attempt_services
from people.models import User
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz
from tests.factories.training import (
    make_participant,
    make_session,
    make_training_class,
)
from training.models import AttendanceRecord, AttendanceSource, Participant
from training.services.attendance import attendance_mark

from .conftest import _skip_or_fail

# What a statement on a connection whose server went away raises.
CUT = (OperationalError, InterfaceError)

pytestmark = [
    pytest.mark.integration,
    # The first test of a run also waits for the migrations and the worker.
    pytest.mark.timeout(900),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgresql(db):
    if connection.vendor != "postgresql":
        _skip_or_fail("needs PostgreSQL (run `make test-services`)")


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _terminate(pid: int) -> None:
    """What a restart does to the backend: ended, from another connection."""
    other = connection.copy()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            # The backend exits asynchronously: wait until it is gone.
            for _ in range(50):
                cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone() is None:
                    break
                time.sleep(0.05)
    finally:
        other.close()


@pytest.fixture
def kept_connection():
    """The connection as production keeps it between requests (CONN_MAX_AGE)."""
    settings_dict = connection.settings_dict
    saved = {
        key: settings_dict.get(key) for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")
    }
    connection.close()

    def configure(*, health_checks: bool) -> None:
        settings_dict["CONN_MAX_AGE"] = 60
        settings_dict["CONN_HEALTH_CHECKS"] = health_checks
        connection.close()
        connection.ensure_connection()

    yield configure
    connection.close()
    settings_dict.update(saved)


def _request_cycle() -> None:
    """What Django does between two requests on one thread."""
    request_finished.send(sender=None)
    request_started.send(sender=None)


def test_next_request_reconnects_with_health_checks(kept_connection):
    kept_connection(health_checks=True)
    UserFactory()
    before = _backend_pid()

    _terminate(before)
    _request_cycle()

    assert User.objects.count() >= 1
    assert _backend_pid() != before


def test_without_health_checks_the_next_request_fails(kept_connection):
    """The failure the setting prevents (so the test above can fail)."""
    kept_connection(health_checks=False)
    UserFactory()
    _terminate(_backend_pid())
    _request_cycle()

    with pytest.raises(OperationalError):
        User.objects.count()
    # Django drops the broken connection at the end of that failed request.
    _request_cycle()
    assert User.objects.count() >= 1


def test_settings_check_kept_connections():
    from lms.settings import base

    assert base.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_attendance_mark_cut_by_a_restart_leaves_nothing(commune_a, learner):
    trainer = UserFactory(roles=[Role.TRAINER], unit=commune_a)
    start = timezone.localdate() - dt.timedelta(days=1)
    training_class = make_training_class(
        commune_a, trainers=[trainer], starts_on=start, ends_on=start + dt.timedelta(2)
    )
    session = make_session(training_class)
    participant = make_participant(training_class, learner)

    def restart_after_the_mark(sender, instance, **kwargs):
        # The mark's row is written; the rest of the transaction is not.
        _terminate(_backend_pid())

    post_save.connect(
        restart_after_the_mark, sender=AttendanceRecord, dispatch_uid="restart"
    )
    try:
        with pytest.raises(CUT):
            attendance_mark(
                session=session,
                participant=participant,
                status_code="present",
                by=trainer,
                source=AttendanceSource.ROLL_CALL,
            )
    finally:
        post_save.disconnect(sender=AttendanceRecord, dispatch_uid="restart")
    _request_cycle()

    assert not AttendanceRecord.objects.filter(participant=participant).exists()
    assert Participant.objects.get(pk=participant.pk).attended is False


def test_quiz_submission_cut_by_a_restart_leaves_the_attempt_open(learner):
    quiz = make_quiz([make_question()], pass_percentage=Decimal(50), open_to_all=True)
    attempt = attempt_services.attempt_start(
        quiz=quiz, learner=learner, rng=random.Random(1)
    )
    attempt_services.attempt_answers_save(
        attempt=attempt, answers={1: {"choice": "b"}}, sequence=attempt.sequence
    )
    grade = attempt_services._grade_questions

    def restart_while_grading(attempt):
        grade(attempt)  # the state is changed and the answers graded ...
        _terminate(_backend_pid())  # ... and the server goes away before the total

    with (
        mock.patch.object(attempt_services, "_grade_questions", restart_while_grading),
        pytest.raises(CUT),
    ):
        attempt_services.attempt_submit(attempt=attempt)
    _request_cycle()

    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.state == Attempt.State.IN_PROGRESS
    assert attempt.submitted_at is None
    assert attempt.score is None
    assert not attempt.questions.filter(fraction__isnull=False).exists()

    # And the learner can submit once the server is back.
    attempt_services.attempt_submit(attempt=attempt)
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.GRADED
