"""The project's own pages: error pages in both languages, the language switch,
and query budgets of the account pages."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path, reverse

from lms import urls as lms_urls

pytestmark = pytest.mark.django_db

MISSING = "/khong-co-trang-nay/"


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("boom")


# This module is also the URLconf of the handler tests (@pytest.mark.urls).
urlpatterns = [
    path("thu/cam/", forbidden),
    path("thu/loi/", broken),
    *lms_urls.urlpatterns,
]
handler403 = lms_urls.handler403
handler404 = lms_urls.handler404
handler500 = lms_urls.handler500


def choose_language(client, language, next_url="/"):
    return client.post(
        reverse("set_language"), {"language": language, "next": next_url}
    )


def test_404_page_is_in_vietnamese_by_default(client, home_page):
    response = client.get(MISSING)

    body = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="vi">' in body
    assert [t.name for t in response.templates][0] == "404.html"


def test_browser_language_does_not_override_vietnamese(client, home_page):
    response = client.get(MISSING, headers={"accept-language": "en-GB,en;q=0.9"})

    assert response.status_code == 404
    assert '<html lang="vi">' in response.content.decode()


def test_404_page_is_in_english_after_switching_language(client, home_page):
    switched = choose_language(client, "en", MISSING)
    assert switched.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    response = client.get(MISSING)

    body = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in body
    assert "Page not found" in body
    assert "The page you asked for does not exist or has been moved." in body


def test_switching_back_to_vietnamese(client, home_page):
    choose_language(client, "en")
    choose_language(client, "vi")

    response = client.get(MISSING)

    assert '<html lang="vi">' in response.content.decode()
    assert "Page not found" not in response.content.decode()


def test_a_language_the_platform_does_not_offer_leaves_it_in_vietnamese(
    client, home_page
):
    # Django stores any language it has a catalogue for; the middleware ignores it.
    choose_language(client, "fr")

    response = client.get(MISSING)

    assert '<html lang="vi">' in response.content.decode()


def test_language_switch_does_not_redirect_to_another_site(client, home_page):
    response = choose_language(client, "en", "https://evil.example/")

    assert response.status_code == 302
    assert "evil.example" not in response.url


@pytest.mark.urls(__name__)
def test_403_handler_renders_the_403_template(client, home_page):
    response = client.get("/thu/cam/")

    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    assert '<html lang="vi">' in response.content.decode()


@pytest.mark.urls(__name__)
def test_403_page_in_english(client, home_page):
    choose_language(client, "en")

    response = client.get("/thu/cam/")

    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


@pytest.mark.urls(__name__)
def test_500_handler_renders_a_page_without_the_error(home_page):
    client = Client(raise_request_exception=False)

    response = client.get("/thu/loi/")

    assert response.status_code == 500
    assert "500.html" in [t.name for t in response.templates]
    assert "boom" not in response.content.decode()


def test_login_page_renders_in_vietnamese_with_few_queries(
    client, django_assert_max_num_queries
):
    client.get(
        reverse("people:login")
    )  # the header's site settings are cached per host
    with django_assert_max_num_queries(0):
        response = client.get(reverse("people:login"))

    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()


def test_login_page_in_english(client):
    choose_language(client, "en")

    response = client.get(reverse("people:login"))

    assert '<html lang="en">' in response.content.decode()
    assert "Log in" in response.content.decode()


def test_signed_in_login_page_sends_to_my_learning(client, learner):
    client.force_login(learner)

    response = client.get(reverse("people:login"))

    assert response.status_code == 302
    assert response.url == reverse("courses:dashboard")
