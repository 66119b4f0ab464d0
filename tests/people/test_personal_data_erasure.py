"""Erasure: a person asks, an administrator carries it out or refuses; what
goes, what stays (README, "Personal data: what erasure keeps, and why")."""

import copy

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from assessments.models import AttemptQuestion
from certificates.models import Certificate
from content_pages.models import ResourceBookmark, ResourceDownload
from courses.models import Enrolment, LessonProgress
from people.models import ErasureRequest, User
from people.personal_data import personal_data_sections, register_personal_data
from people.personal_data_services import (
    ERASURE_ALREADY_PENDING,
    ERASURE_NOT_PENDING,
    ERASURE_REASON_REQUIRED,
    ERASURE_REFUSAL_REASON_REQUIRED,
    erasure_request_carry_out,
    erasure_request_create,
    person_erase,
)
from people.roles import Role
from stats.selectors.dashboard import report_figures
from stats.selectors.scope import StatsFilter, figures_scope
from tests.factories import UserFactory
from tests.factories.people import TEST_PASSWORD
from tests.stats.conftest import ALL_YEARS, world  # noqa: F401 (a fixture)
from training.models import AttendanceRecord, Participant

from .personal_data_records import ESSAY, give_records

pytestmark = pytest.mark.django_db

REQUEST_URL = reverse("people:erasure_request")


def shown(message):
    with override("vi"):
        return escape(str(message))


@pytest.fixture
def records(learner, course_index):
    return give_records(learner, course_index, tag="A")


def carry_out(person, administrator):
    request = erasure_request_create(person=person, reason="Tôi nghỉ hưu.")
    return erasure_request_carry_out(erasure_request=request, by=administrator)


# --- Asking -------------------------------------------------------------------------


def test_a_person_asks_with_a_reason_recorded_with_its_time(learner_client, learner):
    response = learner_client.post(REQUEST_URL, {"reason": "Tôi chuyển công tác."})

    assert response.status_code == 302
    request = ErasureRequest.objects.get()
    assert (request.person, request.reason) == (learner, "Tôi chuyển công tác.")
    assert request.status == ErasureRequest.Status.PENDING
    assert request.requested_at is not None
    page = learner_client.get(REQUEST_URL).content.decode()
    assert "Đang chờ" in page or str(request.get_status_display()) in page


def test_a_request_without_a_reason_is_refused_in_vietnamese(learner_client):
    response = learner_client.post(REQUEST_URL, {"reason": "   "})

    assert response.status_code == 200
    assert shown(ERASURE_REASON_REQUIRED) in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_a_second_request_while_one_waits_is_refused(learner):
    erasure_request_create(person=learner, reason="Lần một")

    with pytest.raises(ValidationError) as error:
        erasure_request_create(person=learner, reason="Lần hai")
    assert ERASURE_ALREADY_PENDING in error.value.messages
    assert ErasureRequest.objects.count() == 1


def test_anonymous_cannot_ask(client):
    response = client.post(REQUEST_URL, {"reason": "x"})

    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]
    assert not ErasureRequest.objects.exists()


# --- Carrying out -------------------------------------------------------------------


def log_in(client, username):
    client.post(
        reverse("people:login"), {"username": username, "password": TEST_PASSWORD}
    )
    return "_auth_user_id" in client.session


def test_after_erasure_the_person_cannot_log_in(client, learner, administrator):
    assert log_in(client, "learner")
    client.logout()
    carry_out(learner, administrator)

    for identifier in ("learner", learner.email, f"da-xoa-{learner.pk}"):
        assert not log_in(client, identifier)
    learner.refresh_from_db()
    assert not learner.is_active
    assert not learner.has_usable_password()


def test_the_failed_logins_recorded_under_the_account_go_with_it(
    client, learner, other_learner, administrator
):
    from axes.models import AccessAttempt

    for username in ("learner", other_learner.username):
        client.post(
            reverse("people:login"), {"username": username, "password": "wrong"}
        )
    assert AccessAttempt.objects.filter(username="learner").exists()

    carry_out(learner, administrator)

    assert not AccessAttempt.objects.filter(username="learner").exists()
    # Someone else's failures from the same address still count.
    assert AccessAttempt.objects.filter(username=other_learner.username).exists()


def test_a_session_opened_before_erasure_is_closed(
    learner_client, learner, administrator
):
    carry_out(learner, administrator)

    response = learner_client.get(reverse("people:profile"))
    assert response.status_code == 302


def test_the_account_keeps_what_the_statistics_count_and_nothing_else(
    learner, administrator, records, target_groups_fixture
):
    learner.refresh_from_db()
    unit, sex = learner.unit, learner.sex
    carry_out(learner, administrator)

    learner.refresh_from_db()
    assert learner.full_name == f"Người dùng đã xoá #{learner.pk}"
    assert learner.username == f"da-xoa-{learner.pk}"
    assert (learner.email, learner.phone, learner.position) == ("", "", "")
    assert learner.ethnicity is None and learner.ethnicity_consent_at is None
    assert learner.data_processing_consent_at is None
    assert learner.date_of_birth.isoformat() == "1985-07-01"
    assert (learner.unit, learner.sex) == (unit, sex)
    assert list(learner.target_groups.all()) == target_groups_fixture
    assert learner.erased_at is not None
    assert not learner.groups.exists()


@pytest.fixture
def target_groups_fixture(learner):
    import datetime as dt

    from people.models import Ethnicity
    from tests.factories import TargetGroupFactory

    groups = [TargetGroupFactory(code="giao-vien", name="Giáo viên")]
    learner.target_groups.set(groups)
    learner.date_of_birth = dt.date(1985, 3, 14)
    learner.phone = "0905123456"
    learner.position = "Chủ tịch Hội LHPN xã"
    learner.ethnicity = Ethnicity.objects.filter(is_minority=True).first()
    learner.ethnicity_consent_at = learner.date_joined
    learner.data_processing_consent_at = learner.date_joined
    learner.save()
    return groups


def test_records_stay_without_what_the_person_wrote(learner, administrator, records):
    carry_out(learner, administrator)

    assert Enrolment.objects.filter(learner=learner).exists()
    assert not LessonProgress.objects.filter(enrolment__learner=learner).exists()
    answers = AttemptQuestion.objects.filter(attempt__learner=learner)
    assert answers.exists()
    assert ESSAY not in str(list(answers.values_list("response", flat=True)))
    assert not answers.exclude(grader_comment="").exists()
    assert answers.filter(marks__isnull=False).exists()
    participant = Participant.objects.get(person=learner)
    assert not participant.needs_disability_support
    assert (participant.interpreter_language, participant.accommodation_needs) == (
        "",
        "",
    )
    assert AttendanceRecord.objects.filter(participant=participant).exists()
    download = ResourceDownload.objects.get(resource__title="Tài liệu A")
    assert download.user is None and download.unit == learner.unit
    assert not ResourceBookmark.objects.filter(user=learner).exists()


def test_the_name_and_email_appear_nowhere_in_the_admin(
    client, learner, administrator, records
):
    name, email = learner.full_name, learner.email
    carry_out(learner, administrator)
    client.force_login(administrator)

    pages = [
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:index") + "?export=csv",
        reverse("wagtailusers_users:edit", args=[learner.pk]),
        reverse("erasure_requests:index"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        assert name not in text, url
        assert email not in text, url
    # The download of the erased person's data now holds no name either.
    data = {
        section.name: section.exporter(learner) for section in personal_data_sections()
    }
    assert email not in str(data)
    profile = data["profile"][0]
    assert profile["full_name"] == f"Người dùng đã xoá #{learner.pk}"


def test_the_certificate_stays_in_the_register_and_still_verifies(
    client, learner, administrator, records
):
    certificate = records["certificate"]
    carry_out(learner, administrator)

    kept = Certificate.objects.get(pk=certificate.pk)
    assert (kept.number, kept.full_name) == (certificate.number, certificate.full_name)
    response = client.get(reverse("certificates:verify", args=[kept.verification_code]))
    assert response.status_code == 200
    assert "status-valid" in response.content.decode()


def test_the_statistics_of_a_period_are_the_same_after_erasure(world):  # noqa: F811
    def figures():
        scope = figures_scope(
            user=world.administrator,
            stats_filter=StatsFilter(start=ALL_YEARS[0], end=ALL_YEARS[1]),
        )
        return report_figures(scope)

    before = figures()
    carry_out(world.lan, world.administrator)
    after = figures()

    # Lan's ethnicity goes with her consent (as when she withdraws it on her
    # profile): her turns move from "minority" to "not recorded".
    expected = copy.deepcopy(before)
    training = expected["training"]
    training["minority_turns"] -= 2
    training["minority_people"] -= 1
    training["minority_women"] -= 1
    training["ethnicity_unknown"] += 1
    assert after == expected


def test_only_an_administrator_carries_out_or_refuses(learner, unit_manager, client):
    request = erasure_request_create(person=learner, reason="Lý do")
    trainer = UserFactory(username="trainer", roles=[Role.TRAINER])

    for user in (unit_manager, trainer, learner):
        with pytest.raises(PermissionDenied):
            erasure_request_carry_out(erasure_request=request, by=user)
        client.force_login(user)
        url = reverse("erasure_requests:answer", args=[request.pk])
        response = client.post(url, {"decision": "carry_out"})
        assert response.status_code in (302, 403)
        assert client.get(reverse("erasure_requests:index")).status_code in (302, 403)
    learner.refresh_from_db()
    assert learner.erased_at is None
    assert learner.is_active
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.PENDING


def test_an_administrator_carries_out_through_the_admin(client, learner, administrator):
    request = erasure_request_create(person=learner, reason="Lý do")
    client.force_login(administrator)
    url = reverse("erasure_requests:answer", args=[request.pk])

    assert "Lý do" in client.get(url).content.decode()
    response = client.post(url, {"decision": "carry_out"})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.DONE
    assert (request.decided_by, request.decided_at is not None) == (
        administrator,
        True,
    )
    learner.refresh_from_db()
    assert learner.erased_at is not None


def test_a_refusal_needs_a_reason_and_keeps_the_data(client, learner, administrator):
    request = erasure_request_create(person=learner, reason="Lý do")
    client.force_login(administrator)
    url = reverse("erasure_requests:answer", args=[request.pk])

    response = client.post(url, {"decision": "refuse", "refusal_reason": ""})
    assert shown(ERASURE_REFUSAL_REASON_REQUIRED) in response.content.decode()
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.PENDING

    client.post(url, {"decision": "refuse", "refusal_reason": "Đang thanh tra."})
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.REFUSED
    assert request.refusal_reason == "Đang thanh tra."
    learner.refresh_from_db()
    assert learner.is_active and learner.erased_at is None


def test_double_erasure_is_harmless(learner, administrator, records):
    request = carry_out(learner, administrator)
    learner.refresh_from_db()
    state = User.objects.filter(pk=learner.pk).values().get()

    with pytest.raises(ValidationError) as error:
        erasure_request_carry_out(erasure_request=request, by=administrator)
    assert ERASURE_NOT_PENDING in error.value.messages
    person_erase(person=learner)

    assert User.objects.filter(pk=learner.pk).values().get() == state


def test_an_erasure_that_fails_changes_nothing(learner, administrator, records):
    def broken(user):
        raise RuntimeError("disk full")

    register_personal_data("zz_broken", lambda user: [], broken, title="broken")
    request = erasure_request_create(person=learner, reason="Lý do")
    try:
        with pytest.raises(RuntimeError):
            erasure_request_carry_out(erasure_request=request, by=administrator)
    finally:
        from people import personal_data

        personal_data._sections.pop("zz_broken")

    learner.refresh_from_db()
    assert learner.erased_at is None and learner.full_name.startswith("Nguyễn")
    assert LessonProgress.objects.filter(enrolment__learner=learner).exists()
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.PENDING
