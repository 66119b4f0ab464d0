"""Integration tests: a REAL Celery worker, fed through Redis, on the test database.

`make test-services` (bin/test-services) runs the whole suite on PostgreSQL and
Redis; there these tests start `celery -A lms worker --pool solo` as a subprocess,
pointed at the test database pytest-django created, the same broker and cache,
and a file-based mail backend whose folder the tests read.

With the default in-memory broker (`make test`) there is nothing a second process
could share, so the tests are skipped; with LMS_REQUIRE_SERVICES=1 (set by
bin/test-services) a missing service fails the run instead.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from lms.celery import app as celery_app

WORKER_START_SECONDS = 60
WORKER_STOP_SECONDS = 15


def _services_required() -> bool:
    return os.environ.get("LMS_REQUIRE_SERVICES", "") == "1"


def _skip_or_fail(reason: str):
    if _services_required():
        pytest.fail(f"LMS_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _database_url(settings_dict) -> str:
    """A DATABASE_URL for the database this test process is really using."""
    engine = settings_dict["ENGINE"]
    name = settings_dict["NAME"]
    if engine == "django.db.backends.postgresql":
        user = settings_dict.get("USER") or ""
        password = settings_dict.get("PASSWORD") or ""
        credentials = (
            f"{user}:{password}@" if password else (f"{user}@" if user else "")
        )
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        return f"postgres://{credentials}{host}:{port}/{name}"
    if engine == "django.db.backends.sqlite3":
        return f"sqlite:///{name}"
    raise RuntimeError(f"no DATABASE_URL form for {engine}")


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no worker log)"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)  # warm shutdown
    try:
        process.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=WORKER_STOP_SECONDS)


def worker_environment(settings_dict, broker_url: str, **extra: str) -> dict:
    """The environment of a worker on this test database and broker."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url(settings_dict),
        "CELERY_BROKER_URL": broker_url,
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    cache_url = os.environ.get("CACHE_URL")
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


def start_worker(
    *, name: str, env: dict, log_file: Path, extra_args: tuple[str, ...] = ()
) -> subprocess.Popen:
    """Start `celery -A lms worker` (solo pool) and wait until it answers a ping."""
    with log_file.open("ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "lms",
                "worker",
                "--pool",
                "solo",
                "--concurrency",
                "1",
                "--hostname",
                name,
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                *extra_args,
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole
        )
    deadline = time.monotonic() + WORKER_START_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(
                f"the Celery worker exited with {process.returncode}:\n"
                + _log_tail(log_file),
                pytrace=False,
            )
        replies = celery_app.control.ping(destination=[name], timeout=1.0)
        if replies:
            return process
        if time.monotonic() > deadline:
            _stop(process)
            pytest.fail(
                f"the Celery worker did not answer a ping in "
                f"{WORKER_START_SECONDS}s:\n" + _log_tail(log_file),
                pytrace=False,
            )


def stop_worker(process: subprocess.Popen) -> None:
    _stop(process)


def real_broker_and_database(django_db_blocker):
    """(broker URL, database settings) a worker can share, or skip/fail."""
    broker_url = settings.CELERY_BROKER_URL
    if not broker_url.startswith(("redis://", "rediss://")):
        _skip_or_fail(
            f"needs a real broker: CELERY_BROKER_URL is {broker_url!r}, not "
            "redis:// (run `make test-services`)"
        )

    from django.db import connection

    with django_db_blocker.unblock():
        settings_dict = connection.settings_dict
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3" and (
        connection.is_in_memory_db()
    ):
        _skip_or_fail(
            "the test database is an in-memory SQLite: a worker cannot see it"
        )
    return broker_url, settings_dict


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """Start one real worker for the session; yield its mail folder and name."""
    broker_url, settings_dict = real_broker_and_database(django_db_blocker)
    workdir = tmp_path_factory.mktemp("celery-worker")
    mail_dir = workdir / "mail"
    mail_dir.mkdir()
    log_file = workdir / "worker.log"
    name = f"lms-test-{os.getpid()}-{uuid.uuid4().hex[:6]}@localhost"
    env = worker_environment(
        settings_dict,
        broker_url,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    process = start_worker(name=name, env=env, log_file=log_file)
    try:
        yield {"name": name, "mail_dir": mail_dir, "log": log_file}
    finally:
        _stop(process)


@pytest.fixture
def non_eager_celery(celery_worker):
    """Send tasks to the broker for the worker, as production does."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield celery_app
    finally:
        celery_app.conf.task_always_eager = previous


@pytest.fixture
def wait_for_mail(celery_worker):
    """Wait (bounded) for a mail file, written by the worker, that contains `text`."""
    mail_dir: Path = celery_worker["mail_dir"]

    def wait(text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for path in sorted(mail_dir.glob("*")):
                content = path.read_text(encoding="utf-8", errors="replace")
                if text in content:
                    return content
            time.sleep(0.2)
        raise AssertionError(
            f"no mail containing {text!r} in {mail_dir} after {timeout}s; "
            f"worker log:\n{_log_tail(celery_worker['log'])}"
        )

    return wait
