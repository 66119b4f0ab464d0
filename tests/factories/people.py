import factory

from people.models import AdminUnit, Organisation, TargetGroup, User
from people.roles import Role
from people.services import user_set_roles

TEST_PASSWORD = "Correct-Horse-42"


def make_unit(parent=None, **kwargs) -> AdminUnit:
    """Units live in a tree (treebeard): they are added under a parent, not saved."""
    kwargs.setdefault("name", f"Unit {AdminUnit.objects.count() + 1}")
    kwargs.setdefault(
        "unit_type",
        AdminUnit.UnitType.COMMUNE if parent else AdminUnit.UnitType.PROVINCE,
    )
    kwargs.setdefault("code", f"T{AdminUnit.objects.count() + 1:05d}")
    unit = AdminUnit(**kwargs)
    if parent is None:
        return AdminUnit.add_root(instance=unit)
    return parent.add_child(instance=unit)


class AdminUnitFactory(factory.Factory):
    """Builds through make_unit so the tree path is right; pass parent=."""

    class Meta:
        model = AdminUnit

    name = factory.Sequence(lambda n: f"Xã {n}")
    code = factory.Sequence(lambda n: f"F{n:05d}")
    unit_type = AdminUnit.UnitType.COMMUNE

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return make_unit(parent, **kwargs)

    @classmethod
    def _build(cls, model_class, *args, parent=None, **kwargs):
        return model_class(**kwargs)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"UBND xã {n}")
    code = factory.Sequence(lambda n: f"ORG{n:04d}")
    kind = Organisation.Kind.PEOPLES_COMMITTEE
    unit = factory.LazyFunction(lambda: make_unit())


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Nhóm {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị {n}")
    sex = User.Sex.FEMALE
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            user_set_roles(user=self, roles=list(extracted))
        if create:
            self.save()

    @factory.post_generation
    def managed_units(self, create, extracted, **kwargs):
        if create and extracted:
            self.managed_units.set(extracted)


__all__ = ["Role", "TEST_PASSWORD"]
