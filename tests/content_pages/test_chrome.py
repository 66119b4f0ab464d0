"""The header and footer kept per kind of visitor (content_pages.chrome): each
visitor gets their own CSRF token and return path, nothing of another's."""

import re

import pytest
from django.urls import reverse

from content_pages.chrome import forget_fragments
from tests.content_pages.public_builders import make_standard_page

pytestmark = pytest.mark.django_db

LOGOUT_TOKEN = re.compile(
    r'action="/accounts/logout/"[^>]*>\s*<input type="hidden" '
    r'name="csrfmiddlewaretoken" value="([^"]+)"'
)


@pytest.fixture(autouse=True)
def empty_memory(settings):
    settings.PAGE_CACHE_SECONDS = 0
    forget_fragments()
    yield
    forget_fragments()


def logout_token(response) -> str:
    found = LOGOUT_TOKEN.search(response.content.decode())
    assert found, "the header has no logout form"
    return found.group(1)


def test_each_signed_in_visitor_gets_their_own_working_token(
    client, home_page, learner, other_learner
):
    client.force_login(learner)
    first = logout_token(client.get("/"))
    client.logout()
    other = type(client)(enforce_csrf_checks=True)
    other.force_login(other_learner)
    second_page = other.get("/")
    second = logout_token(second_page)

    assert first != second
    response = other.post(reverse("people:logout"), {"csrfmiddlewaretoken": second})
    assert response.status_code == 302
    assert "_auth_user_id" not in other.session


def test_the_language_switch_returns_to_each_visitors_own_page(client, home_page):
    about = make_standard_page(home_page)

    home = client.get("/").content.decode()
    page = client.get(about.url, {"a": '"><b>'}).content.decode()

    assert 'name="next" type="hidden" value="/"' in home
    assert f'name="next" type="hidden" value="{about.url}?a=%22%3E%3Cb%3E"' in page


def test_an_anonymous_header_has_no_logout_form_after_a_signed_in_one(
    client, home_page, learner
):
    client.force_login(learner)
    client.get("/")
    client.logout()

    body = client.get("/").content.decode()

    assert "csrfmiddlewaretoken" not in body
    assert 'href="/accounts/login/"' in body


def test_the_administration_link_only_for_those_who_may(
    client, home_page, learner, administrator
):
    client.force_login(administrator)
    assert reverse("wagtailadmin_home") in client.get("/").content.decode()
    client.force_login(learner)

    assert reverse("wagtailadmin_home") not in client.get("/").content.decode()


def test_the_language_switch_shows_the_language_of_the_page(client, home_page):
    from django.conf import settings

    vietnamese = client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/").content.decode()

    assert '<option value="vi" selected>' in vietnamese
    assert '<option value="en" selected>' in english
    assert '<option value="vi" selected>' not in english
