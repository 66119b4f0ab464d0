#!/usr/bin/env python
"""Time the attendance matrix of a class of 200 participants × 10 sessions and
check it takes a fixed number of queries (training.selectors.attendance_matrix).

    .venv/bin/python bench/attendance_matrix.py --participants 200 --sessions 10

Against the database DATABASE_URL names (SQLite under var/ by default; migrated
first if it needs to be), it makes a unit, learners, a class, its sessions,
participants and a mark for each (a reproducible mix of statuses) with
bulk_create, times `attendance_matrix` in process, counts its queries, prints
both and deletes everything it made, even on error. Exits 1 if the query count
is not the fixed one.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from people.models import AdminUnit, User  # noqa: E402
from training.models import (  # noqa: E402
    AttendanceRecord,
    AttendanceStatus,
    Participant,
    Session,
    TrainingClass,
)
from training.selectors.attendance import attendance_matrix  # noqa: E402

MATRIX_QUERIES = 3  # sessions, participants with their percentages, marks
STATUS_CYCLE = ["present"] * 7 + ["late", "excused", "absent"]


def log(message: str) -> None:
    print(f"[attendance matrix] {message}", flush=True)


def make_class(tag: str, participants: int, sessions: int) -> TrainingClass:
    unit = AdminUnit.add_root(
        instance=AdminUnit(code=f"bench-{tag}", name=f"bench {tag}", unit_type="xa")
    )
    start = timezone.localdate() - dt.timedelta(days=sessions + 1)
    training_class = TrainingClass.objects.create(
        code=f"bench-{tag}",
        title=f"bench {tag}",
        unit=unit,
        starts_on=start,
        ends_on=start + dt.timedelta(days=sessions),
        capacity=participants,
    )
    session_rows = Session.objects.bulk_create(
        Session(
            training_class=training_class,
            date=start + dt.timedelta(days=n),
            starts_at=dt.time(8, 0),
            ends_at=dt.time(11, 30),
            topic=f"bench {n}",
        )
        for n in range(sessions)
    )
    people = User.objects.bulk_create(
        User(username=f"bench-{tag}-{n}", full_name=f"Học viên {n:04d}", unit=unit)
        for n in range(participants)
    )
    now = timezone.now()
    enrolled = Participant.objects.bulk_create(
        Participant(
            training_class=training_class,
            person=person,
            status=Participant.Status.CONFIRMED,
            consent_at=now,
        )
        for person in people
    )
    statuses = {s.code: s for s in AttendanceStatus.objects.all()}
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            session=session,
            participant=participant,
            status=statuses[STATUS_CYCLE[(i * 3 + j) % len(STATUS_CYCLE)]],
            source="roll_call",
            marked_at=now,
        )
        for i, participant in enumerate(enrolled)
        for j, session in enumerate(session_rows)
    )
    return training_class


def clean_up(tag: str) -> None:
    with transaction.atomic():
        TrainingClass.objects.filter(code=f"bench-{tag}").delete()
        User.objects.filter(username__startswith=f"bench-{tag}-").delete()
        AdminUnit.objects.filter(code=f"bench-{tag}").delete()
    log("cleaned up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    log(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", "--no-input", verbosity=0)
    tag = uuid.uuid4().hex[:8]
    try:
        training_class = make_class(tag, args.participants, args.sessions)
        times, counts = [], set()
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                matrix = attendance_matrix(training_class=training_class)
                times.append(time.perf_counter() - started)
            counts.add(len(queries))
        cells = sum(1 for row in matrix.rows for mark in row.marks if mark)
        log(
            f"{len(matrix.rows)} participants × {len(matrix.sessions)} sessions "
            f"({cells:,} marks): best {min(times) * 1000:.1f} ms, median "
            f"{statistics.median(times) * 1000:.1f} ms over {args.runs} runs; "
            f"queries {sorted(counts)} (fixed: {MATRIX_QUERIES})"
        )
    finally:
        clean_up(tag)
    return 0 if counts == {MATRIX_QUERIES} else 1


if __name__ == "__main__":
    sys.exit(main())
