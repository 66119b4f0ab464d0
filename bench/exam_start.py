#!/usr/bin/env python
"""A synchronised exam start: `make bench-exam`.

200 learners, each signed in beforehand with their own session, start the same
quiz within 5 seconds, answer every page with pauses, and submit within a
minute of the start, against gunicorn + PostgreSQL + Redis + a Celery worker
(the set-up of bench/load.py, same database). Then the database is asked:
every learner must have exactly one attempt, submitted. Any 5xx, a missing or a
doubled attempt fails the run (exit 1).
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attempt_form import NEXT_PAGE, attempt_form
from load import (
    ACCOUNTS,
    PREFIX,
    VAR_DIR,
    dev_env,
    journey_paths,
    prepare,
    server_env,
    start_worker,
)
from run import BASE_DIR, gunicorn, log, run, stop

LEARNERS = 200
START_WINDOW_S = 5
SUBMIT_BY_S = 60
PASSWORD = os.environ.get("DEMO_PASSWORD", "Demo@2026")


def sign_in(url: str, number: int) -> requests.Session:
    session = requests.Session()
    session.get(url + "/accounts/login/", timeout=30)
    session.post(
        url + "/accounts/login/",
        {
            "username": f"{PREFIX}{number:04d}",
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        headers={"Referer": url + "/accounts/login/"},
        timeout=30,
    )
    if "sessionid" not in session.cookies:
        raise RuntimeError(f"{PREFIX}{number:04d} could not sign in")
    return session


class Record:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: dict[int, int] = {}
        self.start_ms: list[float] = []
        self.submit_ms: list[float] = []
        self.problems: list[str] = []

    def saw(self, response, kind: str, started: float) -> None:
        elapsed = (time.monotonic() - started) * 1000
        with self.lock:
            for hop in [*response.history, response]:
                self.statuses[hop.status_code] = (
                    self.statuses.get(hop.status_code, 0) + 1
                )
            (self.start_ms if kind == "start" else self.submit_ms).append(elapsed)


def sit_exam(url, session, paths, go, record: Record, number: int) -> None:
    rng = random.Random(number)
    time.sleep(max(0.0, go + rng.uniform(0, START_WINDOW_S) - time.monotonic()))
    started = time.monotonic()
    response = session.post(
        url + paths["quiz_start"],
        {"csrfmiddlewaretoken": session.cookies.get("csrftoken", "")},
        headers={"Referer": url + paths["quiz"]},
        timeout=60,
    )
    record.saw(response, "start", started)
    html = response.text
    pages = len(set(re.findall(r'name="goto" value="(\d+)"', html))) or 1
    for _ in range(20):
        if "/save/" not in html:
            record.problems.append(
                f"{number}: no attempt form ({response.status_code})"
            )
            return
        # Spread the answering so every learner submits within the minute.
        time.sleep(rng.uniform(5, (SUBMIT_BY_S - START_WINDOW_S - 10) / pages))
        action, fields = attempt_form(html)
        goto = NEXT_PAGE.search(html)
        fields["goto"] = goto.group(1) if goto else "finish"
        started = time.monotonic()
        response = session.post(
            url + action, fields, headers={"Referer": url + action}, timeout=60
        )
        record.saw(response, "page" if goto else "submit", started)
        html = response.text
        if not goto:
            return
    record.problems.append(f"{number}: more than 20 pages")


CHECK_CODE = """
import json
from assessments.models import Attempt
rows = Attempt.objects.filter(quiz_id={quiz_id}, learner__username__startswith="{prefix}",
    learner__username__lte="{last}")
per_learner = {{}}
for username, state in rows.values_list("learner__username", "state"):
    per_learner.setdefault(username, []).append(state)
print(json.dumps(per_learner))
"""

RESET_CODE = """
from assessments.models import Attempt
Attempt.objects.filter(quiz_id={quiz_id}, learner__username__startswith="{prefix}").delete()
"""


def shell(code: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=dev_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--learners", type=int, default=LEARNERS)
    args = parser.parse_args()
    learners = args.learners
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if learners > ACCOUNTS:
        raise SystemExit(f"bench/load.py makes only {ACCOUNTS} accounts")

    prepare(args.fresh)
    paths = journey_paths()
    last = f"{PREFIX}{learners:04d}"
    shell(RESET_CODE.format(quiz_id=paths["quiz_id"], prefix=PREFIX))
    env = server_env()
    run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    worker = start_worker(env)
    record = Record()
    try:
        with gunicorn("lms.wsgi:application", env, args.workers, "exam") as url:
            log(f"signing in {learners} learners")
            with concurrent.futures.ThreadPoolExecutor(16) as pool:
                sessions = list(
                    pool.map(lambda n: sign_in(url, n), range(1, learners + 1))
                )
            go = time.monotonic() + 2
            log(f"{learners} learners start within {START_WINDOW_S} s")
            with concurrent.futures.ThreadPoolExecutor(learners) as pool:
                futures = [
                    pool.submit(sit_exam, url, s, paths, go, record, n)
                    for n, s in enumerate(sessions, start=1)
                ]
                for future in futures:
                    future.result()
            took = time.monotonic() - go
    finally:
        stop(worker)

    per_learner = json.loads(
        shell(
            CHECK_CODE.format(quiz_id=paths["quiz_id"], prefix=PREFIX, last=last)
        ).splitlines()[-1]
    )
    counts = [
        len(per_learner.get(f"{PREFIX}{n:04d}", [])) for n in range(1, learners + 1)
    ]
    submitted = sum(
        1 for states in per_learner.values() if states and "in_progress" not in states
    )
    errors_5xx = sum(n for status, n in record.statuses.items() if status >= 500)
    print(
        f"\nExam start: {learners} learners, all done in {took:.0f} s\n"
        f"  answers by status: {dict(sorted(record.statuses.items()))}\n"
        f"  start: p50 {percentile(record.start_ms, 0.5):.0f} ms, p95 "
        f"{percentile(record.start_ms, 0.95):.0f} ms, max {max(record.start_ms, default=0):.0f} ms\n"
        f"  submit: p50 {percentile(record.submit_ms, 0.5):.0f} ms, p95 "
        f"{percentile(record.submit_ms, 0.95):.0f} ms, max {max(record.submit_ms, default=0):.0f} ms\n"
        f"  attempts per learner: {sorted(set(counts))} (every one must be [1]); "
        f"submitted: {submitted}/{learners}\n"
        f"  problems: {record.problems[:5] or 'none'}"
    )
    ok = (
        errors_5xx == 0
        and set(counts) == {1}
        and submitted == learners
        and not record.problems
        and took <= SUBMIT_BY_S + 15
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
