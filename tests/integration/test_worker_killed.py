"""A Celery worker SIGKILLed while issuing a certificate: once the task is
redelivered to another worker, exactly one certificate and one PDF exist.

The first worker loads tests/integration/slow_certificates.py (`--include`),
which makes one step slow; the test kills the worker (SIGKILL, the whole
process) in that step. Its task was never acknowledged (acks_late), so Redis
hands it to the next worker once the visibility timeout has passed: a second
worker with a 5-second timeout, started after it, picks it up at start-up.
"""

import os
import re
import signal
import time
import uuid
from pathlib import Path

import pytest
from django.utils import timezone

from certificates.models import Certificate, CertificateCounter
from certificates.tasks import issue_certificate_task
from lms.models import OutboxMessage
from tests.factories.certificates import make_issuing_body, make_rule, make_template
from tests.factories.training import make_participant, make_training_class

from .conftest import (
    _log_tail,
    real_broker_and_database,
    start_worker,
    stop_worker,
    worker_environment,
)

pytestmark = [
    pytest.mark.integration,
    # The first test of a run also waits for the migrations and the worker.
    pytest.mark.timeout(900),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUEUE = "lms-faults"
VISIBILITY_SECONDS = 5
WAIT_SECONDS = 90


def _wait(condition, what: str, logs: list[Path], timeout: float = WAIT_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    tails = "\n".join(f"--- {log.name}\n{_log_tail(log)}" for log in logs)
    raise AssertionError(f"timed out waiting for {what}\n{tails}")


@pytest.fixture
def workers(django_db_blocker, tmp_path, non_eager_celery_app):
    """Start workers on the fault queue; every one is stopped at the end."""
    broker_url, settings_dict = real_broker_and_database(django_db_blocker)
    private_root = tmp_path / "private"
    markers = tmp_path / "markers"
    markers.mkdir()
    started = []

    def start(label: str, **extra: str):
        log = tmp_path / f"worker-{label}.log"
        env = worker_environment(
            settings_dict,
            broker_url,
            CELERY_TASK_DEFAULT_QUEUE=QUEUE,
            # Not the test profile's eager tasks: the render is a task of its own,
            # queued through the outbox, as in production.
            CELERY_TASK_ALWAYS_EAGER="false",
            PRIVATE_UPLOADS_ROOT=str(private_root),
            MEDIA_ROOT=str(tmp_path / "media"),
            LMS_TEST_MARKER_DIR=str(markers),
            **extra,
        )
        args: tuple[str, ...] = ("--queues", QUEUE)
        if "LMS_TEST_SLOW_STEP" in extra:
            args += ("--include", "tests.integration.slow_certificates")
        process = start_worker(
            name=f"lms-fault-{label}-{uuid.uuid4().hex[:6]}@localhost",
            env=env,
            log_file=log,
            extra_args=args,
        )
        started.append(process)
        return process, log

    yield {"start": start, "private_root": private_root, "markers": markers}
    for process in started:
        stop_worker(process)


@pytest.fixture
def non_eager_celery_app():
    from lms.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = previous


@pytest.fixture
def completed_class(commune_a, learner):
    body = make_issuing_body(commune_a)
    training_class = make_training_class(commune_a, code=f"TH-K-{uuid.uuid4().hex[:4]}")
    rule = make_rule(training_class=training_class, template=make_template(body))
    make_participant(training_class, learner, completed_at=timezone.now())
    return training_class, rule


def _pdfs(root: Path) -> list[Path]:
    return sorted((root / "certificates").rglob("*.pdf*")) if root.exists() else []


def _kill(process) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@pytest.mark.parametrize("step", ["issue", "render"])
def test_worker_killed_mid_certificate_gives_one_certificate_and_one_pdf(
    step, workers, completed_class, learner
):
    training_class, rule = completed_class
    first, first_log = workers["start"]("first", LMS_TEST_SLOW_STEP=step)

    issue_certificate_task.apply_async(
        (learner.pk,), {"training_class_id": training_class.pk}, queue=QUEUE
    )
    marker = workers["markers"] / f"{step}-started"
    _wait(marker.exists, f"the {step} step to start", [first_log])
    killed_at = time.monotonic()
    _kill(first)

    if step == "issue":
        # Killed inside the issuing transaction: nothing of it was committed.
        assert not Certificate.objects.exists()
        assert CertificateCounter.objects.filter(last_number__gt=0).count() == 0
    else:
        # Killed while rendering: the certificate is there, its PDF is not.
        certificate = Certificate.objects.get()
        assert not certificate.pdf
    assert _pdfs(workers["private_root"]) == []

    # Redis gives the unacknowledged task to a worker that starts after its
    # visibility timeout has passed.
    time.sleep(max(0.0, VISIBILITY_SECONDS + 1 - (time.monotonic() - killed_at)))
    second, second_log = workers["start"](
        "second", CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_SECONDS)
    )

    def rendered():
        certificate = Certificate.objects.filter(pdf__gt="").first()
        return certificate if certificate and _pdfs(workers["private_root"]) else None

    certificate = _wait(rendered, "the redelivered task's PDF", [first_log, second_log])
    # Give a duplicate delivery time to show itself.
    time.sleep(3)
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().sequence == 1  # no number lost or repeated
    pdfs = _pdfs(workers["private_root"])
    assert [p.name for p in pdfs] == [f"certificate-{certificate.pk}.pdf"]
    assert pdfs[0].read_bytes().startswith(b"%PDF")
    assert not OutboxMessage.objects.exists()
    # The second worker got the killed task itself, redelivered.
    killed_task = {
        "issue": "issue_certificate_task",
        "render": "render_certificate_pdf_task",
    }[step]
    assert re.search(
        rf"Task certificates\.tasks\.{killed_task}\[[0-9a-f-]+\] received",
        second_log.read_text(errors="replace"),
    ), _log_tail(second_log)
