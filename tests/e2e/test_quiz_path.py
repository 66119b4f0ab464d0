"""A timed quiz in Chromium: answering offline, coming back, submitting, review, grading.

The learner reaches the quiz from a lesson, answers one question of each type,
loses the connection half-way (Playwright's offline mode), keeps answering,
gets it back, and submits. Nothing typed offline is lost. A trainer then
grades the essay in the admin, which finishes the attempt.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from assessments.models import Attempt, Question
from courses.models import Enrolment, LessonProgress
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import make_course_tree, make_enrolment

from .test_course_path import admin_log_in, site_log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

T = Question.Type


@pytest.fixture
def quiz_setup(course_index, province):
    trainer = UserFactory(
        username="giangvien",
        full_name="Lê Thị Hương",
        unit=province,
        roles=[Role.TRAINER],
    )
    learner = UserFactory(
        username="hocvien",
        full_name="Nguyễn Thị Hoa",
        unit=province,
        roles=[Role.LEARNER],
    )
    order = [
        T.SINGLE_CHOICE,
        T.MULTIPLE_RESPONSE,
        T.TRUE_FALSE,
        T.SHORT_ANSWER,
        T.NUMERICAL,
        T.MATCHING,
        T.ESSAY,
    ]
    questions = [
        make_question(t, text=f"<p>Câu {i}: {T(t).label}</p>")
        for i, t in enumerate(order, 1)
    ]
    quiz = make_quiz(
        questions,
        title="Kiểm tra Luật Bình đẳng giới",
        owner=trainer,
        time_limit_minutes=30,
        questions_per_page=0,
        shuffle_options=False,
        review_answers_immediately=True,
    )
    course, lessons = make_course_tree(
        course_index, modules=1, lessons_per_module=1, title="Luật Bình đẳng giới"
    )
    lesson = lessons[0]
    lesson.quiz = quiz
    lesson.save_revision().publish()
    make_enrolment(learner, course)
    return {"trainer": trainer, "learner": learner, "quiz": quiz, "lesson": lesson}


def test_timed_quiz_survives_a_dropped_connection(new_page, quiz_setup, screenshot_dir):
    learner, quiz, lesson = (
        quiz_setup["learner"],
        quiz_setup["quiz"],
        quiz_setup["lesson"],
    )
    page = new_page(width=412, height=915)
    site_log_in(page, learner)
    page.goto(lesson.url)
    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/quizzes/attempt/\d+/"))
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^(29|30):\d\d$"))
    attempt = Attempt.objects.get(quiz=quiz, learner=learner)

    page.get_by_label("Vai trò xã hội").check()
    expect(page.locator("#save-status")).to_contain_text("Answers saved")

    page.context.set_offline(True)
    page.get_by_label("Chính trị").check()
    page.get_by_label("Kinh tế").check()
    page.locator("#question-3").get_by_label("True").check()
    page.locator("#answer-4").fill("binh dang gioi")
    page.locator("#answer-5").fill("36")
    page.get_by_label("Giới", exact=True).select_option("Vai trò xã hội")
    page.get_by_label("Giới tính").select_option("Đặc điểm sinh học")
    page.locator("#answer-7").fill(
        "Ví dụ: chỉ con gái làm việc nhà <script>alert(1)</script>"
    )
    expect(page.locator("#save-status")).to_contain_text("No connection")
    page.screenshot(path=str(screenshot_dir / "quiz-offline.png"), full_page=True)
    kept = page.evaluate(f"localStorage.getItem('lms-attempt-{attempt.pk}-page-1')")
    assert "binh dang gioi" in kept
    assert (
        attempt.questions.exclude(response=None).count() == 1
    )  # only what was sent online

    page.context.set_offline(False)
    expect(page.locator("#save-status")).to_contain_text(
        "Answers saved", timeout=20_000
    )
    assert attempt.questions.exclude(response=None).count() == 7

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit all and finish").click()
    page.wait_for_url(re.compile(r"/review/"))
    expect(page.get_by_text("Some answers are waiting to be graded")).to_be_visible()
    expect(page.locator(".mark-correct").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "quiz-review.png"), full_page=True)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.AWAITING_GRADING
    assert attempt.score == Decimal("6")

    # The trainer grades the essay in the admin; that finishes the attempt.
    trainer_page = new_page()
    admin_log_in(trainer_page, quiz_setup["trainer"])
    trainer_page.goto("/admin/assessments/grading/")
    trainer_page.get_by_role("link", name="Grade").first.click()
    answer = trainer_page.locator(".learner-answer")
    expect(answer).to_contain_text("chỉ con gái làm việc nhà")
    assert answer.locator("script").count() == 0
    trainer_page.locator("input[name=marks]").fill("0,5")
    trainer_page.locator("textarea[name=comment]").fill("Ví dụ phù hợp.")
    trainer_page.get_by_role("button", name="Save the grade").click()
    expect(trainer_page.locator(".messages .success")).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED
    assert attempt.score == Decimal("6.5")
    page.reload()
    expect(page.get_by_text("Trainer's comment")).to_be_visible()

    # Passing the quiz completed the lesson that places it, and so the course.
    page.get_by_role("link", name="Back to the lesson").click()
    expect(page.locator(".lesson-complete .status-completed")).to_be_visible()
    assert LessonProgress.objects.get(lesson=lesson).completed_at is not None
    assert Enrolment.objects.get(learner=learner).status == Enrolment.Status.COMPLETED
