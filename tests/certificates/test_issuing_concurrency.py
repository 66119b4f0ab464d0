"""Issuing the same certificate from several workers at once, for real: threads
with their own database connections (PostgreSQL in bin/test-services; on SQLite
one writer waits for the other and the same rules must hold)."""

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from certificates.models import Certificate, CertificateCounter
from certificates.services import issuing as svc
from tests.assessments.test_concurrency import run_together
from tests.factories.training import make_participant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def lost_kinds():
    """SQLite's in-memory test database may also say "table is locked" to a loser."""
    return (OperationalError,) if connection.vendor == "sqlite" else ()


def completed(training_class, person):
    return make_participant(training_class, person, completed_at=timezone.now())


def test_issuing_twice_at_once_gives_one_certificate(
    class_rule, training_class, learner
):
    completed(training_class, learner)
    results = run_together(
        4, lambda: svc.certificate_issue(rule=class_rule, holder=learner).pk
    )
    certificate = Certificate.objects.get()
    assert all(r == certificate.pk or isinstance(r, lost_kinds()) for r in results), (
        results
    )
    assert certificate.pk in results
    assert certificate.number == "001/GCN-SNV"
    assert CertificateCounter.objects.get().last_number == 1


def test_learners_issued_at_once_get_distinct_numbers(
    class_rule, training_class, learner, other_learner, unit_manager, administrator
):
    people = [learner, other_learner, unit_manager, administrator]
    for person in people:
        completed(training_class, person)
    queue = list(people)

    def issue():
        return svc.certificate_issue(rule=class_rule, holder=queue.pop()).number

    results = run_together(4, issue)
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    issued = [r for r in results if isinstance(r, str)]
    assert all(isinstance(r, (str, *lost_kinds())) for r in results), results
    assert sorted(issued) == numbers
    assert len(set(numbers)) == len(numbers)
    assert numbers == [f"{n:03d}/GCN-SNV" for n in range(1, len(numbers) + 1)]
    if connection.vendor == "postgresql":
        assert len(numbers) == 4
