"""The news listing (newest first, by year and topic, 10 a page) and a news item."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.content_pages.public_builders import (
    make_image,
    make_news,
    make_news_index,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    return make_news_index(home_page)


@pytest.fixture
def news(news_index):
    days = make_topic("Ngày kỷ niệm", "ngay-ky-niem")
    month = make_topic("Tháng hành động", "thang-hanh-dong")
    return {
        "women_day": make_news(
            news_index, "Ngày Quốc tế Phụ nữ 8/3", date(2026, 3, 6), topic=days
        ),
        "action_month": make_news(
            news_index,
            "Phát động Tháng hành động",
            date(2026, 11, 13),
            topic=month,
            event_start=date(2026, 11, 15),
            event_end=date(2026, 12, 15),
        ),
        "last_year": make_news(
            news_index, "Tháng hành động 2025", date(2025, 11, 14), topic=month
        ),
    }


def titles(response) -> list[str]:
    return re.findall(
        r'class="card-title"><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def test_listing_shows_news_newest_first(client, news_index, news):
    response = client.get(news_index.url)

    assert response.status_code == 200
    assert titles(response) == [
        "Phát động Tháng hành động",
        "Ngày Quốc tế Phụ nữ 8/3",
        "Tháng hành động 2025",
    ]
    assert "15/11/2026 – 15/12/2026" in response.content.decode()


def test_listing_by_year(client, news_index, news):
    response = client.get(news_index.url, {"year": "2025"})

    assert titles(response) == ["Tháng hành động 2025"]
    assert 'href="?year=2025&amp;topic=thang-hanh-dong"' in response.content.decode()


def test_listing_by_topic_and_year(client, news_index, news):
    response = client.get(news_index.url, {"year": "2026", "topic": "thang-hanh-dong"})

    assert titles(response) == ["Phát động Tháng hành động"]


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1999"},
        {"year": "99999999999999999999999"},
        {"topic": "khong-co"},
        {"topic": "<script>alert(1)</script>"},
        {"page": "abc"},
        {"page": "-3"},
    ],
)
def test_unknown_or_malformed_filters_are_ignored(client, news_index, news, params):
    response = client.get(news_index.url, params)

    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_filter_with_no_news_says_so(client, news_index, news):
    response = client.get(news_index.url, {"year": "2025", "topic": "ngay-ky-niem"})

    assert response.status_code == 200
    assert titles(response) == []
    assert f'href="{news_index.url}"' in response.content.decode()


def test_ten_news_a_page_and_a_page_past_the_end_shows_the_last(client, news_index):
    for number in range(23):
        make_news(news_index, f"Tin số {number:02}", date(2026, 1, 1 + number))

    first = client.get(news_index.url)
    past_the_end = client.get(news_index.url, {"page": "99"})

    assert len(titles(first)) == 10
    assert titles(first)[0] == "Tin số 22"
    assert past_the_end.status_code == 200
    assert "Trang 3 / 3" in past_the_end.content.decode()
    assert titles(past_the_end) == ["Tin số 02", "Tin số 01", "Tin số 00"]


def test_draft_and_private_news_are_not_listed(client, news_index, news):
    news["women_day"].unpublish()

    response = client.get(news_index.url)

    assert "Ngày Quốc tế Phụ nữ 8/3" not in titles(response)


def test_empty_index_says_there_is_no_news(client, news_index):
    response = client.get(news_index.url)

    assert response.status_code == 200
    assert titles(response) == []


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_listing_costs_the_same_queries_for_few_or_many_news(
    client, news_index, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count the rendering, not a cached copy
    topic = make_topic()
    image = make_image()
    make_news(news_index, "Một", topic=topic, image=image)
    client.get(news_index.url)  # renditions are made on the first visit
    few = queries_for(client, news_index.url)
    assert few > 0
    for number in range(12):
        make_news(news_index, f"Tin {number}", topic=topic, image=make_image())
    client.get(news_index.url)

    with django_assert_max_num_queries(few):
        queries_for(client, news_index.url)


def test_news_page_shows_dates_topic_and_image(client, news_index):
    image = make_image(description="Lễ phát động")
    item = make_news(
        news_index,
        "Phát động Tháng hành động",
        date(2026, 11, 13),
        topic=make_topic("Tháng hành động", "thang-hanh-dong"),
        event_start=date(2026, 11, 15),
        event_end=date(2026, 12, 15),
        image=image,
        body=[("heading", "Hoạt động"), ("quote", {"text": "Nói không", "source": ""})],
    )

    response = client.get(item.url)
    body = response.content.decode()

    assert response.status_code == 200
    assert "13/11/2026" in body
    assert "15/11/2026 – 15/12/2026" in body
    assert f'href="{news_index.url}?topic=thang-hanh-dong"' in body
    assert "<picture>" in body
    assert 'type="image/avif"' in body and 'type="image/webp"' in body
    assert 'alt="Lễ phát động"' in body
    assert '<h2 class="block-heading">Hoạt động</h2>' in body
    assert "<blockquote><p>Nói không</p></blockquote>" in body


def test_one_day_event_shows_one_date(client, news_index):
    item = make_news(
        news_index,
        "Ngày Gia đình Việt Nam",
        date(2026, 6, 26),
        event_start=date(2026, 6, 28),
    )

    body = client.get(item.url).content.decode()

    assert "28/06/2026" in body
    assert "28/06/2026 –" not in body
