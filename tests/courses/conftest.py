import pytest
from django.conf import settings
from django.test import Client

from courses.models import CoursePage, LessonPage, LessonProgress
from tests.factories.courses import make_course_tree, make_enrolment


@pytest.fixture
def english(client):
    """Pages in English, so tests read the strings as written in the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def visitor():
    """A second browser that is not logged in (`client` may be the learner's)."""
    other = Client()
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return other


@pytest.fixture
def course_and_lessons(course_index):
    """An open course of two modules with two lessons each (10 minutes a lesson)."""
    return make_course_tree(
        course_index,
        modules=2,
        lessons_per_module=2,
        title="Bình đẳng giới cơ bản",
        code="BDG-01",
    )


@pytest.fixture
def course(course_and_lessons):
    return course_and_lessons[0]


@pytest.fixture
def lessons(course_and_lessons):
    return course_and_lessons[1]


@pytest.fixture
def enrolment(learner, course):
    return make_enrolment(learner, course)


@pytest.fixture
def other_course(course_index):
    course, _lessons = make_course_tree(
        course_index, modules=1, lessons_per_module=1, title="Lồng ghép giới"
    )
    return course


@pytest.fixture
def spend():
    """Give a learner time on a lesson, as heartbeats would have counted it."""

    def spend(enrolment, lesson: LessonPage, seconds: int) -> LessonProgress:
        progress, _created = LessonProgress.objects.update_or_create(
            enrolment=enrolment,
            lesson=lesson,
            defaults={"time_spent_seconds": seconds},
        )
        return progress

    return spend


@pytest.fixture
def set_mode():
    """Change how people enrol in a course."""

    def set_mode(course: CoursePage, mode: str) -> CoursePage:
        CoursePage.objects.filter(pk=course.pk).update(enrolment_mode=mode)
        course.refresh_from_db()
        return course

    return set_mode
