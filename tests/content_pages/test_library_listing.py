"""The library's listing: facets with counts, clean URLs, search, sort, pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_pages.models import ResourceDownload
from tests.content_pages.library_builders import make_library, make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_and_uncached(settings):
    """Assertions read the English msgids, whatever the translations say, and
    every request renders (the anonymous page cache has its own tests)."""
    settings.LANGUAGE_CODE = "en"
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def library(home_page):
    return make_library(home_page)


@pytest.fixture
def resources(library):
    """Three resources: two for upper secondary, one of them on GBV and teachers-only."""
    return {
        "gbv": make_resource(
            library,
            title="Phòng, chống bạo lực trên cơ sở giới",
            slug="phong-chong-bao-luc",
            levels=["thpt"],
            topics=["bao-luc-gioi"],
            formats=["giao-an"],
            access="teachers",
        ),
        "gender": make_resource(
            library,
            title="Giới và giới tính",
            slug="gioi-va-gioi-tinh",
            levels=["thpt", "thcs"],
            topics=["gioi-va-gioi-tinh"],
            formats=["phieu-bai-tap"],
        ),
        "marriage": make_resource(
            library,
            title="Tảo hôn",
            slug="tao-hon",
            levels=["thcs"],
            topics=["tao-hon"],
            formats=["giao-an"],
            access="logged_in",
        ),
    }


def option_count(html, code):
    """The count shown next to a facet value in the filter form."""
    start = html.index(f'<option value="{code}"')
    label = html[start : html.index("</option>", start)]
    return int(label.rsplit("(", 1)[1].rstrip(")"))


def test_listing_shows_every_resource_and_marks_the_restricted_ones(client, resources):
    response = client.get("/thu-vien/")
    html = response.content.decode()
    assert response.status_code == 200
    for resource in resources.values():
        assert listed(html, resource)
    assert html.count("Teachers only") == 1
    assert html.count("For signed-in users") == 1
    assert response.context["canonical_url"] == "http://testserver/thu-vien/"


def test_facet_counts_follow_the_other_facets_selection(client, resources):
    html = client.get("/thu-vien/loc/cap-thpt/").content.decode()
    # Topics and formats are counted within upper secondary...
    assert option_count(html, "bao-luc-gioi") == 1
    assert option_count(html, "gioi-va-gioi-tinh") == 1
    assert option_count(html, "tao-hon") == 0
    assert option_count(html, "giao-an") == 1
    # ... and the levels are counted without the level chosen: what choosing
    # another level would give.
    assert option_count(html, "thpt") == 2
    assert option_count(html, "thcs") == 2
    assert listed(html, resources["gbv"])
    assert not listed(html, resources["marriage"])


def test_two_filters_narrow_the_results(client, resources):
    response = client.get("/thu-vien/loc/cap-thpt/chu-de-bao-luc-gioi/")
    html = response.content.decode()
    assert response.status_code == 200
    assert listed(html, resources["gbv"])
    assert not listed(html, resources["gender"])
    assert response.context["canonical_url"] == (
        "http://testserver/thu-vien/loc/cap-thpt/chu-de-bao-luc-gioi/"
    )


def test_filter_form_lands_on_the_clean_url(client, resources):
    response = client.get(
        "/thu-vien/",
        {"cap": "thpt", "chu-de": "bao-luc-gioi", "dang": "", "doi-tuong": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == "/thu-vien/loc/cap-thpt/chu-de-bao-luc-gioi/"


def test_filter_form_keeps_the_search_and_sort(client, resources):
    response = client.get(
        "/thu-vien/loc/cap-thpt/",
        {"cap": "thcs", "q": "  giới  ", "sap-xep": "ten"},
    )
    assert response["Location"] == "/thu-vien/loc/cap-thcs/?q=gi%E1%BB%9Bi&sap-xep=ten"


def test_an_emptied_form_goes_back_to_the_library(client, resources):
    response = client.get("/thu-vien/loc/cap-thpt/", {"cap": "", "sap-xep": "moi-nhat"})
    assert response["Location"] == "/thu-vien/"


def test_each_combination_has_one_address(client, resources):
    response = client.get("/thu-vien/loc/chu-de-bao-luc-gioi/cap-thpt/")
    assert response.status_code == 302
    assert response["Location"] == "/thu-vien/loc/cap-thpt/chu-de-bao-luc-gioi/"


@pytest.mark.parametrize(
    "path",
    [
        "/thu-vien/loc/cap-khong-co/",
        "/thu-vien/loc/cap-THPT/",
        "/thu-vien/loc/xyz/",
        "/thu-vien/loc/",
        "/thu-vien/loc/cap-/",
        "/thu-vien/?cap=%3Cscript%3E&chu-de=khong-co",
    ],
)
def test_unknown_or_malformed_filters_are_dropped(client, resources, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/thu-vien/"
    assert client.get(response["Location"]).status_code == 200


def test_a_path_with_symbols_is_not_found_not_an_error(client, resources):
    assert client.get("/thu-vien/loc/%3Cscript%3E/").status_code == 404


def test_a_good_filter_survives_a_bad_one(client, resources):
    response = client.get("/thu-vien/loc/cap-thpt/dang-khong-co/")
    assert response["Location"] == "/thu-vien/loc/cap-thpt/"


@pytest.mark.parametrize("query", ["bao luc", "bạo lực", "BẠO LỰC", "bao"])
def test_search_finds_text_with_or_without_diacritics(client, resources, query):
    html = client.get("/thu-vien/", {"q": query}).content.decode()
    assert listed(html, resources["gbv"])
    assert not listed(html, resources["marriage"])


def test_search_combines_with_filters(client, resources):
    html = client.get("/thu-vien/loc/cap-thcs/", {"q": "gioi tinh"}).content.decode()
    assert listed(html, resources["gender"])
    assert not listed(html, resources["gbv"])
    assert option_count(html, "thpt") == 1


def test_a_very_long_search_is_answered(client, resources):
    response = client.get("/thu-vien/", {"q": "bạo lực " * 1250})
    assert response.status_code == 200


@pytest.mark.parametrize("query", ['!!! @@@ "" ***', "'; DROP TABLE x; --", "%_\\"])
def test_a_search_of_symbols_is_answered(client, resources, query):
    response = client.get("/thu-vien/", {"q": query})
    assert response.status_code == 200


def test_script_in_a_search_is_shown_inert(client, resources):
    html = client.get("/thu-vien/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_sort_by_title_and_by_downloads(client, resources):
    html = client.get("/thu-vien/", {"sap-xep": "ten"}).content.decode()
    titles = [r.title for r in sorted(resources.values(), key=lambda r: r.title)]
    positions = [html.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)

    marriage = resources["marriage"]
    for _ in range(2):
        ResourceDownload.objects.create(resource=marriage, file=marriage.files.first())
    html = client.get("/thu-vien/", {"sap-xep": "tai-nhieu"}).content.decode()
    assert html.index(f">{marriage.title}</a>") < html.index(
        f">{resources['gbv'].title}</a>"
    )
    assert "2 downloads" in html


def test_an_unknown_sort_falls_back_to_newest(client, resources):
    assert client.get("/thu-vien/", {"sap-xep": "x"}).status_code == 200


def test_pages_of_twelve_and_a_page_past_the_end(client, library):
    for number in range(13):
        make_resource(library, title=f"Tài liệu số {number:02d}", files=0)
    first = client.get("/thu-vien/").content.decode()
    assert first.count('class="card resource-card"') == 12
    assert 'href="?trang=2" rel="next"' in first
    last = client.get("/thu-vien/", {"trang": "99"}).content.decode()
    assert last.count('class="card resource-card"') == 1
    assert 'href="?trang=1" rel="prev"' in last
    assert 'rel="next"' not in last
    last_response = client.get("/thu-vien/", {"trang": "99"})
    assert last_response.context["canonical_url"] == (
        "http://testserver/thu-vien/?trang=2"
    )
    assert client.get("/thu-vien/", {"trang": "abc"}).status_code == 200


def test_no_results_say_so(client, resources):
    html = client.get("/thu-vien/", {"q": "khongcotu"}).content.decode()
    assert "No resource matches your search" in html


def listed(html, resource) -> bool:
    return f">{resource.title}</a>" in html


def count_queries(client, url) -> int:
    client.get(url)  # content types and the site are cached after a first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/thu-vien/",
        "/thu-vien/loc/cap-thpt/chu-de-bao-luc-gioi/?q=bao+luc&sap-xep=tai-nhieu",
    ],
)
def test_listing_queries_do_not_grow_with_the_resources(client, library, url):
    def add(count):
        for _ in range(count):
            make_resource(
                library,
                title="Bạo lực giới",
                levels=["thpt", "thcs"],
                topics=["bao-luc-gioi"],
                formats=["giao-an"],
                files=0,
            )

    add(2)
    few = count_queries(client, url)
    add(14)
    many = count_queries(client, url)
    # Routing (site, page, view restrictions), 4 facets, search, count, page, and
    # the two facet prefetches of the cards.
    assert few == many <= 16
