"""Lookups whose SQL is built once (lms.prepared): the same rows and instances
as the ORM's own queries, and a query they cannot prepare fails loudly."""

import pytest
from django.db.models import Count

from lms.prepared import PreparedRows, PrimaryKeyLookup
from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_primary_key_lookup_gives_what_the_orm_gives(commune_a):
    person = UserFactory(full_name="Đinh Thị Hoà", unit=commune_a)
    lookup = PrimaryKeyLookup(User)

    found = lookup.get(person.pk)
    expected = User.objects.get(pk=person.pk)

    assert [getattr(found, f.attname) for f in User._meta.concrete_fields] == [
        getattr(expected, f.attname) for f in User._meta.concrete_fields
    ]
    assert lookup.get(person.pk + 10_000) is None


def test_prepared_rows_take_new_values_each_run(commune_a, commune_b):
    first = UserFactory(username="mot", unit=commune_a)
    second = UserFactory(username="hai", unit=commune_b)
    rows = PreparedRows(
        User,
        lambda unit: User.objects.filter(unit_id=unit).values_list(
            "username", "date_joined"
        ),
        "unit",
    )

    assert rows.rows(unit=commune_a.pk) == [("mot", first.date_joined)]
    assert rows.rows(unit=commune_b.pk) == [("hai", second.date_joined)]
    assert rows.rows(unit=-1) == []


def test_a_parameter_the_sql_does_not_carry_fails_at_preparation(commune_a):
    unused = PreparedRows(User, lambda unit: User.objects.values_list("pk"), "unit")
    transformed = PreparedRows(
        User,
        lambda unit: User.objects.filter(unit_id=unit + 1).values_list("pk"),
        "unit",
    )
    annotated = PreparedRows(
        User,
        lambda unit: (
            User.objects.filter(unit_id=unit)
            .annotate(n=Count("groups"))
            .values_list("pk", "n")
        ),
        "unit",
    )

    for prepared in (unused, transformed, annotated):
        with pytest.raises(RuntimeError):
            prepared.rows(unit=commune_a.pk)
    with pytest.raises(TypeError):
        PreparedRows(User, lambda unit: User.objects.values_list("pk"), "unit").rows()
