"""Bookmarks: a POST toggle for signed-in users, and "My resources"."""

import pytest
from django.test import Client

from content_pages.models import ResourceBookmark
from tests.content_pages.library_builders import make_resource

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_and_uncached")]

MY_RESOURCES = "/tai-lieu/cua-toi/"


@pytest.fixture
def resource(library):
    return make_resource(library, title="Giáo án tảo hôn", slug="tao-hon")


def toggle_url(resource) -> str:
    return f"/tai-lieu/danh-dau/{resource.pk}/"


def test_a_teacher_saves_and_removes_a_resource(client, teacher, resource):
    client.force_login(teacher)
    response = client.post(toggle_url(resource))
    assert response.status_code == 302
    assert response["Location"] == resource.url
    assert ResourceBookmark.objects.filter(user=teacher, resource=resource).exists()
    html = client.get(resource.url).content.decode()
    assert 'aria-pressed="true"' in html
    assert "Saved in “My resources”." in html

    client.post(toggle_url(resource))
    assert not ResourceBookmark.objects.exists()


def test_the_toggle_returns_to_a_local_next_only(client, teacher, resource):
    client.force_login(teacher)
    response = client.post(toggle_url(resource), {"next": "/thu-vien/"})
    assert response["Location"] == "/thu-vien/"
    response = client.post(toggle_url(resource), {"next": "https://evil.example/"})
    assert response["Location"] == resource.url


def test_the_toggle_needs_a_csrf_token(teacher, resource):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)
    assert client.post(toggle_url(resource)).status_code == 403
    assert not ResourceBookmark.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, resource):
    response = client.post(toggle_url(resource))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ResourceBookmark.objects.exists()
    assert client.get(MY_RESOURCES)["Location"].startswith("/accounts/login/")


def test_the_toggle_refuses_get_and_unpublished_resources(client, teacher, resource):
    client.force_login(teacher)
    assert client.get(toggle_url(resource)).status_code == 405
    resource.unpublish()
    assert client.post(toggle_url(resource)).status_code == 404
    assert client.post("/tai-lieu/danh-dau/999999/").status_code == 404
    assert not ResourceBookmark.objects.exists()


def test_anonymous_sees_no_bookmark_button(client, resource):
    assert "/tai-lieu/danh-dau/" not in client.get(resource.url).content.decode()


def test_my_resources_lists_only_my_bookmarks(client, teacher, learner, library):
    mine = make_resource(library, title="Của tôi")
    theirs = make_resource(library, title="Của người khác")
    ResourceBookmark.objects.create(user=teacher, resource=mine)
    ResourceBookmark.objects.create(user=learner, resource=theirs)
    client.force_login(teacher)
    html = client.get(MY_RESOURCES).content.decode()
    assert f">{mine.title}</a>" in html
    assert theirs.title not in html


def test_my_resources_says_when_there_is_nothing(client, teacher, library):
    client.force_login(teacher)
    html = client.get(MY_RESOURCES).content.decode()
    assert "You have not saved any resource yet." in html
    assert 'href="/thu-vien/"' in html


def test_my_resources_hides_unpublished_resources(client, teacher, resource):
    ResourceBookmark.objects.create(user=teacher, resource=resource)
    resource.unpublish()
    client.force_login(teacher)
    assert resource.title not in client.get(MY_RESOURCES).content.decode()


def test_my_resources_queries_do_not_grow(client, teacher, library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(teacher)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MY_RESOURCES).status_code == 200
        return len(queries)

    def bookmark(number):
        for _ in range(number):
            resource = make_resource(library, levels=["thpt"], formats=["giao-an"])
            ResourceBookmark.objects.create(user=teacher, resource=resource)

    bookmark(1)
    count()
    few = count()
    bookmark(10)
    count()  # new pages started a new content version: the memories refill once
    assert count() == few
