"""A smoke test for each factory, so that a broken one fails here first."""

import pytest

from people.models import AdminUnit, Organisation, TargetGroup, User
from people.roles import Role
from tests.factories import (
    AdminUnitFactory,
    OrganisationFactory,
    TargetGroupFactory,
    UserFactory,
    make_unit,
)
from tests.factories.people import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_make_unit_builds_a_tree():
    root = make_unit()
    child = make_unit(root, name="Xã Một")

    assert root.is_root()
    assert root.unit_type == AdminUnit.UnitType.PROVINCE
    assert child.get_parent() == root
    assert child.unit_type == AdminUnit.UnitType.COMMUNE
    assert root.code != child.code
    assert AdminUnit.find_problems() == ([], [], [], [], [])


def test_admin_unit_factory_creates_under_a_parent_or_at_the_root():
    root = AdminUnitFactory(unit_type=AdminUnit.UnitType.PROVINCE)
    first, second = AdminUnitFactory(parent=root), AdminUnitFactory(parent=root)

    assert root.is_root()
    assert first.get_parent() == root
    assert first.code != second.code
    assert AdminUnit.objects.count() == 3


def test_admin_unit_factory_build_saves_nothing():
    unit = AdminUnitFactory.build()

    assert unit.pk is None
    assert not AdminUnit.objects.exists()


def test_organisation_factory_places_it_in_a_unit():
    first, second = OrganisationFactory(), OrganisationFactory()

    assert first.unit.pk is not None
    assert first.code != second.code
    assert Organisation.objects.count() == 2


def test_target_group_factory_reuses_a_code():
    group = TargetGroupFactory(code="giao-vien")

    assert TargetGroupFactory(code="giao-vien") == group
    assert TargetGroup.objects.filter(code="giao-vien").count() == 1
    assert TargetGroupFactory().code != TargetGroupFactory().code


def test_user_factory_sets_password_roles_and_managed_units():
    unit = make_unit()

    user = UserFactory(roles=[Role.UNIT_MANAGER, Role.LEARNER], managed_units=[unit])

    user = User.objects.get(pk=user.pk)
    assert user.check_password(TEST_PASSWORD)
    assert set(user.groups.values_list("name", flat=True)) == {
        Role.UNIT_MANAGER,
        Role.LEARNER,
    }
    assert list(user.managed_units.all()) == [unit]
    assert user.email == f"{user.username}@example.test"


def test_user_factory_makes_distinct_people():
    first, second = UserFactory(), UserFactory()

    assert first.username != second.username
    assert first.email != second.email
    assert not first.groups.exists()
