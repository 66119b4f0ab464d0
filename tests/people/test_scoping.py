"""Scope: a unit manager sees and manages only the people of the units below their
own, in the selectors and everywhere in Wagtail's users admin."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from people.models import User
from people.roles import Role
from people.selectors import units_visible_to, users_visible_to
from tests.factories import UserFactory, make_unit

pytestmark = pytest.mark.django_db

INDEX = "/admin/users/"


@pytest.fixture
def people(district_a, commune_a, district_b, commune_b):
    """Named so that a name in a page or file tells whose data leaked."""
    return {
        "at_district": UserFactory(full_name="Trong Huyen A", unit=district_a),
        "at_commune": UserFactory(
            full_name="Trong Xa A", unit=commune_a, roles=[Role.LEARNER]
        ),
        "other_district": UserFactory(full_name="Ngoai Huyen B", unit=district_b),
        "other_commune": UserFactory(
            full_name="Ngoai Xa B", unit=commune_b, roles=[Role.LEARNER]
        ),
        "no_unit": UserFactory(full_name="Khong Don Vi", unit=None),
        "admin_here": UserFactory(
            full_name="Quan Tri Trong A", unit=commune_a, roles=[Role.ADMINISTRATOR]
        ),
        "superuser_here": UserFactory(
            full_name="Sieu Quan Tri A", unit=commune_a, is_superuser=True
        ),
    }


IN_SCOPE = ["at_district", "at_commune"]
OUT_OF_SCOPE = [
    "other_district",
    "other_commune",
    "no_unit",
    "admin_here",
    "superuser_here",
]


@pytest.fixture
def manager_client(client, unit_manager):
    client.force_login(unit_manager)
    return client


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


# --- The one helper ---------------------------------------------------------------


def test_unit_manager_sees_their_district_and_its_communes_only(
    unit_manager, province, district_a, commune_a, district_b, commune_b
):
    assert set(units_visible_to(user=unit_manager)) == {district_a, commune_a}


def test_unit_manager_sees_the_people_of_their_units_only(unit_manager, people):
    visible = list(users_visible_to(user=unit_manager))

    assert set(visible) == {unit_manager, *(people[key] for key in IN_SCOPE)}
    assert len(visible) == len(set(visible))


def test_people_with_several_roles_are_listed_once(unit_manager, commune_a):
    busy = UserFactory(unit=commune_a, roles=[Role.LEARNER, Role.TEACHER])

    assert list(users_visible_to(user=unit_manager)).count(busy) == 1


def test_a_manager_of_two_units_sees_both(unit_manager, people, commune_b):
    unit_manager.managed_units.add(commune_b)

    visible = set(users_visible_to(user=unit_manager))

    assert people["other_commune"] in visible
    assert people["other_district"] not in visible


def test_a_deeper_unit_is_in_scope_at_any_depth(unit_manager, commune_a):
    village = make_unit(commune_a, name="Thôn 3", code="V3")
    villager = UserFactory(unit=village)

    assert villager in set(users_visible_to(user=unit_manager))
    assert village in set(units_visible_to(user=unit_manager))


def test_administrator_sees_every_unit_and_person(administrator, people):
    assert set(users_visible_to(user=administrator)) == set(User.objects.all())
    assert units_visible_to(user=administrator).count() == 5


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda d: UserFactory(unit=d, roles=[Role.LEARNER]), id="learner"),
        pytest.param(
            lambda d: UserFactory(unit=d, roles=[Role.TRAINER], managed_units=[d]),
            id="trainer-with-units-but-no-role",
        ),
        pytest.param(
            lambda d: UserFactory(unit=d, roles=[Role.UNIT_MANAGER]),
            id="manager-without-units",
        ),
        pytest.param(
            lambda d: UserFactory(
                unit=d, roles=[Role.UNIT_MANAGER], managed_units=[d], is_active=False
            ),
            id="deactivated-manager",
        ),
    ],
)
def test_others_see_no_one(make_user, district_a, people):
    user = make_user(district_a)

    assert not users_visible_to(user=user).exists()
    assert not units_visible_to(user=user).exists()


def test_anonymous_sees_no_one(people):
    assert not users_visible_to(user=AnonymousUser()).exists()
    assert not units_visible_to(user=AnonymousUser()).exists()


# --- The users admin, as a unit manager ---------------------------------------------


def test_list_page_shows_only_people_in_scope(manager_client, people):
    response = manager_client.get(INDEX)

    body = body_of(response)
    assert response.status_code == 200
    for key in IN_SCOPE:
        assert people[key].full_name in body
    for key in OUT_OF_SCOPE:
        assert people[key].full_name not in body


def test_search_does_not_reach_out_of_scope_people(manager_client, people):
    target = people["other_commune"]

    response = manager_client.get(INDEX, {"q": target.username})

    assert response.status_code == 200
    assert target.full_name not in body_of(response)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_holds_only_people_in_scope(manager_client, people, export_format):
    response = manager_client.get(INDEX, {"export": export_format})

    assert response.status_code == 200
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(body_of(response))))
    else:
        content = b"".join(response.streaming_content)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [
            [str(cell or "") for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    names = {row[1] for row in rows[1:]}
    assert {people[key].full_name for key in IN_SCOPE} <= names
    assert not names & {people[key].full_name for key in OUT_OF_SCOPE}


@pytest.mark.parametrize("key", OUT_OF_SCOPE)
@pytest.mark.parametrize(
    "view", ["edit", "delete", "history", "history_results", "usage"]
)
def test_out_of_scope_pages_are_not_found(manager_client, people, view, key):
    target = people[key]

    response = manager_client.get(
        reverse(f"wagtailusers_users:{view}", args=[target.pk])
    )

    assert response.status_code == 404
    assert target.full_name not in body_of(response)


@pytest.mark.parametrize("view", ["edit", "history", "history_results"])
def test_in_scope_pages_open(manager_client, people, view):
    target = people["at_commune"]

    response = manager_client.get(
        reverse(f"wagtailusers_users:{view}", args=[target.pk])
    )

    assert response.status_code == 200


def test_posting_an_edit_of_an_out_of_scope_person_changes_nothing(
    manager_client, people, district_a
):
    target = people["other_commune"]

    response = manager_client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        {
            "username": target.username,
            "full_name": "Bi Sua Trai Phep",
            "email": target.email,
            "unit": district_a.pk,
            "is_active": "",
        },
    )

    assert response.status_code == 404
    target.refresh_from_db()
    assert target.full_name == "Ngoai Xa B"
    assert target.is_active is True
    assert target.unit_id != district_a.pk


def test_posting_a_delete_of_an_out_of_scope_person_deletes_nothing(
    manager_client, people
):
    target = people["other_commune"]

    response = manager_client.post(
        reverse("wagtailusers_users:delete", args=[target.pk])
    )

    assert response.status_code == 404
    assert User.objects.filter(pk=target.pk).exists()


def test_unit_manager_cannot_delete_even_in_scope(manager_client, people):
    target = people["at_commune"]

    response = manager_client.post(
        reverse("wagtailusers_users:delete", args=[target.pk])
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert User.objects.filter(pk=target.pk).exists()


def test_copy_view_of_accounts_does_not_exist(manager_client, people):
    target = people["other_commune"]

    response = manager_client.get(f"/admin/users/copy/{target.pk}/")

    assert response.status_code == 404
    assert target.full_name not in body_of(response)


# --- Bulk actions -------------------------------------------------------------------


def bulk_url(action, *ids):
    query = "&".join(f"id={pk}" for pk in ids)
    return reverse("wagtail_bulk_action", args=["people", "user", action]) + f"?{query}"


BULK_POSTS = {
    "set_active_state": {"mark_as_active": "False"},
    "delete": {},
}


@pytest.mark.parametrize(
    ("action", "status"),
    [("set_active_state", 404), ("delete", 404), ("assign_role", 302)],
)
def test_bulk_confirmation_page_hides_out_of_scope_people(
    manager_client, people, action, status
):
    target = people["other_commune"]

    response = manager_client.get(bulk_url(action, target.pk))

    assert response.status_code == status
    assert target.full_name not in body_of(response)


@pytest.mark.parametrize("action", ["set_active_state", "delete"])
def test_bulk_action_on_out_of_scope_people_changes_nothing(
    manager_client, people, action
):
    inside, outside = people["at_commune"], people["other_commune"]

    response = manager_client.post(
        bulk_url(action, inside.pk, outside.pk), BULK_POSTS[action]
    )

    assert response.status_code == 404
    for person in (inside, outside):
        person.refresh_from_db()
        assert person.is_active is True


def test_bulk_role_assignment_is_denied_to_unit_managers(manager_client, people):
    administrators = Group.objects.get(name=Role.ADMINISTRATOR)
    inside = people["at_commune"]

    response = manager_client.post(
        bulk_url("assign_role", inside.pk), {"role": administrators.pk}
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not inside.groups.filter(pk=administrators.pk).exists()


def test_bulk_action_on_all_reaches_only_people_in_scope(
    manager_client, people, unit_manager
):
    response = manager_client.post(
        reverse("wagtail_bulk_action", args=["people", "user", "set_active_state"])
        + "?id=all",
        {"mark_as_active": "False"},
    )

    assert response.status_code == 302
    states = dict(User.objects.values_list("pk", "is_active"))
    for key in IN_SCOPE:
        assert states[people[key].pk] is False
    for key in OUT_OF_SCOPE:
        assert states[people[key].pk] is True
    assert states[unit_manager.pk] is True  # never oneself


def test_bulk_action_in_scope_works(manager_client, people):
    inside = people["at_commune"]

    response = manager_client.post(
        bulk_url("set_active_state", inside.pk), {"mark_as_active": "False"}
    )

    assert response.status_code == 302
    inside.refresh_from_db()
    assert inside.is_active is False


# --- Administrators see everything ------------------------------------------------


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_administrator_lists_and_exports_everyone(admin_client, people):
    listing = body_of(admin_client.get(INDEX))
    export = body_of(admin_client.get(INDEX, {"export": "csv"}))

    for person in people.values():
        assert person.full_name in listing
        assert person.full_name in export


def test_administrator_opens_anyones_pages(admin_client, people):
    for person in people.values():
        for view in ("edit", "history", "delete"):
            response = admin_client.get(
                reverse(f"wagtailusers_users:{view}", args=[person.pk])
            )
            assert response.status_code == 200, (view, person)


def test_administrator_bulk_action_reaches_any_unit(admin_client, people):
    outside = people["other_commune"]

    response = admin_client.post(
        bulk_url("set_active_state", outside.pk), {"mark_as_active": "False"}
    )

    assert response.status_code == 302
    outside.refresh_from_db()
    assert outside.is_active is False
