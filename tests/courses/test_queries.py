"""Budgets (DESIGN.md §7): the lesson page, the course page and the catalogue cost
the same number of queries for a course of 5 lessons as for one of 200, My
learning the same for 2 courses as for 12, a heartbeat one read and two writes,
and a lesson page stays far under 60 KB gzip."""

import gzip
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage
from courses.services import lesson_complete
from tests.factories import TargetGroupFactory
from tests.factories.courses import make_course, make_course_tree, make_enrolment

pytestmark = pytest.mark.django_db

# Measured on SQLite with Wagtail 8.0.1, through the test client: the session
# costs nothing, the user one query. With Wagtail's routing remembered
# (lms.page_routes) a page costs the page itself and the user; the rest is the
# page's own work: the learner's enrolment with its progress (one query) and
# nothing else, the course's outline and published facts coming from the cache
# under the content version. A lesson's first visit goes through Wagtail's
# routing once more (a path not seen before) and records the view.
LESSON_PAGE_FIRST_VISIT_QUERIES = 16
LESSON_PAGE_QUERIES = 3
COURSE_PAGE_QUERIES = 3
COURSE_PAGE_VISITOR_QUERIES = 1
CATALOGUE_QUERIES = 3
CATALOGUE_FILTERED_QUERIES = 5
# My learning: the user, the enrolments, the site (for page URLs), the
# training classes, the certificates.
DASHBOARD_QUERIES = 4  # user, enrolments, classes, certificates (the site from memory)
# The user, the progress row (with the enrolment and the lesson checked in the
# same query), the time counted and the enrolment's last activity.
HEARTBEAT_QUERIES = 4
LESSON_PAGE_GZIP_BYTES = 60 * 1024


def queries_for(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def small_and_big(course_index, learner, spend):
    """Two courses the learner takes, of 5 and 200 lessons, 3 lessons done in each."""
    courses = []
    for modules, per_module in ((1, 5), (10, 20)):
        course, lessons = make_course_tree(
            course_index, modules=modules, lessons_per_module=per_module
        )
        enrolment = make_enrolment(learner, course)
        for lesson in lessons[:3]:
            spend(enrolment, lesson, 600)
            lesson_complete(learner=learner, lesson=lesson)
        courses.append((course, lessons))
    assert len(courses[1][1]) == 200
    return courses


def test_lesson_page_costs_the_same_whatever_the_size_of_the_course(
    learner_client, small_and_big, django_assert_max_num_queries
):
    counts = []
    for _course, lessons in small_and_big:
        learner_client.get(lessons[0].url)  # warm the caches (site, content types)
        with django_assert_max_num_queries(LESSON_PAGE_FIRST_VISIT_QUERIES):
            counts.append(queries_for(learner_client, lessons[3].url))
        # A second visit only reads.
        with django_assert_max_num_queries(LESSON_PAGE_QUERIES):
            counts.append(queries_for(learner_client, lessons[3].url))

    assert counts[0] == counts[2]
    assert counts[1] == counts[3]


def test_lesson_page_of_a_big_course_is_light(learner_client, small_and_big):
    _course, lessons = small_and_big[1]

    html = learner_client.get(lessons[100].url).content
    assets = b"".join(
        Path(finders.find(path)).read_bytes()
        for path in ("lms/site.css", "courses/lesson.js")
    )

    assert len(gzip.compress(html)) + len(gzip.compress(assets)) < (
        LESSON_PAGE_GZIP_BYTES / 4
    )


def test_course_page_costs_the_same_whatever_the_size_of_the_course(
    client, learner, small_and_big, course_index, django_assert_max_num_queries
):
    """For a visitor and for the learner; trainers, groups, topics and
    prerequisites come from the cache under the content version."""
    visitor, learner_counts = [], []
    for course, _lessons in small_and_big:
        client.logout()
        client.get(course.url)
        with django_assert_max_num_queries(COURSE_PAGE_VISITOR_QUERIES):
            visitor.append(queries_for(client, course.url))
        client.force_login(learner)
        client.get(course.url)
        with django_assert_max_num_queries(COURSE_PAGE_QUERIES):
            learner_counts.append(queries_for(client, course.url))
    assert visitor[0] == visitor[1]
    assert learner_counts[0] == learner_counts[1]

    course, _lessons = small_and_big[1]
    course.target_groups.add(TargetGroupFactory(), TargetGroupFactory())
    course.topics.add("a", "b", "c")
    course.prerequisites.add(make_course(course_index), small_and_big[0][0])
    course.save()
    client.get(course.url)  # a new content version: the caches fill again
    # No more queries: which prerequisites the learner completed comes with
    # the learner's enrolment, the rest from the cache.
    assert queries_for(client, course.url) == learner_counts[1]


def test_catalogue_costs_the_same_for_a_few_courses_or_many(
    learner_client, learner, course_index, small_and_big, django_assert_max_num_queries
):
    learner_client.get(course_index.url)
    few = queries_for(learner_client, course_index.url)
    few_filtered = queries_for(learner_client, course_index.url, level="basic")
    for number in range(30):
        course = make_course(course_index, title=f"Khóa thêm {number}")
        if number % 3 == 0:
            make_enrolment(learner, course)

    assert CoursePage.objects.count() == 32
    learner_client.get(course_index.url)  # a new content version: caches fill
    with django_assert_max_num_queries(CATALOGUE_QUERIES):
        many = queries_for(learner_client, course_index.url)
    assert few == many
    assert few_filtered == queries_for(learner_client, course_index.url, level="basic")
    assert few_filtered <= CATALOGUE_FILTERED_QUERIES
    assert (
        queries_for(learner_client, course_index.url, q="Khóa")
        <= CATALOGUE_FILTERED_QUERIES
    )


def test_my_learning_costs_the_same_for_two_courses_or_many(
    learner_client, learner, course_index, small_and_big
):
    learner_client.get("/learning/")
    few = queries_for(learner_client, "/learning/")
    for number in range(10):
        make_enrolment(learner, make_course(course_index, title=f"Khóa thêm {number}"))
    learner_client.get("/learning/")  # a new content version: caches fill

    assert few == queries_for(learner_client, "/learning/") <= DASHBOARD_QUERIES


def test_a_heartbeat_reads_once_and_writes_twice(
    learner_client, small_and_big, django_assert_max_num_queries
):
    _course, lessons = small_and_big[1]
    learner_client.get(lessons[100].url)
    url = f"/learning/lessons/{lessons[100].pk}/heartbeat/"

    with django_assert_max_num_queries(HEARTBEAT_QUERIES):
        response = learner_client.post(url, {"seconds": "30"})
    assert response.status_code == 200
