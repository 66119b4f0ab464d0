"""axe-core finds no serious or critical WCAG 2.1 AA problem on the public pages.

Each page is checked at phone width (the `page` fixture) in Vietnamese, with a
little content in it so that lists, cards and facets are there to be checked.
"""

import datetime as dt

import pytest

from content_pages.models import (
    LegalDocument,
    NewsIndexPage,
    NewsPage,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
    SchoolLevel,
    StandardPage,
)
from tests.factories.courses import (
    make_course,
    make_course_index,
    make_lesson,
    make_module,
)

from .axe import assert_no_serious_violations

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def public_site(home_page):
    """A home page with a page, news, a library with two resources, a course
    and a legal document: one of each thing the public pages list."""
    home_page.add_child(
        instance=StandardPage(
            title="Giới thiệu",
            slug="gioi-thieu",
            intro="Ban vì sự tiến bộ của phụ nữ tỉnh.",
        )
    )
    news_index = home_page.add_child(
        instance=NewsIndexPage(title="Tin tức", slug="tin-tuc")
    )
    news_index.add_child(
        instance=NewsPage(
            title="Tháng hành động vì bình đẳng giới 2026",
            slug="thang-hanh-dong-2026",
            date=dt.date(2026, 11, 15),
            summary="Từ 15/11 đến 15/12: phòng, chống bạo lực trên cơ sở giới.",
        )
    )
    library = home_page.add_child(
        instance=ResourceLibraryPage(title="Thư viện tài liệu", slug="thu-vien")
    )
    resources = [
        library.add_child(
            instance=ResourcePage(
                title=title,
                slug=slug,
                summary="Giáo án về phòng, chống bạo lực trên cơ sở giới.",
                subject="Giáo dục kinh tế và pháp luật 11",
                access=access,
            )
        )
        for title, slug, access in [
            (
                "Giáo án: Nhận diện bạo lực học đường",
                "nhan-dien-bao-luc",
                ResourcePage.Access.PUBLIC,
            ),
            (
                "Bộ tài liệu câu lạc bộ phòng chống bạo lực",
                "cau-lac-bo",
                ResourcePage.Access.TEACHERS,
            ),
        ]
    ]
    for resource in resources:
        resource.school_levels.set(SchoolLevel.objects.filter(code="thpt"))
        resource.topics.set(ResourceTopic.objects.filter(code="bao-luc-gioi"))
        resource.save()
    course_index = make_course_index(home_page)
    course = make_course(
        course_index,
        title="Phòng, chống bạo lực gia đình",
        slug="phong-chong-bao-luc",
    )
    make_lesson(make_module(course), title="Bài 1: Nhận diện bạo lực")
    LegalDocument.objects.create(
        number="73/2006/QH11",
        title="Luật Bình đẳng giới",
        kind=LegalDocument.Kind.LAW,
        issuer="Quốc hội",
        issued_on=dt.date(2006, 11, 29),
    )
    return {
        "library": library,
        "resource": resources[0],
        "teachers_only": resources[1],
        "catalogue": course_index,
    }


def check(page, path):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert_no_serious_violations(page)


def test_home_page(page, public_site):
    check(page, "/")


def test_library_listing(page, public_site):
    check(page, public_site["library"].url)


def test_library_listing_filtered_and_searched(page, public_site):
    check(page, public_site["library"].url + "?cap=thpt&chu-de=bao-luc-gioi&q=bao+luc")


def test_resource_page(page, public_site):
    check(page, public_site["resource"].url)


def test_teachers_only_resource_page(page, public_site):
    check(page, public_site["teachers_only"].url)


def test_course_catalogue(page, public_site):
    check(page, public_site["catalogue"].url)


def test_login_page(page, public_site):
    check(page, "/accounts/login/")


def test_search_results(page, public_site):
    check(page, "/tim-kiem/?q=bao+luc")


def test_search_results_of_one_kind(page, public_site):
    check(page, "/tim-kiem/?q=bao+luc&kind=resources")


def test_search_with_nothing_to_search(page, public_site):
    check(page, "/tim-kiem/?q=%25%25%25")
