"""The demo certificates: two issuing bodies by period, rules for the demo
courses and classes, certificates for those who completed, one revoked;
idempotent."""

import pytest
from django.core.management import call_command

from certificates.models import Certificate, CertificateRule, IssuingBody
from courses.models import Enrolment
from training.models import Participant

pytestmark = pytest.mark.django_db


def seed():
    for area in ("people", "content_pages", "courses", "training", "certificates"):
        call_command(f"seed_demo_{area}", verbosity=0)


def snapshot():
    return {
        "bodies": list(IssuingBody.objects.order_by("pk").values()),
        "rules": list(CertificateRule.objects.order_by("pk").values()),
        "certificates": list(
            Certificate.objects.order_by("pk").values(
                "pk", "holder", "number", "status", "issued_on", "year"
            )
        ),
    }


def test_the_demo_certificates(settings):
    settings.DEBUG = True
    seed()
    certificates = Certificate.objects.select_related("issuing_body")
    assert certificates.exists()
    # Only those who completed hold one.
    for certificate in certificates:
        if certificate.training_class_id:
            assert Participant.objects.filter(
                person=certificate.holder,
                training_class=certificate.training_class,
                completed_at__isnull=False,
            ).exists()
        else:
            assert Enrolment.objects.filter(
                learner=certificate.holder,
                course=certificate.course,
                status=Enrolment.Status.COMPLETED,
            ).exists()
    # Sở LĐTBXH for the 2022 classes, in its 2022 register; Sở Nội vụ after.
    for certificate in certificates:
        if certificate.issuing_body.code == "SLDTBXH":
            assert certificate.year == 2022
            assert certificate.training_class.ends_on == certificate.issued_on
        else:
            assert certificate.issuing_body.code == "SNV"
            assert certificate.year >= 2025
    assert certificates.filter(issuing_body__code="SNV").exists()
    assert certificates.filter(issuing_body__code="SLDTBXH").exists()
    assert certificates.filter(course__isnull=False).exists()
    assert certificates.filter(status=Certificate.Status.REVOKED).count() == 1
    before = snapshot()
    call_command("seed_demo_certificates", verbosity=0)
    assert snapshot() == before
