"""The demo course catalogue: five courses with real content, demo progress, idempotent."""

import re
import sys
import types
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from content_pages.models import HomePage
from courses import selectors
from courses.blocks import LessonStreamBlock
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from courses.services import lesson_required_seconds
from people.models import TargetGroup, User

pytestmark = pytest.mark.django_db

MODES = {
    "K1-2026": CoursePage.EnrolmentMode.OPEN,
    "K2-2026": CoursePage.EnrolmentMode.APPROVAL,
    "K3-2026": CoursePage.EnrolmentMode.OPEN,
    "K4-2026": CoursePage.EnrolmentMode.ASSIGNED,
    "K5-2026": CoursePage.EnrolmentMode.OPEN,
}
LESSON_COUNTS = {"K1-2026": {6}, "K2-2026": {4}, "K3-2026": {5}, "K4-2026": {4}}
LESSON_COUNTS["K5-2026"] = {3, 4}


def seed(*extra):
    call_command("seed_demo_people", verbosity=0)
    call_command("seed_demo_content_pages", verbosity=0)
    call_command("seed_demo_courses", *extra, verbosity=0)


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    seed()


def course(code) -> CoursePage:
    return CoursePage.objects.get(code=code)


def lessons_of(page):
    return LessonPage.objects.descendant_of(page).order_by("path")


def block_texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"level", "kind", "id", "type"}:
                yield from block_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from block_texts(item)


def word_count(lesson) -> int:
    text = " ".join(block_texts(lesson.body.get_prep_value()))
    return len(re.sub(r"<[^>]+>", " ", text).split())


def snapshot():
    """Everything a second run must leave exactly as it was."""
    return {
        "pages": {
            model.__name__: model.objects.count()
            for model in (CourseIndexPage, CoursePage, ModulePage, LessonPage)
        },
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "enrolments": sorted(
            Enrolment.objects.values_list(
                "learner__username",
                "course__code",
                "status",
                "source",
                "progress",
                "due_date",
                "completed_at",
                "assigned_by__username",
            )
        ),
        "progress rows": sorted(
            LessonProgress.objects.values_list(
                "enrolment_id", "lesson_id", "time_spent_seconds", "completed_at"
            )
        ),
    }


def test_five_courses_with_codes_and_enrolment_modes(seeded):
    assert dict(CoursePage.objects.values_list("code", "enrolment_mode")) == MODES
    assert CoursePage.objects.live().count() == 5
    assert CoursePage.objects.filter(is_outline_public=False).count() == 1


def test_every_demo_course_is_listed_with_an_ascii_address(seeded):
    """Issue 9: only courses with a live lesson are listed; the demo's all are."""
    index = CourseIndexPage.objects.get()
    listed = selectors.catalogue_course_queryset(index=index)

    assert set(listed.values_list("code", flat=True)) == set(MODES)
    for page in [index, *index.get_descendants()]:
        assert page.url_path.isascii(), page.url_path


def test_catalogue_sits_under_the_home_page_and_is_published_with_history(seeded):
    index = CourseIndexPage.objects.get()
    assert (index.title, index.slug) == ("Khóa học", "khoa-hoc")
    assert index.get_parent().specific_class is HomePage
    trainer = User.objects.get(username="trainer")
    for page in [index, *index.get_descendants()]:
        assert page.live, page
        assert page.live_revision_id is not None, page
        assert page.first_published_at is not None, page
        assert page.owner == trainer, page
        assert PageLogEntry.objects.filter(
            page=page, action="wagtail.publish", user=trainer
        ).exists(), page


def test_courses_carry_their_catalogue_fields(seeded):
    trainer = User.objects.get(username="trainer")
    group_codes = set(TargetGroup.objects.values_list("code", flat=True))
    for page in CoursePage.objects.all():
        assert page.summary and len(page.summary) <= 600
        assert "<li>" in page.learning_outcomes
        assert page.level in CoursePage.Level.values
        assert page.estimated_hours > 0
        assert list(page.trainers.all()) == [trainer]
        assert page.organising_organisation.code in {"SNV-QNG", "SGDDT-QNG", "STP-QNG"}
        codes = set(page.target_groups.values_list("code", flat=True))
        assert codes and codes <= group_codes
        assert page.topics.count() >= 3
    assert course("K1-2026").estimated_hours == Decimal("12")
    assert set(course("K2-2026").target_groups.values_list("code", flat=True)) == {
        "soan-thao-vbqppl"
    }
    assert "lồng ghép giới" in course("K2-2026").topics.names()


def test_every_lesson_has_real_teaching_content(seeded):
    stream_block = LessonStreamBlock()
    for code, counts in LESSON_COUNTS.items():
        page = course(code)
        lessons = list(lessons_of(page))
        assert len(lessons) in counts, code
        types_in_course = set()
        for lesson in lessons:
            kinds = [block.block_type for block in lesson.body]
            types_in_course.update(kinds)
            assert kinds, lesson
            assert 300 <= word_count(lesson) <= 900, (lesson, word_count(lesson))
            assert 10 <= lesson.estimated_minutes <= 45, lesson
            stream_block.clean(lesson.body)  # valid as an editor would save it
        assert types_in_course & {"law_quotation", "callout"}, code
        assert {"heading", "paragraph", "reflection"} <= types_in_course, code
        for module in ModulePage.objects.child_of(page):
            module_kinds = {
                block.block_type
                for lesson in lessons_of(module)
                for block in lesson.body
            }
            assert "accordion" in module_kinds, module
    all_lessons = LessonPage.objects.all()
    assert all_lessons.filter(is_required=False).exists()
    assert all_lessons.filter(is_required=True).count() > all_lessons.count() / 2
    kinds = {b.block_type for lesson in all_lessons for b in lesson.body}
    assert {"law_quotation", "callout", "accordion", "table"} <= kinds
    first = course("K1-2026")
    quotes = [
        b.value
        for lesson in lessons_of(first)
        for b in lesson.body
        if b.block_type == "law_quotation"
    ]
    assert any(
        q["article"].startswith("Điều 5") and "Giới chỉ đặc điểm" in q["text"]
        for q in quotes
    )


def test_running_twice_adds_and_changes_nothing(seeded):
    before = snapshot()

    call_command("seed_demo_courses", verbosity=0)
    seed()

    assert snapshot() == before
    assert before["enrolments"] and before["progress rows"]


def test_demo_progress_covers_every_stage(seeded):
    today = timezone.localdate()
    manager = User.objects.get(username="manager")
    k1 = Enrolment.objects.filter(course__code="K1-2026")
    assert k1.filter(status=Enrolment.Status.COMPLETED, progress=1).count() >= 3
    assert k1.filter(
        status=Enrolment.Status.ACTIVE, progress__gt=0, progress__lt=1
    ).exists()
    assert k1.filter(status=Enrolment.Status.ACTIVE, progress=0).exists()
    assert (
        Enrolment.objects.filter(
            course__code="K2-2026", status=Enrolment.Status.PENDING
        ).count()
        >= 3
    )
    assigned = Enrolment.objects.filter(
        course__code="K4-2026", source=Enrolment.Source.ASSIGNED
    )
    assert assigned.count() >= 3
    assert not assigned.exclude(assigned_by=manager).exists()
    assert not assigned.filter(due_date__isnull=True).exists()
    assert not assigned.filter(due_date__lte=today).exists()
    for row in LessonProgress.objects.filter(completed_at__isnull=False):
        assert row.time_spent_seconds >= lesson_required_seconds(row.lesson)


def test_learner_sees_in_progress_completed_and_assigned_courses(seeded):
    mine = Enrolment.objects.filter(learner__username="learner")

    assert mine.filter(
        status=Enrolment.Status.ACTIVE, progress__gt=0, progress__lt=1
    ).exists()
    assert mine.filter(status=Enrolment.Status.COMPLETED).exists()
    assigned = mine.get(source=Enrolment.Source.ASSIGNED)
    assert assigned.due_date > timezone.localdate()
    assert assigned.status == Enrolment.Status.ACTIVE
    assert mine.exclude(resume_lesson=None).exists()


def test_update_flag_restores_edited_demo_text(seeded):
    lesson = lessons_of(course("K1-2026")).first().specific
    original = lesson.title
    lesson.title = "Sửa thử"
    lesson.save_revision().publish()

    call_command("seed_demo_courses", verbosity=0)
    assert LessonPage.objects.get(pk=lesson.pk).title == "Sửa thử"  # left alone

    call_command("seed_demo_courses", "--update", verbosity=0)
    assert LessonPage.objects.get(pk=lesson.pk).title == original
    revisions = Revision.objects.count()
    call_command("seed_demo_courses", "--update", verbosity=0)
    assert Revision.objects.count() == revisions  # nothing else differed


def test_calls_the_publishing_setup_when_it_exists(settings, monkeypatch):
    settings.DEBUG = True
    calls = []
    fake = types.ModuleType("courses.services.publishing")
    fake.course_publishing_setup = lambda *, course_index: calls.append(course_index)
    monkeypatch.setitem(sys.modules, "courses.services.publishing", fake)

    seed()

    assert calls == [CourseIndexPage.objects.get()]
