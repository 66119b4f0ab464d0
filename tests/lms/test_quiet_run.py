"""`make run` prints what a developer needs (the banner, the addresses, errors),
not a warning per process nor a line per background task.

Each case runs in a fresh interpreter with the development settings, as the
worker and the web server of `make run` do.
"""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

BASE_DIR = settings.BASE_DIR


def dev_env(**overrides):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(BASE_DIR)),
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
    }
    env.update(overrides)
    return env


def run_python(code: str, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def no_local_broker_override():
    if (BASE_DIR / ".env").exists() and "CELERY_BROKER_URL" in (
        BASE_DIR / ".env"
    ).read_text(encoding="utf-8"):
        pytest.skip("a local .env chooses another broker")


def test_sending_to_the_embedded_broker_warns_of_no_missing_hostname(
    no_local_broker_override,
):
    result = run_python(
        "import django; django.setup()\n"
        "from lms.celery import app\n"
        "with app.connection_for_write() as connection:\n"
        "    connection.ensure_connection(max_retries=1)\n"
        "    connection.default_channel\n"
        "    print(connection.info()['transport'], connection.info()['hostname'])\n",
        dev_env(),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["filesystem", "localhost"]
    assert "No hostname was supplied" not in result.stderr


CHECK_WORKER_LOGGING = """
import logging
import django
django.setup()
from lms.celery import app
app.log.setup(loglevel="INFO")  # what `celery worker --loglevel INFO` does
for name in ("celery.worker.strategy", "celery.app.trace", "celery.beat", "people",
             "lms.audit", "celery.worker.consumer.consumer"):
    logger = logging.getLogger(name)
    print(name, logger.isEnabledFor(logging.INFO), logger.isEnabledFor(logging.ERROR))
"""


def test_worker_logs_no_line_per_task_but_keeps_errors_and_our_own_info():
    result = run_python(CHECK_WORKER_LOGGING, dev_env())

    assert result.returncode == 0, result.stderr
    enabled = {
        name: (info == "True", error == "True")
        for name, info, error in (line.split() for line in result.stdout.splitlines())
    }
    # "Task ... received" and "Task ... succeeded in ...": off; failures: on.
    assert enabled["celery.worker.strategy"] == (False, True)
    assert enabled["celery.app.trace"] == (False, True)
    # Beat's "Sending due task ..." once a minute: off.
    assert enabled["celery.beat"] == (False, True)
    # Our own INFO (audit trail, account events) and "Connected to ...": on.
    assert enabled["people"] == (True, True)
    assert enabled["lms.audit"] == (True, True)
    assert enabled["celery.worker.consumer.consumer"] == (True, True)


def make_run_worker_environment() -> str:
    """The PYTHONWARNINGS that `make run` gives its worker, read from `make -n`."""
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=1"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    match = re.search(
        r'PYTHONWARNINGS="([^"]+)"\s*\\?\s*\n?\s*\S*celery -A lms worker', dry_run
    )
    assert match, dry_run
    return match.group(1)


CHECK_PRIVILEGES = """
from celery.platforms import check_privileges
check_privileges(["json"])
print("checked")
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="the warning is for root only")
def test_make_run_worker_does_not_warn_about_running_as_root():
    warnings_option = make_run_worker_environment()

    plain = run_python(CHECK_PRIVILEGES, dev_env())
    in_make_run = run_python(CHECK_PRIVILEGES, dev_env(PYTHONWARNINGS=warnings_option))

    assert "superuser privileges" in plain.stderr  # what the option is for
    assert in_make_run.stdout.strip() == "checked"
    assert in_make_run.stderr == ""
