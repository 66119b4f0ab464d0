"""The admin list of certificates issued: scoped, with revoke, re-issue and issue."""

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services.issuing import certificate_issue
from tests.factories.certificates import make_rule
from tests.factories.training import make_participant

pytestmark = pytest.mark.django_db

INDEX = "certificates_issued:index"


@pytest.fixture
def issued(class_rule, participant, learner, other_class, other_learner, template):
    participant.completed_at = timezone.now()
    participant.save()
    mine = certificate_issue(rule=class_rule, holder=learner)
    rule = make_rule(training_class=other_class, template=template)
    make_participant(other_class, other_learner, completed_at=timezone.now())
    theirs = certificate_issue(rule=rule, holder=other_learner)
    return mine, theirs


def denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard,
    and someone without admin access with one to its login page."""
    return response.status_code == 403 or (
        response.status_code == 302
        and (
            response.url == reverse("wagtailadmin_home")
            or response.url.startswith(reverse("wagtailadmin_login"))
        )
    )


def listed(client, user):
    client.force_login(user)
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    return {c.pk for c in response.context["object_list"]}


def test_the_list_is_scoped(
    client, issued, trainer, other_trainer, unit_manager, administrator
):
    mine, theirs = issued
    assert listed(client, trainer) == {mine.pk}
    assert listed(client, other_trainer) == {theirs.pk}
    assert listed(client, unit_manager) == {mine.pk}
    assert listed(client, administrator) == {mine.pk, theirs.pk}


def test_the_list_runs_a_fixed_number_of_queries(
    client, issued, administrator, django_assert_max_num_queries
):
    client.force_login(administrator)
    client.get(reverse(INDEX))
    with django_assert_max_num_queries(30):
        response = client.get(reverse(INDEX))
    assert response.status_code == 200


def test_a_learner_has_no_list(client, issued, learner):
    client.force_login(learner)
    assert denied(client.get(reverse(INDEX)))


def test_an_administrator_revokes_with_a_reason(client, issued, administrator):
    mine, _theirs = issued
    client.force_login(administrator)
    url = reverse("certificates_issued:action", args=[mine.pk, "revoke"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200  # the form again, with its error
    mine.refresh_from_db()
    assert mine.status == Certificate.Status.VALID
    response = client.post(url, {"reason": "Cấp nhầm người"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.revocation_reason) == ("revoked", "Cấp nhầm người")


def test_an_administrator_reissues(client, issued, administrator):
    mine, _theirs = issued
    client.force_login(administrator)
    url = reverse("certificates_issued:action", args=[mine.pk, "reissue"])
    assert client.post(url).status_code == 302
    mine.refresh_from_db()
    assert mine.status == Certificate.Status.REPLACED
    assert mine.replaced_by.number == "003/GCN-SNV"


def test_a_trainer_can_neither_revoke_nor_reissue(client, issued, trainer):
    mine, _theirs = issued
    client.force_login(trainer)
    for action in ("revoke", "reissue"):
        url = reverse("certificates_issued:action", args=[mine.pk, action])
        assert denied(client.post(url, {"reason": "x"}))
    mine.refresh_from_db()
    assert mine.status == Certificate.Status.VALID


def test_an_unknown_certificate_or_action_is_404(client, issued, administrator):
    client.force_login(administrator)
    url = reverse("certificates_issued:action", args=[99999, "revoke"])
    assert client.get(url).status_code == 404
    url = reverse("certificates_issued:action", args=[issued[0].pk, "delete"])
    assert client.get(url).status_code == 404


def test_an_administrator_issues_manually(
    client, class_rule, learner, participant, administrator
):
    client.force_login(administrator)
    url = reverse("certificates_issued:issue")
    assert client.get(url).status_code == 200
    response = client.post(url, {"rule": class_rule.pk, "holder": learner.pk})
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.issued_by == administrator
    response = client.post(url, {"rule": class_rule.pk, "holder": learner.pk})
    assert response.status_code == 200
    assert certificate.number in response.content.decode()
    assert Certificate.objects.count() == 1


def test_a_unit_manager_cannot_issue(client, class_rule, learner, unit_manager):
    client.force_login(unit_manager)
    url = reverse("certificates_issued:issue")
    assert denied(client.post(url, {"rule": class_rule.pk, "holder": learner.pk}))
    assert not Certificate.objects.exists()
