"""Recomputing a course's progress costs the same queries for 3 or 30 learners."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Enrolment, LessonProgress
from courses.services import course_progress_recompute
from courses.signals import course_completed
from tests.factories import UserFactory
from tests.factories.courses import make_course_tree, make_enrolment

pytestmark = pytest.mark.django_db


def enrol_many(course, lessons, count, completed_lessons=1):
    enrolments = []
    for _ in range(count):
        enrolment = make_enrolment(UserFactory(), course)
        for lesson in lessons[:completed_lessons]:
            LessonProgress.objects.create(
                enrolment=enrolment, lesson=lesson, completed_at=timezone.now()
            )
        enrolments.append(enrolment)
    return enrolments


def queries_for(course):
    with CaptureQueriesContext(connection) as queries:
        course_progress_recompute(course=course)
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_learners(course_index):
    small, small_lessons = make_course_tree(course_index, lessons_per_module=4)
    large, large_lessons = make_course_tree(course_index, lessons_per_module=4)
    enrol_many(small, small_lessons, 3)
    enrol_many(large, large_lessons, 30)

    assert queries_for(small) == queries_for(large)


def test_progress_is_the_share_of_required_lessons_done(course_index):
    course, lessons = make_course_tree(course_index, lessons_per_module=4)
    [enrolment] = enrol_many(course, lessons, 1, completed_lessons=1)

    assert course_progress_recompute(course=course) == 1
    enrolment.refresh_from_db()
    assert enrolment.progress == 0.25
    assert enrolment.status == Enrolment.Status.ACTIVE


def test_an_enrolment_that_reaches_every_lesson_is_completed_once(
    course_index, django_capture_on_commit_callbacks
):
    course, lessons = make_course_tree(course_index, lessons_per_module=2)
    [done] = enrol_many(course, lessons, 1, completed_lessons=2)
    [halfway] = enrol_many(course, lessons, 1, completed_lessons=1)
    sent = []

    def record(sender, enrolment, **kwargs):
        sent.append(enrolment.pk)

    course_completed.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            course_progress_recompute(course=course)
            course_progress_recompute(course=course)
    finally:
        course_completed.disconnect(record)

    done.refresh_from_db()
    halfway.refresh_from_db()
    assert done.status == Enrolment.Status.COMPLETED
    assert done.progress == 1.0
    assert halfway.progress == 0.5
    assert sent == [done.pk]
