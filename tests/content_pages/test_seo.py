"""Search engines: titles, descriptions, Open Graph, canonical addresses,
sitemap.xml and robots.txt."""

import re
from datetime import date

import pytest
from wagtail.models import PageViewRestriction

from tests.content_pages.public_builders import (
    make_image,
    make_news,
    make_news_index,
    make_standard_page,
)

pytestmark = pytest.mark.django_db


def meta(body: str, key: str) -> str:
    found = re.search(rf'<meta (?:name|property)="{key}" content="([^"]*)"', body)
    return found.group(1) if found else ""


def test_page_description_comes_from_the_search_description(client, home_page):
    page = make_standard_page(
        home_page, search_description="Vai trò của Ban", intro="Giới thiệu dài"
    )

    body = client.get(page.url).content.decode()

    assert "<title>Giới thiệu ·" in body
    assert meta(body, "description") == "Vai trò của Ban"
    assert meta(body, "og:description") == "Vai trò của Ban"
    assert meta(body, "og:title") == "Giới thiệu"
    assert meta(body, "og:type") == "website"
    assert meta(body, "og:url") == "http://testserver/gioi-thieu/"
    assert '<link rel="canonical" href="http://testserver/gioi-thieu/">' in body
    assert meta(body, "og:site_name")
    assert meta(body, "og:image") == ""


def test_news_item_is_an_article_with_its_image(client, home_page):
    index = make_news_index(home_page)
    item = make_news(
        index, "Ngày Phụ nữ Việt Nam", date(2026, 10, 19), image=make_image()
    )

    body = client.get(item.url, {"utm": "x"}).content.decode()

    assert meta(body, "og:type") == "article"
    assert meta(body, "description") == "Tóm tắt: Ngày Phụ nữ Việt Nam"
    assert meta(body, "og:image").startswith("http://testserver/media/")
    assert f'<link rel="canonical" href="http://testserver{item.url}">' in body


def test_a_long_description_is_cut(client, home_page):
    page = make_standard_page(home_page, intro="chữ " * 200)

    body = client.get(page.url).content.decode()

    assert len(meta(body, "description")) <= 160


def test_pages_that_are_not_wagtail_pages_have_the_tags_too(client):
    body = client.get("/accounts/login/").content.decode()

    assert meta(body, "description")
    assert meta(body, "og:title")
    assert '<link rel="canonical" href="http://testserver/accounts/login/">' in body


def test_sitemap_lists_live_public_pages_only(client, home_page):
    index = make_news_index(home_page)
    live = make_news(index, "Tin công khai", slug="cong-khai")
    draft = make_news(index, "Tin nháp", slug="nhap")
    draft.unpublish()
    private = make_standard_page(home_page, title="Nội bộ", slug="noi-bo")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/sitemap.xml")
    body = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert f"{live.url}</loc>" in body
    assert "/tin-tuc/</loc>" in body
    assert "/nhap/" not in body
    assert "/noi-bo/" not in body
    assert "/admin/" not in body


def test_robots_txt(client, home_page):
    response = client.get("/robots.txt")
    body = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in body
    for path in ("/admin/", "/accounts/", "/learning/", "/quizzes/"):
        assert f"Disallow: {path}\n" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_robots_txt_refuses_a_post(client):
    assert client.post("/robots.txt").status_code == 405
