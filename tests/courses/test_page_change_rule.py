"""The one rule behind the admin's before_* page hooks (course_page_change_refusal)."""

import pytest

from courses.models import LessonPage, ModulePage
from courses.services import (
    COURSE_PAGE_OUTSIDE_OWN_COURSE,
    COURSE_PART_NOT_SUBMITTED_ALONE,
    CoursePageChange,
    course_page_change_refusal,
)
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.factories.courses import make_module

pytestmark = pytest.mark.django_db
Change = CoursePageChange


def refusal(
    user, change, target, page_class=ModulePage, *, posted=True, submitting=False
):
    return course_page_change_refusal(
        user=user,
        change=change,
        target=target,
        page_class=page_class,
        posted=posted,
        submitting=submitting,
    )


def test_a_trainer_writes_in_their_own_course(trainer, trainer_course):
    assert refusal(trainer, Change.CREATE, trainer_course) is None
    assert refusal(trainer, Change.PLACE, trainer_course) is None
    module = make_module(trainer_course, owner=trainer, live=False)
    assert refusal(trainer, Change.EDIT, module, ModulePage) is None


def test_pages_go_only_into_courses_the_trainer_may_write_in(trainer, other_course):
    expected = str(COURSE_PAGE_OUTSIDE_OWN_COURSE)
    assert refusal(trainer, Change.CREATE, other_course, posted=False) == expected
    assert refusal(trainer, Change.PLACE, other_course) == expected


def test_a_course_part_is_not_submitted_alone(trainer, trainer_course):
    assert refusal(trainer, Change.CREATE, trainer_course, submitting=True) == str(
        COURSE_PART_NOT_SUBMITTED_ALONE
    )
    module = make_module(trainer_course, owner=trainer, live=False)
    # Only a POST is judged; showing the form is not refused.
    assert (
        refusal(
            trainer, Change.CREATE, module, LessonPage, posted=False, submitting=True
        )
        is None
    )
