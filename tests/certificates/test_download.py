"""The private PDF download and the certificates on My learning."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from certificates.models import Certificate
from certificates.selectors.learner import my_certificates
from tests.factories.certificates import make_certificate, make_rule
from tests.factories.training import make_training_class

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 certificate"


@pytest.fixture
def certificate(class_rule, learner):
    certificate = make_certificate(learner, class_rule)
    certificate.pdf.save("gcn.pdf", ContentFile(PDF))
    return certificate


def download(client, user, certificate):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("certificates:download", args=[certificate.pk]))


@pytest.mark.parametrize("who", ["learner", "trainer", "unit_manager", "administrator"])
def test_the_holder_trainers_managers_and_administrators_download_it(
    client, certificate, who, request
):
    response = download(client, request.getfixturevalue(who), certificate)

    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "001-gcn-snv-" in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["other_learner", "other_trainer"])
def test_anyone_else_gets_404(client, certificate, who, request):
    assert (
        download(client, request.getfixturevalue(who), certificate).status_code == 404
    )


def test_the_anonymous_are_sent_to_sign_in(client, certificate):
    response = download(client, None, certificate)

    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_a_revoked_certificate_is_no_longer_the_holders_to_download(
    client, certificate, learner, administrator
):
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.REVOKED
    )
    assert download(client, learner, certificate).status_code == 404
    assert download(client, administrator, certificate).status_code == 200


def test_a_pdf_not_written_yet_is_rendered_on_the_spot(client, class_rule, learner):
    certificate = make_certificate(learner, class_rule)
    response = download(client, learner, certificate)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_stored_pdf_gone_missing_is_404(client, certificate, learner):
    certificate.pdf.storage.delete(certificate.pdf.name)
    assert download(client, learner, certificate).status_code == 404


def test_my_learning_lists_my_certificates_with_their_links(
    client, home_page, certificate, learner, other_learner, other_class, template
):
    theirs = make_certificate(
        other_learner, make_rule(training_class=other_class, template=template)
    )
    client.force_login(learner)
    html = client.get(reverse("courses:dashboard")).content.decode()

    assert "Giấy chứng nhận của tôi" in html
    assert reverse("certificates:download", args=[certificate.pk]) in html
    assert reverse("certificates:verify", args=[certificate.verification_code]) in html
    assert theirs.verification_code not in html


def test_replaced_certificates_are_not_listed(learner, certificate, class_rule):
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.REPLACED
    )
    newer = make_certificate(learner, class_rule)

    assert list(my_certificates(person=learner)) == [newer]


def test_the_list_is_one_query(
    learner, certificate, commune_a, template, django_assert_num_queries
):
    for _ in range(3):
        rule = make_rule(
            training_class=make_training_class(commune_a), template=template
        )
        make_certificate(learner, rule)
    with django_assert_num_queries(1):
        names = [c.issuing_body.name for c in my_certificates(person=learner)]
    assert len(names) == 4
