"""Reloading a lesson within a minute writes nothing; later it does."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import LessonProgress
from courses.services import lesson_view_record
from tests.factories.courses import make_course_tree, make_enrolment

pytestmark = pytest.mark.django_db


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]


def test_reload_within_a_minute_writes_nothing(course_index, learner):
    course, lessons = make_course_tree(course_index)
    enrolment = make_enrolment(learner, course)
    lesson_view_record(enrolment=enrolment, lesson=lessons[0])
    enrolment.refresh_from_db()

    with CaptureQueriesContext(connection) as queries:
        lesson_view_record(enrolment=enrolment, lesson=lessons[0])

    assert writes(queries) == []


def test_a_later_view_or_another_lesson_is_recorded(course_index, learner):
    course, lessons = make_course_tree(course_index)
    enrolment = make_enrolment(learner, course)
    lesson_view_record(enrolment=enrolment, lesson=lessons[0])
    enrolment.refresh_from_db()
    LessonProgress.objects.update(last_viewed_at=timezone.now() - timedelta(seconds=61))

    with CaptureQueriesContext(connection) as queries:
        lesson_view_record(enrolment=enrolment, lesson=lessons[0])
    assert len(writes(queries)) == 2

    lesson_view_record(enrolment=enrolment, lesson=lessons[1])
    enrolment.refresh_from_db()
    assert enrolment.resume_lesson_id == lessons[1].pk
