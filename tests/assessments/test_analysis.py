"""Item analysis (Moodle's quiz statistics) against figures worked out by hand.

The expected values are computed here from first principles with the
`statistics` module over plain lists, never through assessments.analysis, and
the arithmetic of the first item is written out in comments.
"""

import statistics
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from assessments.analysis import quiz_statistics
from assessments.models import Attempt, AttemptQuestion, Question
from people.models import User
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz

pytestmark = pytest.mark.django_db

# What a learner answered for each kind of question, right or wrong.
RIGHT = {
    Question.Type.SINGLE_CHOICE: {"choice": "b"},
    Question.Type.MULTIPLE_RESPONSE: {"choices": ["a", "b"]},
    Question.Type.TRUE_FALSE: {"value": True},
}
WRONG = {
    Question.Type.SINGLE_CHOICE: {"choice": "a"},
    Question.Type.MULTIPLE_RESPONSE: {"choices": ["c"]},
    Question.Type.TRUE_FALSE: {"value": False},
}


def record_attempt(
    quiz,
    learner,
    fractions,
    *,
    number=1,
    state=Attempt.State.GRADED,
    questions=None,
    responses=None,
    slots=None,
):
    """An attempt as the attempt services would have left it: one row per question."""
    questions = questions or [slot.question for slot in quiz.slots.order_by("position")]
    slots = slots or list(range(1, len(questions) + 1))
    score = sum(Decimal(str(f)) for f in fractions if f is not None)
    attempt = Attempt.objects.create(
        quiz=quiz,
        learner=learner,
        number=number,
        state=state,
        score=score if state == Attempt.State.GRADED else None,
        max_score=Decimal(len(questions)),
        submitted_at=None if state == Attempt.State.IN_PROGRESS else timezone.now(),
        passed=score * 2 >= len(questions) if state == Attempt.State.GRADED else None,
    )
    for position, (question, fraction, slot) in enumerate(
        zip(questions, fractions, slots, strict=True), start=1
    ):
        if responses is not None:
            response = responses[position - 1]
        elif fraction is None:
            response = None
        else:
            answers = RIGHT if fraction == 1 else WRONG
            response = answers.get(question.question_type)
        AttemptQuestion.objects.create(
            attempt=attempt,
            position=position,
            slot_position=slot,
            question_version=question.current_version,
            max_marks=Decimal(1),
            response=response,
            fraction=fraction,
            marks=None if fraction is None else Decimal(str(fraction)),
        )
    return attempt


def make_learners(count, **kwargs):
    return [
        UserFactory(username=f"hv{i}", roles=[Role.LEARNER], **kwargs)
        for i in range(count)
    ]


# Five learners, three one-mark questions (1 = right, 0 = wrong).
MATRIX = [
    [1, 1, 1],  # total 3
    [1, 1, 0],  # total 2
    [1, 0, 0],  # total 1
    [0, 1, 0],  # total 1
    [0, 0, 0],  # total 0
]


@pytest.fixture
def three_questions():
    return [
        make_question(Question.Type.SINGLE_CHOICE, name="Khái niệm giới"),
        make_question(Question.Type.MULTIPLE_RESPONSE, name="Lĩnh vực"),
        make_question(Question.Type.TRUE_FALSE, name="Đúng hay sai"),
    ]


@pytest.fixture
def five_learner_quiz(three_questions):
    quiz = make_quiz(three_questions)
    for learner, row in zip(make_learners(5), MATRIX, strict=True):
        record_attempt(quiz, learner, row)
    return quiz


def column(i):
    return [row[i] for row in MATRIX]


def totals():
    return [sum(row) for row in MATRIX]


def rest(i):
    return [t - x for t, x in zip(totals(), column(i), strict=True)]


def test_facility_and_standard_deviation_of_each_question(five_learner_quiz):
    stats = quiz_statistics(five_learner_quiz)

    # Item 1: x = 1,1,1,0,0 → mean 0.6 → facility 60.
    # V(x) = (3·0.4² + 2·0.6²) / 4 = (0.48 + 0.72) / 4 = 0.3 → SD = 100·√0.3 = 54.77.
    first = stats.questions[0]
    assert first.facility == pytest.approx(60)
    assert first.standard_deviation == pytest.approx(54.772, abs=1e-3)
    for i, question in enumerate(stats.questions):
        assert question.attempts == 5
        assert question.facility == pytest.approx(100 * statistics.mean(column(i)))
        assert question.standard_deviation == pytest.approx(
            100 * statistics.stdev(column(i))
        )


def test_discrimination_index_correlates_with_the_rest_of_the_test(five_learner_quiz):
    stats = quiz_statistics(five_learner_quiz)

    # Item 1: rest X = T - x = 2,1,0,1,0 (mean 0.8).
    # C(x, X) = [0.4·1.2 + 0.4·0.2 + 0.4·(-0.8) + (-0.6)·0.2 + (-0.6)·(-0.8)] / 4 = 0.6/4 = 0.15
    # V(X) = (1.44 + 0.04 + 0.64 + 0.04 + 0.64) / 4 = 0.7
    # D = 100 · 0.15 / √(0.3 · 0.7) = 32.73
    assert stats.questions[0].discrimination_index == pytest.approx(32.733, abs=1e-3)
    for i, question in enumerate(stats.questions):
        assert question.discrimination_index == pytest.approx(
            100 * statistics.correlation(column(i), rest(i))
        )


def test_discriminative_efficiency_against_the_best_possible_order(five_learner_quiz):
    stats = quiz_statistics(five_learner_quiz)

    # Item 1: sorted x = 0,0,1,1,1 and sorted X = 0,0,1,1,2:
    # Cmax = [2·(-0.6)(-0.8) + 2·0.4·0.2 + 0.4·1.2] / 4 = 1.6/4 = 0.4 → DE = 100 · 0.15/0.4 = 37.5
    assert stats.questions[0].discriminative_efficiency == pytest.approx(37.5)
    for i, question in enumerate(stats.questions):
        best = statistics.covariance(sorted(column(i)), sorted(rest(i)))
        assert question.discriminative_efficiency == pytest.approx(
            100 * statistics.covariance(column(i), rest(i)) / best
        )


def test_quiz_figures_and_cronbach_alpha(five_learner_quiz):
    stats = quiz_statistics(five_learner_quiz)

    # V(x) = 0.3, 0.3, 0.2 (Σ 0.8); T = 3,2,1,1,0 → V(T) = 5.2/4 = 1.3
    # α = 3/2 · (1 - 0.8/1.3) = 0.5769
    item_variances = sum(statistics.variance(column(i)) for i in range(3))
    alpha = 3 / 2 * (1 - item_variances / statistics.variance(totals()))
    assert stats.cronbach_alpha == pytest.approx(0.57692, abs=1e-5)
    assert stats.cronbach_alpha == pytest.approx(alpha)
    percentages = [100 * t / 3 for t in totals()]
    assert stats.attempt_count == 5
    assert stats.mean == pytest.approx(statistics.mean(percentages))
    assert stats.median == pytest.approx(statistics.median(percentages))
    assert stats.standard_deviation == pytest.approx(statistics.stdev(percentages))
    assert stats.error_ratio == pytest.approx(100 * (1 - alpha) ** 0.5)
    # 0% → first bin, 33.3% twice → fourth, 66.7% → seventh, 100% → last.
    assert [b.count for b in stats.histogram] == [1, 0, 0, 2, 0, 0, 1, 0, 0, 1]


def test_options_chosen_are_counted_per_question(five_learner_quiz):
    with translation.override("en"):
        stats = quiz_statistics(five_learner_quiz)
    single, multiple, truefalse = stats.questions

    assert [(o.label, o.count) for o in single.options] == [
        ("Đặc điểm sinh học", 2),
        ("Vai trò xã hội", 3),
        ("Thể chất", 0),
    ]
    # Right is a+b (three learners), wrong is c (two learners).
    assert [o.count for o in multiple.options] == [3, 3, 2]
    assert [(o.label, o.count) for o in truefalse.options] == [
        ("True", 1),
        ("False", 4),
    ]
    assert single.options[1].share == pytest.approx(60)


def test_an_unanswered_question_counts_as_no_answer(three_questions):
    quiz = make_quiz(three_questions)
    a, b = make_learners(2)
    record_attempt(quiz, a, [None, 1, 1])
    record_attempt(quiz, b, [1, 1, 0])

    single = quiz_statistics(quiz).questions[0]

    assert single.no_answer == 1
    assert sum(o.count for o in single.options) == 1
    assert single.facility == pytest.approx(50)


def test_first_attempts_only_unless_all_are_asked_for(three_questions):
    quiz = make_quiz(three_questions)
    a, b = make_learners(2)
    record_attempt(quiz, a, [0, 0, 0])
    record_attempt(quiz, a, [1, 1, 1], number=2)
    record_attempt(quiz, b, [1, 0, 0])

    first = quiz_statistics(quiz, attempts="first")
    every = quiz_statistics(quiz, attempts="all")

    assert first.attempt_count == 2
    assert first.questions[0].facility == pytest.approx(50)
    assert every.attempt_count == 3
    assert every.questions[0].facility == pytest.approx(100 * 2 / 3)


def test_only_graded_attempts_count_and_first_means_first_graded(three_questions):
    quiz = make_quiz(three_questions)
    a, b = make_learners(2)
    record_attempt(quiz, a, [0, 0, 0], state=Attempt.State.AWAITING_GRADING)
    record_attempt(quiz, a, [1, 1, 1], number=2)
    record_attempt(quiz, b, [None, None, None], state=Attempt.State.IN_PROGRESS)

    stats = quiz_statistics(quiz)

    assert stats.attempt_count == 1
    assert stats.questions[0].facility == pytest.approx(100)


def test_no_attempt_gives_empty_statistics(three_questions):
    stats = quiz_statistics(make_quiz(three_questions))

    assert stats.attempt_count == 0
    assert stats.mean is None
    assert stats.cronbach_alpha is None
    assert stats.questions == []
    assert stats.histogram == []


def test_one_attempt_has_no_spread_and_no_correlation(three_questions):
    quiz = make_quiz(three_questions)
    record_attempt(quiz, make_learners(1)[0], [1, 0, 1])

    stats = quiz_statistics(quiz)

    assert stats.attempt_count == 1
    assert stats.mean == pytest.approx(100 * 2 / 3)
    assert stats.standard_deviation is None
    assert stats.cronbach_alpha is None
    assert stats.questions[0].facility == 100
    assert stats.questions[0].standard_deviation is None
    assert stats.questions[0].discrimination_index is None
    assert stats.questions[0].discriminative_efficiency is None


def test_everyone_with_the_same_score_divides_by_nothing(three_questions):
    quiz = make_quiz(three_questions)
    for learner in make_learners(4):
        record_attempt(quiz, learner, [1, 1, 1])

    stats = quiz_statistics(quiz)

    assert stats.standard_deviation == 0
    assert stats.skewness is None
    assert stats.cronbach_alpha is None
    assert stats.error_ratio is None
    question = stats.questions[0]
    assert question.standard_deviation == 0
    assert question.discrimination_index is None
    assert question.discriminative_efficiency is None


def test_a_random_slot_gives_one_row_per_drawn_question(three_questions):
    quiz = make_quiz(three_questions[:2])
    drawn_a = make_question(Question.Type.SINGLE_CHOICE, name="Ngẫu nhiên A")
    drawn_b = make_question(Question.Type.SINGLE_CHOICE, name="Ngẫu nhiên B")
    learners = make_learners(4)
    for i, learner in enumerate(learners):
        drawn = drawn_a if i % 2 else drawn_b
        record_attempt(
            quiz,
            learner,
            [i % 2, 1, int(i > 1)],
            questions=[*three_questions[:2], drawn],
            slots=[1, 2, 3],
        )

    stats = quiz_statistics(quiz)

    by_name = {q.name: q for q in stats.questions}
    assert {q.slot_position for q in stats.questions} == {1, 2, 3}
    assert by_name["Ngẫu nhiên A"].attempts == 2
    assert by_name["Ngẫu nhiên A"].from_random_slot
    assert by_name["Ngẫu nhiên B"].attempts == 2
    assert not by_name["Khái niệm giới"].from_random_slot


def test_figures_can_be_narrowed_to_a_group_of_learners(five_learner_quiz):
    some = User.objects.filter(username__in=["hv0", "hv4"])

    stats = quiz_statistics(five_learner_quiz, learners=some)

    assert stats.attempt_count == 2
    assert stats.mean == pytest.approx(50)


def test_an_unknown_choice_of_attempts_is_refused(five_learner_quiz):
    with pytest.raises(ValidationError):
        quiz_statistics(five_learner_quiz, attempts="best")


def test_statistics_take_the_same_queries_for_many_attempts(
    three_questions, django_assert_num_queries
):
    quiz = make_quiz(three_questions)
    for learner, row in zip(make_learners(5), MATRIX, strict=True):
        record_attempt(quiz, learner, row)
    # Scores, sums, item scores, rest scores, options, versions.
    with django_assert_num_queries(6):
        quiz_statistics(quiz)
    more = [UserFactory(username=f"them{i}", roles=[Role.LEARNER]) for i in range(10)]
    for i, learner in enumerate(more):
        record_attempt(quiz, learner, [i % 2, 1, 0])
    with django_assert_num_queries(6):
        quiz_statistics(quiz, attempts="all")
