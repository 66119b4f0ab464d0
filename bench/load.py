#!/usr/bin/env python
"""How many learners the platform sustains on this machine: `make bench-load`.

1. A PostgreSQL database (lms_bench_load on 127.0.0.1:5432), migrated and
   seeded once (--fresh rebuilds it), with LOAD_ACCOUNTS learners enrolled in
   the demo course K1.
2. gunicorn with production settings on PostgreSQL and Redis (broker db 10,
   cache db 11) and one Celery worker, as in production.
3. locust (bench/locustfile.py: log in, My learning, course, lesson, practice
   quiz start, every answer page, submit, certificate check, 1-3 s think time
   between steps) at growing numbers of learners. Each step logs its learners
   in (5 a second), lets the logins drain (15 s), then measures --step-seconds
   of their work. The ramp stops
   at the first step where a journey step's 95th percentile exceeds 500 ms or
   errors exceed 0.1 %; the step before it is the number of learners sustained.

Prints, and writes to bench/results/load-latest.md, requests/s and
p50/p95/p99 per step and per request. The load generator runs on the same two
cores as the server: the figure is what this one machine does, generator
included.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    BASE_DIR,
    BENCH_DIR,
    BIN,
    VAR_DIR,
    base_env,
    gunicorn,
    log,
    production_env,
    run,
    stop,
)

DATABASE = "lms_bench_load"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
BROKER_URL = "redis://127.0.0.1:6379/10"
CACHE_URL = "redis://127.0.0.1:6379/11"
ACCOUNTS = 400
PREFIX = "taiload"
P95_LIMIT_MS = 500
# Learners logging in per second during a step's ramp: each login hashes the
# password (PBKDF2, about 0.3 s of a core here), so a faster ramp measures logins.
SPAWN_RATE = 5
LOGIN_REQUESTS = ("log in", "login page")
ERROR_LIMIT = 0.001
RESULTS = BENCH_DIR / "results" / "load-latest.md"


def psql(sql: str) -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def dev_env() -> dict[str, str]:
    return {
        **base_env(),
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": DATABASE_URL,
        "CELERY_BROKER_URL": "memory://",
        "CACHE_URL": "locmemcache://",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }


def prepare(fresh: bool) -> None:
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'") == "1"  # noqa: S608 - a constant
    if fresh and exists:
        psql(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
        exists = False
    if not exists:
        psql(f'CREATE DATABASE "{DATABASE}"')
        log("migrating and seeding a fresh PostgreSQL database (a few minutes)")
        run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], dev_env()
        )
        run(
            [sys.executable, "manage.py", "seed_demo", "--force", "-v", "0"],
            dev_env(),
            stdout=subprocess.DEVNULL,
        )


# Run in a dev shell on the bench database: the load accounts (made once, all
# enrolled in K1) and the paths the journey visits, printed as JSON.
PREPARE_CODE = f"""
import json
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from assessments.models import Quiz
from certificates.models import Certificate
from courses.models import CoursePage, LessonPage
from courses.services.enrolment import enrolment_create
from people.models import User
from people.roles import Role
from people.services import user_set_roles
import os

course = CoursePage.objects.live().get(code="K1-2026")
lesson = LessonPage.objects.live().descendant_of(course).order_by("path").first()
learner = User.objects.get(username="hocvien01")
password = make_password(os.environ.get("DEMO_PASSWORD", "Demo@2026"))
for number in range(1, {ACCOUNTS} + 1):
    username = f"{PREFIX}{{number:04d}}"
    user, made = User.objects.get_or_create(
        username=username,
        defaults=dict(
            full_name=f"Học viên tải {{number}}", email=f"{{username}}@bench.local",
            sex=learner.sex, unit=learner.unit, password=password,
            data_processing_consent_at=learner.data_processing_consent_at,
        ),
    )
    if made:
        user_set_roles(user=user, roles=[Role.LEARNER])
        enrolment_create(learner=user, course=course)
quiz = Quiz.objects.get(reference="ON-TAP")
certificate = Certificate.objects.filter(status="valid").order_by("pk").first()
print(json.dumps({{
    "my_learning": reverse("courses:dashboard"),
    "course": course.url, "course_title": course.title,
    "lesson": lesson.url, "lesson_title": lesson.title,
    "quiz": reverse("assessments:quiz", args=[quiz.pk]),
    "quiz_start": reverse("assessments:start", args=[quiz.pk]),
    "quiz_id": quiz.pk, "review_text": quiz.title,
    "verify": reverse("certificates:verify", args=[certificate.verification_code]),
    "verify_text": certificate.verification_code,
}}))
"""


def journey_paths() -> dict:
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PREPARE_CODE],
        cwd=BASE_DIR,
        env=dev_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def server_env() -> dict[str, str]:
    env = production_env(DATABASE_URL)
    env.update(
        {
            "CELERY_BROKER_URL": BROKER_URL,
            "CACHE_URL": CACHE_URL,
            # One address sends every request: no per-address limit may answer 429.
            "CERTIFICATES_VERIFY_LIMIT": "1000000000",
        }
    )
    return env


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    log_file = (VAR_DIR / "load-worker.log").open("wb")
    return subprocess.Popen(
        [str(BIN / "celery"), "-A", "lms", "worker", "--concurrency", "1"],
        cwd=BASE_DIR,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def settle_seconds(users: int) -> int:
    """Every learner logged in (SPAWN_RATE a second), then 15 s for the queue
    of logins to drain: the step's statistics start after that."""
    return -(-users // SPAWN_RATE) + 15


def worst_p95(rows: dict[str, dict]) -> float:
    """The slowest journey step's 95th percentile (logins left out, see above)."""
    return max(
        float(row["95%"])
        for name, row in rows.items()
        if name not in ("Aggregated", *LOGIN_REQUESTS) and int(row["Request Count"])
    )


def locust_step(url: str, users: int, seconds: int, paths: dict) -> dict[str, dict]:
    """One step of the ramp; locust's summary rows by request name."""
    prefix = VAR_DIR / f"load-{users}"
    env = {
        **base_env(),
        "LOAD_PATHS": json.dumps(paths),
        "LOAD_USER_PREFIX": PREFIX,
        "LOAD_ACCOUNTS": str(ACCOUNTS),
        "LOAD_SETTLE_SECONDS": str(settle_seconds(users)),
    }
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(BENCH_DIR / "locustfile.py"),
            "--headless",
            "--host",
            url,
            "--users",
            str(users),
            "--spawn-rate",
            str(SPAWN_RATE),
            "--run-time",
            f"{settle_seconds(users) + seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def step_line(users: int, row: dict) -> str:
    requests = int(row["Request Count"])
    failures = int(row["Failure Count"])
    return (
        f"| {users} | {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} "
        f"| {row['99%']} | {failures}/{requests} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", default="10,25,50,100,150,200,300,400")
    parser.add_argument("--step-seconds", type=int, default=45)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    VAR_DIR.mkdir(parents=True, exist_ok=True)

    load_before = os.getloadavg()[0]
    prepare(args.fresh)
    paths = journey_paths()
    env = server_env()
    log("collecting static files (production: manifest storage)")
    run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    worker = start_worker(env)
    lines = [
        "| learners | requests/s | p50 ms | p95 ms | p99 ms | errors | slowest step's p95 ms |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    sustained, detail = 0, {}
    try:
        with gunicorn("lms.wsgi:application", env, args.workers, "load") as url:
            for users in [int(n) for n in args.steps.split(",")]:
                rows = locust_step(url, users, args.step_seconds, paths)
                total = rows["Aggregated"]
                slowest = worst_p95(rows)
                lines.append(step_line(users, total) + f" {slowest:.0f} |")
                log(lines[-1])
                failures = int(total["Failure Count"]) / max(
                    1, int(total["Request Count"])
                )
                if slowest > P95_LIMIT_MS or failures > ERROR_LIMIT:
                    break
                sustained, detail = users, rows
    finally:
        stop(worker)
    report = [
        f"# Learner journey under load ({args.workers} gunicorn workers, PostgreSQL, "
        f"Redis, one Celery worker; load average {load_before:.1f} before)",
        "",
        *lines,
        "",
        f"**Learners sustained: {sustained}** (every journey step's p95 <= "
        f"{P95_LIMIT_MS} ms, errors <= {ERROR_LIMIT:.1%}).",
    ]
    if detail:
        report += [
            "",
            f"At {sustained} learners, by request:",
            "",
            "| request | requests/s | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, row in sorted(detail.items()):
            if name != "Aggregated" and int(row["Request Count"]):
                report.append(step_line(0, row).replace("| 0 |", f"| {name} |", 1))
    text = "\n".join(report) + "\n"
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
