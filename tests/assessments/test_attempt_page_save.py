"""The one rule for a posted page of an attempt: each outcome, and nothing half-saved."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from assessments.models import Attempt
from assessments.services import attempts as svc
from assessments.services.attempts import AttemptPageOutcome as Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def choose(answer):
    """A read_answers that answers the first question of the page."""

    def read(questions):
        return {questions[0].position: {"choice": answer}}

    return read


def save(
    attempt, *, sequence=None, page=1, goto="", positions=None, read=None, now=None
):
    return svc.attempt_page_save(
        attempt=attempt,
        page=page,
        sequence=attempt.sequence if sequence is None else sequence,
        goto=goto,
        posted_positions={1} if positions is None else positions,
        read_answers=read or choose("b"),
        now=now,
    )


def test_a_page_is_saved_and_the_next_page_given(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    result = save(attempt, goto="2")
    assert result.outcome == Outcome.SAVED
    assert result.saved == 1 and result.sequence == attempt.sequence
    assert result.page == 2
    assert attempt.questions.get(position=1).response == {"choice": "b"}


def test_finish_saves_then_submits(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    assert save(attempt, goto="finish").outcome == Outcome.SUBMITTED
    attempt.refresh_from_db()
    assert attempt.state != Attempt.State.IN_PROGRESS
    assert not attempt.auto_submitted


def test_an_old_sequence_is_stale_and_saves_nothing(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    old = attempt.sequence
    save(attempt, read=choose("a"))
    result = save(attempt, sequence=old)
    assert result.outcome == Outcome.STALE and "out of date" in result.message
    assert attempt.questions.get(position=1).response == {"choice": "a"}


def test_an_answer_for_a_question_off_the_page_is_refused(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    result = save(attempt, positions={1, 77})
    assert result.outcome == Outcome.REFUSED
    assert result.message == str(svc.ANSWER_NOT_IN_ATTEMPT)
    assert not attempt.questions.exclude(response=None).exists()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS


def test_numbers_that_are_not_numbers_are_not_valid(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    result = svc.attempt_page_save(
        attempt=attempt,
        page=None,
        sequence=None,
        goto="",
        posted_positions=set(),
        read_answers=choose("b"),
    )
    assert result.outcome == Outcome.NOT_VALID
    assert result.message == "The answers sent are not valid."


def test_a_submitted_attempt_takes_no_answers(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    svc.attempt_submit(attempt=attempt)
    result = save(attempt)
    assert result.outcome == Outcome.ALREADY_SUBMITTED
    assert attempt.questions.get(position=1).response is None


def test_a_save_after_the_deadline_submits_the_attempt(quiz, learner, settings):
    settings.ASSESSMENTS_GRACE_SECONDS = 30
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    attempt = svc.attempt_start(quiz=quiz, learner=learner, now=start)
    late = start + timedelta(minutes=10, seconds=31)
    result = save(attempt, now=late)
    assert result.outcome == Outcome.TIMED_OUT and "Time is up" in result.message
    attempt.refresh_from_db()
    assert attempt.state != Attempt.State.IN_PROGRESS and attempt.auto_submitted
    assert attempt.questions.get(position=1).response is None


def test_only_an_overdue_attempt_is_submitted_on_a_visit(quiz, learner):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    attempt = svc.attempt_start(quiz=quiz, learner=learner, now=start)
    assert not svc.attempt_submit_if_overdue(attempt=attempt, now=start)
    assert svc.attempt_submit_if_overdue(
        attempt=attempt, now=start + timedelta(hours=1)
    )
    attempt.refresh_from_db()
    assert attempt.auto_submitted
