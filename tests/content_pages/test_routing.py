"""The home page finds a page below it in one query by URL path."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_pages.models import HomePage
from tests.factories.courses import make_course_tree

pytestmark = pytest.mark.django_db


def route(home, path):
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    components = [part for part in path.split("/") if part]
    return HomePage.objects.get(pk=home.pk).route(request, components)


def test_deep_page_is_found_with_the_same_queries_as_a_shallow_one(
    home_page, course_index
):
    course, lessons = make_course_tree(course_index, modules=1, lessons_per_module=1)
    lesson = lessons[0]
    route(home_page, lesson.url)  # content types are cached after a first lookup
    with CaptureQueriesContext(connection) as shallow:
        assert route(home_page, "/khoa-hoc/").page.pk == course_index.pk
    with CaptureQueriesContext(connection) as deep:
        result = route(home_page, lesson.url)
    assert result.page.pk == lesson.pk
    assert type(result.page).__name__ == "LessonPage"
    assert len(deep) == len(shallow) <= 3


def test_unknown_path_is_404(home_page, course_index):
    from django.http import Http404

    with pytest.raises(Http404):
        route(home_page, "/khoa-hoc/khong-co/")


def test_draft_page_is_404_even_by_exact_path(home_page, course_index):
    from django.http import Http404

    course, lessons = make_course_tree(course_index, modules=1, lessons_per_module=1)
    lessons[0].unpublish()
    with pytest.raises(Http404):
        route(home_page, lessons[0].url_path.replace(home_page.url_path, "/"))


def test_pages_are_served_through_the_fast_route(client, home_page, course_index):
    course, _lessons = make_course_tree(course_index)
    response = client.get(course.url)
    assert response.status_code == 200
    assert course.title in response.content.decode()
