"""The Content Security Policy in Chromium: the public pages break no rule, and
their scripts still work under it.

A visitor and then a learner go through the pages a learner uses (home,
catalogue, course, lesson, quiz with autosave, My learning, login, search, the
library, the public figures, a certificate's verification, a training class and
QR check-in) and a trainer opens the check-in screen and the roll-call. Every
`securitypolicyviolation` event, and any console message about the policy, is
collected on every page: there must be none. The header is the real one (the
middleware in base settings), enforced, not report-only.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Attempt, Question
from people.roles import Role
from tests.content_pages.library_builders import make_library, make_resource
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz
from tests.factories.certificates import make_certificate, make_rule
from tests.factories.courses import make_course_tree, make_enrolment
from tests.factories.people import TEST_PASSWORD
from tests.factories.training import make_participant, make_session, make_training_class
from training.services import checkin as checkin_services

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)

# Runs in every document before its own scripts; the binding survives navigation.
LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolation({
    page: location.pathname,
    directive: e.violatedDirective,
    blocked: e.blockedURI,
    source: e.sourceFile,
    line: e.lineNumber,
    sample: e.sample,
    disposition: e.disposition,
  });
});
"""


class PolicyWatch:
    """What one tab saw: violations, policy messages on the console, script errors."""

    def __init__(self, page):
        self.violations: list[dict] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        page.expose_function("__cspViolation", self._violation)
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _violation(self, violation: dict) -> None:
        self.violations.append(violation)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security" in (
            message.text
        ):
            self.console.append(message.text)

    def assert_clean(self) -> None:
        assert self.violations == []
        assert self.console == []
        assert self.errors == []


@pytest.fixture
def watched(new_page):
    def open_tab(width=412, height=915):
        page = new_page(width, height)
        return page, PolicyWatch(page)

    return open_tab


@pytest.fixture
def morning(monkeypatch):
    """The check-in clock set to a session's morning (as in test_qr_checkin)."""
    at = timezone.make_aware(
        dt.datetime.combine(YESTERDAY, dt.time(8, 5)), timezone.get_default_timezone()
    )
    monkeypatch.setattr(checkin_services, "now", lambda: at)
    return at


@pytest.fixture
def world(course_index, home_page, province, commune_a):
    trainer = UserFactory(
        username="giangvien",
        full_name="Lê Thị Hương",
        unit=province,
        roles=[Role.TRAINER],
    )
    learner = UserFactory(
        username="hocvien",
        full_name="Nguyễn Thị Hoa",
        unit=commune_a,
        roles=[Role.LEARNER],
    )
    quiz = make_quiz(
        [
            make_question(Question.Type.SINGLE_CHOICE, text="<p>Câu 1</p>"),
            make_question(Question.Type.SHORT_ANSWER, text="<p>Câu 2</p>"),
        ],
        title="Kiểm tra nhanh",
        owner=trainer,
        questions_per_page=0,
    )
    course, lessons = make_course_tree(
        course_index, modules=1, lessons_per_module=1, title="Luật Bình đẳng giới"
    )
    lesson = lessons[0]
    lesson.quiz = quiz
    lesson.save_revision().publish()
    make_enrolment(learner, course)
    certificate = make_certificate(learner, make_rule(course=course))
    library = make_library(home_page, title="Thư viện tài liệu giáo dục giới")
    resource = make_resource(
        library,
        title="Giáo án: Nhận diện bạo lực giới",
        slug="nhan-dien-bao-luc",
        levels=["thpt"],
        topics=["bao-luc-gioi"],
        formats=["giao-an"],
    )
    training_class = make_training_class(commune_a, trainers=[trainer], code="TH-CSP")
    make_participant(training_class, learner)
    session = make_session(
        training_class, date=YESTERDAY, starts_at=dt.time(8), ends_at=dt.time(11, 30)
    )
    return {
        "trainer": trainer,
        "learner": learner,
        "course": course,
        "lesson": lesson,
        "quiz": quiz,
        "certificate": certificate,
        "library": library,
        "resource": resource,
        "class": training_class,
        "session": session,
    }


def sign_in(page, username: str) -> None:
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()


def test_header_is_enforced_without_inline_script(watched, world):
    page, _watch = watched()

    response = page.goto("/")

    policy = response.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script_src.split() == ["'self'"]
    assert "frame-ancestors 'self'" in policy
    assert "content-security-policy-report-only" not in response.headers


def test_public_pages_break_no_rule_and_switch_language(watched, world):
    page, watch = watched()
    for url in [
        "/",
        "/learning/courses/",
        world["course"].url,
        "/accounts/login/",
        "/tim-kiem/?q=b%C3%ACnh+%C4%91%E1%BA%B3ng",
        world["library"].url + "?level=thpt",
        world["resource"].url,
        "/thong-ke/",
        f"/verify/{world['certificate'].verification_code}/",
        "/training/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")

    # The language switch (a plain form under the policy) still switches.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("summary", has_text="Menu").click()
    page.locator("#language-select").select_option("vi")
    page.locator(".language-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    watch.assert_clean()


def test_learner_journey_scripts_work_under_the_policy(watched, world):
    page, watch = watched(1280, 900)
    page.goto("/accounts/login/")
    sign_in(page, world["learner"].username)
    page.wait_for_url(re.compile(r"/learning/$"))
    expect(page.locator("main")).to_contain_text(world["course"].title)

    page.goto(world["course"].url)
    page.goto(world["lesson"].url)
    # lesson.js opens the outline on a wide screen.
    expect(page.locator("#lesson-outline")).to_have_attribute("open", "")

    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/quizzes/attempt/\d+/"))
    attempt = Attempt.objects.get(quiz=world["quiz"], learner=world["learner"])
    # attempt.js saves each answer as it is given.
    page.locator("main input[type=radio]").first.check()
    expect(page.locator("#save-status")).to_contain_text("Answers saved")
    assert attempt.questions.exclude(response=None).count() == 1

    page.goto("/learning/")
    page.goto(f"/training/classes/{world['class'].pk}/")
    watch.assert_clean()


def test_check_in_screen_roll_call_and_phone_break_no_rule(watched, world, morning):
    session = world["session"]
    screen, screen_watch = watched(1280, 900)
    screen.goto(f"/training/sessions/{session.pk}/check-in-screen/")
    sign_in(screen, world["trainer"].username)
    holder = screen.locator("#checkin-screen")
    # checkin_screen.js keeps the QR code current.
    expect(holder.locator("svg")).to_be_visible()
    expect(screen.locator("#checkin-code")).to_have_text(
        checkin_services.checkin_code_make(session=session)
    )
    checkin_url = holder.get_attribute("data-checkin-url")

    phone, phone_watch = watched()
    phone.goto(re.sub(r"^https?://[^/]+", "", checkin_url))
    sign_in(phone, world["learner"].username)
    phone.locator("#checkin-confirm").click()
    expect(phone.locator("#checkin-done")).to_be_visible()

    screen.goto(f"/training/sessions/{session.pk}/roll-call/")
    row = screen.locator(".rollcall-row", has_text=world["learner"].full_name)
    expect(row.locator("button.mark-present")).to_have_attribute("aria-pressed", "true")
    screen_watch.assert_clean()
    phone_watch.assert_clean()
