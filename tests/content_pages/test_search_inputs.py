"""Every search box answers ordinary queries, quotes included, with a page.

A double quote opens a phrase in SQLite's FTS5 syntax: a query with a quote
in it once reached the backend as it was typed and answered 500 ("fts5: syntax
error", "unterminated string"). Each public box goes through the one query
cleaner (`lms.text.clean_search_query`); the admin listings use Wagtail's own.
"""

from datetime import date

import pytest
from django.urls import reverse

from content_pages.models import LegalDocument
from content_pages.selectors import library_search_words
from lms.text import clean_search_query, fold_vietnamese
from tests.content_pages.library_builders import make_library, make_resource
from tests.content_pages.public_builders import make_legal_document, make_legal_index
from tests.factories.courses import make_course_tree

pytestmark = pytest.mark.django_db

QUOTED_NUMBER = 'Nghị định "48/2009/NĐ-CP"'
UNCLOSED_QUOTE = '"Bình'
ORDINARY_QUERIES = [
    QUOTED_NUMBER,
    UNCLOSED_QUOTE,
    'bình đẳng"',
    "bình đẳng AND OR NOT",
    "NEAR(bình đẳng)",
    "giới*",
    "^giới",
    "số: 48",
    "'bình' (giới)",
]


@pytest.fixture
def decree():
    return make_legal_document(
        "48/2009/NĐ-CP",
        title="Nghị định quy định về các biện pháp bảo đảm bình đẳng giới",
        kind=LegalDocument.Kind.DECREE,
        issuer="Chính phủ",
        issued_on=date(2009, 5, 19),
    )


@pytest.fixture
def other_law():
    return make_legal_document(
        "52/2014/QH13",
        title="Luật hôn nhân và gia đình",
        issued_on=date(2014, 6, 19),
    )


@pytest.mark.parametrize("query", ORDINARY_QUERIES)
def test_legal_documents_search_answers_ordinary_queries(
    client, home_page, decree, query
):
    legal_index = make_legal_index(home_page)

    response = client.get(legal_index.url, {"q": query})

    assert response.status_code == 200


def test_legal_documents_search_finds_a_quoted_number(
    client, home_page, decree, other_law
):
    legal_index = make_legal_index(home_page)

    body = client.get(legal_index.url, {"q": QUOTED_NUMBER}).content.decode()

    assert ">48/2009/NĐ-CP</th>" in body
    assert ">52/2014/QH13</th>" not in body
    # What was typed stays in the box, escaped.
    assert 'value="Nghị định &quot;48/2009/NĐ-CP&quot;"' in body


def test_legal_documents_search_with_an_unclosed_quote_finds_the_word(
    client, home_page, decree, other_law
):
    legal_index = make_legal_index(home_page)

    body = client.get(legal_index.url, {"q": UNCLOSED_QUOTE}).content.decode()

    assert ">48/2009/NĐ-CP</th>" in body
    assert ">52/2014/QH13</th>" not in body


@pytest.mark.parametrize("query", ORDINARY_QUERIES)
def test_site_search_answers_ordinary_queries(client, home_page, decree, query):
    response = client.get(reverse("content_pages:search"), {"q": query})

    assert response.status_code == 200


def test_site_search_finds_a_quoted_number(client, home_page, decree, other_law):
    body = client.get(
        reverse("content_pages:search"), {"q": QUOTED_NUMBER}
    ).content.decode()

    assert "48/2009/NĐ-CP" in body
    assert "52/2014/QH13" not in body


@pytest.mark.parametrize("query", ORDINARY_QUERIES)
def test_library_search_answers_ordinary_queries(client, home_page, query):
    library = make_library(home_page)
    make_resource(library, title="Bình đẳng giới trong trường học")

    response = client.get(library.url, {"q": query}, follow=True)

    assert response.status_code == 200


def test_library_search_goes_through_the_one_query_cleaner():
    for query in ORDINARY_QUERIES:
        assert (
            library_search_words(query)
            == fold_vietnamese(clean_search_query(query, max_length=200)).lower()
        )


def test_library_search_with_an_unclosed_quote_finds_the_word(client, home_page):
    library = make_library(home_page)
    make_resource(library, title="Bình đẳng giới trong trường học")
    make_resource(
        library,
        title="Phòng chống bạo lực học đường",
        summary="Tài liệu cho câu lạc bộ học sinh.",
    )

    body = client.get(library.url, {"q": UNCLOSED_QUOTE}, follow=True)

    assert "Bình đẳng giới trong trường học" in body.content.decode()
    assert "Phòng chống bạo lực học đường" not in body.content.decode()


@pytest.mark.parametrize("query", ORDINARY_QUERIES)
def test_course_catalogue_answers_ordinary_queries(client, course_index, query):
    make_course_tree(course_index, title="Bình đẳng giới cho cán bộ cơ sở")

    response = client.get(course_index.url, {"q": query})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_content_pages_legaldocument:list",
        "wagtailusers_users:index",
        "question_bank:index",
        "quizzes:index",
        "course_progress:index",
    ],
)
@pytest.mark.parametrize("query", ["Nghị định", QUOTED_NUMBER, UNCLOSED_QUOTE])
def test_admin_listing_searches_answer_quoted_queries(
    client, administrator, decree, url_name, query
):
    client.force_login(administrator)

    response = client.get(reverse(url_name), {"q": query})

    assert response.status_code == 200


def test_admin_legal_documents_search_finds_by_number_and_title(
    client, administrator, decree, other_law
):
    client.force_login(administrator)
    url = reverse("wagtailsnippets_content_pages_legaldocument:list")

    by_number = client.get(url, {"q": "48/2009/NĐ-CP"}).content.decode()
    by_title = client.get(url, {"q": "hôn nhân"}).content.decode()

    assert "48/2009/NĐ-CP" in by_number
    assert "52/2014/QH13" not in by_number
    assert "52/2014/QH13" in by_title
    assert "48/2009/NĐ-CP" not in by_title


def test_course_catalogue_with_an_unclosed_quote_finds_the_course(client, course_index):
    make_course_tree(course_index, title="Bình đẳng giới cho cán bộ cơ sở")
    make_course_tree(
        course_index, title="Phòng chống bạo lực gia đình", summary="Kỹ năng."
    )

    body = client.get(course_index.url, {"q": UNCLOSED_QUOTE}).content.decode()

    assert "Bình đẳng giới cho cán bộ cơ sở" in body
    assert "Phòng chống bạo lực gia đình" not in body
