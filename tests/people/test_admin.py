"""The account forms of the admin: what a unit manager may and may not hand out,
and who may enter the admin at all."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from people.models import User
from people.roles import GRANTABLE_BY_UNIT_MANAGER, Role
from people.services import role_groups_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailusers_users:add")
NEW_PASSWORD = "Binh-Dang-Gioi-2026"


def group(role):
    return Group.objects.get(name=role)


def account_form(**changes):
    data = {
        "username": "hocvien.moi",
        "full_name": "Đinh Thị Mới",
        "email": "moi@example.test",
        "sex": User.Sex.FEMALE,
        "date_of_birth": "02/09/1995",
        "phone": "",
        "position": "",
        "employment_type": "",
        "unit": "",
        "organisation": "",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "groups": [group(Role.LEARNER).pk],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def edit_form(user, **changes):
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "sex": user.sex,
        "date_of_birth": "",
        "unit": user.unit_id or "",
        "organisation": "",
        "is_active": "on",
        "password1": "",
        "password2": "",
        "groups": [g.pk for g in user.groups.all()],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def edit_url(user):
    return reverse("wagtailusers_users:edit", args=[user.pk])


def roles_of(user):
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


@pytest.fixture
def manager_client(client, unit_manager):
    client.force_login(unit_manager)
    return client


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def trainer_here(commune_a):
    return UserFactory(
        full_name="Giang Vien Xa A", unit=commune_a, roles=[Role.TRAINER, Role.LEARNER]
    )


# --- Creating accounts ----------------------------------------------------------------


def test_unit_manager_creates_a_learner_in_their_unit(manager_client, commune_a):
    response = manager_client.post(ADD, account_form(unit=commune_a.pk))

    assert response.status_code == 302
    created = User.objects.get(username="hocvien.moi")
    assert created.unit == commune_a
    assert created.full_name == "Đinh Thị Mới"
    assert roles_of(created) == {Role.LEARNER}
    assert created.check_password(NEW_PASSWORD)
    assert not created.is_superuser


def test_unit_manager_cannot_create_outside_their_units(manager_client, commune_b):
    response = manager_client.post(ADD, account_form(unit=commune_b.pk))

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not User.objects.filter(username="hocvien.moi").exists()


def test_a_unit_is_required_from_a_unit_manager(manager_client):
    response = manager_client.post(ADD, account_form(unit=""))

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not User.objects.filter(username="hocvien.moi").exists()


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.UNIT_MANAGER, Role.TRAINER])
def test_unit_manager_cannot_create_an_account_with_a_higher_role(
    manager_client, commune_a, role
):
    response = manager_client.post(
        ADD, account_form(unit=commune_a.pk, groups=[group(role).pk])
    )

    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert not User.objects.filter(username="hocvien.moi").exists()


def test_unit_manager_cannot_create_a_superuser(manager_client, commune_a):
    manager_client.post(ADD, account_form(unit=commune_a.pk, is_superuser="on"))

    created = User.objects.get(username="hocvien.moi")
    assert created.is_superuser is False


def test_unit_manager_is_offered_only_the_roles_and_units_they_may_give(
    manager_client, district_a, commune_a
):
    response = manager_client.get(ADD)

    form = response.context["form"]
    assert {g.name for g in form.fields["groups"].queryset} == set(
        GRANTABLE_BY_UNIT_MANAGER
    )
    assert set(form.fields["unit"].queryset) == {district_a, commune_a}
    assert "is_superuser" not in form.fields
    assert "managed_units" not in form.fields


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password2": "something-else-42"}, "password2"),
        ({"username": "manager"}, "username"),
        ({"email": "not-an-address"}, "email"),
        ({"date_of_birth": "31/02/1995"}, "date_of_birth"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_bad_input_on_the_creation_form_creates_nothing(
    manager_client, commune_a, unit_manager, changes, field
):
    count = User.objects.count()

    response = manager_client.post(ADD, account_form(unit=commune_a.pk, **changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert User.objects.count() == count


# --- Editing accounts ----------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.UNIT_MANAGER, Role.TRAINER])
def test_unit_manager_cannot_grant_a_higher_role_by_editing(
    manager_client, commune_a, learner, role
):
    response = manager_client.post(
        edit_url(learner), edit_form(learner, groups=[group(role).pk])
    )

    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert roles_of(learner) == {Role.LEARNER}


def test_unit_manager_cannot_make_anyone_superuser(manager_client, learner):
    response = manager_client.post(
        edit_url(learner), edit_form(learner, is_superuser="on")
    )

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.is_superuser is False


def test_editing_keeps_roles_the_manager_cannot_grant(manager_client, trainer_here):
    response = manager_client.post(
        edit_url(trainer_here),
        edit_form(trainer_here, groups=[group(Role.TEACHER).pk], position="Giáo viên"),
    )

    assert response.status_code == 302
    assert roles_of(trainer_here) == {Role.TRAINER, Role.TEACHER}
    trainer_here.refresh_from_db()
    assert trainer_here.position == "Giáo viên"


def test_unit_manager_cannot_widen_their_own_scope(
    manager_client, unit_manager, province
):
    manager_client.post(
        edit_url(unit_manager),
        edit_form(unit_manager, managed_units=[province.pk]),
    )

    assert list(unit_manager.managed_units.all()) == [unit_manager.unit]


def test_unit_manager_cannot_move_someone_out_of_scope(
    manager_client, learner, commune_b
):
    response = manager_client.post(
        edit_url(learner), edit_form(learner, unit=commune_b.pk)
    )

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    learner.refresh_from_db()
    assert learner.unit != commune_b


def test_unit_manager_edits_a_person_in_scope(manager_client, learner):
    response = manager_client.post(
        edit_url(learner),
        edit_form(learner, full_name="Tên Đã Sửa", phone="0905 000 111"),
    )

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.full_name == "Tên Đã Sửa"
    assert learner.phone == "0905 000 111"


def test_unit_manager_cannot_open_an_administrator_in_their_unit(
    manager_client, commune_a
):
    boss = UserFactory(
        full_name="Quan Tri Xa A", unit=commune_a, roles=[Role.ADMINISTRATOR]
    )

    page = manager_client.get(edit_url(boss))
    posted = manager_client.post(edit_url(boss), edit_form(boss, is_active=""))

    assert page.status_code == 404
    assert posted.status_code == 404
    assert boss.full_name not in page.content.decode()
    boss.refresh_from_db()
    assert boss.is_active is True


# --- Administrators -----------------------------------------------------------------


def test_administrator_grants_any_role_and_superuser(admin_client, learner, district_a):
    response = admin_client.post(
        edit_url(learner),
        edit_form(
            learner,
            groups=[group(Role.UNIT_MANAGER).pk],
            managed_units=[district_a.pk],
            is_superuser="on",
        ),
    )

    assert response.status_code == 302
    learner.refresh_from_db()
    assert roles_of(learner) == {Role.UNIT_MANAGER}
    assert learner.is_superuser is True
    assert list(learner.managed_units.all()) == [district_a]


def test_administrator_creates_an_account_anywhere(admin_client, commune_b):
    response = admin_client.post(
        ADD, account_form(unit=commune_b.pk, groups=[group(Role.TRAINER).pk])
    )

    assert response.status_code == 302
    assert roles_of(User.objects.get(username="hocvien.moi")) == {Role.TRAINER}


# --- Who may enter the admin -------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/users/", "/admin/users/?export=csv", "/admin/people/units/"],
)
def test_learner_cannot_reach_the_admin(learner_client, learner, unit_manager, path):
    response = learner_client.get(path)

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert unit_manager.full_name not in response.content.decode()


def test_learner_cannot_open_an_account_in_the_admin(learner_client, unit_manager):
    response = learner_client.get(edit_url(unit_manager))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert unit_manager.full_name not in response.content.decode()


def test_anonymous_cannot_reach_the_users_admin(client, learner):
    response = client.get("/admin/users/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_trainer_enters_the_admin_but_not_the_users_admin(client, province, learner):
    trainer = UserFactory(unit=province, roles=[Role.TRAINER])
    client.force_login(trainer)

    dashboard = client.get("/admin/")
    users = client.get("/admin/users/")

    assert dashboard.status_code == 200
    assert users.status_code == 302
    assert users.url == reverse("wagtailadmin_home")
    assert learner.full_name not in users.content.decode()


# --- The role groups themselves ----------------------------------------------------


def test_migrate_leaves_every_role_group_with_its_permissions():
    def codenames(role):
        return {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group(role).permissions.select_related("content_type")
        }

    assert {g.name for g in Group.objects.all()} >= set(Role)
    assert codenames(Role.LEARNER) == set()
    assert "wagtailadmin.access_admin" in codenames(Role.TRAINER)
    assert {"people.change_user", "wagtailadmin.access_admin"} <= codenames(
        Role.UNIT_MANAGER
    )
    assert "people.delete_user" not in codenames(Role.UNIT_MANAGER)
    assert "people.add_adminunit" not in codenames(Role.UNIT_MANAGER)
    assert {"people.delete_user", "people.add_adminunit"} <= codenames(
        Role.ADMINISTRATOR
    )


def test_role_groups_ensure_can_run_again():
    before = {g.name: set(g.permissions.all()) for g in Group.objects.all()}

    role_groups_ensure()

    assert {g.name: set(g.permissions.all()) for g in Group.objects.all()} == before
