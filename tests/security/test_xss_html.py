"""XSS sweep, HTML level (issue 13): every payload of the corpus written into the
fields a person fills, through the real forms and services, and every page that
shows the field judged by `xss_payloads.executable_markup`.

The world is the authorisation sweep's (conftest.py): its owner is the learner
whose name, answers and needs the payloads replace, and the pages are the
sweep's own targets, asked by the role that sees the owner's data there (the
sweep's table says OK+). A form that refuses a payload (names refuse anything
that looks like markup) must refuse it with nothing saved, and the form shown
again with the error must not run it either.
"""

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from assessments.services.attempts import (
    attempt_answers_save,
    attempt_question_grade,
    attempt_start,
    attempt_submit,
)
from people.forms import ProfileForm

from . import sweep
from .test_authorisation_sweep import EXPECTED
from .xss_payloads import PAYLOADS, executable_markup, formula_cells

pytestmark = [
    pytest.mark.django_db,
    # Escaping does not depend on the database: the sweep (minutes, 276
    # payloads) runs once, in `make test`; `make test-services` skips it.
    pytest.mark.skipif(
        os.environ.get("LMS_REQUIRE_SERVICES") == "1",
        reason="engine-independent; run by make test on SQLite",
    ),
]

STAFF_ROLES = ("admin", "trainer1", "manager1")


def test_the_judge_can_fail():
    """Raw payloads are found, escaped ones are not: the sweep can fail."""
    import html

    raw = [p for p in PAYLOADS if executable_markup(f"<div>{p}</div>")]
    assert len(raw) >= 200
    for payload in PAYLOADS:
        escaped = html.escape(payload.text)
        page = f'<div>{escaped}</div><input value="{escaped}"><img alt="{escaped}">'
        assert executable_markup(page) == [], payload
    assert executable_markup('<a href="java&#x09;script:alert(1)">x</a>')
    assert executable_markup("<iframe srcdoc='&lt;b&gt;'></iframe>")
    assert formula_cells([["=HYPERLINK(1)", "ok"]]) == ["=HYPERLINK(1)"]


# --- Pages --------------------------------------------------------------------


@pytest.fixture(scope="module")
def urls(world):
    found, _left_out = sweep.targets(world)
    return {t.name: t.url for t in found + sweep.page_targets(world)}


@pytest.fixture
def clients(world):
    return {role: sweep.client_for(role, world) for role in ("owner", *STAFF_ROLES)}


def _role_for(name: str) -> str:
    """Who sees the owner's data on this page: the owner, else the first staff."""
    row = EXPECTED.get(name, {})
    for role in ("owner", *STAFF_ROLES):
        if row.get(role) in ("OK+", "OK"):
            return role
    return "admin"


class Seen:
    """What a field's sweep saw: markup that would run, and on which pages the
    payload was shown at all (a page that never shows it proves nothing)."""

    def __init__(self, label: str):
        self.label = label
        self.problems: list[str] = []
        self.shown: dict[str, int] = {}

    def judge(self, client, key: str, url: str, payload) -> None:
        response = client.get(url)
        assert response.status_code == 200, (
            f"{self.label}: {url} answered {response.status_code}"
        )
        body = sweep.body_of(response)
        self.shown.setdefault(key, 0)
        if f"xss({payload.id})" in body:
            self.shown[key] += 1
        for found in executable_markup(body):
            self.problems.append(f"{self.label} #{payload.id} on {url}: {found}")

    def pages(self, names, urls, clients, payload, extra=()):
        for name in names:
            self.judge(clients[_role_for(name)], name, urls[name], payload)
        for role, key, url in extra:
            self.judge(clients[role], key, url, payload)

    def assert_clean(self, must_show=()):
        print(f"\n{self.label}: shown on {self.shown}")  # noqa: T201
        assert self.problems == []
        never = [key for key in must_show if not self.shown.get(key)]
        assert never == [], f"{self.label} never shown on {never}"


# --- Fields -------------------------------------------------------------------


def _form_data(form) -> dict:
    """The POST a browser would send for an unbound form as shown."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, "", False, []):
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, dt.date):
            data[name] = value.strftime("%d/%m/%Y")
        elif isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[name] = str(getattr(value, "pk", value))
    return data


NAME_PAGES = (
    "wagtailusers_users:edit",
    "wagtailusers_users:history",
    "wagtailusers_users:delete",
    "grading:answer",
    "quiz_reports:attempts",
    "training:rollcall",
    "training_reports:class",
    "training_participants:decide",
    "erasure_requests:answer",
)


@pytest.mark.parametrize("field", ["full_name", "position", "phone"])
def test_profile_field(world, urls, clients, field):
    """The owner's own profile form; the name shown on staff pages and lists."""
    owner = world["owner"]
    base = _form_data(ProfileForm(instance=owner))
    base["data_processing_consent"] = "on"
    seen = Seen(field)
    accepted = 0
    users = reverse("wagtailusers_users:index")
    lists = [
        ("admin", "users", users),
        ("admin", "users?q", f"{users}?q={owner.username}"),
        ("owner", "profile", reverse("people:profile")),
    ]
    for payload in PAYLOADS:
        before = getattr(owner, field)
        response = clients["owner"].post(
            reverse("people:profile"), {**base, field: payload.text}
        )
        assert response.status_code in (200, 302), (payload, response.status_code)
        owner.refresh_from_db()
        if response.status_code == 200:  # refused, shown again with the error
            assert getattr(owner, field) == before, payload
            for found in executable_markup(sweep.body_of(response)):
                seen.problems.append(f"{field} #{payload.id} refused form: {found}")
            continue
        accepted += 1
        seen.pages(NAME_PAGES, urls, clients, payload, lists)
    print(f"\n{field}: {accepted} of {len(PAYLOADS)} payloads accepted")  # noqa: T201
    assert accepted
    seen.assert_clean(must_show=NAME_PAGES if field == "full_name" else ())


def _new_submitted_attempt(world, text):
    attempt = attempt_start(quiz=world["quiz"], learner=world["owner"])
    attempt_answers_save(
        attempt=attempt,
        answers={"1": {"value": "true"}, "2": {"text": text}},
        sequence=attempt.sequence,
    )
    attempt_submit(attempt=attempt)
    attempt.refresh_from_db()
    return attempt


def test_essay_answer_and_grader_comment(world, clients):
    """An essay answer (the learner's HTML) and the trainer's comment on it."""
    seen = Seen("essay")
    with transaction.atomic():
        type(world["open_attempt"]).objects.filter(pk=world["open_attempt"].pk).delete()
    for payload in PAYLOADS:
        attempt = _new_submitted_attempt(world, payload.text)
        answer = attempt.questions.get(position=2)
        attempt_question_grade(
            question=answer,
            marks=Decimal("1"),
            comment=payload.text,
            grader=world["trainer1"],
        )
        pages = [
            ("owner", "review", reverse("assessments:review", args=[attempt.pk])),
            ("trainer1", "grading", reverse("grading:answer", args=[answer.pk])),
        ]
        seen.pages((), {}, clients, payload, pages)
    seen.assert_clean(must_show=("review", "grading"))


SEARCHES = (
    ("owner", "content_pages:search", "q"),
    ("admin", "wagtailusers_users:index", "q"),
    ("admin", "wagtailadmin_pages:search", "q"),
)


def test_search_boxes(world, clients):
    """Whatever is typed in a search box comes back in the page (input, heading)."""
    from urllib.parse import urlencode

    seen = Seen("search")
    searches = []
    for role, name, key in SEARCHES:
        try:
            searches.append((role, reverse(name), key))
        except Exception:  # noqa: BLE001,S112 (a search this site does not have)
            continue
    library = world["library"].relative_url(world["site"])
    searches.append(("owner", library, "q"))
    searches.append(("owner", world["course_index"].relative_url(world["site"]), "q"))
    assert searches
    for payload in PAYLOADS:
        pages = [
            (role, url, f"{url}?{urlencode({key: payload.text})}")
            for role, url, key in searches
        ]
        seen.pages((), {}, clients, payload, pages)
    seen.assert_clean(must_show=[url for _role, url, _key in searches])


# --- Import files ---------------------------------------------------------------


def _account_rows(payloads, unit_code):
    from people.account_import import COLUMNS

    rows = []
    for payload in payloads:
        row = {
            "username": f"xss{payload.id}",
            "full_name": payload.text,
            "email": f"xss{payload.id}@example.test",
            "sex": "Nữ",
            "date_of_birth": "25/03/1990",
            "phone": "0912345678",
            "position": payload.text,
            "employment_type": "Công chức",
            "unit": unit_code,
            "organisation": "",
            "target_groups": "",
            "is_leader": "Không",
        }
        rows.append([row[column.key] for column in COLUMNS])
    return rows


def _xlsx(rows, name):
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from people.account_import import COLUMNS

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Tài khoản")
    sheet.append([column.header for column in COLUMNS])
    for row in rows:
        # openpyxl refuses control characters in cells, as Excel does.
        sheet.append([_printable(cell) for cell in row])
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(
        name,
        output.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _printable(value):
    import re

    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value)


def test_account_import_file(world, clients, django_capture_on_commit_callbacks):
    """Every payload as a name and a position in an account import (and one as the
    file's name): the check report lists the refused rows with their values; the
    rows the name rule lets through are imported and shown in the user list."""
    from people.models import AccountImport
    from people.validators import person_text_clean

    seen = Seen("account import")
    admin = clients["admin"]
    unit_code = world["unit"].code
    uploads = [
        (PAYLOADS, f"{PAYLOADS[0].text}.xlsx"),
    ]
    passing = []
    for payload in PAYLOADS:
        try:
            person_text_clean(_printable(payload.text))
        except Exception:  # noqa: BLE001,S112 (refused by the rule: reported)
            continue
        passing.append(payload)
    uploads.append((passing, "tai-khoan.xlsx"))
    for payloads, name in uploads:
        with django_capture_on_commit_callbacks(execute=True):
            response = admin.post(
                reverse("people_account_imports:upload"),
                {"file": _xlsx(_account_rows(payloads, unit_code), name)},
            )
        assert response.status_code == 302, sweep.body_of(response)[:2000]
        account_import = AccountImport.objects.latest("pk")
        detail = reverse("people_account_imports:detail", args=[account_import.pk])
        for key, url in (
            ("detail", detail),
            ("index", reverse("people_account_imports:index")),
        ):
            seen.judge(admin, key, url, PAYLOADS[0])
        response = admin.get(detail)
        for found in executable_markup(sweep.body_of(response)):
            seen.problems.append(f"import report: {found}")
    account_import.refresh_from_db()
    assert account_import.status not in ("failed",), account_import.status
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("people_account_imports:confirm", args=[account_import.pk]))
    from people.models import User

    imported = User.objects.filter(username__startswith="xss").count()
    print(f"\nimported {imported} of {len(passing)} passing rows")  # noqa: T201
    assert imported == len(passing)
    users = reverse("wagtailusers_users:index")
    for payload in passing:
        person = User.objects.get(username=f"xss{payload.id}")
        seen.judge(
            admin, "edit", reverse("wagtailusers_users:edit", args=[person.pk]), payload
        )
    seen.judge(admin, "users", f"{users}?q=xss", passing[0])
    seen.assert_clean(must_show=("edit", "detail"))


# --- Other fields people fill -------------------------------------------------
#
# Each writer puts one payload where a person would (their form, or the service
# the admin form calls) and answers the pages that show it: (role, key, url).


def _write_erasure_reason(world, clients, payload, seen):
    from people.models import ErasureRequest

    ErasureRequest.objects.filter(person=world["owner"]).delete()
    response = clients["owner"].post(
        reverse("people:erasure_request"), {"reason": payload.text}
    )
    assert response.status_code in (200, 302)
    request = ErasureRequest.objects.filter(person=world["owner"]).first()
    pages = [("owner", "mine", reverse("people:erasure_request"))]
    if request is not None:
        pages += [
            ("admin", "answer", reverse("erasure_requests:answer", args=[request.pk])),
            ("admin", "list", reverse("erasure_requests:index")),
        ]
    return pages


def _write_registration(world, clients, payload, seen):
    """A new colleague of the owner registers for the owner's class (§5.4 form)."""
    from django.test import Client

    from tests.factories import UserFactory
    from training.models import Participant

    person = UserFactory(username=f"dk{payload.id}", unit=world["unit"])
    client = Client()
    client.force_login(person)
    training_class = world["class"]
    response = client.post(
        reverse("training:register", args=[training_class.pk]),
        {
            "attendance_mode": Participant.Mode.IN_PERSON,
            "accommodation_needs": payload.text[:255],
            "interpreter_language": payload.text[:100],
            "consent": "on",
        },
    )
    assert response.status_code in (200, 302)
    for found in executable_markup(sweep.body_of(response)):
        raise AssertionError(f"registration form #{payload.id}: {found}")
    participant = Participant.objects.filter(person=person).first()
    if participant is None:  # refused (a NUL): the form said so, nothing saved
        return []
    return [
        (
            "trainer1",
            "rollcall",
            reverse("training:rollcall", args=[world["session"].pk]),
        ),
        ("admin", "participants", reverse("training_participants:index")),
        (
            "manager1",
            "report",
            reverse("training_reports:class", args=[training_class.pk]),
        ),
    ]


def _write_question(world, clients, payload, seen):
    """The trainer's question text and feedback (the bank's service), then a
    learner answering it and the review, the grading page and item report."""
    from assessments.services.bank import save_question_version

    question = world["question"]
    save_question_version(
        question,
        text=f"Câu hỏi {payload.text}",
        data={
            "response_format": "html",
            "grader_info": payload.text,
        },
        general_feedback=payload.text,
        user=world["trainer1"],
    )
    attempt = attempt_start(quiz=world["quiz"], learner=world["owner"])
    attempt_url = reverse("assessments:attempt", args=[attempt.pk])
    seen.judge(clients["owner"], "attempt", attempt_url, payload)
    attempt_answers_save(
        attempt=attempt,
        answers={"1": {"value": "true"}, "2": {"text": "ok"}},
        sequence=attempt.sequence,
    )
    attempt_submit(attempt=attempt)
    answer = attempt.questions.get(position=2)
    return [
        ("owner", "review", reverse("assessments:review", args=[attempt.pk])),
        ("trainer1", "grading", reverse("grading:answer", args=[answer.pk])),
    ]


def _attempt_page_first(world, clients, payload, seen):
    from assessments.models import Attempt

    Attempt.objects.filter(
        learner=world["owner"], state=Attempt.State.IN_PROGRESS
    ).delete()
    return _write_question(world, clients, payload, seen)


def _write_course_titles(world, clients, payload, seen):
    """Titles of the course and a lesson (Wagtail's title field has no rule)."""
    pages = []
    for key in ("course", "lesson"):
        page = type(world[key]).objects.get(pk=world[key].pk)
        page.title = payload.text[:255]
        page.save_revision().publish()
        pages.append(("owner", key, page.relative_url(world["site"])))
    pages += [
        ("owner", "dashboard", reverse("courses:dashboard")),
        ("owner", "catalogue", world["course_index"].relative_url(world["site"])),
        ("admin", "report", reverse("quiz_reports:attempts", args=[world["quiz"].pk])),
    ]
    return pages


def _write_organisation_name(world, clients, payload, seen):
    """The administrator renames an organisation through its admin form; the
    owner picks it on their profile, staff see it on the person's account."""
    organisation = world["organisation"]
    edit = reverse("organisation:edit", args=[organisation.pk])
    response = clients["admin"].post(
        edit,
        {
            "name": payload.text,
            "code": organisation.code,
            "kind": organisation.kind,
            "unit": organisation.unit_id,
        },
    )
    assert response.status_code in (200, 302)
    for found in executable_markup(sweep.body_of(response)):
        seen.problems.append(f"organisation form #{payload.id}: {found}")
    owner = world["owner"]
    return [
        ("admin", "edit", edit),
        ("admin", "list", reverse("organisation:index")),
        ("owner", "profile", reverse("people:profile")),
        ("admin", "account", reverse("wagtailusers_users:edit", args=[owner.pk])),
    ]


def _write_resource(world, clients, payload, seen):
    """A resource's title, summary and file title, as the page editor saves them
    (plain fields: no rule applies to them there). The rich-text description is
    whitelisted by Wagtail's editor, not retyped here."""
    resource = type(world["resource"]).objects.get(pk=world["resource"].pk)
    resource.title = payload.text[:255]
    resource.summary = payload.text[:600]
    for file in resource.files.all():
        file.title = payload.text[:255]
    resource.save_revision().publish()
    library = world["library"].relative_url(world["site"])
    return [
        ("owner", "resource", resource.relative_url(world["site"])),
        ("owner", "library", library),
        ("owner", "library?q", f"{library}?q=xss"),
        ("owner", "mine", reverse("content_pages:my_resources")),
    ]


WRITERS = {
    "erasure reason": (_write_erasure_reason, ("answer",)),
    "registration needs": (_write_registration, ("participants",)),
    "question text and feedback": (_attempt_page_first, ("attempt", "review")),
    "course and lesson titles": (_write_course_titles, ("course", "dashboard")),
    "organisation name": (_write_organisation_name, ("list", "profile")),
    "library resource": (_write_resource, ("resource", "library", "mine")),
}


@pytest.mark.parametrize("surface", list(WRITERS))
def test_field(world, clients, surface):
    writer, must_show = WRITERS[surface]
    seen = Seen(surface)
    for payload in PAYLOADS:
        for role, key, url in writer(world, clients, payload, seen):
            seen.judge(clients[role], key, url, payload)
    seen.assert_clean(must_show=must_show)
