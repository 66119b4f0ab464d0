"""Copying a course for next year's edition: all modules and lessons, as drafts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses.models import CoursePage, Enrolment, LessonPage, ModulePage
from courses.services import (
    COPY_SLUG_TAKEN,
    COPY_TITLE_REQUIRED,
    course_copy,
)
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.factories.courses import make_enrolment

pytestmark = pytest.mark.django_db


def copy_url(course):
    return reverse("course_copy:copy", args=[course.pk])


def page_count():
    return (
        CoursePage.objects.count(),
        ModulePage.objects.count(),
        LessonPage.objects.count(),
    )


def test_trainer_copies_their_course_with_every_module_and_lesson(
    client_for, trainer, learner, trainer_course
):
    make_enrolment(learner, trainer_course)

    response = client_for(trainer).post(
        copy_url(trainer_course),
        {
            "new_title": "Lồng ghép giới trong xây dựng văn bản 2027",
            "new_slug": "long-ghep-gioi-2027",
            "new_code": "LGG-2027",
        },
    )

    copy = CoursePage.objects.get(slug="long-ghep-gioi-2027")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=[copy.pk])
    assert copy.title == "Lồng ghép giới trong xây dựng văn bản 2027"
    assert copy.code == "LGG-2027"
    assert copy.get_parent().pk == trainer_course.get_parent().pk
    assert not copy.live
    assert copy.owner == trainer
    lessons = LessonPage.objects.descendant_of(copy)
    assert ModulePage.objects.child_of(copy).count() == 1
    assert lessons.count() == 2
    assert not lessons.live().exists()
    assert set(lessons.values_list("owner", flat=True)) == {trainer.pk}
    assert not Enrolment.objects.filter(course=copy).exists()
    trainer_course.refresh_from_db()
    assert trainer_course.live
    assert trainer_course.code == "LGG-2026"


def test_copy_form_suggests_next_years_edition(client_for, trainer, trainer_course):
    form = client_for(trainer).get(copy_url(trainer_course)).context["form"]

    assert form.initial == {
        "new_title": "Lồng ghép giới trong xây dựng văn bản 2027",
        "new_slug": "long-ghep-gioi-2027",
        "new_code": "LGG-2027",
    }


def test_a_trainer_listed_on_the_course_may_copy_it(trainer, other_course):
    other_course.trainers.add(trainer)
    other_course.save()

    copy = course_copy(
        course=other_course,
        user=trainer,
        new_title="Tư vấn pháp luật hôn nhân 2027",
        new_slug="tu-van-hon-nhan-2027",
        new_code="TVHN-2027",
    )

    assert copy.owner == trainer
    assert LessonPage.objects.descendant_of(copy).count() == 2


# --- Bad input ---------------------------------------------------------------------------


def test_a_slug_already_used_in_the_catalogue_is_refused_and_nothing_is_copied(
    client_for, trainer, trainer_course, other_course
):
    before = page_count()

    response = client_for(trainer).post(
        copy_url(trainer_course),
        {"new_title": "Bản sao", "new_slug": other_course.slug, "new_code": "X-1"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_slug"] == [
        str(COPY_SLUG_TAKEN) % {"slug": other_course.slug}
    ]
    assert page_count() == before


def test_an_empty_title_is_refused_and_nothing_is_copied(
    client_for, trainer, trainer_course
):
    before = page_count()

    response = client_for(trainer).post(
        copy_url(trainer_course),
        {"new_title": "   ", "new_slug": "ban-sao", "new_code": "X-1"},
    )

    assert response.context["form"].errors["new_title"] == [str(COPY_TITLE_REQUIRED)]
    assert page_count() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [("new_slug", "có dấu cách"), ("new_code", ""), ("new_code", "X" * 31)],
)
def test_service_refuses_bad_slug_or_code(trainer, trainer_course, field, value):
    data = {"new_title": "Bản sao", "new_slug": "ban-sao", "new_code": "X-1"}
    data[field] = value
    before = page_count()

    with pytest.raises(ValidationError) as error:
        course_copy(course=trainer_course, user=trainer, **data)

    assert field in error.value.message_dict
    assert page_count() == before


# --- The wrong user ------------------------------------------------------------------------


def test_another_trainer_cannot_copy_the_course(
    client_for, other_trainer, trainer_course
):
    before = page_count()
    client = client_for(other_trainer)

    shown = client.get(copy_url(trainer_course))
    posted = client.post(
        copy_url(trainer_course),
        {"new_title": "Của tôi", "new_slug": "cua-toi", "new_code": "X-1"},
    )

    assert shown.status_code == 302
    assert shown.url == reverse("wagtailadmin_home")
    assert posted.status_code == 302
    assert page_count() == before
    with pytest.raises(PermissionDenied):
        course_copy(
            course=trainer_course,
            user=other_trainer,
            new_title="Của tôi",
            new_slug="cua-toi",
            new_code="X-1",
        )


@pytest.mark.parametrize("who", ["learner", "reviewer"])
def test_learners_and_reviewers_cannot_copy(
    client_for, who, learner, reviewer, trainer_course
):
    user = {"learner": learner, "reviewer": reviewer}[who]
    before = page_count()

    response = client_for(user).post(
        copy_url(trainer_course),
        {"new_title": "Bản sao", "new_slug": "ban-sao", "new_code": "X-1"},
    )

    assert response.status_code == 302
    assert page_count() == before


def test_the_copy_button_shows_only_on_courses_one_may_copy(
    client_for, trainer, trainer_course, other_course
):
    listing = client_for(trainer).get(
        reverse("wagtailadmin_explore", args=[trainer_course.get_parent().pk])
    )
    content = listing.content.decode()

    assert copy_url(trainer_course) in content
    assert copy_url(other_course) not in content
