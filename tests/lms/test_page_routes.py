"""Page routes remembered under the content version (lms.page_routes): a second
visit costs one query for the page, and any change to pages or restrictions is
seen at the next request, on a route remembered before it."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from lms.page_routes import forget_routes
from tests.content_pages.public_builders import make_standard_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every visit is served, none copied
    forget_routes()
    yield
    forget_routes()


@pytest.fixture
def about(home_page):
    page = make_standard_page(home_page)
    page.save_revision().publish()
    return page


def tables_read(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in context.captured_queries]


def test_a_remembered_route_costs_one_query_for_the_page(client, about):
    first = tables_read(client, about.url)
    second = tables_read(client, about.url)

    assert any("wagtailcore_site" in sql for sql in first)
    assert not any("wagtailcore_site" in sql for sql in second)
    assert not any("wagtailcore_pageviewrestriction" in sql for sql in second)
    assert len(second) == 1
    assert "content_pages_standardpage" in second[0]


def test_a_renamed_page_moves_at_once(client, about):
    client.get(about.url)
    old_url = about.url

    about.slug = "ve-chung-toi"
    about.save_revision().publish()

    assert client.get(old_url).status_code == 404
    assert client.get("/ve-chung-toi/").status_code == 200


def test_an_unpublished_page_is_gone_at_once(client, about):
    client.get(about.url)

    about.unpublish()

    assert client.get(about.url).status_code == 404


def test_a_restriction_added_after_the_route_was_remembered_holds(client, about):
    client.get(about.url)

    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(about.url)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_restrictions_are_checked_for_each_visitor(client, about, learner, commune_a):
    from django.contrib.auth.models import Group

    editors = Group.objects.create(name="Biên tập thử")
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(editors)
    member = UserFactory(username="thanhvien", unit=commune_a)
    member.groups.add(editors)

    client.force_login(member)
    assert client.get(about.url).status_code == 200  # the route is remembered
    client.force_login(learner)
    response = client.get(about.url)

    assert response.status_code in (302, 403)
    assert "Giới thiệu" not in response.content.decode()


def test_a_view_that_is_not_a_page_finds_the_site_without_a_query(
    learner_client, home_page
):
    """My learning builds page URLs; the site comes from memory after one visit."""
    from django.urls import reverse

    url = reverse("courses:dashboard")
    learner_client.get(url)

    with CaptureQueriesContext(connection) as context:
        assert learner_client.get(url).status_code == 200

    assert not any("wagtailcore_site" in q["sql"] for q in context.captured_queries)


def test_a_changed_site_is_not_taken_from_memory(learner_client, home_page):
    from django.urls import reverse
    from wagtail.models import Site

    url = reverse("courses:dashboard")
    learner_client.get(url)
    Site.objects.filter(is_default_site=True).first().save()  # a new content version

    with CaptureQueriesContext(connection) as context:
        assert learner_client.get(url).status_code == 200

    assert any("wagtailcore_site" in q["sql"] for q in context.captured_queries)


def test_the_sites_root_paths_are_read_once_per_content_version(client, about):
    client.get(about.url)
    reads = []
    real = Site.get_site_root_paths

    def counted():
        reads.append(1)
        return real()

    with mock.patch.object(Site, "get_site_root_paths", side_effect=counted):
        client.get(about.url)
        assert reads == []  # kept from the first visit
        site = Site.objects.get(is_default_site=True)
        site.site_name = "Cổng tập huấn"
        site.save()
        assert client.get(about.url).status_code == 200
        client.get(about.url)

    assert reads == [1]  # read again once, under the new version
