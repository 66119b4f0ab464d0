"""Site search at /tim-kiem/: Vietnamese with or without diacritics, every kind of
content a visitor may see, never a lesson's text, never an error for odd input."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from content_pages.models import (
    LegalDocument,
    NewsIndexPage,
    NewsPage,
    ResourceLibraryPage,
    ResourcePage,
    StandardPage,
)
from content_pages.search import HITS_PER_PAGE
from lms.text import SEARCH_QUERY_MAX_LENGTH, clean_search_query
from tests.factories.courses import make_course, make_lesson, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are compared in English, as written in the code."""
    settings.LANGUAGE_CODE = "en"


SEARCH_URL = "/tim-kiem/"
LESSON_SECRET = "Mật khẩu lớp học là hoa sen"
# Pages and legal documents searched, the lessons' courses, and the shown pages'
# own fields: one per page type shown (course, lesson's base page, resource).
SEARCH_QUERIES = 8


@pytest.fixture
def site_content(home_page, course_index):
    """One of each kind, in Vietnamese with diacritics."""
    about = home_page.add_child(
        instance=StandardPage(
            title="Giới thiệu Ban vì sự tiến bộ của phụ nữ",
            slug="gioi-thieu",
            intro="Ban chỉ đạo công tác bình đẳng giới của tỉnh.",
        )
    )
    news_index = home_page.add_child(
        instance=NewsIndexPage(title="Tin tức", slug="tin-tuc")
    )
    news = news_index.add_child(
        instance=NewsPage(
            title="Tháng hành động vì bình đẳng giới năm 2026",
            slug="thang-hanh-dong-2026",
            date=dt.date(2026, 11, 15),
            summary="Từ 15/11 đến 15/12 trên toàn tỉnh.",
        )
    )
    library = home_page.add_child(
        instance=ResourceLibraryPage(title="Thư viện", slug="thu-vien")
    )
    resource = library.add_child(
        instance=ResourcePage(
            title="Giáo án phòng chống bạo lực trên cơ sở giới",
            slug="giao-an-bao-luc",
            summary="Giáo án cho câu lạc bộ trường THPT.",
            access=ResourcePage.Access.TEACHERS,
        )
    )
    course = make_course(
        course_index,
        title="Phòng, chống bạo lực gia đình",
        slug="phong-chong-bao-luc",
        summary="Nhận diện và ứng phó.",
    )
    lesson = make_lesson(
        make_module(course),
        title="Bài 1: Nhận diện bạo lực gia đình",
        body=[("paragraph", f"<p>{LESSON_SECRET}</p>")],
    )
    law = LegalDocument.objects.create(
        number="73/2006/QH11",
        title="Luật Bình đẳng giới",
        kind=LegalDocument.Kind.LAW,
        issuer="Quốc hội",
        issued_on=dt.date(2006, 11, 29),
        summary="Quy định nguyên tắc bình đẳng giới trong các lĩnh vực.",
    )
    return {
        "about": about,
        "news": news,
        "library": library,
        "resource": resource,
        "course": course,
        "lesson": lesson,
        "law": law,
    }


def search(client, q, **params):
    response = client.get(SEARCH_URL, {"q": q, **params})
    assert response.status_code == 200
    return response


def kinds_found(response) -> dict[str, int]:
    return {count.kind: count.count for count in response.context["search"].counts}


def titles(response) -> set[str]:
    search_ = response.context["search"]
    if search_.results_page is not None:
        return {hit.title for hit in search_.results_page.object_list}
    return {hit.title for _count, hits in search_.previews for hit in hits}


def test_search_url_is_named():
    assert reverse("content_pages:search") == SEARCH_URL


def test_query_without_diacritics_finds_text_with_them(client, site_content):
    response = search(client, "binh dang gioi")
    assert kinds_found(response) == {"news": 1, "pages": 1, "legal": 1}
    assert titles(response) == {
        "Tháng hành động vì bình đẳng giới năm 2026",
        "Giới thiệu Ban vì sự tiến bộ của phụ nữ",
        "Luật Bình đẳng giới",
    }


def test_bao_luc_finds_the_course_its_lesson_and_the_resource(client, site_content):
    response = search(client, "bao luc")
    assert kinds_found(response) == {"courses": 1, "lessons": 1, "resources": 1}
    html = response.content.decode()
    assert "Giáo án phòng chống bạo lực trên cơ sở giới" in html
    assert site_content["resource"].url in html


def test_query_with_diacritics_finds_the_same(client, site_content):
    assert kinds_found(search(client, "bình đẳng giới")) == {
        "news": 1,
        "pages": 1,
        "legal": 1,
    }
    assert kinds_found(search(client, "bạo lực")) == {
        "courses": 1,
        "lessons": 1,
        "resources": 1,
    }


def test_legal_document_is_found_by_its_number(client, site_content):
    assert kinds_found(search(client, "73/2006/QH11")) == {"legal": 1}
    assert kinds_found(search(client, "luat 73/2006/qh11")) == {"legal": 1}


def test_lesson_links_to_its_course_and_never_shows_its_text(client, site_content):
    response = search(client, "nhan dien bao luc", kind="lessons")
    (hit,) = response.context["search"].results_page.object_list
    assert hit.url == site_content["course"].url
    assert hit.course_title == "Phòng, chống bạo lực gia đình"
    html = response.content.decode()
    assert site_content["lesson"].url not in html
    assert LESSON_SECRET not in html


def test_lesson_body_is_not_searchable(client, site_content):
    for query in ("hoa sen", "Mật khẩu lớp học"):
        response = search(client, query)
        assert "lessons" not in kinds_found(response)
        assert site_content["lesson"].title not in response.content.decode()


def test_lessons_of_a_course_with_a_private_outline_are_for_signed_in_users(
    client, site_content, learner
):
    course = site_content["course"]
    course.is_outline_public = False
    course.save_revision().publish()
    assert kinds_found(search(client, "nhan dien")) == {"courses": 1}
    client.force_login(learner)
    assert kinds_found(search(client, "nhan dien")) == {"courses": 1, "lessons": 1}


def test_lessons_of_an_unpublished_course_are_not_listed(client, site_content):
    site_content["course"].unpublish()
    assert kinds_found(search(client, "bao luc")) == {"resources": 1}


def test_drafts_and_restricted_pages_are_not_listed(client, site_content):
    site_content["news"].unpublish()
    PageViewRestriction.objects.create(
        page=site_content["about"], restriction_type=PageViewRestriction.LOGIN
    )
    assert kinds_found(search(client, "binh dang gioi")) == {"legal": 1}


def test_teachers_only_resource_is_listed_with_its_access(client, site_content):
    response = search(client, "giao an", kind="resources")
    (hit,) = response.context["search"].results_page.object_list
    assert hit.access == "Teachers only"


def test_one_kind_is_paginated(client, site_content):
    library = site_content["library"]
    for number in range(HITS_PER_PAGE + 5):
        library.add_child(
            instance=ResourcePage(
                title=f"Phiếu học tập số {number}",
                slug=f"phieu-{number}",
                summary="Phiếu học tập về định kiến giới.",
            )
        )
    first = search(client, "phieu hoc tap", kind="resources")
    assert kinds_found(first) == {"resources": HITS_PER_PAGE + 5}
    assert len(first.context["search"].results_page.object_list) == HITS_PER_PAGE
    second = search(client, "phieu hoc tap", kind="resources", page="2")
    assert len(second.context["search"].results_page.object_list) == 5
    past_the_end = search(client, "phieu hoc tap", kind="resources", page="99")
    assert past_the_end.context["search"].results_page.number == 2


def test_all_kinds_show_a_preview_with_a_link_to_the_rest(client, site_content):
    library = site_content["library"]
    for number in range(5):
        library.add_child(
            instance=ResourcePage(
                title=f"Tranh cổ động {number}", slug=f"tranh-{number}", summary="x"
            )
        )
    response = search(client, "tranh co dong")
    (count, hits), *_rest = response.context["search"].previews
    assert (count.count, len(hits)) == (5, 3)
    assert "kind=resources" in response.content.decode()


def queries_for(client, query) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        search(client, query)
    return [item["sql"] for item in context.captured_queries]


def test_query_count_does_not_grow_with_the_hits(client, site_content, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every search reaches the database
    search(client, "bao luc")  # content types are cached after a first lookup
    few = queries_for(client, "bao luc")
    library = site_content["library"]
    module = site_content["lesson"].get_parent()
    for number in range(12):
        library.add_child(
            instance=ResourcePage(
                title=f"Bạo lực học đường {number}", slug=f"bl-{number}", summary="x"
            )
        )
        make_lesson(module, title=f"Bài bạo lực {number}")
    search(client, "bao luc")  # the new pages started a new content version
    many = queries_for(client, "bao luc")
    assert len(few) <= SEARCH_QUERIES
    assert len(many) == len(few)


# --- Bad input -------------------------------------------------------------------


def test_form_alone_without_a_query(client, site_content):
    response = client.get(SEARCH_URL)
    assert response.status_code == 200
    assert response.context["search"].counts == []
    assert response.context["problem"] == ""


def test_very_long_query_is_shortened_and_answered(client, site_content):
    response = search(client, "bạo lực " + "x" * 10_000)
    assert "first 100 characters" in response.content.decode()
    assert len(response.context["search"].query) <= 100


@pytest.mark.parametrize(
    "query",
    [
        "\"'%_*()[]{}\\",
        '"',
        "%",
        "*",
        "\x00",
        "'); DROP TABLE wagtailcore_page; --",
        '"unbalanced AND OR NOT (',
        "bao OR luc NEAR(x)",
        "bạo lực -giới ^title:x",
    ],
)
def test_symbols_and_sql_are_answered_without_error(client, site_content, query):
    response = search(client, query)
    assert b"Search" in response.content


def test_only_symbols_gets_a_clear_message(client, site_content):
    response = search(client, "\"'%_*()[]{}\\")
    assert "not only symbols" in response.content.decode()
    assert response.context["search"].counts == []


def test_script_in_the_query_is_shown_inert(client, site_content):
    response = search(client, '<script>alert("x")</script>')
    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_unknown_kind_and_bad_page_number_are_ignored(client, site_content):
    response = search(client, "bao luc", kind="../../etc", page="abc")
    assert response.context["search"].kind == ""
    assert kinds_found(response) == {"courses": 1, "lessons": 1, "resources": 1}


def test_post_is_refused(client, site_content):
    assert client.post(SEARCH_URL, {"q": "bao luc"}).status_code == 405


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("bình đẳng giới", "bình đẳng giới"),
        ("  bạo   lực  ", "bạo lực"),
        ("\"'%_*()[]{}\\", ""),
        ("73/2006/QH11", "73/2006/QH11"),
        ("K1-2026 -giới", "K1-2026 giới"),
        ("<script>alert(1)</script>", "script alert 1 script"),
        ("bi\u0300nh", "bình"),  # a decomposed tone mark stays in its word
    ],
)
def test_clean_search_query_keeps_words_and_codes(raw, cleaned):
    assert clean_search_query(raw) == cleaned


def test_clean_search_query_cuts_at_a_word_boundary():
    cleaned = clean_search_query("bạo lực " * 2_000)
    assert len(cleaned) <= SEARCH_QUERY_MAX_LENGTH
    assert set(cleaned.split()) == {"bạo", "lực"}  # no word cut in two
