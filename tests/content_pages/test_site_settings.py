"""Site settings in every page: organisation, main menu, footer, search box,
language switch; cached, and the admin for news topics and legal documents."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Site

from content_pages.models import FooterLink, MainMenuItem, SiteSettings
from content_pages.views.pages import site_chrome_clear
from tests.content_pages.public_builders import make_news_index, make_standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings(home_page):
    settings = SiteSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        organisation_name="Ban Vì sự tiến bộ của phụ nữ tỉnh Quảng Ngãi",
        organisation_name_en="Committee for the Advancement of Women",
        address="Số 1 đường Thử, Quảng Ngãi",
        address_en="1 Test Street, Quảng Ngãi",
        email="ban@example.org",
        footer_text="Chân trang thử nghiệm.",
        footer_text_en="Test footer.",
    )
    news = make_news_index(home_page)
    about = make_standard_page(home_page)
    MainMenuItem.objects.create(
        settings=settings,
        sort_order=0,
        label="Tin tức",
        label_en="News",
        link_page=news,
    )
    MainMenuItem.objects.create(
        settings=settings, sort_order=1, label="Thư viện", link_url="/thu-vien/"
    )
    FooterLink.objects.create(
        settings=settings,
        sort_order=0,
        label="Giới thiệu",
        label_en="About us",
        link_page=about,
    )
    return settings


def test_header_and_footer_show_the_settings(client, site_settings):
    body = client.get("/").content.decode()

    assert "Ban Vì sự tiến bộ của phụ nữ tỉnh Quảng Ngãi" in body
    assert '<a href="/tin-tuc/">Tin tức</a>' in body
    assert '<a href="/thu-vien/">Thư viện</a>' in body
    assert "Chân trang thử nghiệm." in body
    assert "Số 1 đường Thử, Quảng Ngãi" in body
    assert 'href="mailto:ban@example.org"' in body
    assert '<a href="/gioi-thieu/">Giới thiệu</a>' in body


def test_english_visitor_gets_english_header_and_footer(client, site_settings):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"

    body = client.get("/").content.decode()

    assert '<html lang="en">' in body
    assert "Committee for the Advancement of Women" in body
    assert '<a href="/tin-tuc/">News</a>' in body
    assert "Test footer." in body
    assert "1 Test Street, Quảng Ngãi" in body
    assert '<a href="/gioi-thieu/">About us</a>' in body
    for vietnamese in ("Tin tức", "Chân trang thử nghiệm.", "Ban Vì sự tiến bộ"):
        assert vietnamese not in body


def test_a_text_without_english_version_stays_vietnamese(client, site_settings):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"

    body = client.get("/").content.decode()

    assert '<a href="/thu-vien/">Thư viện</a>' in body


def test_vietnamese_and_english_visitors_each_get_their_own_header(
    client, site_settings, settings
):
    """Both the page cache and the header cache keep one copy per language."""
    settings.PAGE_CACHE_SECONDS = 120
    vietnamese_first = client.get("/").content.decode()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/").content.decode()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese_again = client.get("/").content.decode()

    assert '<a href="/tin-tuc/">Tin tức</a>' in vietnamese_first
    assert '<a href="/tin-tuc/">News</a>' in english
    assert '<a href="/tin-tuc/">Tin tức</a>' in vietnamese_again
    assert "Test footer." not in vietnamese_again


def test_menu_marks_the_current_section(client, site_settings):
    body = client.get("/tin-tuc/").content.decode()

    assert '<a href="/tin-tuc/" aria-current="page">Tin tức</a>' in body


def test_without_menu_items_the_header_keeps_the_courses_link(client, home_page):
    body = client.get("/").content.decode()

    assert f'href="{reverse("courses:catalogue")}"' in body


def test_my_learning_stays_for_a_signed_in_learner(learner_client, site_settings):
    body = learner_client.get("/").content.decode()

    assert f'href="{reverse("courses:dashboard")}"' in body
    assert "Tin tức" in body


def test_an_unpublished_page_leaves_the_menu(client, site_settings):
    MainMenuItem.objects.get(label="Tin tức").link_page.unpublish()
    site_chrome_clear()

    body = client.get("/").content.decode()

    assert ">Tin tức</a>" not in body
    assert "Thư viện" in body


def test_header_has_a_labelled_search_box(client, home_page):
    body = client.get("/").content.decode()

    assert 'action="/tim-kiem/" method="get" role="search"' in body
    assert '<label for="site-search-q"' in body
    assert 'name="q"' in body


def test_anonymous_page_sets_no_csrf_cookie(client, home_page):
    response = client.get("/")

    assert 'name="language"' in response.content.decode()
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "csrftoken" not in response.cookies


def test_header_and_footer_cost_no_query_once_cached(
    client, site_settings, django_assert_num_queries
):
    from django.test import RequestFactory

    from content_pages.views.pages import site_chrome

    request = RequestFactory().get("/")
    first = site_chrome(request)
    with django_assert_num_queries(0):
        assert site_chrome(request) == first


def test_editing_settings_in_the_admin_clears_the_cache(client, site_settings):
    client.get("/")
    site_settings.organisation_name = "Tên mới"
    site_settings.save()
    for hook in hooks.get_hooks("after_edit_setting"):
        hook(None, site_settings)

    assert "Tên mới" in client.get("/").content.decode()


def test_legal_documents_and_news_topics_in_the_admin(client, administrator):
    client.force_login(administrator)

    for model in ("legaldocument", "newstopic"):
        url = reverse(f"wagtailsnippets_content_pages_{model}:list")
        assert client.get(url).status_code == 200


def test_a_learner_cannot_open_the_legal_documents_admin(learner_client):
    url = reverse("wagtailsnippets_content_pages_legaldocument:list")

    response = learner_client.get(url)

    assert response.status_code in (302, 403)
