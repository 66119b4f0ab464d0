"""The demo data: idempotent, one account per role, the 2022 and 2025 units."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from people.models import AdminUnit, AdminUnitSuccession, Organisation, User
from people.roles import Role
from people.selectors import unit_successors_on, users_visible_to

pytestmark = pytest.mark.django_db


def counts():
    return {
        "units": AdminUnit.objects.count(),
        "successions": AdminUnitSuccession.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "role memberships": User.groups.through.objects.count(),
        "target group memberships": User.target_groups.through.objects.count(),
    }


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_seed_demo_runs_twice_without_duplicating(seeded, settings):
    first = counts()

    call_command("seed_demo", verbosity=0)

    assert counts() == first
    assert first["users"] > 0


def test_seed_demo_keeps_the_tree_valid_when_run_again(seeded):
    call_command("seed_demo", verbosity=0)

    assert AdminUnit.find_problems() == ([], [], [], [], [])


def test_seed_demo_creates_one_account_per_role(seeded):
    for role in Role:
        assert User.objects.filter(groups__name=role).exists(), role
    for username in ["admin", "reviewer", "trainer", "manager", "learner", "teacher"]:
        assert User.objects.get(username=username).has_usable_password()


def test_seed_demo_creates_about_fifty_learners(seeded):
    learners = User.objects.filter(username__startswith="hocvien")

    assert learners.count() == 50
    assert set(learners.values_list("sex", flat=True)) == {
        User.Sex.MALE,
        User.Sex.FEMALE,
    }
    assert not learners.filter(
        ethnicity__isnull=False, ethnicity_consent_at__isnull=True
    ).exists()
    assert learners.filter(ethnicity__isnull=True).exists()  # some gave no consent


def test_seed_demo_has_2022_districts_and_2025_communes_with_successions(seeded):
    binh_son = AdminUnit.objects.get(code="524")
    assert binh_son.unit_type == AdminUnit.UnitType.DISTRICT
    assert binh_son.valid_to == date(2025, 6, 30)
    assert binh_son.get_children().count() == 7
    assert AdminUnit.objects.filter(code="533").exists()  # Mộ Đức

    van_tuong = AdminUnit.objects.get(code="N-VANTUONG")
    assert van_tuong.valid_from == date(2025, 7, 1)
    assert van_tuong.predecessions.count() == 6

    today = date(2026, 1, 1)
    assert unit_successors_on(unit=AdminUnit.objects.get(code="52402"), on=today) == [
        van_tuong
    ]
    assert set(unit_successors_on(unit=binh_son, on=today)) == {
        AdminUnit.objects.get(code="N-BINHSON"),
        van_tuong,
    }


def test_seeded_manager_sees_only_their_district(seeded):
    manager = User.objects.get(username="manager")

    visible = users_visible_to(user=manager)

    assert visible.filter(username="learner").exists()
    assert not visible.filter(username="teacher").exists()
    assert not visible.filter(username="admin").exists()


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    before = User.objects.count()

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", verbosity=0)

    assert User.objects.count() == before
    assert not AdminUnit.objects.exists()


def test_seed_demo_runs_without_debug_when_forced(settings):
    settings.DEBUG = False

    call_command("seed_demo", "--force", verbosity=0)

    assert User.objects.filter(username="admin").exists()
