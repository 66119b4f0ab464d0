"""The task outbox (lms/outbox.py): with the broker refusing, a quiz submission
and an attendance mark still commit, their task waits in the outbox, and a drain
publishes it once when the broker is back."""

import datetime as dt
import random
from decimal import Decimal
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from assessments.models import Attempt
from assessments.services import attempts as attempt_services
from lms import celery_app
from lms.models import OutboxMessage
from lms.outbox import OutboxTask, outbox_drain
from people.roles import Role
from people.tasks import send_email_task
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)
from training.models import AttendanceRecord, AttendanceSource
from training.services.attendance import attendance_mark

pytestmark = pytest.mark.django_db

COMPLETION_TASK = "training.tasks.update_participant_completion_task"


@pytest.fixture
def queued(monkeypatch):
    """Tasks go to a broker, as in production (the test profile runs them eagerly)."""
    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)


class Broker:
    """Stands in for the broker's publish: refuses while down, records when up."""

    def __init__(self) -> None:
        self.up = False
        self.published: list[tuple[str, object]] = []

    def publish(self, body, *args, **kwargs):
        if not self.up:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379.")
        headers = kwargs.get("headers") or {}
        self.published.append((headers.get("task"), body[0]))


@pytest.fixture
def broker():
    broker = Broker()
    with mock.patch("kombu.messaging.Producer.publish", broker.publish):
        yield broker


def running_class(unit, **kwargs):
    start = timezone.localdate() - dt.timedelta(days=1)
    training_class = make_training_class(
        unit, starts_on=start, ends_on=start + dt.timedelta(days=2), **kwargs
    )
    return training_class, make_session(training_class)


def test_every_task_is_an_outbox_task():
    assert isinstance(send_email_task, OutboxTask)


def test_quiz_submission_commits_and_its_task_waits_for_the_broker(
    queued, broker, commune_a, learner, django_capture_on_commit_callbacks
):
    question = make_question()
    post_test = make_quiz([question], pass_percentage=Decimal(50), open_to_all=True)
    training_class, session = running_class(commune_a, post_test=post_test)
    participant = make_participant(training_class, learner)
    make_mark(session, participant, "present")
    attempt = attempt_services.attempt_start(
        quiz=post_test, learner=learner, rng=random.Random(1)
    )
    attempt_services.attempt_answers_save(
        attempt=attempt, answers={1: {"choice": "b"}}, sequence=attempt.sequence
    )

    with django_capture_on_commit_callbacks(execute=True):
        attempt_services.attempt_submit(attempt=attempt)

    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED
    assert broker.published == []
    [message] = OutboxMessage.objects.all()
    assert message.task_name == COMPLETION_TASK
    assert message.args == [[participant.pk]]

    broker.up = True
    assert outbox_drain() == (1, 0)
    assert broker.published == [(COMPLETION_TASK, [[participant.pk]])]
    assert not OutboxMessage.objects.exists()
    # Drained is drained: a second drain sends nothing again.
    assert outbox_drain() == (0, 0)
    assert len(broker.published) == 1


def test_attendance_mark_commits_and_its_task_waits_for_the_broker(
    queued, broker, commune_a, learner, django_capture_on_commit_callbacks
):
    trainer = UserFactory(roles=[Role.TRAINER], unit=commune_a)
    training_class, session = running_class(commune_a, trainers=[trainer])
    participant = make_participant(training_class, learner)

    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(
            session=session,
            participant=participant,
            status_code="present",
            by=trainer,
            source=AttendanceSource.ROLL_CALL,
        )

    assert AttendanceRecord.objects.filter(participant=participant).count() == 1
    [message] = OutboxMessage.objects.all()
    assert message.task_name == COMPLETION_TASK
    assert message.args == [[participant.pk]]

    # The broker is still down: the drain keeps it and says so.
    assert outbox_drain() == (0, 1)
    with pytest.raises(CommandError):
        call_command("drain_outbox")
    assert OutboxMessage.objects.count() == 1

    broker.up = True
    call_command("drain_outbox")
    assert broker.published == [(COMPLETION_TASK, [[participant.pk]])]
    assert not OutboxMessage.objects.exists()


def test_with_the_broker_up_the_task_is_published_on_commit_and_not_kept(
    queued, broker, django_capture_on_commit_callbacks
):
    broker.up = True
    with django_capture_on_commit_callbacks(execute=True):
        send_email_task.delay_on_commit("Tiêu đề", "Nội dung", "lan@example.test")

    assert broker.published == [
        ("people.tasks.send_email_task", ["Tiêu đề", "Nội dung", "lan@example.test"])
    ]
    assert not OutboxMessage.objects.exists()


def test_a_rolled_back_transaction_leaves_no_task(queued, broker):
    broker.up = True
    with pytest.raises(RuntimeError), transaction.atomic():
        send_email_task.delay_on_commit("S", "B", "lan@example.test")
        raise RuntimeError("the caller's work failed")

    assert not OutboxMessage.objects.exists()
    assert broker.published == []


def test_typed_arguments_survive_the_outbox(queued, broker):
    when = dt.datetime(2026, 5, 31, 8, 30, tzinfo=dt.UTC)
    with transaction.atomic():
        send_email_task.apply_async_on_commit(
            ("S", "B"), {"to": "lan@example.test", "when": when}, countdown=5
        )
    # pytest-django's transaction never commits: the row is there, unpublished.
    [message] = OutboxMessage.objects.all()
    assert message.options == {"countdown": 5}

    broker.up = True
    with mock.patch.object(send_email_task, "apply_async") as apply_async:
        assert outbox_drain() == (1, 0)
    args, kwargs = apply_async.call_args.args
    assert args == ["S", "B"]
    assert kwargs == {"to": "lan@example.test", "when": when}
    assert apply_async.call_args.kwargs["countdown"] == 5
    assert apply_async.call_args.kwargs["task_id"] == message.task_id
    assert apply_async.call_args.kwargs["retry"] is False


def test_drain_stops_at_the_first_refusal_and_keeps_the_rest(queued):
    with transaction.atomic():
        for number in range(3):
            send_email_task.delay_on_commit(f"S{number}", "B", "lan@example.test")
    calls = []

    def publish(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise OperationalError("connection lost")

    with mock.patch("kombu.messaging.Producer.publish", publish):
        assert outbox_drain() == (1, 2)
    assert len(calls) == 2
    assert [m.args[0] for m in OutboxMessage.objects.all()] == ["S1", "S2"]


def test_eager_mode_runs_on_commit_without_an_outbox_row(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_email_task.delay_on_commit("S", "B", "lan@example.test")

    assert [m.to for m in mailoutbox] == [["lan@example.test"]]
    assert not OutboxMessage.objects.exists()


def test_beat_drains_the_outbox_every_minute():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["lms-drain-outbox"]
    assert entry["task"] == "lms.tasks.drain_outbox_task"
    assert entry["schedule"] == 60.0
    celery_app.loader.import_default_modules()
    assert "lms.tasks.drain_outbox_task" in celery_app.tasks
