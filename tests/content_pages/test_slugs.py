"""Public pages get ASCII addresses folded from Vietnamese, as course pages do."""

import unicodedata

import pytest

from content_pages.models import NewsIndexPage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "title",
    [
        "Đường dây nóng phòng chống bạo lực giới",
        unicodedata.normalize("NFD", "Đường dây nóng phòng chống bạo lực giới"),
    ],
)
def test_a_page_made_in_code_without_a_slug_gets_a_folded_ascii_one(home_page, title):
    page = home_page.add_child(instance=StandardPage(title=title))
    assert page.slug == "duong-day-nong-phong-chong-bao-luc-gioi"


def test_a_vietnamese_slug_is_folded_and_siblings_stay_distinct(home_page):
    first = home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tức"))
    second = home_page.add_child(instance=StandardPage(title="Tin tức"))
    assert first.slug == "tin-tuc"
    assert second.slug == "tin-tuc-2"
