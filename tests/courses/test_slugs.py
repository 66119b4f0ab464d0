"""Slugs are ASCII, folded from Vietnamese, whoever makes the page (issue 9).

A trainer's course used to get "/khoa-hoc/kh%C3%B3a-th%E1%BB%AD-…/" while the
demo's were ASCII. Titles are typed precomposed or with combining marks
(decomposed), and both must give the same slug.
"""

import json
import re
import unicodedata

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.demo_content import COURSES
from courses.models import CoursePage, LessonPage, ModulePage
from courses.services import course_copy
from lms.slugs import SLUG_FORMATTERS
from lms.text import ascii_slug
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.factories.courses import make_course, make_lesson, make_module

pytestmark = pytest.mark.django_db

TITLE = "Khóa thử: Đào tạo về bình đẳng giới ở Đắk Lắk"
EXPECTED = "khoa-thu-dao-tao-ve-binh-dang-gioi-o-dak-lak"


def decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_ascii_slug_folds_precomposed_and_decomposed_vietnamese():
    assert decomposed(TITLE) != TITLE
    assert ascii_slug(TITLE) == EXPECTED
    assert ascii_slug(decomposed(TITLE)) == EXPECTED
    assert ascii_slug("Đường dây nóng 111") == "duong-day-nong-111"


def test_demo_slugs_are_what_ascii_slug_makes():
    """The demo's hand-written slugs are already in the one slug form."""

    def slugs(node):
        yield node["slug"]
        for child in node.get("modules", []) + node.get("lessons", []):
            yield from slugs(child)

    found = [slug for course in COURSES for slug in slugs(course)]
    assert found
    assert all(slug == ascii_slug(slug) for slug in found)


def test_a_page_made_in_code_without_a_slug_gets_an_ascii_one(publishing):
    course = make_course(publishing, title=decomposed(TITLE), slug="")
    second = make_course(publishing, title=TITLE, slug="")
    module = make_module(course, title="Chuyên đề 1: Định kiến giới", slug="")

    assert course.slug == EXPECTED
    assert second.slug == f"{EXPECTED}-2"
    assert module.slug == "chuyen-de-1-dinh-kien-gioi"
    assert course.url_path.isascii() and module.url_path.isascii()


def test_a_vietnamese_slug_given_in_code_is_folded(publishing):
    course = make_course(publishing, slug="khóa-thử-đầu-tiên")

    assert CoursePage.objects.get(pk=course.pk).slug == "khoa-thu-dau-tien"


def add_course(client, publishing, **fields):
    data = {
        "title": TITLE,
        "slug": "",
        "code": "KT-01",
        "level": "basic",
        "estimated_hours": "1",
        "summary": "Thử.",
        "learning_outcomes": rich_text(""),
        "topics": "",
        "enrolment_mode": "open",
        "is_outline_public": "on",
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
    }
    data.update(fields)
    return client.post(
        reverse(
            "wagtailadmin_pages:add", args=["courses", "coursepage", publishing.pk]
        ),
        nested_form_data(data),
    )


def test_trainer_pasting_a_vietnamese_slug_in_the_admin_gets_it_folded(
    client_for, trainer, publishing
):
    response = add_course(
        client_for(trainer),
        publishing,
        title=decomposed(TITLE),
        slug=decomposed("khóa-thử-đắk-lắk"),
    )

    assert response.status_code == 302
    course = CoursePage.objects.get()
    assert course.slug == "khoa-thu-dak-lak"
    assert course.get_latest_revision_as_object().slug == "khoa-thu-dak-lak"
    assert course.url_path.isascii()


def test_a_folded_slug_that_clashes_is_refused_with_a_message_and_nothing_saved(
    client_for, trainer, publishing
):
    make_course(publishing, slug="khoa-thu-dak-lak")
    count = CoursePage.objects.count()

    response = add_course(client_for(trainer), publishing, slug="khóa-thử-đắk-lắk")

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert CoursePage.objects.count() == count


def test_the_admins_slug_box_folds_vietnamese_as_the_trainer_types(
    client_for, trainer, publishing
):
    response = client_for(trainer).get(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", publishing.pk])
    )

    body = response.content.decode()
    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', body).group(0)
    # Django leaves a False attribute out: the controller's default is ASCII.
    assert "data-w-slug-allow-unicode-value" not in slug_input
    formatters = json.loads(
        re.search(r"data-w-slug-formatters-value=\"([^\"]*)\"", slug_input)
        .group(1)
        .replace("&quot;", '"')
    )
    replacements = {replace for _regex, replace in formatters}
    assert {"a", "d", "o", "u", ""} <= replacements
    assert len(formatters) == len(SLUG_FORMATTERS)


def test_modules_and_lessons_fold_their_slugs_too(publishing):
    module = make_module(make_course(publishing), slug="chuyên-đề-một")
    lesson = make_lesson(module, title=decomposed("Bài 1: Định kiến"), slug="")

    assert ModulePage.objects.get(pk=module.pk).slug == "chuyen-de-mot"
    assert LessonPage.objects.get(pk=lesson.pk).slug == "bai-1-dinh-kien"


def test_a_copy_for_a_new_edition_gets_its_vietnamese_slug_folded(
    trainer, trainer_course
):
    copy = course_copy(
        course=trainer_course,
        user=trainer,
        new_title="Lồng ghép giới 2027",
        new_slug=decomposed("lồng-ghép-giới-2027"),
        new_code="LGG-2027",
    )

    assert copy.slug == "long-ghep-gioi-2027"
    assert copy.url_path.isascii()
