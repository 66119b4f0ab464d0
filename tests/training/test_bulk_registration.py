"""Registering staff in a class from a list: filter, tick, register; scoped."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from people.models import TargetGroup
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.training import make_participant, make_training_class
from tests.lms.test_admin_vietnamese import english_findings, visible_text
from training.admin.registration import PEOPLE_PER_PAGE
from training.models import Participant

pytestmark = pytest.mark.django_db


def page_url(training_class, **query):
    url = reverse("training_classes:staff_registration", args=[training_class.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def listed(response):
    return {person.username for person in response.context["page_obj"].object_list}


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def staff(commune_a):
    return [
        UserFactory(username="canbo1", full_name="Bùi Thị Hoa", unit=commune_a),
        UserFactory(username="canbo2", full_name="Lê Văn Bình", unit=commune_a),
        UserFactory(username="canbo3", full_name="Phạm Thị Cúc", unit=commune_a),
    ]


def test_the_class_row_offers_the_page_to_those_who_register_others(
    client, unit_manager, trainer, training_class
):
    url = page_url(training_class)
    client.force_login(unit_manager)
    assert url in client.get(reverse("training_classes:index")).content.decode()
    client.force_login(trainer)  # a trainer sees no accounts: no button
    assert url not in client.get(reverse("training_classes:index")).content.decode()


def test_the_page_lists_only_people_in_scope_not_yet_registered(
    client, unit_manager, training_class, staff, learner, other_learner, participant
):
    withdrawn = UserFactory(username="rutlui", unit=staff[0].unit)
    make_participant(training_class, withdrawn, status=Participant.Status.WITHDRAWN)
    client.force_login(unit_manager)
    response = client.get(page_url(training_class))
    assert response.status_code == 200
    people = listed(response)
    assert {"canbo1", "canbo2", "canbo3", "rutlui"} <= people
    assert "learner" not in people  # already registered
    assert "other" not in people  # another district's learner
    assert "Đăng ký những người đã chọn" in response.content.decode()


def test_the_page_and_its_messages_are_in_vietnamese(
    client, unit_manager, training_class, staff
):
    client.force_login(unit_manager)
    response = client.post(
        page_url(training_class), {"people": [staff[0].pk]}, follow=True
    )
    _soup, text = visible_text(response.content.decode())
    assert "1 người đã có chỗ trong lớp: Bùi Thị Hoa." in text
    assert "Đăng ký cán bộ" in text
    assert english_findings(text) == []


def test_the_list_filters_by_unit_target_group_and_name(
    client, unit_manager, training_class, staff, district_a
):
    group = TargetGroup.objects.create(code="can-bo-tu-phap", name="Cán bộ tư pháp")
    staff[1].target_groups.add(group)
    in_district = UserFactory(username="huyen1", full_name="Võ Văn An", unit=district_a)
    client.force_login(unit_manager)
    by_unit = listed(client.get(page_url(training_class, unit=staff[0].unit_id)))
    assert {"canbo1", "canbo2", "canbo3"} <= by_unit
    assert in_district.username not in by_unit
    assert listed(client.get(page_url(training_class, target_group=group.pk))) == {
        "canbo2"
    }
    assert listed(client.get(page_url(training_class, q="Cúc"))) == {"canbo3"}


def test_three_people_registered_and_the_rest_wait_beyond_capacity(
    client,
    unit_manager,
    commune_a,
    staff,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    training_class = make_training_class(commune_a, capacity=2)
    client.force_login(unit_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_url(training_class, q="a"), {"people": [p.pk for p in staff]}
        )
    assert response.status_code == 302
    assert response["Location"] == page_url(training_class, q="a")
    registered = {
        p.person.username: p for p in Participant.objects.select_related("person")
    }
    assert set(registered) == {"canbo1", "canbo2", "canbo3"}
    assert {p.source for p in registered.values()} == {Participant.Source.MANAGER}
    # Places go in the order of the list (by full name): Bùi, Lê, then Phạm waits.
    assert registered["canbo1"].status == Participant.Status.CONFIRMED
    assert registered["canbo2"].status == Participant.Status.CONFIRMED
    assert registered["canbo3"].status == Participant.Status.WAITING
    messages = texts(response)
    assert "2 người đã có chỗ trong lớp: Bùi Thị Hoa, Lê Văn Bình." in messages
    assert (
        "Lớp đã đủ chỗ: 1 người được đưa vào danh sách chờ: Phạm Thị Cúc." in messages
    )
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [staff[0].email, staff[1].email]
    )
    assert not listed(client.get(page_url(training_class))) & set(registered)


def test_someone_registered_meanwhile_is_left_as_they_were(
    client, unit_manager, training_class, staff
):
    make_participant(training_class, staff[0])
    client.force_login(unit_manager)
    response = client.post(page_url(training_class), {"people": [staff[0].pk]})
    assert "Đã đăng ký từ trước, giữ nguyên: Bùi Thị Hoa." in texts(response)
    assert Participant.objects.count() == 1


def test_nobody_ticked_is_refused(client, unit_manager, training_class, staff):
    client.force_login(unit_manager)
    response = client.post(page_url(training_class), {})
    assert response.status_code == 302
    assert texts(response) == ["Chọn ít nhất một người để đăng ký."]
    assert not Participant.objects.exists()


def test_a_person_outside_the_scope_posted_by_hand_refuses_everything(
    client, unit_manager, training_class, staff, other_learner
):
    refused = "Một số người trong danh sách không thuộc đơn vị bạn quản lý."
    client.force_login(unit_manager)
    response = client.post(
        page_url(training_class), {"people": [staff[0].pk, other_learner.pk]}
    )
    assert texts(response) == [refused]
    client.get(response["Location"])  # the message is shown, and so consumed
    response = client.post(page_url(training_class), {"people": ["x", "999999"]})
    assert texts(response) == [refused]
    assert not Participant.objects.exists()


def test_a_cancelled_class_takes_nobody(client, unit_manager, training_class, staff):
    training_class.status = training_class.Status.CANCELLED
    training_class.save()
    client.force_login(unit_manager)
    response = client.post(page_url(training_class), {"people": [staff[0].pk]})
    assert texts(response) == ["Lớp này đã bị hủy."]
    assert not Participant.objects.exists()


def test_a_trainer_is_refused_even_for_their_own_class(
    client, trainer, other_trainer, training_class, staff
):
    for user in (trainer, other_trainer):
        client.force_login(user)
        # Wagtail answers a PermissionDenied with a redirect to the dashboard.
        response = client.get(page_url(training_class))
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        response = client.post(page_url(training_class), {"people": [staff[0].pk]})
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not Participant.objects.exists()


def test_a_manager_of_another_unit_gets_404(client, training_class, staff, commune_b):
    manager_b = UserFactory(
        unit=commune_b, roles=[Role.UNIT_MANAGER], managed_units=[commune_b]
    )
    client.force_login(manager_b)
    assert client.get(page_url(training_class)).status_code == 404
    response = client.post(page_url(training_class), {"people": [staff[0].pk]})
    assert response.status_code == 404
    assert not Participant.objects.exists()


def test_a_learner_is_kept_out(learner_client, training_class, staff):
    response = learner_client.get(page_url(training_class))
    assert response.status_code in (302, 403)
    learner_client.post(page_url(training_class), {"people": [staff[0].pk]})
    assert not Participant.objects.exists()


def test_the_page_costs_the_same_queries_for_a_unit_of_hundreds(
    client, unit_manager, training_class, commune_a, django_assert_max_num_queries
):
    client.force_login(unit_manager)
    for number in range(5):
        UserFactory(username=f"nho{number}", unit=commune_a)
    client.get(page_url(training_class))  # warm the caches (content types...)
    with django_assert_max_num_queries(30) as few:
        client.get(page_url(training_class))
    for number in range(PEOPLE_PER_PAGE + 50):
        UserFactory(username=f"lon{number}", unit=commune_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(page_url(training_class))
    assert len(response.context["page_obj"].object_list) == PEOPLE_PER_PAGE
    assert response.context["page_obj"].paginator.num_pages == 2
