"""A course is submitted once, reviewed whole and published whole (issue 9).

In Chromium through the real admin: a trainer writes a course, a module and a
lesson as drafts and submits the course alone; the reviewer's preview of the
course shows the draft lesson and its text; approving publishes all three; a
learner finds the course in the catalogue with its lesson and enrols.
"""

import re
import unicodedata

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, LessonPage, ModulePage
from courses.services import REVIEW_WORKFLOW_NAME, course_publishing_setup
from lms.text import ascii_slug
from people.roles import Role
from tests.e2e.test_course_path import (
    add_child_page,
    admin_log_in,
    field,
    fill_title,
    footer_action,
    save_draft,
)
from tests.factories import UserFactory
from tests.factories.people import TEST_PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COURSE_TITLE = "Kỹ năng hòa giải ở cơ sở"
MODULE_TITLE = "Chuyên đề 1: Hòa giải và giới"
LESSON_TITLE = "Bài 1: Lắng nghe không định kiến"
LESSON_TEXT = "Hòa giải viên lắng nghe cả hai bên như nhau."


@pytest.fixture
def people(province):
    def person(username, full_name, role):
        return UserFactory(
            username=username, full_name=full_name, unit=province, roles=[role]
        )

    return {
        "trainer": person("giangvien", "Lê Thị Hương", Role.TRAINER),
        "reviewer": person("thamdinh", "Trần Thị Duyệt", Role.REVIEWER),
        "learner": person("hocvien", "Nguyễn Thị Hoa", Role.LEARNER),
    }


def site_log_in(page, user) -> None:
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(user.username)
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_course_is_submitted_once_reviewed_whole_and_published_whole(
    new_page, home_page, course_index, people, screenshot_dir
):
    course_publishing_setup(course_index=course_index)

    # 1. The trainer writes a course, a module and a lesson, all drafts.
    trainer = new_page()
    admin_log_in(trainer, people["trainer"])
    trainer.goto("/admin/pages/")
    add_child_page(trainer)
    fill_title(trainer, COURSE_TITLE)
    field(trainer, "Code").fill("HG-2026")
    field(trainer, "Summary").fill("Hòa giải ở cơ sở có lồng ghép giới.")
    course_id = save_draft(trainer)

    trainer.goto(f"/admin/pages/{course_id}/")
    add_child_page(trainer)
    fill_title(trainer, MODULE_TITLE)
    module_id = save_draft(trainer)
    # A module is saved, never submitted alone: it goes out with its course.
    expect(trainer.locator(".messages")).to_contain_text("reviewed with their course")

    trainer.goto(f"/admin/pages/{module_id}/")
    add_child_page(trainer)
    fill_title(trainer, LESSON_TITLE)
    field(trainer, "Estimated minutes", "spinbutton").fill("5")
    trainer.get_by_role("button", name="Insert a block").first.click()
    trainer.get_by_role("option", name="Text", exact=True).click()
    editor = trainer.locator(".DraftEditor-root [contenteditable=true]")
    editor.click()
    editor.press_sequentially(LESSON_TEXT)
    expect(trainer.locator("input[name='body-0-value']")).to_have_value(
        re.compile(re.escape(LESSON_TEXT))
    )
    lesson_id = save_draft(trainer)
    footer = trainer.get_by_role("navigation", name="Actions (footer)")
    expect(footer.get_by_role("button", name=re.compile("^Submit"))).to_have_count(0)

    # ... and submits the course, once.
    trainer.goto(f"/admin/pages/{course_id}/edit/")
    footer_action(trainer, f"Submit to {REVIEW_WORKFLOW_NAME}")
    expect(trainer.locator(".messages .success")).to_contain_text(
        "submitted for moderation"
    )
    trainer.screenshot(path=str(screenshot_dir / "review-course-submitted.png"))

    # 2. The reviewer has one thing to review: the course, and its preview
    # shows the draft lesson with its text.
    reviewer = new_page()
    admin_log_in(reviewer, people["reviewer"])
    awaiting = reviewer.locator("section", has_text="Awaiting your review").last
    expect(awaiting.get_by_role("link", name=COURSE_TITLE, exact=True)).to_be_visible()
    expect(awaiting.get_by_role("link", name=LESSON_TITLE)).to_have_count(0)
    reviewer.goto(f"/admin/pages/{course_id}/view_draft/")
    review = reviewer.get_by_role("region", name="Modules and lessons in this review")
    expect(review).to_contain_text(MODULE_TITLE)
    expect(review.get_by_role("link", name=LESSON_TITLE)).to_be_visible()
    expect(review).to_contain_text(LESSON_TEXT)
    expect(review).to_contain_text("draft: published on approval")
    reviewer.screenshot(
        path=str(screenshot_dir / "review-course-preview.png"), full_page=True
    )

    reviewer.goto("/admin/")
    awaiting.get_by_role("link", name=COURSE_TITLE, exact=True).click()
    reviewer.wait_for_url(re.compile(rf"/admin/pages/{course_id}/edit/"))
    footer_action(reviewer, "Approve and Publish")
    expect(reviewer.locator(".messages .success")).to_contain_text(COURSE_TITLE)

    for model, pk in (
        (CoursePage, course_id),
        (ModulePage, module_id),
        (LessonPage, lesson_id),
    ):
        page = model.objects.get(pk=pk)
        assert page.live and not page.has_unpublished_changes, page.title

    # 3. The learner finds the course with its lesson, and enrols.
    learner = new_page()
    site_log_in(learner, people["learner"])
    learner.goto(course_index.url)
    learner.get_by_role("link", name=COURSE_TITLE).click()
    expect(learner.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    expect(learner.locator(".course-outline")).to_contain_text(LESSON_TITLE)
    learner.get_by_role("button", name="Enrol in this course").click()
    expect(learner.locator(".messages")).to_contain_text("You are enrolled")
    learner.get_by_role("link", name="Start the course").click()
    expect(learner.get_by_role("heading", level=1)).to_have_text(LESSON_TITLE)
    expect(learner.locator(".lesson-body")).to_contain_text(LESSON_TEXT)
    learner.screenshot(path=str(screenshot_dir / "review-course-learner.png"))


def test_the_slug_a_trainer_gets_is_ascii_whatever_they_type(
    new_page, home_page, course_index, people
):
    """Titles typed precomposed or with combining marks, and a slug pasted in
    Vietnamese, all give the ASCII slug the server would make."""
    course_publishing_setup(course_index=course_index)
    trainer = new_page()
    admin_log_in(trainer, people["trainer"])
    trainer.goto("/admin/pages/")
    add_child_page(trainer)
    slug = trainer.locator("#id_slug")

    title = "Khóa thử: Đào tạo ở Đắk Lắk"
    fill_title(trainer, unicodedata.normalize("NFD", title))
    expect(slug).to_have_value("khoa-thu-dao-tao-o-dak-lak")
    assert slug.input_value() == ascii_slug(title)

    trainer.get_by_role("tab", name="Promote").click()
    slug.fill("khóa-học-đầu-tiên")
    slug.blur()
    expect(slug).to_have_value("khoa-hoc-dau-tien")
