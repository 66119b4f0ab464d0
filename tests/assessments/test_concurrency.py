"""Two requests at once, for real: threads with their own database connections.

Only meaningful where the database lets two transactions run side by side
(PostgreSQL in `make test-services`); on SQLite one writer waits for the other,
and the same rules must still hold.
"""

import threading

import pytest
from django.db import OperationalError, connection, connections

from assessments.models import Attempt
from assessments.services import attempts as svc

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def refused_kinds():
    """SQLite's in-memory test database may also say "table is locked" to a loser."""
    if connection.vendor == "sqlite":
        return (svc.AttemptRefused, OperationalError)
    return (svc.AttemptRefused,)


def run_together(count, work):
    """Start `count` threads at one barrier; returns what each returned or raised."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def target(index):
        try:
            barrier.wait()
            results[index] = work()
        except Exception as error:  # noqa: BLE001  (reported to the test)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_simultaneous_starts_never_exceed_the_attempt_limit(quiz, learner):
    quiz.attempts_allowed = 2
    quiz.save()
    svc.attempt_submit(attempt=svc.attempt_start(quiz=quiz, learner=learner))
    results = run_together(4, lambda: svc.attempt_start(quiz=quiz, learner=learner).pk)
    started = {r for r in results if isinstance(r, int)}
    assert Attempt.objects.filter(quiz=quiz, learner=learner).count() == 2
    assert len(started) == 1, results  # every tab got the same second attempt
    assert all(isinstance(r, (int, *refused_kinds())) for r in results), results


def test_simultaneous_submits_grade_once(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    svc.attempt_answers_save(
        attempt=attempt,
        answers={1: {"choice": "b"}, 2: {"value": True}},
        sequence=attempt.sequence,
    )
    results = run_together(
        4, lambda: svc.attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk)).score
    )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.score == 2
    assert all(r == 2 for r in results if not isinstance(r, Exception)), results


def test_simultaneous_saves_with_one_sequence_accept_one(quiz, learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    sequence = attempt.sequence
    choices = iter(["a", "b", "c", "a"])
    lock = threading.Lock()

    def save():
        with lock:
            choice = next(choices)
        fresh = Attempt.objects.get(pk=attempt.pk)
        return svc.attempt_answers_save(
            attempt=fresh, answers={1: {"choice": choice}}, sequence=sequence
        ).sequence

    results = run_together(4, save)
    accepted = [r for r in results if isinstance(r, int)]
    assert len(accepted) == 1, results
    assert all(isinstance(r, (int, *refused_kinds())) for r in results), results
    attempt.refresh_from_db()
    assert attempt.sequence == sequence + 1
