#!/usr/bin/env python
"""Profile one page as a named user, in process, with production settings.

    make profile PAGE=lesson                  # the demo learner's first K1 lesson
    make profile PAGE=/learning/ AS=hocvien02 # any path, as any demo account
    make profile PAGE=autosave ARGS=--cprofile
    make profile PAGE=heartbeat ARGS=--services   # PostgreSQL + Redis

PAGE is a path or one of the names below (the pages of the performance issue).
The request goes through Django's WSGI handler exactly as gunicorn hands it over
(every middleware, the session from the cache or database, the template), on
bench/run.py's seeded database (built when missing). The script prints the
page's median time in process and its queries (each one's SQL, first request
after the warm-up), then the profile of --requests requests: pyinstrument's
call tree by default, cProfile's top functions with --cprofile.

It measures; it asserts nothing. Query counts are held by the tests, speed by
`make bench`.
"""

import argparse
import contextlib
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
sys.path[:0] = [str(BASE_DIR), str(BENCH_DIR)]

import run as bench  # noqa: E402 - bench/run.py: the same database and settings

# name -> (method, what it is); the path is found in the seeded database.
NAMED_PAGES = {
    "login": ("GET", "the login page (anonymous): middleware and base template"),
    "catalogue": ("GET", "the course catalogue as the learner"),
    "course": ("GET", "course K1's page as the learner"),
    "lesson": ("GET", "K1's first lesson as the learner"),
    "dashboard": ("GET", "My learning"),
    "quiz": ("GET", "the practice quiz's attempt page"),
    "autosave": ("POST", "the practice quiz's autosave of page 1"),
    "heartbeat": ("POST", "the time-on-lesson heartbeat of K1's first lesson"),
}


def configure(services: bool) -> None:
    """Production settings on the bench's database, as bench/run.py serves them."""
    database_url, cache_url = bench.database_and_cache(services)
    bench.ensure_database(database_url, services)
    os.environ.update(bench.production_env(database_url, cache_url))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)


def named_request(name: str, username: str) -> tuple[str, str, callable]:
    """(method, path, body maker) of a named page; the body maker sees the last answer."""
    from assessments.models import Quiz
    from assessments.services.attempts import attempt_start
    from courses.models import CoursePage, LessonPage
    from people.models import User

    course = CoursePage.objects.live().get(code="K1-2026")
    lesson = LessonPage.objects.live().descendant_of(course).order_by("path").first()
    if name == "login":
        return "GET", "/accounts/login/", None
    if name == "catalogue":
        return "GET", course.get_parent().url, None
    if name == "course":
        return "GET", course.url, None
    if name == "lesson":
        return "GET", lesson.url, None
    if name == "dashboard":
        return "GET", "/learning/", None
    if name == "heartbeat":
        return (
            "POST",
            f"/learning/lessons/{lesson.pk}/heartbeat/",
            lambda _answer: {"seconds": "30"},
        )
    learner = User.objects.get(username=username)
    attempt = attempt_start(quiz=Quiz.objects.get(reference="ON-TAP"), learner=learner)
    if name == "quiz":
        return "GET", f"/quizzes/attempt/{attempt.pk}/", None
    sequence = {"value": attempt.sequence}

    def autosave(answer: bytes) -> dict:
        with contextlib.suppress(ValueError, TypeError):
            sequence["value"] = json.loads(answer)["sequence"]
        return {
            "sequence": str(sequence["value"]),
            "page": "1",
            "q1": "ab"[sequence["value"] % 2],
        }

    return "POST", f"/quizzes/attempt/{attempt.pk}/save/", autosave


def session_cookie(username: str) -> str:
    """A signed-in session for `username` (as a login makes it) and a CSRF cookie."""
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    from people.models import User

    client = Client()
    # The backend a real login records (people.auth_backends), not the first listed.
    client.force_login(
        User.objects.get(username=username),
        backend="people.auth_backends.UsernameOrEmailBackend",
    )
    csrf = _get_new_csrf_string()
    return f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}"


def environ_for(method: str, path: str, cookie: str, body: bytes) -> dict:
    path, _, query = path.partition("?")
    csrf = cookie.rpartition("csrftoken=")[2] if cookie else ""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "application/json" if method == "POST" else "text/html",
        "HTTP_ACCEPT_LANGUAGE": "vi",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    if method == "POST":
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        environ["CONTENT_LENGTH"] = str(len(body))
        environ["HTTP_X_CSRFTOKEN"] = csrf
        environ["HTTP_REFERER"] = "http://127.0.0.1/"
    return environ


class Page:
    """One page, requested again and again through the WSGI application."""

    def __init__(self, application, method, path, cookie, body_maker):
        self.application, self.method, self.path = application, method, path
        self.cookie, self.body_maker = cookie, body_maker
        self.last_answer = b""

    def request(self) -> tuple[str, bytes]:
        fields = self.body_maker(self.last_answer) if self.body_maker else None
        body = urlencode(fields).encode() if fields else b""
        status = {}

        def start_response(status_line, headers, exc_info=None):
            status["line"] = status_line

        result = self.application(
            environ_for(self.method, self.path, self.cookie, body), start_response
        )
        try:
            answer = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        self.last_answer = answer
        return status["line"], answer


@contextlib.contextmanager
def queries_seen():
    from django.db import connection

    seen: list[str] = []

    def note(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        yield seen


def profile_one(application, name: str, username: str, args) -> dict:
    """Measure and profile one page; print what was found; return the summary."""
    if name in NAMED_PAGES:
        method, path, body_maker = named_request(name, username)
    else:
        method, path, body_maker = "GET", name, None
    anonymous = name == "login" or username in ("", "anonymous")
    cookie = "" if anonymous else session_cookie(username)
    page = Page(application, method, path, cookie, body_maker)

    for _ in range(args.warmup):
        status, answer = page.request()
    with queries_seen() as queries:
        status, answer = page.request()
    timings = []
    for _ in range(min(args.requests, 200)):
        started = time.perf_counter()
        page.request()
        timings.append((time.perf_counter() - started) * 1000)

    who = "anonymous" if anonymous else username
    print(f"{method} {path} as {who}: {status}, {len(answer):,} bytes")
    print(
        f"in process: median {statistics.median(timings):.2f} ms, "
        f"best {min(timings):.2f} ms over {len(timings)} requests; "
        f"{len(queries)} queries:"
    )
    for number, sql in enumerate(queries, 1):
        print(f"  {number}. {sql[:160]}")
    print()

    if args.cprofile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            page.request()
        profiler.disable()
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    else:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(args.requests):
            page.request()
        profiler.stop()
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        lines = text.splitlines()
        print("\n".join(lines[: args.lines] if args.lines else lines))
    return {
        "page": name,
        "median": statistics.median(timings),
        "best": min(timings),
        "queries": len(queries),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "page", help="a path, all (every name below) or: " + ", ".join(NAMED_PAGES)
    )
    parser.add_argument("--as", dest="username", default=bench.BENCH_LEARNER)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument(
        "--cprofile", action="store_true", help="cProfile, not pyinstrument"
    )
    parser.add_argument("--services", action="store_true", help="PostgreSQL + Redis")
    parser.add_argument("--top", type=int, default=30, help="cProfile rows")
    parser.add_argument(
        "--lines", type=int, default=0, help="print only the profile's first lines"
    )
    args = parser.parse_args()

    configure(args.services)
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    names = list(NAMED_PAGES) if args.page == "all" else [args.page]
    summaries = [profile_one(application, name, args.username, args) for name in names]
    if len(summaries) > 1:
        print("| page | median ms | best ms | queries |")
        print("|---|---:|---:|---:|")
        for row in summaries:
            print(
                f"| {row['page']} | {row['median']:.2f} | {row['best']:.2f} "
                f"| {row['queries']} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
