"""The legal documents page: every document with its status, filters and search."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_pages.models import LegalDocument
from tests.content_pages.public_builders import (
    make_document,
    make_legal_document,
    make_legal_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal_index(home_page):
    return make_legal_index(home_page)


@pytest.fixture
def documents():
    law = make_legal_document(
        effective_from=date(2007, 7, 1),
        summary="Nguyên tắc bình đẳng giới trong mọi lĩnh vực.",
        document=make_document("Luật 73/2006", "luat-73-2006.pdf"),
    )
    new_decree = make_legal_document(
        "125/2021/NĐ-CP",
        title="Nghị định xử phạt vi phạm hành chính trong lĩnh vực bình đẳng giới",
        kind=LegalDocument.Kind.DECREE,
        issuer="Chính phủ",
        issued_on=date(2021, 12, 28),
    )
    old_decree = make_legal_document(
        "55/2009/NĐ-CP",
        title="Nghị định xử phạt vi phạm hành chính về bình đẳng giới",
        kind=LegalDocument.Kind.DECREE,
        issuer="Chính phủ",
        issued_on=date(2009, 6, 10),
        status=LegalDocument.Status.REPLACED,
        replaced_by=new_decree,
    )
    return {"law": law, "new": new_decree, "old": old_decree}


def numbers(response) -> list[str]:
    body = response.content.decode()
    return [
        d.number for d in LegalDocument.objects.all() if f">{d.number}</th>" in body
    ]


def test_every_document_is_listed_with_its_facts(client, legal_index, documents):
    response = client.get(legal_index.url)
    body = response.content.decode()

    assert response.status_code == 200
    assert sorted(numbers(response)) == sorted(d.number for d in documents.values())
    assert "Luật Bình đẳng giới" in body
    assert "29/11/2006" in body and "01/07/2007" in body
    assert "Quốc hội" in body
    assert documents["law"].document.url in body


def test_a_replaced_document_links_to_what_replaced_it(client, legal_index, documents):
    body = client.get(legal_index.url).content.decode()

    new = documents["new"]
    assert f'href="{legal_index.url}#legal-{new.pk}">125/2021/NĐ-CP</a>' in body
    assert f'id="legal-{new.pk}"' in body


def test_filter_by_kind_and_status(client, legal_index, documents):
    decrees = client.get(legal_index.url, {"kind": "decree"})
    replaced = client.get(legal_index.url, {"kind": "decree", "status": "replaced"})

    assert sorted(numbers(decrees)) == ["125/2021/NĐ-CP", "55/2009/NĐ-CP"]
    assert numbers(replaced) == ["55/2009/NĐ-CP"]


@pytest.mark.parametrize("query", ["xu phat", "xử phạt", "XỬ PHẠT"])
def test_search_finds_words_with_or_without_diacritics(
    client, legal_index, documents, query
):
    response = client.get(legal_index.url, {"q": query})

    assert sorted(numbers(response)) == ["125/2021/NĐ-CP", "55/2009/NĐ-CP"]


def test_search_by_number(client, legal_index, documents):
    assert numbers(client.get(legal_index.url, {"q": "73/2006"})) == ["73/2006/QH11"]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "khong-co"},
        {"status": "<b>"},
        {"kind": ""},
    ],
)
def test_unknown_filter_values_are_ignored(client, legal_index, documents, params):
    response = client.get(legal_index.url, params)

    assert response.status_code == 200
    assert len(numbers(response)) == 3


@pytest.mark.parametrize(
    "query", ["a" * 10_000, "\"*()'%_\\", "<script>alert(1)</script>", "   "]
)
def test_odd_queries_are_answered(client, legal_index, documents, query):
    response = client.get(legal_index.url, {"q": query})
    body = response.content.decode()

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in body


def test_a_query_made_of_symbols_finds_nothing_and_says_so(
    client, legal_index, documents
):
    response = client.get(legal_index.url, {"q": "%%%"})

    assert numbers(response) == []
    assert f'href="{legal_index.url}"' in response.content.decode()


def test_listing_costs_the_same_for_few_or_many_documents(
    client, legal_index, documents, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count the rendering, not a cached copy
    client.get(legal_index.url)
    with CaptureQueriesContext(connection) as few:
        client.get(legal_index.url)
    few_queries = len(few)  # read now: the next request empties the query log
    assert few_queries > 0
    for number in range(20):
        make_legal_document(
            f"{number}/2024/KH-UBND",
            kind=LegalDocument.Kind.PLAN,
            replaced_by=documents["new"],
            document=make_document(f"Kế hoạch {number}", f"kh-{number}.pdf"),
        )
    client.get(legal_index.url)  # the new documents started a new content version

    with django_assert_max_num_queries(few_queries):
        assert client.get(legal_index.url).status_code == 200
