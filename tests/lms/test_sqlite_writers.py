"""SQLite, the embedded default (`make run`), under 20 concurrent writers: WAL,
a busy timeout and IMMEDIATE transactions (lms.settings.base.tune_sqlite) keep
"database is locked" from ever reaching the caller.

The test database is copied to a file (VACUUM INTO: migrated, with Wagtail's
initial rows) and a separate Python process, configured as `make run` is,
marks attendance from 20 threads at once, each through the real service and
its own connection; the process reports every error it met.
"""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

WRITERS = 20

SCRIPT = r"""
import json, os, sys, threading, traceback

import django
from django.conf import settings

from lms.settings.base import tune_sqlite

settings.DATABASES["default"] = tune_sqlite(dict(settings.DATABASES["default"]))
django.setup()

from django.db import connection, connections

from people.roles import Role
from tests.factories import UserFactory, make_unit
from tests.factories.training import make_participant, make_session, make_training_class
from training.models import AttendanceRecord, AttendanceSource, Participant
from training.services.attendance import attendance_mark

writers = int(sys.argv[1])
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
unit = make_unit(name="Xã Thử", code="X99", unit_type="xa")
trainer = UserFactory(roles=[Role.TRAINER], unit=unit)
training_class = make_training_class(unit, trainers=[trainer], capacity=100)
session = make_session(training_class)
people = [UserFactory(unit=unit) for _ in range(writers)]
participants = [make_participant(training_class, person) for person in people]
connection.close()

errors = []
start = threading.Barrier(writers)

def write(participant):
    try:
        start.wait()
        for status in ("present", "late", "present"):
            attendance_mark(
                session=session,
                participant=participant,
                status_code=status,
                by=trainer,
                source=AttendanceSource.ROLL_CALL,
            )
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        connections.close_all()

threads = [threading.Thread(target=write, args=(p,)) for p in participants]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({
    "journal": journal,
    "errors": errors,
    "marks": AttendanceRecord.objects.filter(session=session).count(),
    "attended": Participant.objects.filter(
        training_class=training_class, attended=True
    ).count(),
}))
"""


@pytest.fixture
def file_database(transactional_db, tmp_path):
    """The migrated test database, copied to a file (autocommit: VACUUM may run)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: the embedded default")
    path = tmp_path / "lms.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    return path


# serialized_rollback: the copy needs the rows the migrations made (attendance
# statuses), which an earlier transactional test's flush removes; and no
# post_migrate runs after this test to confuse the next one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_writers_meet_no_locked_database(file_database, tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": f"sqlite:///{file_database}",
        "CELERY_BROKER_URL": "memory://",
        "CACHE_URL": "locmemcache://",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(WRITERS)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["journal"] == "wal"
    assert report["errors"] == []
    # One mark per participant, its two changes kept as history.
    assert report["marks"] == WRITERS
    assert report["attended"] == WRITERS
