"""Issue 9: thirds count as right, and one attempt shows one figure everywhere.

Three options weighted 33.33333 % (as Moodle XML and GIFT write thirds) add up
to 0.9999999: that is right, on every page. A score is rounded once (two
decimals, half up) and formatted once: "37,5 %" in Vietnamese, "37.5%" in
English, a number with a number format in Excel.
"""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from assessments import question_types as qt
from assessments.display import format_percentage, format_score, right_answer_text
from assessments.models import Attempt, AttemptQuestion, Question
from assessments.scoring import is_fully_correct, normalise_fraction, round_score
from assessments.services import attempts as svc
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz

pytestmark = pytest.mark.django_db

THIRD = 0.3333333
THIRDS = {
    "choices": [
        {"id": "a", "text": "Chính trị", "fraction": THIRD, "feedback": ""},
        {"id": "b", "text": "Kinh tế", "fraction": THIRD, "feedback": ""},
        {"id": "c", "text": "Văn hoá", "fraction": THIRD, "feedback": ""},
        {"id": "d", "text": "Quốc phòng", "fraction": -1, "feedback": ""},
    ]
}


# --- The rule ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fraction", "right"),
    [
        (1.0, True),
        (3 * THIRD, True),  # 0.9999999
        (0.9999991, True),
        (0.999999, False),  # Moodle: right only above 0.999999
        (0.99, False),
        (None, False),
    ],
)
def test_fully_correct_within_moodles_tolerance(fraction, right):
    assert is_fully_correct(fraction) is right


def test_stored_fraction_is_clamped_and_snapped():
    assert normalise_fraction(3 * THIRD) == 1.0
    assert normalise_fraction(1.5) == 1.0
    assert normalise_fraction(-0.3) == 0.0
    assert normalise_fraction(0.0000004) == 0.0
    assert normalise_fraction(2 * THIRD) == 0.6666666
    assert normalise_fraction(0.5) == 0.5


def test_three_thirds_grade_exactly_one_in_any_order():
    for chosen in (["a", "b", "c"], ["c", "a", "b"]):
        cleaned = qt.clean_response(
            Question.Type.MULTIPLE_RESPONSE, THIRDS, {"choices": chosen}
        )
        grade = qt.grade(Question.Type.MULTIPLE_RESPONSE, THIRDS, cleaned)
        assert grade.fraction == 1.0
    two = qt.grade(Question.Type.MULTIPLE_RESPONSE, THIRDS, {"choices": ["a", "b"]})
    assert two.fraction == 0.6666666


def test_an_accepted_answer_worth_a_rounded_hundred_is_the_key():
    data = {
        "answers": [
            {"text": "giới", "fraction": 0.9999999, "feedback": ""},
            {"text": "giới tính", "fraction": 0.5, "feedback": ""},
        ],
        "case_sensitive": False,
        "ignore_diacritics": False,
    }
    assert qt.validate(Question.Type.SHORT_ANSWER, data) == []
    assert right_answer_text(Question.Type.SHORT_ANSWER, data) == "giới"
    assert qt.grade(Question.Type.SHORT_ANSWER, data, {"text": "Giới"}).fraction == 1


def test_review_calls_three_thirds_correct(learner_client, learner, trainer):
    question = make_question(Question.Type.MULTIPLE_RESPONSE, data=THIRDS)
    quiz = make_quiz([question], owner=trainer, open_to_all=True)
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    AttemptQuestion.objects.filter(attempt=attempt).update(
        response={"choices": ["a", "b", "c"]}
    )
    svc.attempt_submit(attempt=attempt)

    aq = attempt.questions.get()
    assert aq.fraction == 1.0 and aq.marks == Decimal("1.00")
    html = learner_client.get(
        reverse("assessments:review", args=[attempt.pk])
    ).content.decode()
    assert "review-correct" in html
    assert "review-partial" not in html


def test_review_of_an_old_attempt_stored_before_the_fix_is_correct(
    learner_client, learner, trainer
):
    """Attempts graded before fractions were snapped keep 0.9999999 in the table."""
    question = make_question(Question.Type.MULTIPLE_RESPONSE, data=THIRDS)
    quiz = make_quiz([question], owner=trainer, open_to_all=True)
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    svc.attempt_submit(attempt=attempt)
    AttemptQuestion.objects.filter(attempt=attempt).update(
        response={"choices": ["a", "b", "c"]}, fraction=3 * THIRD, marks=1
    )
    html = learner_client.get(
        reverse("assessments:review", args=[attempt.pk])
    ).content.decode()
    assert "review-correct" in html and "review-partial" not in html


# --- One figure ----------------------------------------------------------------------


def test_one_rounding_rule_and_one_formatter():
    assert round_score(Decimal("37.495")) == Decimal("37.50")
    assert round_score(2 / 3 * 100) == Decimal("66.67")
    with translation.override("vi"):
        assert format_percentage(Decimal("37.50")) == "37,5\xa0%"
        assert format_percentage(Decimal("100")) == "100\xa0%"
        assert format_percentage(200 / 3) == "66,67\xa0%"
        assert format_score(Decimal("2.50")) == "2,5"
        assert format_percentage(None) == "—"
    with translation.override("en"):
        assert format_percentage(Decimal("37.5")) == "37.5%"
        assert format_score(Decimal("1234.50")) == "1234.5"


@pytest.fixture
def three_of_eight(learner, trainer):
    """A graded attempt worth 3 of 8 marks: 37.5 %."""
    right = make_question(Question.Type.SINGLE_CHOICE)
    wrong = make_question(Question.Type.SINGLE_CHOICE)
    quiz = make_quiz(
        [right, wrong], owner=trainer, open_to_all=True, pass_percentage=50
    )
    quiz.slots.filter(position=1).update(marks=3)
    quiz.slots.filter(position=2).update(marks=5)
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    attempt.questions.filter(position=1).update(response={"choice": "b"})
    attempt.questions.filter(position=2).update(response={"choice": "a"})
    svc.attempt_submit(attempt=attempt)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score) == (Decimal("3.00"), Decimal("8.00"))
    return attempt


def test_same_attempt_same_figure_on_review_quiz_page_and_reports(
    learner_client, trainer, three_of_eight
):
    attempt = three_of_eight
    review = learner_client.get(reverse("assessments:review", args=[attempt.pk]))
    quiz_page = learner_client.get(reverse("assessments:quiz", args=[attempt.quiz_id]))
    for page in (review, quiz_page):
        html = page.content.decode()
        assert "37,5\xa0%" in html
        assert "38%" not in html and "37,50" not in html
    assert "3 / 8" in review.content.decode()

    trainer_client = Client()
    trainer_client.force_login(trainer)
    report = trainer_client.get(
        reverse("quiz_reports:attempts", args=[attempt.quiz_id])
    ).content.decode()
    assert "37,5\xa0%" in report and "3 / 8" in report

    export = trainer_client.get(
        reverse("quiz_reports:attempts", args=[attempt.quiz_id]) + "?export=xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows())
    heading = [cell.value for cell in rows[0]]
    cell = rows[1][heading.index("Điểm (%)")]
    assert cell.value == 37.5 and cell.number_format == "0.00"
    score = rows[1][heading.index("Điểm")]
    assert score.value == 3 and score.number_format == "0.00"


def test_english_shows_the_same_figure_with_a_point(learner, three_of_eight):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(learner)
    for name, pk in (
        ("assessments:review", three_of_eight.pk),
        ("assessments:quiz", three_of_eight.quiz_id),
    ):
        html = client.get(reverse(name, args=[pk])).content.decode()
        assert "37.5%" in html and "38%" not in html


def test_item_analysis_shows_scores_with_the_same_formatter(trainer, three_of_eight):
    client = Client()
    client.force_login(trainer)
    html = client.get(
        reverse("quiz_reports:items", args=[three_of_eight.quiz_id])
    ).content.decode()
    # Mean and median of the one attempt: 37.5 %; facility of the first question 100.
    assert html.count("37,5") >= 2
    assert "37,50" not in html and "37.5" not in html and "100,0" not in html
    # An option's credit reads as the question editor writes weights: 100 %.
    assert "<td>100\xa0%</td>" in html


def test_a_stranger_sees_no_report_figure(learner, three_of_eight):
    stranger = UserFactory(username="gv.khac", roles=[Role.TRAINER])
    client = Client()
    client.force_login(stranger)
    response = client.get(
        reverse("quiz_reports:attempts", args=[three_of_eight.quiz_id])
    )
    assert response.status_code == 404
    assert Attempt.objects.get(pk=three_of_eight.pk).score == Decimal("3.00")
