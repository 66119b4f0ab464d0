"""Fixtures for the admin side of courses (trainers, reviewers, unit managers).

The test modules of the admin side star-import the fixtures (`__all__`), which
keeps them apart from tests/courses/conftest.py (the learners' side) and out of
the way of ruff's unused-import and redefinition checks.
"""

import pytest
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.services import course_publishing_setup
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.courses import make_course, make_course_tree

__all__ = [
    "client_for",
    "draft_course",
    "other_course",
    "other_trainer",
    "publishing",
    "reviewer",
    "trainer",
    "trainer_course",
]


@pytest.fixture
def publishing(course_index):
    """The catalogue under review, with each role's page permissions."""
    course_publishing_setup(course_index=course_index)
    return course_index


@pytest.fixture
def trainer(province):
    return UserFactory(
        username="giangvien",
        full_name="Lê Thị Hương",
        unit=province,
        roles=[Role.TRAINER],
    )


@pytest.fixture
def other_trainer(province):
    return UserFactory(
        username="giangvien2",
        full_name="Hồ Văn Nam",
        unit=province,
        roles=[Role.TRAINER],
    )


@pytest.fixture
def reviewer(province):
    return UserFactory(
        username="thamdinh",
        full_name="Trần Thị Duyệt",
        unit=province,
        roles=[Role.REVIEWER],
    )


@pytest.fixture
def trainer_course(publishing, trainer):
    """A live course the trainer owns, with one module of two lessons."""
    course, _lessons = make_course_tree(
        publishing,
        owner=trainer,
        title="Lồng ghép giới trong xây dựng văn bản 2026",
        slug="long-ghep-gioi-2026",
        code="LGG-2026",
    )
    return course


@pytest.fixture
def draft_course(publishing, trainer):
    """A course the trainer owns and has not yet had published."""
    return make_course(
        publishing,
        owner=trainer,
        live=False,
        title="Phòng chống bạo lực trên cơ sở giới",
        slug="phong-chong-bao-luc",
        code="PCBL-2026",
    )


@pytest.fixture
def other_course(publishing, other_trainer):
    course, _lessons = make_course_tree(
        publishing,
        owner=other_trainer,
        title="Kỹ năng tư vấn pháp luật hôn nhân",
        slug="tu-van-hon-nhan",
        code="TVHN-2026",
    )
    return course


@pytest.fixture
def client_for(db):
    """A separate logged-in test client per person."""

    def client_for(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return client_for


def course_form(course, **changes) -> dict:
    """The course edit form as the admin posts it."""
    data = {
        "title": course.title,
        "slug": course.slug,
        "code": course.code,
        "level": course.level,
        "estimated_hours": str(course.estimated_hours),
        "summary": course.summary,
        "learning_outcomes": rich_text("<p>Hiểu khái niệm giới.</p>"),
        "topics": "",
        "enrolment_mode": course.enrolment_mode,
        "is_outline_public": "on",
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)
