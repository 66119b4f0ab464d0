"""Redis unreachable for the web side: requests and records still commit, the
tasks wait in the outbox (lms/outbox.py), and once Redis is back the drain
publishes them and the real worker runs them.

The machine's Redis is shared, so it is never stopped: this process's producer
is pointed at a port nothing listens on, the worker keeps the real one.
"""

import contextlib
import datetime as dt
import time
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from lms.celery import app as celery_app
from lms.models import OutboxMessage
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.training import (
    make_participant,
    make_session,
    make_training_class,
)
from training.models import AttendanceRecord, AttendanceSource, Participant
from training.services.attendance import attendance_mark

pytestmark = [
    pytest.mark.integration,
    # The first test of a run also waits for the migrations and the worker.
    pytest.mark.timeout(900),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("non_eager_celery"),
]

DEAD_BROKER = "redis://127.0.0.1:6390/14"


def _point_producer_at(url: str | None) -> None:
    """New publishes go to `url` (kombu keeps one pool per URL, left open).

    The write URL: the environment's CELERY_BROKER_URL (bin/test-services)
    outranks conf.broker_url, but not conf.broker_write_url.
    """
    celery_app.conf.broker_write_url = url
    celery_app._pool = None
    with contextlib.suppress(AttributeError, KeyError):
        celery_app.__dict__["amqp"]._producer_pool = None


@contextlib.contextmanager
def broker_unreachable():
    _point_producer_at(DEAD_BROKER)
    try:
        yield
    finally:
        _point_producer_at(None)


def test_password_reset_during_the_outage_is_mailed_after_the_drain(
    client, wait_for_mail, caplog
):
    email = f"outage-{uuid.uuid4().hex[:8]}@example.test"
    UserFactory(email=email)

    with broker_unreachable():
        started = time.monotonic()
        response = client.post(reverse("people:password_reset"), {"email": email})
        elapsed = time.monotonic() - started
        assert celery_app.pool.connection.as_uri().endswith(":6390/14")
        assert response.status_code == 302
        assert elapsed < 5, f"the page waited {elapsed:.1f}s on a dead broker"
        [message] = OutboxMessage.objects.all()
        assert message.task_name == "people.tasks.send_email_task"
        # Kept because the connection was refused, not for any other reason.
        kept = [r.getMessage() for r in caplog.records if r.name == "lms.outbox"]
        assert kept, "no outbox warning"
        assert "refused" in kept[0].lower() or "111" in kept[0], kept
        with pytest.raises(CommandError):
            call_command("drain_outbox")  # still down: kept
        assert OutboxMessage.objects.count() == 1

    with pytest.raises(AssertionError):
        wait_for_mail(f"To: {email}", timeout=1.0)
    call_command("drain_outbox")
    assert not OutboxMessage.objects.exists()
    wait_for_mail(f"To: {email}")


def test_attendance_marked_during_the_outage_completes_the_participant_later(
    commune_a, learner
):
    trainer = UserFactory(roles=[Role.TRAINER], unit=commune_a)
    start = timezone.localdate() - dt.timedelta(days=1)
    training_class = make_training_class(
        commune_a, trainers=[trainer], starts_on=start, ends_on=start + dt.timedelta(2)
    )
    session = make_session(training_class)
    participant = make_participant(training_class, learner)

    with broker_unreachable():
        attendance_mark(
            session=session,
            participant=participant,
            status_code="present",
            by=trainer,
            source=AttendanceSource.ROLL_CALL,
        )
        assert AttendanceRecord.objects.filter(participant=participant).exists()
        [message] = OutboxMessage.objects.all()
        assert message.task_name == "training.tasks.update_participant_completion_task"

    # Redis is back: the drain task (beat's, run here by the worker) publishes it.
    from lms.tasks import drain_outbox_task

    drain_outbox_task.delay()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        participant = Participant.objects.get(pk=participant.pk)
        if participant.completed_at is not None:
            break
        time.sleep(0.3)
    assert participant.completed_at is not None, "the worker never completed it"
    assert not OutboxMessage.objects.exists()
