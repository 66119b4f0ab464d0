"""Lookups whose SQL is built once (lms.prepared): the same rows and instances
as the ORM's own queries, and a query they cannot prepare fails loudly."""

import datetime as dt

import pytest
from django.db.models import Count, F

from lms.prepared import (
    PreparedRows,
    PrimaryKeyLookup,
    _is_a_moment,
    instance_from_row,
)
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
    today_taken = PreparedRows(
        User,
        lambda unit: User.objects.filter(
            unit_id=unit, date_joined__date__lte=dt.date.today()
        ).values_list("pk"),
        "unit",
    )

    for prepared in (unused, transformed, today_taken):
        with pytest.raises(RuntimeError):
            prepared.rows(unit=commune_a.pk)
    with pytest.raises(RuntimeError, match="date or time"):
        today_taken.rows(unit=commune_a.pk)
    with pytest.raises(TypeError):
        PreparedRows(User, lambda unit: User.objects.values_list("pk"), "unit").rows()


def test_prepared_rows_take_dates_and_annotations_in_the_order_asked(
    commune_a,
):
    """Annotations come back where values_list() named them, and a date
    parameter is given anew for each run."""
    early = UserFactory(username="som", unit=commune_a)
    late = UserFactory(username="muon", unit=commune_a)
    User.objects.filter(pk=early.pk).update(
        date_joined=dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    )
    User.objects.filter(pk=late.pk).update(
        date_joined=dt.datetime(2026, 6, 5, tzinfo=dt.UTC)
    )
    rows = PreparedRows(
        User,
        lambda unit, since: (
            User.objects.filter(unit_id=unit, date_joined__date__gte=since)
            .annotate(groups_held=Count("groups"), unit_again=F("unit_id"))
            .order_by("username")
            .values_list("groups_held", "username", "unit_again")
        ),
        "unit",
        dates=("since",),
    )

    assert rows.rows(unit=commune_a.pk, since=dt.date(2026, 1, 1)) == [
        (0, "muon", commune_a.pk),
        (0, "som", commune_a.pk),
    ]
    assert rows.rows(unit=commune_a.pk, since=dt.date(2026, 3, 1)) == [
        (0, "muon", commune_a.pk)
    ]


def test_prepared_rows_take_text_parameters(commune_a):
    UserFactory(username="hoa", full_name="Nguyễn Thị Hoà", unit=commune_a)
    rows = PreparedRows(
        User,
        lambda unit, username: User.objects.filter(
            unit_id=unit, username=username
        ).values_list("full_name"),
        "unit",
        texts=("username",),
    )

    assert rows.rows(unit=commune_a.pk, username="hoa") == [("Nguyễn Thị Hoà",)]
    assert rows.rows(unit=commune_a.pk, username="lan") == []


def test_an_instance_from_a_row_takes_its_fields_in_any_order(commune_a):
    person = UserFactory(username="mai", full_name="Huỳnh Thị Mai", unit=commune_a)

    built = instance_from_row(
        User,
        "default",
        ["full_name", "id", "unit_id"],
        ["Huỳnh Thị Mai", person.pk, commune_a.pk],
    )

    assert (built.pk, built.full_name, built.unit_id) == (
        person.pk,
        "Huỳnh Thị Mai",
        commune_a.pk,
    )
    assert "username" in built.get_deferred_fields()
    with pytest.raises(ValueError, match="not fields of User"):
        instance_from_row(User, "default", ["id", "nickname"], [person.pk, "Mai"])


@pytest.mark.parametrize(
    ("value", "is_moment"),
    [
        (dt.date(2026, 12, 7), True),
        (dt.datetime(2026, 12, 7, 8, 30, tzinfo=dt.UTC), True),
        (dt.time(8, 30), True),
        ("2026-12-07", True),  # SQLite's text for a date
        ("08:30:00", True),
        ("active", False),
        (7, False),
        (None, False),
    ],
)
def test_what_counts_as_a_moment_the_query_took_for_itself(value, is_moment):
    assert _is_a_moment(value) is is_moment
