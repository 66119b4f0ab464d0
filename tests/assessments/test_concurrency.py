"""Two requests at once, for real: threads with their own database connections
(see tests/concurrency.py for SQLite); the same rules hold on both databases."""

import threading

import pytest

from assessments.models import Attempt
from assessments.services import attempts as svc
from tests.concurrency import retrying_when_locked, run_together

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def starting(quiz, learner):
    return lambda _: retrying_when_locked(
        lambda: svc.attempt_start(quiz=quiz, learner=learner).pk
    )


def test_simultaneous_starts_never_exceed_the_attempt_limit(quiz, learner):
    quiz.attempts_allowed = 2
    quiz.save()
    svc.attempt_submit(attempt=svc.attempt_start(quiz=quiz, learner=learner))
    results = run_together(4, starting(quiz, learner))
    assert Attempt.objects.filter(quiz=quiz, learner=learner).count() == 2
    started = {r for r in results if isinstance(r, int)}
    assert len(started) == 1, results  # every tab got the same second attempt
    assert all(isinstance(r, (int, svc.AttemptRefused)) for r in results), results


def test_simultaneous_submits_grade_once(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    svc.attempt_answers_save(
        attempt=attempt,
        answers={1: {"choice": "b"}, 2: {"value": True}},
        sequence=attempt.sequence,
    )
    results = run_together(
        4,
        lambda _: retrying_when_locked(
            lambda: svc.attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk)).score
        ),
    )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.score == 2
    assert results == [2, 2, 2, 2], results


def test_simultaneous_saves_with_one_sequence_accept_one(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    sequence = attempt.sequence
    choices = iter(["a", "b", "c", "a"])
    lock = threading.Lock()

    def save(_):
        with lock:
            choice = next(choices)
        return retrying_when_locked(
            lambda: (
                svc.attempt_answers_save(
                    attempt=Attempt.objects.get(pk=attempt.pk),
                    answers={1: {"choice": choice}},
                    sequence=sequence,
                ).sequence
            )
        )

    results = run_together(4, save)
    accepted = [r for r in results if isinstance(r, int)]
    assert len(accepted) == 1, results
    refused = [r for r in results if isinstance(r, svc.AttemptRefused)]
    assert len(refused) == 3, results
    attempt.refresh_from_db()
    assert attempt.sequence == sequence + 1
