"""Attempt rules: freezing, limits, sequence numbers, deadlines, grading, regrading."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from assessments.models import Attempt, Question, QuizSlot, RegradeRecord
from assessments.selectors import quiz_final_grade
from assessments.services import attempts as svc
from assessments.services.bank import save_question_version
from assessments.signals import attempt_graded
from tests.factories.assessments import (
    SAMPLE_DATA,
    make_category,
    make_question,
    make_quiz,
)

pytestmark = pytest.mark.django_db
T = Question.Type


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched as written in the code."""
    with translation.override("en"):
        yield


def answer_all_right(attempt):
    rights = {
        T.SINGLE_CHOICE: {"choice": "b"},
        T.TRUE_FALSE: {"value": True},
        T.MULTIPLE_RESPONSE: {"choices": ["a", "b"]},
        T.SHORT_ANSWER: {"text": "binh dang gioi"},
        T.NUMERICAL: {"text": "36"},
        T.MATCHING: {"pairs": {"p1": "Vai trò xã hội", "p2": "Đặc điểm sinh học"}},
        T.ESSAY: {"text": "<p>Một ví dụ</p>"},
    }
    answers = {
        q.position: rights[q.question_version.question.question_type]
        for q in attempt.questions.select_related("question_version__question")
    }
    return svc.attempt_answers_save(
        attempt=attempt, answers=answers, sequence=attempt.sequence
    )


def test_start_freezes_questions_versions_and_order(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner, rng=random.Random(1))
    rows = list(attempt.questions.order_by("position"))
    assert [r.page for r in rows] == [1, 2]
    assert rows[0].choice_order == ["a", "b", "c"]  # quiz does not shuffle options
    assert attempt.max_score == Decimal("2")
    # Editing the answered question afterwards makes a new version; the attempt keeps v1.
    svc.attempt_answers_save(
        attempt=attempt, answers={1: {"choice": "b"}}, sequence=attempt.sequence
    )
    question = rows[0].question_version.question
    data = dict(SAMPLE_DATA[T.SINGLE_CHOICE])
    new = save_question_version(question, text="<p>Sửa</p>", data=data)
    assert new.number == 2
    rows[0].refresh_from_db()
    assert rows[0].question_version.number == 1


def test_unanswered_version_is_edited_in_place(single_question):
    version = save_question_version(
        single_question, text="<p>Mới</p>", data=SAMPLE_DATA[T.SINGLE_CHOICE]
    )
    assert version.number == 1
    assert single_question.versions.count() == 1


def test_start_resumes_open_attempt(quiz, learner):
    first = svc.attempt_start(quiz=quiz, learner=learner)
    assert svc.attempt_start(quiz=quiz, learner=learner).pk == first.pk


def test_shuffle_options_and_questions_are_frozen(every_type_quiz, learner):
    every_type_quiz.shuffle_questions = True
    every_type_quiz.save()
    attempt = svc.attempt_start(
        quiz=every_type_quiz, learner=learner, rng=random.Random(7)
    )
    orders = {q.position: q.choice_order for q in attempt.questions.all()}
    again = svc.attempt_start(quiz=every_type_quiz, learner=learner)
    assert {q.position: q.choice_order for q in again.questions.all()} == orders


def test_random_slot_draws_distinct_questions_from_category(learner):
    category = make_category("Ngân hàng/Ngẫu nhiên")
    pool = [make_question(T.SINGLE_CHOICE, category=category) for _ in range(5)]
    quiz = make_quiz(open_to_all=True)
    QuizSlot.objects.create(
        quiz=quiz, position=1, random_category=category.get_parent(), random_count=3
    )
    attempt = svc.attempt_start(quiz=quiz, learner=learner, rng=random.Random(3))
    drawn = [q.question_version.question_id for q in attempt.questions.all()]
    assert len(drawn) == len(set(drawn)) == 3
    assert set(drawn) <= {q.pk for q in pool}


def test_random_slot_with_too_few_questions_is_refused(learner):
    category = make_category("Ít câu")
    make_question(T.SINGLE_CHOICE, category=category)
    quiz = make_quiz(open_to_all=True)
    QuizSlot.objects.create(
        quiz=quiz, position=1, random_category=category, random_count=2
    )
    with pytest.raises(svc.AttemptRefused):
        svc.attempt_start(quiz=quiz, learner=learner)
    assert not Attempt.objects.exists()


def test_dates_are_enforced(quiz, learner):
    now = timezone.now()
    quiz.opens_at = now + timedelta(days=1)
    quiz.save()
    with pytest.raises(svc.AttemptRefused, match="opens"):
        svc.attempt_start(quiz=quiz, learner=learner)
    quiz.opens_at, quiz.closes_at = now - timedelta(days=2), now - timedelta(days=1)
    quiz.save()
    with pytest.raises(svc.AttemptRefused, match="closed"):
        svc.attempt_start(quiz=quiz, learner=learner)
    assert not Attempt.objects.exists()


def test_a_refusal_is_a_validation_error_whose_text_is_the_message(quiz, learner):
    quiz.opens_at = timezone.now() + timedelta(days=1)
    quiz.save()
    with pytest.raises(ValidationError) as refused:
        svc.attempt_start(quiz=quiz, learner=learner)
    assert str(refused.value).startswith("This quiz opens on")
    assert refused.value.messages == [str(refused.value)]


def test_third_attempt_refused_when_two_allowed(quiz, learner):
    quiz.attempts_allowed = 2
    quiz.save()
    for _ in range(2):
        svc.attempt_submit(attempt=svc.attempt_start(quiz=quiz, learner=learner))
    with pytest.raises(svc.AttemptRefused, match="2"):
        svc.attempt_start(quiz=quiz, learner=learner)
    assert Attempt.objects.filter(learner=learner).count() == 2


def test_two_starts_at_once_give_one_attempt(quiz, learner, monkeypatch):
    """The other request wins the race between our count and our insert."""
    quiz.attempts_allowed = 2
    quiz.save()
    svc.attempt_submit(attempt=svc.attempt_start(quiz=quiz, learner=learner))
    real_draw = svc.quiz_questions_draw

    def draw_while_other_tab_starts(*, quiz, rng):
        layout = real_draw(quiz=quiz, rng=rng)
        Attempt.objects.create(quiz=quiz, learner=learner, number=2)
        return layout

    monkeypatch.setattr(svc, "quiz_questions_draw", draw_while_other_tab_starts)
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    assert attempt.number == 2
    assert Attempt.objects.filter(learner=learner).count() == 2
    monkeypatch.setattr(svc, "quiz_questions_draw", real_draw)
    svc.attempt_submit(attempt=attempt)
    with pytest.raises(svc.AttemptRefused):
        svc.attempt_start(quiz=quiz, learner=learner)


def test_stale_sequence_is_refused_and_nothing_saved(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    old = attempt.sequence
    svc.attempt_answers_save(
        attempt=attempt, answers={1: {"choice": "a"}}, sequence=old
    )
    with pytest.raises(svc.StaleAttemptPage, match="out of date"):
        svc.attempt_answers_save(
            attempt=attempt, answers={1: {"choice": "b"}}, sequence=old
        )
    assert attempt.questions.get(position=1).response == {"choice": "a"}


def test_answer_to_question_not_in_attempt_is_refused(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    with pytest.raises(svc.AttemptRefused, match="not in this attempt"):
        svc.attempt_answers_save(
            attempt=attempt,
            answers={1: {"choice": "b"}, 99: {"choice": "a"}},
            sequence=attempt.sequence,
        )
    assert attempt.questions.get(position=1).response is None


def test_answers_after_deadline_and_grace_are_refused(quiz, learner, settings):
    settings.ASSESSMENTS_GRACE_SECONDS = 30
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    attempt = svc.attempt_start(quiz=quiz, learner=learner, now=start)
    within_grace = start + timedelta(minutes=10, seconds=20)
    svc.attempt_answers_save(
        attempt=attempt,
        answers={1: {"choice": "b"}},
        sequence=attempt.sequence,
        now=within_grace,
    )
    late = start + timedelta(minutes=10, seconds=31)
    with pytest.raises(svc.AttemptRefused, match="Time is up"):
        svc.attempt_answers_save(
            attempt=attempt,
            answers={1: {"choice": "a"}},
            sequence=attempt.sequence,
            now=late,
        )
    assert attempt.questions.get(position=1).response == {"choice": "b"}


def test_overdue_attempts_are_submitted_automatically(quiz, learner):
    quiz.time_limit_minutes = 5
    quiz.save()
    start = timezone.now() - timedelta(minutes=10)
    attempt = svc.attempt_start(quiz=quiz, learner=learner, now=start)
    fresh = svc.attempt_start(
        quiz=make_quiz([make_question()], open_to_all=True, time_limit_minutes=30),
        learner=learner,
    )
    assert svc.attempts_overdue_submit() == 1
    attempt.refresh_from_db()
    fresh.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.auto_submitted
    assert fresh.state == Attempt.State.IN_PROGRESS


def test_sequential_navigation_cannot_go_back(quiz, learner):
    quiz.navigation = quiz.Navigation.SEQUENTIAL
    quiz.save()
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    result = svc.attempt_answers_save(
        attempt=attempt, answers={1: {"choice": "b"}}, sequence=attempt.sequence, page=2
    )
    with pytest.raises(svc.AttemptRefused, match="forward only"):
        svc.attempt_answers_save(
            attempt=attempt, answers={1: {"choice": "a"}}, sequence=result.sequence
        )


def test_submit_is_idempotent_and_grades_once(every_type_quiz, learner):
    received = []

    def listener(sender, attempt, **kwargs):
        received.append(attempt.pk)

    attempt_graded.connect(listener)
    try:
        attempt = svc.attempt_start(quiz=every_type_quiz, learner=learner)
        answer_all_right(attempt)
        first = svc.attempt_submit(attempt=attempt)
        second = svc.attempt_submit(attempt=attempt)
    finally:
        attempt_graded.disconnect(listener)
    assert (
        first.state == second.state == Attempt.State.AWAITING_GRADING
    )  # the essay waits
    assert first.score == second.score == Decimal("6")
    assert received == []  # not graded yet: no signal
    assert Attempt.objects.count() == 1


def test_essay_grading_finishes_the_attempt(
    every_type_quiz, learner, trainer, django_capture_on_commit_callbacks
):
    attempt = svc.attempt_start(quiz=every_type_quiz, learner=learner)
    answer_all_right(attempt)
    svc.attempt_submit(attempt=attempt)
    essay = attempt.questions.get(needs_grading=True)
    with pytest.raises(svc.AttemptRefused):
        svc.attempt_question_grade(
            question=essay, marks=Decimal("2"), comment="", grader=trainer
        )
    received = []
    attempt_graded.connect(
        lambda sender, attempt, **kw: received.append(attempt.pk),
        weak=False,
        dispatch_uid="t1",
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            done = svc.attempt_question_grade(
                question=essay,
                marks=Decimal("0.5"),
                comment="<b>Tốt</b><script>x</script>",
                grader=trainer,
            )
    finally:
        attempt_graded.disconnect(dispatch_uid="t1")
    assert done.state == Attempt.State.GRADED
    assert done.score == Decimal("6.5")
    assert done.passed is True
    assert received == [attempt.pk]
    essay.refresh_from_db()
    assert "<script>" not in essay.grader_comment


def test_regrade_after_key_fix_is_audited(quiz, learner, trainer):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    svc.attempt_answers_save(
        attempt=attempt,
        answers={1: {"choice": "a"}, 2: {"value": True}},
        sequence=attempt.sequence,
    )
    attempt = svc.attempt_submit(attempt=attempt)
    assert attempt.score == Decimal("1")
    question = attempt.questions.get(position=1).question_version.question
    fixed = {
        "choices": [
            {"id": "a", "text": "Đặc điểm sinh học", "fraction": 1, "feedback": ""},
            {"id": "b", "text": "Vai trò xã hội", "fraction": 0, "feedback": ""},
            {"id": "c", "text": "Thể chất", "fraction": 0, "feedback": ""},
        ]
    }
    save_question_version(question, text="<p>Đã sửa đáp án</p>", data=fixed)
    record = svc.quiz_regrade(quiz=quiz, by=trainer, question=question)
    attempt.refresh_from_db()
    assert attempt.score == Decimal("2")
    assert record.attempts_changed == 1
    assert record.changes[0]["old"] == "0.00" and record.changes[0]["new"] == "1.00"
    assert RegradeRecord.objects.filter(regraded_by=trainer).count() == 1


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("highest", Decimal("100.00")),
        ("average", Decimal("50.00")),
        ("first", Decimal("0.00")),
        ("last", Decimal("50.00")),
    ],
)
def test_grading_methods(quiz, learner, method, expected):
    quiz.grading_method = method
    quiz.save()
    for answers in (
        {1: {"choice": "a"}, 2: {"value": False}},
        {1: {"choice": "b"}, 2: {"value": True}},
        {1: {"choice": "b"}},
    ):
        attempt = svc.attempt_start(quiz=quiz, learner=learner)
        svc.attempt_answers_save(
            attempt=attempt, answers=answers, sequence=attempt.sequence
        )
        svc.attempt_submit(attempt=attempt)
    assert quiz_final_grade(quiz=quiz, learner=learner) == expected


def test_review_options_follow_the_three_moments(quiz, learner):
    quiz.review_answers_immediately = False
    quiz.review_answers_open = False
    quiz.review_answers_closed = True
    quiz.review_score_open = False
    quiz.save()
    attempt = svc.attempt_submit(attempt=svc.attempt_start(quiz=quiz, learner=learner))
    now = attempt.submitted_at
    assert (
        svc.attempt_review_options(
            attempt=attempt, now=now + timedelta(seconds=30)
        ).answers
        is False
    )
    assert (
        svc.attempt_review_options(
            attempt=attempt, now=now + timedelta(seconds=30)
        ).score
        is True
    )
    assert (
        svc.attempt_review_options(
            attempt=attempt, now=now + timedelta(minutes=10)
        ).score
        is False
    )
    attempt.quiz.closes_at = now + timedelta(hours=1)
    assert (
        svc.attempt_review_options(
            attempt=attempt, now=now + timedelta(hours=2)
        ).answers
        is True
    )


def test_a_sequential_save_moves_the_page_forward_and_knows_the_new_values(
    quiz, learner
):
    """The sequence and the page are bumped in one statement; the attempt object
    learns them without a read when it was current, and from a read when not."""
    quiz.navigation = quiz.Navigation.SEQUENTIAL
    quiz.save()
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    read_before = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    svc.attempt_answers_save(
        attempt=attempt, answers={}, sequence=attempt.sequence, page=2
    )
    stored = Attempt.objects.get(pk=attempt.pk)
    assert (stored.sequence, stored.current_page) == (attempt.sequence, 2)
    assert attempt.current_page == 2
    svc.attempt_answers_save(
        attempt=attempt, answers={}, sequence=attempt.sequence, page=1
    )
    result = svc.attempt_answers_save(
        attempt=read_before, answers={}, sequence=attempt.sequence
    )
    stored.refresh_from_db()
    assert stored.current_page == 2  # never back
    assert result.sequence == stored.sequence == read_before.sequence
    assert read_before.current_page == 2
