"""XSS sweep in Chromium (issue 13): a spread of the corpus (three payloads of
every family) in the fields people fill, on their key pages, learner's and
admin's; no script of a payload may run.

A watcher is installed in every document before its own scripts (an init
script, which the Content Security Policy does not block): it defines
`__xss(n)`, which reports through a Playwright binding and logs a marker on the
console. The sweep fails on any call of it, any dialog (the dialog family calls
alert/confirm/prompt) and any console message carrying the marker. Each page is
loaded, then hovered, tabbed through and clicked at its centre, since some
payloads wait for the mouse or the focus. The HTML-level sweep
(tests/security/test_xss_html.py) covers the whole corpus in every field.
"""

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from assessments.models import Question
from assessments.services.attempts import (
    attempt_answers_save,
    attempt_question_grade,
    attempt_start,
    attempt_submit,
)
from people.roles import Role
from tests.content_pages.library_builders import make_library
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import make_course_tree, make_enrolment
from tests.factories.training import make_session, make_training_class
from tests.security.xss_payloads import representative
from training.forms import RegistrationForm
from training.models import Participant
from training.services.participants import participant_register

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHOSEN = representative(per_family=3)

WATCHER = """
window.__xss = (n) => {
  console.log("XSS-MARKER " + n);
  window.__xssHit(String(n));
};
"""


class Watch:
    """Everything a payload could make the browser do that we can see."""

    def __init__(self, page):
        self.hits: list[str] = []
        self.shown: set[str] = set()  # pages whose text carried a payload
        self.page = page
        self.where = ""
        page.expose_function("__xssHit", self._hit)
        page.add_init_script(WATCHER)
        page.on("dialog", self._dialog)
        page.on("console", self._console)

    def _hit(self, n: str) -> None:
        self.hits.append(f"__xss({n}) ran on {self.where}")

    def _dialog(self, dialog) -> None:
        self.hits.append(f"{dialog.type}({dialog.message}) on {self.where}")
        dialog.dismiss()

    def _console(self, message) -> None:
        if "XSS-MARKER" in message.text or "__xss(" in message.text:
            self.hits.append(f"console {message.text[:120]!r} on {self.where}")

    def visit(self, url: str) -> None:
        self.where = url
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        self.page.wait_for_load_state("load")
        box = self.page.viewport_size or {"width": 1280, "height": 900}
        for x, y in ((10, 10), (box["width"] // 2, box["height"] // 2), (5, 400)):
            self.page.mouse.move(x, y)
        for _ in range(3):
            self.page.keyboard.press("Tab")
        self.page.wait_for_timeout(50)
        if "xss(" in self.page.content():
            self.shown.add(url.split("?")[0])


def test_the_watcher_can_fail(new_page, live_server, people):
    """A payload that does run is seen: its call, its dialog, its console line."""
    page, watch = _signed_in(new_page, live_server, people["learner"])
    # A page with no Content Security Policy, as if the site had none: the
    # site's own pages would block these inline scripts (defence in depth).
    page.route(
        "**/xss-canary/",
        lambda route: route.fulfill(
            body='<img src=x onerror="__xss(1)"><script>alert(2)</script>',
            content_type="text/html",
        ),
    )
    watch.visit("/xss-canary/")
    page.wait_for_timeout(200)
    assert any("__xss(1)" in hit for hit in watch.hits), watch.hits
    assert any("alert(2)" in hit for hit in watch.hits), watch.hits
    assert any("console" in hit for hit in watch.hits), watch.hits


def _signed_in(new_page, live_server, user):
    """A tab with the person's session (made by the test client, not the form)."""
    client = Client()
    client.force_login(user)
    page = new_page()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page, Watch(page)


@pytest.fixture
def people(province, commune_a):
    return {
        "trainer": UserFactory(
            username="gv-xss", unit=province, roles=[Role.TRAINER], is_superuser=True
        ),
        "learner": UserFactory(username="hv-xss", unit=commune_a, roles=[Role.LEARNER]),
    }


def test_search_boxes_run_no_payload(new_page, live_server, people, home_page):
    library = make_library(home_page, slug="thu-vien-xss")
    page, watch = _signed_in(new_page, live_server, people["trainer"])
    for payload in CHOSEN:
        query = urlencode({"q": payload.text})
        watch.visit(f"/tim-kiem/?{query}")
        watch.visit(f"{library.url}?{query}")
        watch.visit(f"{reverse('wagtailusers_users:index')}?{query}")
    assert watch.hits == []
    assert len(watch.shown) == 3, watch.shown


def test_essay_answers_and_comments_run_no_payload(
    new_page, live_server, people, course_index
):
    """Learner's review page and the trainer's grading page (admin)."""
    learner, trainer = people["learner"], people["trainer"]
    essay = make_question(
        Question.Type.ESSAY, data={"response_format": "html", "grader_info": ""}
    )
    quiz = make_quiz([essay], owner=trainer, attempts_allowed=0, questions_per_page=0)
    course, lessons = make_course_tree(course_index, modules=1, lessons_per_module=1)
    lessons[0].quiz = quiz
    lessons[0].save_revision().publish()
    make_enrolment(learner, course)
    pages = []
    for payload in CHOSEN:
        attempt = attempt_start(quiz=quiz, learner=learner)
        attempt_answers_save(
            attempt=attempt,
            answers={"1": {"text": payload.text}},
            sequence=attempt.sequence,
        )
        attempt_submit(attempt=attempt)
        answer = attempt.questions.get(position=1)
        attempt_question_grade(
            question=answer, marks=Decimal("0"), comment=payload.text, grader=trainer
        )
        pages.append((attempt.pk, answer.pk))
    learner_page, learner_watch = _signed_in(new_page, live_server, learner)
    trainer_page, trainer_watch = _signed_in(new_page, live_server, trainer)
    for attempt_pk, answer_pk in pages:
        learner_watch.visit(reverse("assessments:review", args=[attempt_pk]))
        trainer_watch.visit(reverse("grading:answer", args=[answer_pk]))
    assert learner_watch.hits == []
    assert trainer_watch.hits == []
    # The sanitiser drops what it removes (a script's text too), so only some
    # of the answers still read "xss(n)"; those prove the pages show them.
    assert learner_watch.shown and trainer_watch.shown


def test_names_and_needs_run_no_payload(new_page, live_server, people, commune_a):
    """Payloads that pass the name rule (quotes, script URLs, Vietnamese around
    them) as names and positions, and every payload as registration needs: the
    admin's user list and a person's edit page, and the class's roll-call."""
    from people.validators import person_text_clean

    training_class = make_training_class(
        commune_a, trainers=[people["trainer"]], capacity=200
    )
    session = make_session(training_class)
    users = []
    for n, payload in enumerate(CHOSEN):
        try:
            name = person_text_clean(payload.text)
        except Exception:  # noqa: BLE001 (refused at the boundary: a needs-only row)
            name = f"Học viên {n}"
        person = UserFactory(
            username=f"xss{n}", unit=commune_a, full_name=name, position=name
        )
        form = RegistrationForm(
            {
                "attendance_mode": Participant.Mode.IN_PERSON,
                "accommodation_needs": payload.text[:255],
                "interpreter_language": payload.text[:100],
                "consent": "on",
            },
            training_class=training_class,
        )
        if not form.is_valid():  # refused at the boundary (a NUL): nothing to show
            continue
        participant_register(
            training_class=training_class,
            person=person,
            by=person,
            consent=True,
            details=form.details(),
        )
        users.append(person)
    page, watch = _signed_in(new_page, live_server, people["trainer"])
    watch.visit(reverse("wagtailusers_users:index") + "?q=xss")
    for person in users[:: max(1, len(users) // 10)]:
        watch.visit(reverse("wagtailusers_users:edit", args=[person.pk]))
    watch.visit(reverse("training:rollcall", args=[session.pk]))
    # Marking puts the server's new row in the page with innerHTML (rollcall.js).
    buttons = page.locator("button.mark")
    assert buttons.count() > 0
    for index in range(min(5, buttons.count())):
        buttons.nth(index * 4 % buttons.count()).click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    watch.visit(reverse("training_participants:index"))
    assert watch.hits == []
    shown = {reverse("training:rollcall", args=[session.pk])}
    shown.add(reverse("training_participants:index"))
    assert shown <= watch.shown, watch.shown
