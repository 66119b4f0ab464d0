"""The public pages render: a standard page with every kind of block, pictures in
modern formats, and the home page's sections at a fixed query cost."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_pages.models import (
    HomePageHighlight,
    ResourceLibraryPage,
    ResourcePage,
)
from tests.content_pages.public_builders import (
    make_document,
    make_image,
    make_news,
    make_news_index,
    make_standard_page,
)

pytestmark = pytest.mark.django_db


def test_standard_page_renders_every_block(client, home_page):
    image = make_image(description="Ảnh mặc định")
    decorative = make_image(title="Hoa văn")
    document = make_document("Kế hoạch 72/KH-UBND", "ke-hoach.pdf")
    page = make_standard_page(
        home_page,
        intro="Ban giúp Ủy ban nhân dân tỉnh.",
        body=[
            {"type": "heading", "value": "Vai trò"},
            {"type": "paragraph", "value": "<p>Tham mưu cho tỉnh.</p>"},
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Hội nghị triển khai",
                    "decorative": False,
                },
            },
            {
                "type": "image",
                "value": {"image": decorative.pk, "alt_text": "", "decorative": True},
            },
            {"type": "document", "value": document.pk},
            {
                "type": "quote",
                "value": {"text": "Nam, nữ bình đẳng", "source": "Hiến pháp"},
            },
            {
                "type": "table",
                "value": {
                    "data": [["Năm", "Số lớp"], ["2026", "3"]],
                    "first_row_is_table_header": True,
                },
            },
        ],
    )

    response = client.get(page.url)
    body = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Giới thiệu</h1>" in body
    assert "Ban giúp Ủy ban nhân dân tỉnh." in body
    assert '<h2 class="block-heading">Vai trò</h2>' in body
    assert "Tham mưu cho tỉnh." in body
    assert 'alt="Hội nghị triển khai"' in body
    assert 'alt=""' in body
    assert f'href="{document.url}"' in body and "(PDF" in body
    assert "— Hiến pháp" in body
    assert '<div class="table-wrap">' in body and "Số lớp" in body


def test_pictures_come_in_avif_and_webp_with_sizes_and_lazy_loading(client, home_page):
    index = make_news_index(home_page)
    item = make_news(index, "Tin có ảnh", image=make_image(size=(1600, 900)))

    body = client.get(item.url).content.decode()
    picture = body[body.index("<picture>") : body.index("</picture>")]

    assert re.search(r'<source [^>]*type="image/avif"', picture)
    assert re.search(r'<source [^>]*type="image/webp"', picture)
    assert " 480w" in picture and " 800w" in picture and " 1200w" in picture
    assert 'loading="lazy"' in picture
    assert 'width="' in picture and 'height="' in picture
    assert 'sizes="' in picture
    assert ".jpg" in picture  # the fallback for browsers without either format


def make_library_with_resources(home_page, count):
    library = home_page.add_child(
        instance=ResourceLibraryPage(title="Thư viện", slug="thu-vien")
    )
    resources = []
    for number in range(count):
        resources.append(
            library.add_child(
                instance=ResourcePage(
                    title=f"Giáo án {number}",
                    slug=f"giao-an-{number}",
                    summary="Giáo án về bình đẳng giới.",
                    access=(
                        ResourcePage.Access.TEACHERS
                        if number == 0
                        else ResourcePage.Access.PUBLIC
                    ),
                    thumbnail=make_image(title=f"Ảnh {number}"),
                )
            )
        )
    return resources


def test_home_page_shows_intro_latest_news_and_newest_resources(client, home_page):
    home_page.intro = "<p>Nền tảng bồi dưỡng.</p>"
    home_page.save()
    index = make_news_index(home_page)
    for day in range(1, 6):
        make_news(index, f"Tin ngày {day}", date(2026, 3, day))
    make_library_with_resources(home_page, 5)

    response = client.get("/")
    body = response.content.decode()

    assert response.status_code == 200
    assert "Nền tảng bồi dưỡng." in body
    assert "Tin ngày 5" in body and "Tin ngày 3" in body
    assert "Tin ngày 2" not in body
    assert 'href="/tin-tuc/"' in body
    # The newest three public resources; the teachers-only one is not put forward.
    assert "Giáo án 4" in body and "Giáo án 2" in body
    assert "Giáo án 1" not in body and "Giáo án 0" not in body


def test_home_page_shows_the_chosen_resources_in_their_order(client, home_page):
    resources = make_library_with_resources(home_page, 4)
    for order, resource in enumerate([resources[1], resources[0]]):
        HomePageHighlight.objects.create(
            page=home_page, resource=resource, sort_order=order
        )

    body = client.get("/").content.decode()

    assert body.index("Giáo án 1") < body.index("Giáo án 0")
    assert "Giáo án 3" not in body


def test_home_page_without_news_or_resources_hides_those_sections(client, home_page):
    body = client.get("/").content.decode()

    assert 'id="home-news-title"' not in body
    assert 'id="home-resources-title"' not in body


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_home_page_costs_the_same_queries_for_few_or_many_items(
    client, home_page, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count the rendering, not a cached copy
    index = make_news_index(home_page)
    make_news(index, "Tin 1", image=make_image())
    resources = make_library_with_resources(home_page, 2)
    client.get("/")
    few = queries_for(client, "/")
    assert few > 0
    for number in range(10):
        make_news(index, f"Tin thêm {number}", image=make_image())
    resources += make_library_with_resources_more(resources[0].get_parent(), 10)
    client.get("/")

    with django_assert_max_num_queries(few):
        queries_for(client, "/")


def make_library_with_resources_more(library, count):
    return [
        library.add_child(
            instance=ResourcePage(
                title=f"Tài liệu {number}",
                slug=f"tai-lieu-{number}",
                summary="Tài liệu.",
                thumbnail=make_image(title=f"Ảnh thêm {number}"),
            )
        )
        for number in range(count)
    ]
