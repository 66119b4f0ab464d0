#!/usr/bin/env python
"""Measure the platform's pages under gunicorn against a bare Django view.

    make bench                # or: .venv/bin/python bench/run.py [--duration 10]

1. Builds a fresh SQLite database under var/bench/ (migrate + seed_demo, dev
   settings) and collects the static files (production's manifest storage).
2. Serves bench/bare_app.py (one view, no middleware, no database: the limit of
   this machine for Django under gunicorn), then the platform with PRODUCTION
   settings (DEBUG off), each with the same gunicorn and worker count, bound to
   127.0.0.1 on a free port.
3. Loads each page with wrk on loopback (a warm-up, then a bounded run) and
   prints requests/s, p50, p99, the ratio to the bare view, the page's size
   (bytes, and gzip-compressed as a proxy would send it) and its weight: the
   HTML with the stylesheets and scripts it links, each gzip-compressed, without
   images (the budget in DESIGN.md is 60 KB).

Anonymous pages are served from the platform's page cache once warm (see
lms.middleware.AnonymousPageCacheMiddleware); the warm-up fills it. The quiz rows
and the check-in row are loaded with one wrk thread and connection per learner,
each with its own session (8 and 16); the check-in row POSTs the typed code of
the current 30-second window to a class whose session is running now, and fails
the run unless every answer is the "checked in" page (see measure_checkin()).

With --services the platform runs on PostgreSQL and Redis (127.0.0.1), as in
production, on a database of its own (lms_bench_pages, made again each run).

Results go to stdout and bench/results/latest.md (latest-services.md with
--services; git-ignored); bench/RESULTS.md
keeps a dated sample. Every server it starts is stopped, even on error.
"""

import argparse
import base64
import contextlib
import datetime as dt
import gzip
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
VAR_DIR = BASE_DIR / "var" / "bench"
RESULTS_FILE = BENCH_DIR / "results" / "latest.md"
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn"

# (name, path, logged in as the demo learner?) of the platform's pages to measure.
# Paths in {braces} are looked up in the seeded database (see course_paths()),
# {library_filtered} is the library's own clean URL (see library_filtered_path()).
PAGES = [
    ("home", "/", False),
    ("library: 2 filters + search", "{library_filtered}", False),
    ("resource page", "{resource}", False),
    ("site search", "/tim-kiem/?q=bao+luc", False),
    ("login", "/accounts/login/", False),
    ("catalogue", "{catalogue}", False),
    ("catalogue (learner)", "{catalogue}", True),
    ("course page (learner)", "{course}", True),
    ("lesson page (learner)", "{lesson}", True),
    ("My learning (learner)", "/learning/", True),
]
# The targets of the performance issue, as ratios to the bare view in the same run
# (rows named here; p99 under P99_TARGET_MS for the signed-in ones).
RATIO_TARGETS = {
    "login": 0.35,
    "catalogue (learner)": 0.10,
    "course page (learner)": 0.10,
    "lesson page (learner)": 0.10,
    "My learning (learner)": 0.10,
    "quiz attempt page (8 learners)": 0.10,
    "answer autosave POST (8 learners)": 0.15,
    "lesson heartbeat POST (learner)": 0.15,
}
P99_TARGET_MS = 50.0
# The public verification page of a demo certificate, at 16 concurrent requests.
VERIFY_CONNECTIONS = 16
# Upper secondary + gender-based violence, searched for "bao luc" (no diacritics).
LIBRARY_FORM_QUERY = "?cap=thpt&chu-de=bao-luc-gioi&q=bao+luc"
WEIGHT_BUDGET_BYTES = 60 * 1024
BENCH_LEARNER = "learner"
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "Demo@2026")


@dataclass
class Measure:
    name: str
    path: str
    status: int
    size: int
    gzip_size: int
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: str  # wrk's non-2xx/3xx and socket errors, "" when none
    weight: int = 0  # gzip bytes of the HTML + the CSS and JS it links
    assets: int = 0  # how many stylesheets and scripts it links


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def run(cmd: list[str], env: dict[str, str], **kwargs) -> None:
    subprocess.run(cmd, cwd=BASE_DIR, env=env, check=True, **kwargs)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env() -> dict[str, str]:
    """The caller's environment without anything that would redirect Django."""
    env = dict(os.environ)
    for name in (
        "DJANGO_SETTINGS_MODULE",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "CACHE_URL",
        "EMAIL_BACKEND",
    ):
        env.pop(name, None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def prepare_database(database_url: str) -> None:
    """A fresh, migrated and seeded SQLite database (dev settings, same file)."""
    env = {
        **base_env(),
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": "memory://",
        "CACHE_URL": "locmemcache://",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    log("migrating a fresh database")
    run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    log("seeding the demo data")
    run(
        [sys.executable, "manage.py", "seed_demo", "--force", "-v", "0"],
        env,
        stdout=subprocess.DEVNULL,
    )


def dev_shell(database_url: str, code: str, secret_key: str = "") -> str:
    """Run `code` in a dev-settings shell on the bench database; its last line.

    `secret_key` is given when the answer must match the server's signatures.
    """
    env = {
        **base_env(),
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": "memory://",
        "CACHE_URL": "locmemcache://",
    }
    if secret_key:
        env["SECRET_KEY"] = secret_key
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.strip().splitlines()[-1]


def course_paths(database_url: str) -> dict[str, str]:
    """URLs of the catalogue, course K1 and its first lesson, the library, a
    public resource and a demo certificate's verification page in the seeded
    database."""
    code = (
        "import json; from courses.models import CoursePage, LessonPage; "
        "from content_pages.models import ResourceLibraryPage, ResourcePage; "
        "c = CoursePage.objects.live().get(code='K1-2026'); "
        "l = LessonPage.objects.live().descendant_of(c).order_by('path').first(); "
        "lib = ResourceLibraryPage.objects.live().first(); "
        "r = ResourcePage.objects.live().filter(access='public')"
        ".order_by('path').first(); "
        "from django.urls import reverse; "
        "from certificates.models import Certificate; "
        "v = Certificate.objects.filter(status='valid').order_by('pk').first(); "
        "print(json.dumps({'catalogue': c.get_parent().url, 'course': c.url, "
        "'lesson': l.url, 'lesson_id': l.pk, 'library': lib.url, 'resource': r.url, "
        "'verify': reverse('certificates:verify', args=[v.verification_code])}))"
    )
    return json.loads(dev_shell(database_url, code))


def library_filtered_path(base_url: str, library_path: str) -> str:
    """The library's clean URL for two filters and a search, as the page names it.

    The filter form's GET is redirected to the canonical address of that
    combination; the bench measures that address, as a visitor lands on it.
    """
    url = base_url + library_path + LIBRARY_FORM_QUERY
    with urllib.request.urlopen(url, timeout=10) as response:
        final = urllib.parse.urlsplit(response.geturl())
    return final.path + (f"?{final.query}" if final.query else "")


_LINKED_ASSET = re.compile(
    r"<link\b[^>]*\brel=[\"']?stylesheet[^>]*>|<script\b[^>]*\bsrc=[^>]*>", re.I
)
_ASSET_URL = re.compile(r"\b(?:href|src)=[\"']?([^\"' >]+)", re.I)
_asset_gzip_sizes: dict[str, int] = {}


def page_weight(base_url: str, body: bytes) -> tuple[int, int]:
    """gzip bytes of the HTML plus each stylesheet and script it links, and how
    many of those there are (images are outside the budget)."""
    html = body.decode("utf-8", errors="replace")
    urls = []
    for tag in _LINKED_ASSET.findall(html):
        if match := _ASSET_URL.search(tag):
            urls.append(urllib.parse.urljoin(base_url + "/", match.group(1)))
    total = len(gzip.compress(body, compresslevel=6))
    for url in urls:
        if url not in _asset_gzip_sizes:
            status, asset = fetch(url)
            _asset_gzip_sizes[url] = (
                len(gzip.compress(asset, compresslevel=6)) if status == 200 else 0
            )
        total += _asset_gzip_sizes[url]
    return total, len(urls)


def login_cookie(base_url: str, username: str = BENCH_LEARNER) -> str:
    """Log a demo learner in through the real form; the Cookie header to send."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base_url + "/accounts/login/", timeout=10).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {
            "username": username,
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": token,
        }
    ).encode()
    request = urllib.request.Request(
        base_url + "/accounts/login/", data=data, headers={"Referer": base_url + "/"}
    )
    opener.open(request, timeout=10).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"bench: the demo learner {username} could not log in")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


SERVICES_DATABASE = "lms_bench_pages"
SERVICES_DATABASE_SERVER = "postgres://postgres@127.0.0.1:5432"
SERVICES_CACHE_URL = "redis://127.0.0.1:6379/7"


def database_and_cache(services: bool) -> tuple[str, str]:
    """Where the bench's platform keeps its data: SQLite and a per-process cache,
    or (--services, production's set-up) PostgreSQL and Redis on 127.0.0.1."""
    if services:
        return f"{SERVICES_DATABASE_SERVER}/{SERVICES_DATABASE}", SERVICES_CACHE_URL
    return f"sqlite:///{VAR_DIR / 'bench.sqlite3'}", "locmemcache://"


def ensure_database(database_url: str, services: bool, fresh: bool = False) -> None:
    """The seeded bench database; made again when missing or when `fresh`."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if services:
        import psycopg

        with psycopg.connect(
            f"{SERVICES_DATABASE_SERVER}/postgres", autocommit=True
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [SERVICES_DATABASE]
            ).fetchone()
            if exists and not fresh:
                return
            connection.execute(f'DROP DATABASE IF EXISTS "{SERVICES_DATABASE}"')
            connection.execute(f'CREATE DATABASE "{SERVICES_DATABASE}"')
        flush_redis(SERVICES_CACHE_URL)
    else:
        database = Path(database_url.removeprefix("sqlite:///"))
        if database.exists() and not fresh:
            return
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    prepare_database(database_url)


def flush_redis(cache_url: str) -> None:
    """Empty the bench's own Redis database (its number is the bench's alone)."""
    import redis

    redis.Redis.from_url(cache_url).flushdb()


def production_env(
    database_url: str, cache_url: str = "locmemcache://"
) -> dict[str, str]:
    return {
        **base_env(),
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "CERTIFICATES_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": "memory://",
        "CACHE_URL": cache_url,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # Every wrk request comes from 127.0.0.1: the verification page's lookup
        # limit per address would answer 429 after its 60th. Raised for the run,
        # so the row measures the page; the limit's own cost (a cache counter
        # per lookup) is still paid on every request.
        "CERTIFICATES_VERIFY_LIMIT": "1000000000",
    }


@contextlib.contextmanager
def gunicorn(app: str, env: dict[str, str], workers: int, name: str, chdir=None):
    """Serve `app` on 127.0.0.1:<free port>; yield the base URL; always stop it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = VAR_DIR / f"gunicorn-{name}.log"
    cmd = [
        str(GUNICORN),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--error-logfile",
        "-",
    ]
    if chdir:
        cmd += ["--chdir", str(chdir)]
    cmd.append(app)
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            cmd,
            cwd=BASE_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the workers die with it
        )
    try:
        wait_until_serving(url, process, log_path)
        log(f"{name}: gunicorn with {workers} workers on {url}")
        yield url
    finally:
        stop(process)


def wait_until_serving(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with {process.returncode}:\n"
                + log_path.read_text(errors="replace")[-3000:]
            )
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers: a 404 is an answer
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {url} within 60s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


def fetch(url: str, cookie: str = "") -> tuple[int, bytes]:
    headers = {"Accept-Encoding": "identity"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def post_form(url: str, cookie: str, fields: dict[str, str]) -> tuple[int, bytes]:
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


QUIZ_LEARNERS = [f"hocvien{n:02d}" for n in range(41, 49)]  # one per connection


def quiz_attempts(database_url: str) -> dict[str, dict]:
    """An open attempt at the practice quiz for each bench learner: id and sequence."""
    code = (
        "import json; from assessments.models import Quiz; "
        "from assessments.services.attempts import attempt_start; "
        "from people.models import User; q = Quiz.objects.get(reference='ON-TAP'); "
        f"names = {QUIZ_LEARNERS!r}; out = {{}}\n"
        "for u in User.objects.filter(username__in=names):\n"
        "    a = attempt_start(quiz=q, learner=u); out[u.username] = {'id': a.pk, 'sequence': a.sequence}\n"
        "print(json.dumps(out))"
    )
    return json.loads(dev_shell(database_url, code))


QUIZ_LUA = """-- Written by bench/run.py: one demo learner per wrk thread (-t = -c).
local learners = {learners}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
end
function init(args)
  me = learners[((index - 1) % #learners) + 1]
  sequence = me.sequence
end
function request()
  if wrk.method == "POST" then
    local body = "csrfmiddlewaretoken=" .. me.csrf .. "&sequence=" .. sequence
      .. "&page=1&q1=" .. (sequence % 2 == 0 and "a" or "b")
    return wrk.format("POST", me.save, {{
      ["Cookie"] = me.cookie,
      ["Accept"] = "application/json",
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }}, body)
  end
  return wrk.format("GET", me.page, {{["Cookie"] = me.cookie}})
end
function response(status, headers, body)
  local next_sequence = body:match('"sequence": *(%d+)')
  if next_sequence then sequence = tonumber(next_sequence) end
end
"""


def quiz_script(path: Path, learners: list[dict], method: str) -> Path:
    rows = ",\n  ".join(
        "{"
        + ", ".join(
            f'{key} = "{value}"' if isinstance(value, str) else f"{key} = {value}"
            for key, value in row.items()
        )
        + "}"
        for row in learners
    )
    path.write_text(
        f'wrk.method = "{method}"\n' + QUIZ_LUA.format(learners="{\n  " + rows + "\n}"),
        encoding="utf-8",
    )
    return path


def measure_quiz(
    name: str, base_url: str, database_url: str, cookies: dict, method: str, args
) -> Measure:
    """The attempt page (GET) or the autosave (POST), each connection a different learner.

    Sequences are read from the database before each wrk run, as a page would
    have them; every accepted save returns the next one.
    """

    def learners():
        attempts = quiz_attempts(database_url)
        return [
            {
                "cookie": cookies[username],
                "csrf": re.search(r"csrftoken=([^;]+)", cookies[username]).group(1),
                "page": f"/quizzes/attempt/{attempt['id']}/",
                "save": f"/quizzes/attempt/{attempt['id']}/save/",
                "sequence": attempt["sequence"],
            }
            for username, attempt in sorted(attempts.items())
        ]

    script = VAR_DIR / f"quiz-{method.lower()}.lua"
    first = learners()
    status, body = fetch(base_url + first[0]["page"], first[0]["cookie"])
    log(f"{name}: {method} as {len(first)} learners; loading with wrk")
    common = [
        f"-t{len(first)}",
        f"-c{len(first)}",
        "--timeout",
        "5s",
        "-s",
        str(script),
    ]
    quiz_script(script, first, method)
    subprocess.run(
        ["wrk", *common, f"-d{args.warmup}s", base_url],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    quiz_script(script, learners(), method)
    out = subprocess.run(
        ["wrk", *common, f"-d{args.duration}s", "--latency", base_url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps, p50, p99, requests, errors = parse_wrk(out)
    weight, assets = page_weight(base_url, body)
    if method == "POST":  # a save answers with a small JSON, not the page
        body = json.dumps({"sequence": 1, "saved": 1}).encode()
        weight, assets = len(gzip.compress(body, compresslevel=6)), 0
    return Measure(
        name=name,
        path=first[0]["page" if method == "GET" else "save"],
        status=status,
        size=len(body),
        gzip_size=len(gzip.compress(body, compresslevel=6)),
        rps=rps,
        p50_ms=p50,
        p99_ms=p99,
        requests=requests,
        errors=errors,
        weight=weight,
        assets=assets,
    )


CHECKIN_PARTICIPANTS = [f"hocvien{n:02d}" for n in range(1, 17)]  # one per connection
CHECKIN_CLASS = "BENCH-CHECKIN"
CHECKIN_PATH = "/training/check-in/"
CHECKIN_WINDOW_SECONDS = 30  # training.services.checkin.WINDOW_SECONDS


def checkin_setup(database_url: str, secret_key: str, seconds: int) -> dict:
    """A class with a session running now, the 16 bench participants confirmed in
    it, and the typed check-in code of every 30-second window the run can reach.

    The codes are computed with the server's SECRET_KEY (they are an HMAC of the
    session and the window); the wrk script sends the code of the window it is
    in, so the code is always the current one however long the run.
    """
    code = (
        "import datetime as dt, json\n"
        "from django.utils import timezone\n"
        "from people.models import User\n"
        "from training.models import Participant, Session, TrainingClass\n"
        "from training.services.checkin import checkin_code_make, checkin_window\n"
        f"names = {CHECKIN_PARTICIPANTS!r}\n"
        "people = list(User.objects.filter(username__in=names))\n"
        "assert len(people) == len(names), 'bench: missing demo participants'\n"
        "now = timezone.localtime(); today = now.date()\n"
        f"TrainingClass.objects.filter(code={CHECKIN_CLASS!r}).delete()\n"
        "tc = TrainingClass.objects.create(\n"
        f"    code={CHECKIN_CLASS!r}, title='Bench: self check-in',\n"
        "    unit=people[0].unit, starts_on=today, ends_on=today,\n"
        "    capacity=len(people), status=TrainingClass.Status.RUNNING)\n"
        "start = dt.datetime.combine(today, dt.time(0, 0), now.tzinfo)\n"
        "start = max(start, now - dt.timedelta(minutes=5))\n"
        "session = Session.objects.create(\n"
        "    training_class=tc, date=today, starts_at=start.time(),\n"
        "    ends_at=dt.time(23, 59, 59), topic='Bench: check-in')\n"
        "Participant.objects.bulk_create(Participant(\n"
        "    training_class=tc, person=p, status=Participant.Status.CONFIRMED,\n"
        "    consent_at=now, confirmed_at=now) for p in people)\n"
        "first = checkin_window()\n"
        f"last = first + {seconds} // {CHECKIN_WINDOW_SECONDS} + 2\n"
        "codes = {w: checkin_code_make(session=session, window=w)\n"
        "         for w in range(first, last + 1)}\n"
        "print(json.dumps({'session': session.pk, 'codes': codes}))"
    )
    return json.loads(dev_shell(database_url, code, secret_key=secret_key))


def checkin_marks(database_url: str, session_id: int) -> int:
    """How many check-ins (typed code) the bench session holds."""
    code = (
        "from training.models import AttendanceRecord; "
        "print(AttendanceRecord.objects.filter("
        f"session_id={session_id}, source='code').count())"
    )
    return int(dev_shell(database_url, code))


CHECKIN_LUA = """-- Written by bench/run.py: one participant per wrk thread (-t = -c), each
-- POSTing the typed code of the 30-second window it is in.
wrk.method = "POST"
local participants = {participants}
local codes = {codes}
local threads = {{}}
function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads)
end
function init(args)
  me = participants[((index - 1) % #participants) + 1]
  refused = 0
end
function request()
  -- Past the last window computed: a code the server refuses, and counted.
  local code = codes[math.floor(os.time() / {window})] or "EXPIRED"
  return wrk.format("POST", "{path}", {{
    ["Cookie"] = me.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }}, "csrfmiddlewaretoken=" .. me.csrf .. "&code=" .. code)
end
function response(status, headers, body)
  if status ~= 200 or not body:find('id="checkin-done"', 1, true) then
    refused = refused + 1
  end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("refused") end
  io.write(string.format("Not checked in: %d\\n", total))
end
"""


def checkin_script(path: Path, participants: list[dict], codes: dict) -> Path:
    rows = ",\n  ".join(
        f'{{cookie = "{p["cookie"]}", csrf = "{p["csrf"]}"}}' for p in participants
    )
    table = ",\n  ".join(f'[{window}] = "{code}"' for window, code in codes.items())
    path.write_text(
        CHECKIN_LUA.format(
            participants="{\n  " + rows + "\n}",
            codes="{\n  " + table + "\n}",
            window=CHECKIN_WINDOW_SECONDS,
            path=CHECKIN_PATH,
        ),
        encoding="utf-8",
    )
    return path


def measure_checkin(
    name: str, base_url: str, database_url: str, secret_key: str, args
) -> Measure:
    """The typed-code check-in POST, each connection a different participant.

    Every answer must be the "checked in" page: wrk's script counts any other
    (an error, a refused or expired code, a redirect to the login page) and the
    row reports them. Only the first POST of each participant stores a mark (in
    the warm-up); the measured run is the repeat check-in a crowd pressing the
    button twice makes, answered from the mark already there.
    """
    participants = []
    for username in CHECKIN_PARTICIPANTS:
        cookie = login_cookie(base_url, username)
        csrf = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        participants.append({"cookie": cookie, "csrf": csrf})
    seconds = args.warmup + args.duration + 60  # and a margin
    setup = checkin_setup(database_url, secret_key, seconds)
    codes = {int(window): code for window, code in setup["codes"].items()}
    script = checkin_script(VAR_DIR / "checkin-post.lua", participants, codes)
    log(f"{name}: POST {CHECKIN_PATH} as {len(participants)} participants; wrk")
    common = [f"-t{len(participants)}", f"-c{len(participants)}", "--timeout", "5s"]
    common += ["-s", str(script)]
    subprocess.run(
        ["wrk", *common, f"-d{args.warmup}s", base_url],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    out = subprocess.run(
        ["wrk", *common, f"-d{args.duration}s", "--latency", base_url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps, p50, p99, requests, errors = parse_wrk(out)
    refused = int(re.search(r"Not checked in: (\d+)", out).group(1))
    marks = checkin_marks(database_url, setup["session"])
    problems = [errors] if errors else []
    if refused:
        problems.append(f"{refused} answers were not the checked-in page")
    if marks != len(participants):
        problems.append(f"{marks} check-ins stored for {len(participants)} people")
    # One more check-in, to show and weigh the answer the participants got.
    window = int(time.time()) // CHECKIN_WINDOW_SECONDS
    status, body = post_form(
        base_url + CHECKIN_PATH,
        participants[0]["cookie"],
        {"csrfmiddlewaretoken": participants[0]["csrf"], "code": codes[window]},
    )
    if b'id="checkin-done"' not in body:
        problems.append("the last check-in did not answer the checked-in page")
    weight, assets = page_weight(base_url, body)
    return Measure(
        name=name,
        path=CHECKIN_PATH,
        status=status,
        size=len(body),
        gzip_size=len(gzip.compress(body, compresslevel=6)),
        rps=rps,
        p50_ms=p50,
        p99_ms=p99,
        requests=requests,
        errors="; ".join(problems),
        weight=weight,
        assets=assets,
    )


HEARTBEAT_LUA = """-- Written by bench/run.py: a lesson page's time-on-page beat.
wrk.method = "POST"
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["X-CSRFToken"] = "{csrf}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "seconds=30"
"""


def measure_heartbeat(name: str, base_url: str, lesson_id: int, cookie: str, args):
    """The lesson page's heartbeat POST as the demo learner (as lesson.js sends it).

    Beats faster than the clock are capped to the time since the last one (and
    logged); the cost measured is the whole check and write of a beat.
    """
    path = f"/learning/lessons/{lesson_id}/heartbeat/"
    csrf = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    script = VAR_DIR / "heartbeat.lua"
    script.write_text(HEARTBEAT_LUA.format(cookie=cookie, csrf=csrf), encoding="utf-8")
    status, body = post_form(
        base_url + path, cookie, {"seconds": "30", "csrfmiddlewaretoken": csrf}
    )
    log(f"{name}: POST {path} -> {status}; loading with wrk")
    common = [f"-t{args.threads}", f"-c{args.connections}", "--timeout", "5s"]
    common += ["-s", str(script)]
    subprocess.run(
        ["wrk", *common, f"-d{args.warmup}s", base_url + path],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    out = subprocess.run(
        ["wrk", *common, f"-d{args.duration}s", "--latency", base_url + path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps, p50, p99, requests, errors = parse_wrk(out)
    return Measure(
        name=name,
        path=path,
        status=status,
        size=len(body),
        gzip_size=len(gzip.compress(body, compresslevel=6)),
        rps=rps,
        p50_ms=p50,
        p99_ms=p99,
        requests=requests,
        errors=errors,
        weight=len(gzip.compress(body, compresslevel=6)),
        assets=0,
    )


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS_MS[unit]


def wrk(url: str, args, cookie: str = "") -> tuple[float, float, float, int, str]:
    common = [f"-t{args.threads}", f"-c{args.connections}", "--timeout", "5s"]
    if cookie:
        common += ["-H", f"Cookie: {cookie}"]
    subprocess.run(
        ["wrk", *common, f"-d{args.warmup}s", url],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    out = subprocess.run(
        ["wrk", *common, f"-d{args.duration}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> tuple[float, float, float, int, str]:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = []
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors.append(f"{match.group(1)} non-2xx/3xx")
    if match := re.search(r"Socket errors: (.+)", out):
        errors.append(f"socket errors: {match.group(1)}")
    return rps, p50, p99, requests, "; ".join(errors)


def measure(name: str, base_url: str, path: str, args, cookie: str = "") -> Measure:
    url = base_url + path
    status, body = fetch(url, cookie)
    log(f"{name}: GET {path} -> {status}, {len(body)} bytes; loading with wrk")
    rps, p50, p99, requests, errors = wrk(url, args, cookie)
    weight, assets = page_weight(base_url, body)
    return Measure(
        name=name,
        path=path,
        status=status,
        size=len(body),
        gzip_size=len(gzip.compress(body, compresslevel=6)),
        rps=rps,
        p50_ms=p50,
        p99_ms=p99,
        requests=requests,
        errors=errors,
        weight=weight,
        assets=assets,
    )


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def git_revision() -> str:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        revision = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return revision + (" + uncommitted changes" if dirty else "")
    return "unknown"


def report(bare: Measure, pages: list[Measure], args, load_before: float) -> str:
    now = dt.datetime.now().astimezone()
    lines = [
        f"# Benchmark, {now:%Y-%m-%d %H:%M %Z}",
        "",
        f"- revision: {git_revision()}",
        f"- machine: {os.cpu_count()} CPUs ({cpu_model()}), Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}",
        f"- server: gunicorn, {args.workers} sync workers, 127.0.0.1; platform with "
        "production settings (DEBUG off), seeded with seed_demo, on "
        + (
            "PostgreSQL (127.0.0.1:5432) with the cache and sessions in Redis"
            if args.services
            else "SQLite with a per-process (locmem) cache"
        ),
        f"- load: wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
        f"--latency after a {args.warmup}s warm-up, on loopback (wrk shares the "
        "machine's CPUs with the server)",
        "- size: the HTML as served (no compression by Django), and gzip -6 of it",
        "- weight: gzip -6 of the HTML plus of each stylesheet and script it "
        f"links (their number in brackets), no images; budget "
        f"{WEIGHT_BUDGET_BYTES // 1024} KB",
        "- anonymous pages: served by the page cache once warm (the warm-up "
        "fills it); logged-in pages never are",
        "- quiz rows: wrk -t8 -c8, one learner per connection; check-in row: "
        "wrk -t16 -c16, one participant per connection, each POSTing the typed "
        "code of the current window; the warm-up stores each participant's "
        "check-in, so the measured run is repeat check-ins (nothing stored)",
        f"- verification row: wrk -t{VERIFY_CONNECTIONS} -c{VERIFY_CONNECTIONS}, "
        "anonymous, never cached (never_cache), one demo certificate; the lookup "
        "limit per address is raised for the run (all of wrk is 127.0.0.1)",
        f"- 1-minute load average before the run: {load_before:.2f} (other work "
        "on the machine skews the numbers; the ratio to bare, measured in the "
        "same run, less so)",
        "",
        "| page | path | status | requests/s | p50 (ms) | p99 (ms) | vs bare | "
        "bytes | gzip bytes | weight (gzip) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for item in [bare, *pages]:
        ratio = item.rps / bare.rps if bare.rps else 0.0
        weight = f"{item.weight:,} ({item.assets})" if item is not bare else "–"
        lines.append(
            f"| {item.name} | `{item.path}` | {item.status} | {item.rps:,.0f} | "
            f"{item.p50_ms:.2f} | {item.p99_ms:.2f} | {ratio:.2f} | "
            f"{item.size:,} | {item.gzip_size:,} | {weight} |"
        )
    lines += [
        "",
        "Targets (ratio to the bare view in this run; p99 for signed-in rows):",
        "",
    ]
    for item in pages:
        if item.name not in RATIO_TARGETS:
            continue
        ratio = item.rps / bare.rps if bare.rps else 0.0
        target = RATIO_TARGETS[item.name]
        p99_ok = item.name == "login" or item.p99_ms < P99_TARGET_MS
        verdict = "met" if ratio >= target and p99_ok else "NOT met"
        lines.append(
            f"- {item.name}: {ratio:.2f} (target ≥ {target:.2f})"
            + (
                ""
                if item.name == "login"
                else f", p99 {item.p99_ms:.1f} ms (< {P99_TARGET_MS:.0f})"
            )
            + f": {verdict}"
        )
    problems = [f"{m.name}: {m.errors}" for m in [bare, *pages] if m.errors]
    problems += [f"{m.name}: HTTP {m.status}" for m in pages if m.status != 200]
    problems += [
        f"{m.name}: weighs {m.weight:,} bytes gzip, over the budget"
        for m in pages
        if m.weight > WEIGHT_BUDGET_BYTES
    ]
    if problems:
        lines += ["", "Problems:", *[f"- {p}" for p in problems]]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up seconds")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--reuse-db", action="store_true", help="keep the bench database as it is"
    )
    parser.add_argument(
        "--services",
        action="store_true",
        help="PostgreSQL and Redis on 127.0.0.1, as production runs",
    )
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    if not shutil.which("wrk"):
        log("wrk is missing: run `make bench-deps` (Debian's wrk)")
        return 2
    # A TERM (not only Ctrl-C) must still run the finally blocks that stop servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    database_url, cache_url = database_and_cache(args.services)
    ensure_database(database_url, args.services, fresh=not args.reuse_db)
    if args.services:
        flush_redis(cache_url)
    env = production_env(database_url, cache_url)
    log("collecting static files (production: manifest storage)")
    run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)

    bare_env = {**base_env(), "PYTHONPATH": str(BENCH_DIR)}
    with gunicorn(
        "bare_app:application", bare_env, args.workers, "bare", chdir=BENCH_DIR
    ) as url:
        bare = measure("bare Django view", url, "/", args)
    paths = course_paths(database_url)
    with gunicorn("lms.wsgi:application", env, args.workers, "platform") as url:
        paths["library_filtered"] = library_filtered_path(url, paths["library"])
        cookie = login_cookie(url)
        pages = [
            measure(name, url, path.format(**paths), args, cookie if logged_in else "")
            for name, path, logged_in in PAGES
        ]
        pages.append(
            measure_heartbeat(
                "lesson heartbeat POST (learner)", url, paths["lesson_id"], cookie, args
            )
        )
        quiz_cookies = {name: login_cookie(url, name) for name in QUIZ_LEARNERS}
        pages += [
            measure_quiz(
                "quiz attempt page (8 learners)",
                url,
                database_url,
                quiz_cookies,
                "GET",
                args,
            ),
            measure_quiz(
                "answer autosave POST (8 learners)",
                url,
                database_url,
                quiz_cookies,
                "POST",
                args,
            ),
            measure_checkin(
                "check-in POST (16 participants)",
                url,
                database_url,
                env["SECRET_KEY"],
                args,
            ),
            measure(
                f"certificate verification ({VERIFY_CONNECTIONS} concurrent)",
                url,
                paths["verify"],
                argparse.Namespace(
                    **{
                        **vars(args),
                        "threads": VERIFY_CONNECTIONS,
                        "connections": VERIFY_CONNECTIONS,
                    }
                ),
            ),
        ]

    text = report(bare, pages, args, load_before)
    results = (
        RESULTS_FILE.with_stem("latest-services") if args.services else RESULTS_FILE
    )
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(text, encoding="utf-8")
    print()
    print(text)
    log(f"written to {results.relative_to(BASE_DIR)}")
    failed = bare.errors or any(m.errors or m.status != 200 for m in pages)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
