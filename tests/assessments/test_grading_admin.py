"""The grading queue, grading an essay, and regrading a quiz, for the right people only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Attempt, AttemptQuestion, Question, RegradeRecord
from assessments.services.attempts import (
    attempt_answers_save,
    attempt_start,
    attempt_submit,
)
from assessments.services.bank import save_question_version
from people.roles import Role
from tests.assessments.admin_helpers import refused
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_admin")]

HOSTILE_ANSWER = (
    "<p>Bình đẳng giới là <strong>cơ hội</strong> như nhau.</p>"
    '<script>alert("x")</script><img src="x" onerror="alert(1)">'
)


@pytest.fixture
def essay_quiz(trainer):
    """A true/false question (1 mark) and an essay (4 marks)."""
    essay = make_question(
        Question.Type.ESSAY,
        name="Bài luận về bình đẳng giới",
        data={"response_format": "html", "grader_info": "Nêu Điều 5 Luật BĐG."},
    )
    quiz = make_quiz(
        [make_question(Question.Type.TRUE_FALSE), essay],
        owner=trainer,
        open_to_all=True,
        shuffle_options=False,
        questions_per_page=0,
    )
    quiz.slots.filter(question=essay).update(marks=Decimal("4"))
    return quiz


def submitted_essay(quiz, learner, text=HOSTILE_ANSWER) -> AttemptQuestion:
    attempt = attempt_start(quiz=quiz, learner=learner)
    attempt_answers_save(
        attempt=attempt,
        answers={"1": {"value": "true"}, "2": {"text": text}},
        sequence=attempt.sequence,
    )
    attempt_submit(attempt=attempt)
    return attempt.questions.get(position=2)


def answer_url(answer):
    return reverse("grading:answer", args=[answer.pk])


def test_queue_lists_answers_waiting_oldest_first(
    trainer_client, essay_quiz, learner, other_learner
):
    first = submitted_essay(essay_quiz, other_learner)
    second = submitted_essay(essay_quiz, learner)
    Attempt.objects.filter(pk=first.attempt_id).update(
        submitted_at=second.attempt.submitted_at.replace(year=2020)
    )

    content = trainer_client.get(reverse("grading:index")).content.decode()

    assert content.index(answer_url(first)) < content.index(answer_url(second))
    assert essay_quiz.title in content
    assert "Bình Thuận" in content  # the learner's unit


def test_grading_an_essay_finishes_the_attempt_with_its_score(
    trainer_client, trainer, essay_quiz, learner
):
    answer = submitted_essay(essay_quiz, learner)
    page = trainer_client.get(answer_url(answer)).content.decode()
    assert "Nêu Điều 5 Luật BĐG." in page
    assert "<strong>cơ hội</strong>" in page

    response = trainer_client.post(
        answer_url(answer), {"marks": "3,5", "comment": "Khá tốt."}
    )

    assert response.status_code == 302
    answer.refresh_from_db()
    attempt = answer.attempt
    attempt.refresh_from_db()
    assert answer.marks == Decimal("3.5")
    assert answer.grader == trainer
    assert not answer.needs_grading
    assert attempt.state == Attempt.State.GRADED
    assert attempt.score == Decimal("4.5")
    assert attempt.passed is True
    queue = trainer_client.get(reverse("grading:index")).content.decode()
    assert answer_url(answer) not in queue


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        ("5", "Marks must be between 0 and 4."),
        ("-1", "Marks must be between 0 and 4."),
        ("ba", "Enter the marks as a number, such as 3 or 2,5."),
        ("", "This field is required."),
    ],
)
def test_bad_marks_are_refused_and_nothing_is_saved(
    trainer_client, essay_quiz, learner, marks, message
):
    answer = submitted_essay(essay_quiz, learner)

    response = trainer_client.post(answer_url(answer), {"marks": marks, "comment": ""})

    assert response.status_code == 200
    assert message in response.content.decode()
    answer.refresh_from_db()
    assert answer.needs_grading and answer.marks is None
    assert answer.attempt.state == Attempt.State.AWAITING_GRADING


def test_the_learner_answer_is_shown_inert(trainer_client, essay_quiz, learner):
    answer = submitted_essay(essay_quiz, learner)
    # A row written some other way than through the attempt page, still hostile:
    AttemptQuestion.objects.filter(pk=answer.pk).update(
        response={"text": HOSTILE_ANSWER}
    )

    content = trainer_client.get(answer_url(answer)).content.decode()
    start = content.index('class="w-mb-8 learner-answer"')
    shown = content[start : content.index("</div>", start)]

    assert "<strong>cơ hội</strong>" in shown
    assert "<script" not in shown
    assert "onerror" not in shown
    assert 'alert("x")' not in content


def test_regrade_asks_to_confirm_then_records_what_changed(
    trainer_client, trainer, learner
):
    question = make_question(Question.Type.SINGLE_CHOICE)
    quiz = make_quiz([question], owner=trainer, open_to_all=True)
    attempt = attempt_start(quiz=quiz, learner=learner)
    attempt_answers_save(
        attempt=attempt, answers={"1": {"choice": "a"}}, sequence=attempt.sequence
    )
    attempt_submit(attempt=attempt)
    data = question.current_version.data
    fixed = {
        "choices": [
            {**c, "fraction": 1 if c["id"] == "a" else 0} for c in data["choices"]
        ]
    }
    save_question_version(question, text="<p>Sửa đáp án</p>", data=fixed)
    url = reverse("grading:regrade", args=[quiz.pk])

    confirm = trainer_client.get(url)
    assert confirm.status_code == 200
    assert not RegradeRecord.objects.exists()

    response = trainer_client.post(url)

    record = RegradeRecord.objects.get()
    assert record.regraded_by == trainer
    assert (record.attempts_checked, record.attempts_changed) == (1, 1)
    attempt.refresh_from_db()
    assert attempt.score == Decimal("1")
    shown = trainer_client.get(response.url).content.decode()
    assert "Past regrades" in shown
    assert learner.full_name in shown  # the changed attempt, by name


@pytest.mark.parametrize("rows", [3, 30])
def test_queue_needs_a_fixed_number_of_queries(
    trainer_client, essay_quiz, rows, commune_a, django_assert_max_num_queries
):
    for index in range(rows):
        learner = UserFactory(
            username=f"hv{index}", unit=commune_a, roles=[Role.LEARNER]
        )
        submitted_essay(essay_quiz, learner, text="<p>Trả lời</p>")
    # One of them is Wagtail's site-permission check for the Settings menu.
    with django_assert_max_num_queries(11):
        response = trainer_client.get(reverse("grading:index"))
    assert response.content.decode().count("/admin/assessments/grading/answer/") == rows


def test_trainer_of_another_quiz_can_neither_see_nor_grade(
    client, other_trainer, essay_quiz, learner
):
    answer = submitted_essay(essay_quiz, learner)
    client.force_login(other_trainer)

    queue = client.get(reverse("grading:index")).content.decode()
    assert answer_url(answer) not in queue
    assert refused(client.get(answer_url(answer)))
    assert refused(client.post(answer_url(answer), {"marks": "4", "comment": ""}))
    regrade = reverse("grading:regrade", args=[essay_quiz.pk])
    assert refused(client.get(regrade))
    assert refused(client.post(regrade))

    answer.refresh_from_db()
    assert answer.needs_grading and answer.marks is None
    assert not RegradeRecord.objects.exists()


def test_a_listed_grader_may_grade(client, other_trainer, essay_quiz, learner):
    essay_quiz.graders.add(other_trainer)
    answer = submitted_essay(essay_quiz, learner)
    client.force_login(other_trainer)

    client.post(answer_url(answer), {"marks": "4", "comment": ""})

    answer.refresh_from_db()
    assert answer.marks == Decimal("4")
    assert answer.grader == other_trainer


def test_learner_reaches_no_grading_page(client, learner, essay_quiz, other_learner):
    answer = submitted_essay(essay_quiz, other_learner)
    client.force_login(learner)
    regrade = reverse("grading:regrade", args=[essay_quiz.pk])

    for url in (reverse("grading:index"), answer_url(answer), regrade):
        assert refused(client.get(url)), url
    client.post(answer_url(answer), {"marks": "4", "comment": ""})
    client.post(regrade)

    answer.refresh_from_db()
    assert answer.needs_grading and answer.marks is None
    assert not RegradeRecord.objects.exists()
