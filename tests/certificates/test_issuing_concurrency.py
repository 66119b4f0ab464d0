"""Issuing the same certificate from several workers at once, for real: threads
with their own database connections (see tests/concurrency.py for SQLite)."""

import pytest
from django.utils import timezone

from certificates.models import Certificate, CertificateCounter
from certificates.services import issuing as svc
from tests.concurrency import retrying_when_locked, run_together
from tests.factories.training import make_participant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def completed(training_class, person):
    return make_participant(training_class, person, completed_at=timezone.now())


def test_issuing_twice_at_once_gives_one_certificate(
    class_rule, training_class, learner
):
    completed(training_class, learner)
    results = run_together(
        4,
        lambda _: retrying_when_locked(
            lambda: svc.certificate_issue(rule=class_rule, holder=learner).pk
        ),
    )
    certificate = Certificate.objects.get()
    assert results == [certificate.pk] * 4, results
    assert certificate.number == "001/GCN-SNV"
    assert CertificateCounter.objects.get().last_number == 1


def test_learners_issued_at_once_get_distinct_numbers(
    class_rule, training_class, learner, other_learner, unit_manager, administrator
):
    people = [learner, other_learner, unit_manager, administrator]
    for person in people:
        completed(training_class, person)

    def issue(index):
        return retrying_when_locked(
            lambda: svc.certificate_issue(rule=class_rule, holder=people[index]).number
        )

    results = run_together(4, issue)
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert sorted(results) == numbers == [f"{n:03d}/GCN-SNV" for n in range(1, 5)]
