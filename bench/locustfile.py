"""The learner's journey under load, for locust (run by bench/load.py).

Each simulated learner logs in once with their own account, then repeats the
journey with think time between steps: My learning, the course, a lesson, the
practice quiz (start, answer every page, submit) and a certificate check. The
paths come from bench/load.py in LOAD_PATHS (JSON); the accounts are named
LOAD_USER_PREFIX + a number, all with DEMO_PASSWORD.

Every answer is checked: a page that does not say what it should is a failure,
not a fast success.
"""

import itertools
import json
import os
import sys
from pathlib import Path

import gevent
from locust import HttpUser, SequentialTaskSet, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attempt_form import NEXT_PAGE, attempt_form

PATHS = json.loads(os.environ.get("LOAD_PATHS", "{}"))
PREFIX = os.environ.get("LOAD_USER_PREFIX", "taiload")
ACCOUNTS = int(os.environ.get("LOAD_ACCOUNTS", "200"))
PASSWORD = os.environ.get("DEMO_PASSWORD", "Demo@2026")
_numbers = itertools.count(1)


@events.test_start.add_listener
def measure_once_settled(environment, **_kwargs):
    """Forget what happened before LOAD_SETTLE_SECONDS: the step measures its
    learners at work, not the crowd logging in at its start (each login hashes
    a password; `make bench-exam` measures a crowd starting at once)."""
    settle = float(os.environ.get("LOAD_SETTLE_SECONDS", "0"))
    if settle and environment.runner is not None:
        gevent.spawn_later(settle, environment.runner.stats.reset_all)


class Journey(SequentialTaskSet):
    def expect(self, response, text: str, name: str) -> bool:
        if response.status_code >= 400 or text not in response.text:
            response.failure(f"{name}: {response.status_code}, '{text}' missing")
            return False
        return True

    @task
    def my_learning(self):
        with self.client.get(
            PATHS["my_learning"], name="My learning", catch_response=True
        ) as response:
            self.expect(response, PATHS["course_title"], "My learning")

    @task
    def course(self):
        with self.client.get(
            PATHS["course"], name="course page", catch_response=True
        ) as response:
            self.expect(response, PATHS["course_title"], "course page")

    @task
    def lesson(self):
        with self.client.get(
            PATHS["lesson"], name="lesson page", catch_response=True
        ) as response:
            self.expect(response, PATHS["lesson_title"], "lesson page")

    @task
    def quiz(self):
        with self.client.post(
            PATHS["quiz_start"],
            {"csrfmiddlewaretoken": self.user.csrf},
            headers={"Referer": self.user.host + PATHS["quiz"]},
            name="quiz start",
            catch_response=True,
        ) as response:
            if not self.expect(response, "/save/", "quiz start"):
                return
            html = response.text
        for _page in range(20):  # a quiz of more pages than this is a fault
            self.wait()
            action, fields = attempt_form(html)
            goto = NEXT_PAGE.search(html)
            fields["goto"] = goto.group(1) if goto else "finish"
            name = "answer page" if goto else "submit"
            with self.client.post(
                action,
                fields,
                headers={"Referer": self.user.host + action},
                name=name,
                catch_response=True,
            ) as response:
                expected = "/save/" if goto else PATHS["review_text"]
                if not self.expect(response, expected, name):
                    return
                html = response.text
            if not goto:
                return

    @task
    def certificate_check(self):
        with self.client.get(
            PATHS["verify"], name="certificate check", catch_response=True
        ) as response:
            self.expect(response, PATHS["verify_text"], "certificate check")


class Learner(HttpUser):
    wait_time = between(1, 3)  # think time between steps
    tasks = [Journey]

    def on_start(self):
        number = (next(_numbers) - 1) % ACCOUNTS + 1
        self.client.get("/accounts/login/", name="login page")
        self.csrf = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            {
                "username": f"{PREFIX}{number:04d}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.csrf,
            },
            headers={"Referer": self.host + "/accounts/login/"},
            name="log in",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies:
                response.failure(f"log in refused ({response.status_code})")
        self.csrf = self.client.cookies.get("csrftoken", self.csrf)
