"""The public figures (no login): province-wide headline of this year and last
year, small groups withheld, cached; the same on the home page through the
stats template tag."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from people.models import AdminUnit
from people.roles import Role
from stats.selectors.public import CACHE_KEY, public_figures, public_scope
from tests.factories import UserFactory
from tests.factories.certificates import make_certificate, make_rule
from tests.factories.people import make_unit
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)
from training.models import TrainingClass

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
WITHHELD = '<span aria-hidden="true">–</span>'


@pytest.fixture
def province_year(db):
    """This year: one class held, 3 women and 7 men there; 6 women and 6 men
    hold a certificate. Last year: one class, 2 women there.

    Turns: 10 in total, women 3 (withheld: under 5) and so men 7 withheld too
    (the total would give the women away); certificates 12 / 6 / 6 shown.
    """
    province = make_unit(
        name="Tỉnh Quảng Ngãi", code="P51X", unit_type=AdminUnit.UnitType.PROVINCE
    )
    commune = make_unit(province, name="Xã Tịnh Khê", code="P51X01")
    finished = TrainingClass.Status.FINISHED
    this_class = make_training_class(
        commune,
        code="K-NAY",
        starts_on=dt.date(THIS_YEAR, 3, 10),
        status=finished,
    )
    session = make_session(this_class)
    women = [
        UserFactory(username=f"nu{i}", full_name=f"Nguyễn Thị Bí Mật {i}", sex="nu")
        for i in range(3)
    ]
    men = [
        UserFactory(username=f"nam{i}", full_name=f"Trần Văn Kín {i}", sex="nam")
        for i in range(7)
    ]
    for person in [*women, *men]:
        make_mark(session, make_participant(this_class, person), "present")
    rule = make_rule(training_class=this_class)
    holders = [
        UserFactory(username=f"gcn{i}", full_name=f"Lê Thị Riêng {i}", sex=sex)
        for i, sex in enumerate(["nu"] * 6 + ["nam"] * 6)
    ]
    for holder in holders:
        make_certificate(
            holder,
            rule,
            year=THIS_YEAR,
            issued_on=dt.date(THIS_YEAR, 4, 1),
        )
    last_class = make_training_class(
        commune,
        code="K-TRUOC",
        starts_on=dt.date(THIS_YEAR - 1, 5, 5),
        status=finished,
    )
    session = make_session(last_class)
    for person in women[:2]:
        make_mark(session, make_participant(last_class, person), "present")
    return [*women, *men, *holders]


def test_public_scope_covers_every_unit_without_a_person():
    scope = public_scope(year=2025)
    assert scope.unit_ids is None
    assert (scope.filter.start, scope.filter.end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )


def test_small_cells_are_withheld_and_larger_ones_shown(province_year):
    figures = public_figures(year=THIS_YEAR)
    assert figures["classes"] == 1
    assert figures["turns"] == {"total": 10, "women": None, "men": None}
    assert figures["people"] == {"total": 10, "women": None, "men": None}
    assert figures["certificates"] == {"total": 12, "women": 6, "men": 6}
    assert figures["completions"] == {"total": 0, "women": 0, "men": 0}
    last = public_figures(year=THIS_YEAR - 1)
    # Two people in all: the total is small, so every cell is withheld.
    assert last["turns"] == {"total": None, "women": None, "men": None}
    assert last["classes"] == 1


def test_figures_are_cached_per_year(province_year, django_assert_num_queries):
    public_figures(year=THIS_YEAR)
    assert cache.get(CACHE_KEY.format(year=THIS_YEAR)) is not None
    with django_assert_num_queries(0):
        assert public_figures(year=THIS_YEAR)["certificates"]["total"] == 12
    assert cache.get(CACHE_KEY.format(year=THIS_YEAR - 2)) is None


def test_public_page_needs_no_login_and_withholds_small_groups(
    client, province_year, home_page
):
    response = client.get(reverse("stats_public:figures"))
    assert response.status_code == 200
    content = response.content.decode()
    assert f"Năm {THIS_YEAR}" in content and f"Năm {THIS_YEAR - 1}" in content
    assert "(dưới 5 người, không công bố)" in content
    assert WITHHELD in content
    assert "<td>12</td><td>6</td><td>6</td>" in content  # certificates
    assert "<td>10</td>" in content  # participant-turns in total
    assert ">3<" not in content and ">7<" not in content
    for person in province_year:
        assert person.full_name not in content
        assert person.username not in content


def test_public_page_in_english(client, province_year, home_page, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = client.get(reverse("stats_public:figures")).content.decode()
    assert 'lang="en"' in content
    assert "Training in figures" in content
    assert "(fewer than 5 people, not published)" in content
    assert "<td>12</td><td>6</td><td>6</td>" in content


def test_public_page_costs_few_queries_then_none_for_the_figures(
    client, province_year, home_page, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count the page, not the page cache
    url = reverse("stats_public:figures")
    # Four queries a year for the figures, and the site's own.
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    # Then the figures come from the cache, whoever asks.
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    assert len(warm.captured_queries) <= 2
    assert not any("training_" in q["sql"] for q in warm.captured_queries)


def test_tag_renders_the_same_headline_for_the_home_page(province_year):
    html = Template("{% load stats_tags %}{% public_figures %}").render(Context({}))
    assert f"Năm {THIS_YEAR}" in html
    assert WITHHELD in html
    assert "(dưới 5 người, không công bố)" in html
    assert "<td>12</td><td>6</td><td>6</td>" in html
    assert reverse("stats_public:figures") in html
    for person in province_year:
        assert person.full_name not in html


def test_home_page_shows_the_public_figures(client, province_year, home_page):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="public-figures-title"' in content
    assert "<td>12</td><td>6</td><td>6</td>" in content


def test_a_signed_in_manager_sees_the_same_public_figures(client, province_year):
    unit = AdminUnit.objects.get(code="P51X01")
    manager = UserFactory(
        username="quanly", unit=unit, roles=[Role.UNIT_MANAGER], managed_units=[unit]
    )
    client.force_login(manager)
    content = client.get(reverse("stats_public:figures")).content.decode()
    assert WITHHELD in content
    assert "Nguyễn Thị Bí Mật" not in content


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [(1234567, "vi", "1.234.567"), (1234, "en", "1,234"), (12, "vi", "12")],
)
def test_numbers_use_the_languages_thousands_separator(value, language, expected):
    with translation.override(language):
        html = Template("{% load stats_tags %}{{ n|grouped_number }}").render(
            Context({"n": value})
        )
    assert html == expected
