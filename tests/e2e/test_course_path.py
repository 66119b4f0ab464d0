"""A course from writing to completion, in Chromium through the real pages.

A trainer writes a course in the Wagtail admin and submits the course for
review; a reviewer approves it, which publishes it with its module and lessons;
a learner finds the course, enrols, completes both lessons and sees it
completed in "My learning". Last, a lesson at phone width: the outline folded
above the text, no sideways scrolling.
"""

import re

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, Enrolment, LessonPage, ModulePage
from courses.services import REVIEW_WORKFLOW_NAME, course_publishing_setup
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.people import TEST_PASSWORD

# live_server makes these tests transactional: the tables are emptied after each
# one. serialized_rollback puts back what the migrations created.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COURSE_TITLE = "Truyền thông về bình đẳng giới ở cơ sở"
MODULE_TITLE = "Chuyên đề 1: Khái niệm cơ bản"
LESSONS = [
    ("Bài 1: Giới và giới tính", "Giới tính là đặc điểm sinh học của nam, nữ."),
    ("Bài 2: Định kiến giới", "Định kiến giới là nhận thức thiên lệch về vai trò."),
]
PHONE_WIDTH = 375


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


def admin_log_in(page, user) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def site_log_in(page, user) -> None:
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(user.username)
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learning/$"))


def field(page, label: str, role: str = "textbox"):
    """A form field by its label (Wagtail appends "*" to required ones)."""
    return page.get_by_role(role, name=re.compile(rf"^{re.escape(label)}\*?$"))


def fill_title(page, title: str) -> None:
    """The slug (Promote tab) is made from the title when the title loses focus."""
    field(page, "Title").fill(title)
    field(page, "Title").press("Tab")
    expect(page.locator("#id_slug")).not_to_have_value("")


def add_child_page(page) -> None:
    """In the explorer. The catalogue, a course and a module each take one page
    type, so "Add child page" opens that type's form at once."""
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/"))


def save_draft(page) -> int:
    """Save the draft; returns the page's id, from the edit view it leads to."""
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.locator(".messages .success")).to_be_visible()
    return int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))


def footer_action(page, name: str) -> None:
    """A button of the footer's action menu, behind its "More actions" toggle."""
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name=name, exact=True).click()


def assert_fits_phone(page) -> None:
    """Nothing wider than the screen: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_course_is_written_reviewed_published_and_completed(
    settings, new_page, home_page, course_index, people, mailoutbox, screenshot_dir
):
    # The live server runs in this process: no need to wait out a lesson's time
    # (the heartbeat rules have their own unit tests).
    settings.COURSES_LESSON_TIME_SHARE = 0
    course_publishing_setup(course_index=course_index)
    trainer_user, reviewer_user = people["trainer"], people["reviewer"]

    # 1. The trainer writes a course, a module and two lessons as drafts...
    trainer = new_page()
    admin_log_in(trainer, trainer_user)
    trainer.goto("/admin/pages/")  # their explorer opens at the catalogue
    expect(trainer.get_by_role("heading", level=1)).to_have_text(
        f"Exploring: {course_index.title}"
    )
    add_child_page(trainer)
    expect(trainer.get_by_role("heading", level=1)).to_have_text("New: Course")
    fill_title(trainer, COURSE_TITLE)
    field(trainer, "Code").fill("TTBDG-2026")
    field(trainer, "Summary").fill(
        "Kỹ năng truyền thông về bình đẳng giới cho cán bộ xã, phường."
    )
    course_id = save_draft(trainer)

    trainer.goto(f"/admin/pages/{course_id}/")
    add_child_page(trainer)
    expect(trainer.get_by_role("heading", level=1)).to_have_text("New: Module")
    fill_title(trainer, MODULE_TITLE)
    module_id = save_draft(trainer)

    lesson_ids = []
    for title, text in LESSONS:
        trainer.goto(f"/admin/pages/{module_id}/")
        add_child_page(trainer)
        expect(trainer.get_by_role("heading", level=1)).to_have_text("New: Lesson")
        fill_title(trainer, title)
        field(trainer, "Estimated minutes", "spinbutton").fill("5")
        # The body's first "+" (Draftail's own appears once a text block is in).
        trainer.get_by_role("button", name="Insert a block").first.click()
        trainer.get_by_role("option", name="Text", exact=True).click()
        editor = trainer.locator(".DraftEditor-root [contenteditable=true]")
        editor.click()
        editor.press_sequentially(text)
        # Draftail writes its hidden input a moment after the last key; a save
        # before that stores an empty block (drafts skip required fields).
        expect(trainer.locator("input[name='body-0-value']")).to_have_value(
            re.compile(re.escape(text))
        )
        lesson_ids.append(save_draft(trainer))
    trainer.screenshot(path=str(screenshot_dir / "admin-lesson-draft.png"))

    course = CoursePage.objects.get(pk=course_id)
    assert course.owner == trainer_user
    assert course.get_parent().pk == course_index.pk
    assert ModulePage.objects.get(pk=module_id).get_parent().pk == course_id
    lessons = [LessonPage.objects.get(pk=pk) for pk in lesson_ids]
    assert [lesson.get_parent().pk for lesson in lessons] == [module_id] * 2
    assert not any(
        page.live for page in [course, ModulePage.objects.get(pk=module_id), *lessons]
    )

    # ... and submits the course for review: its module and lessons go with it.
    trainer.goto(f"/admin/pages/{course_id}/edit/")
    footer_action(trainer, f"Submit to {REVIEW_WORKFLOW_NAME}")
    expect(trainer.locator(".messages .success")).to_contain_text(
        "submitted for moderation"
    )
    to_reviewer = [m for m in mailoutbox if m.to == [reviewer_user.email]]
    assert len(to_reviewer) == 1

    # 2. The reviewer approves the course from "Awaiting your review", which
    # publishes it whole.
    reviewer = new_page()
    admin_log_in(reviewer, reviewer_user)
    awaiting = reviewer.locator("section", has_text="Awaiting your review").last
    expect(awaiting.get_by_role("link", name=COURSE_TITLE, exact=True)).to_be_visible()
    reviewer.screenshot(path=str(screenshot_dir / "admin-awaiting-review.png"))
    awaiting.get_by_role("link", name=COURSE_TITLE, exact=True).click()
    reviewer.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    footer_action(reviewer, "Approve and Publish")
    expect(reviewer.locator(".messages .success")).to_contain_text(COURSE_TITLE)
    reviewer.goto("/admin/")
    expect(reviewer.get_by_text("Awaiting your review")).to_have_count(0)

    for model, pk in [(CoursePage, course_id), (ModulePage, module_id)] + [
        (LessonPage, pk) for pk in lesson_ids
    ]:
        page = model.objects.get(pk=pk)
        assert page.live, page.title
        assert not page.has_unpublished_changes, page.title
    to_trainer = [m for m in mailoutbox if m.to == [trainer_user.email]]
    assert len(to_trainer) == 1  # "approved and published"

    # 3. The learner, on a phone, finds the course, enrols and completes both
    # lessons.
    learner = new_page(width=PHONE_WIDTH, height=800)
    site_log_in(learner, people["learner"])
    learner.goto(course_index.url)
    search = learner.get_by_role("search", name="Find a course")
    search.get_by_role("textbox", name="Search").fill("truyền thông")
    search.get_by_role("button", name="Search").click()
    expect(learner.locator(".result-count")).to_have_text("1 course")
    assert_fits_phone(learner)
    learner.get_by_role("link", name=COURSE_TITLE).click()
    expect(learner.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    learner.get_by_role("button", name="Enrol in this course").click()
    expect(learner.locator(".messages")).to_be_visible()
    assert_fits_phone(learner)
    learner.get_by_role("link", name="Start the course").click()

    expect(learner.get_by_role("heading", level=1)).to_have_text(LESSONS[0][0])
    expect(learner.locator(".lesson-body")).to_contain_text(LESSONS[0][1])

    # 4. The lesson at phone width: the outline folded above the text, no
    # sideways scrolling; it opens on a tap.
    outline = learner.locator("details#lesson-outline")
    expect(outline).to_be_visible()
    assert outline.evaluate("details => details.open") is False
    outline_box = outline.bounding_box()
    text_box = learner.locator(".lesson-body").bounding_box()
    assert outline_box["y"] + outline_box["height"] <= text_box["y"]
    assert outline_box["x"] >= 0
    assert outline_box["x"] + outline_box["width"] <= PHONE_WIDTH
    assert_fits_phone(learner)
    learner.screenshot(path=str(screenshot_dir / "lesson-375.png"), full_page=True)
    outline.locator("summary").click()
    expect(outline.get_by_role("link", name=LESSONS[1][0])).to_be_visible()
    assert_fits_phone(learner)
    learner.screenshot(
        path=str(screenshot_dir / "lesson-375-outline-open.png"), full_page=True
    )

    learner.get_by_role("button", name="Mark as complete").click()
    # A completed lesson leads on to the next one.
    expect(learner.locator(".messages")).to_have_text("Lesson complete.")
    expect(learner.get_by_role("heading", level=1)).to_have_text(LESSONS[1][0])
    expect(learner).to_have_url(re.compile(re.escape(lessons[1].url) + "$"))
    expect(learner.locator(".lesson-body")).to_contain_text(LESSONS[1][1])
    learner.get_by_role("button", name="Mark as complete").click()
    # The last one leads back to the course, completed.
    expect(learner.locator(".messages")).to_contain_text(
        f"You have completed the course “{COURSE_TITLE}”"
    )
    expect(learner.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    expect(learner.locator(".course-action .progress")).to_have_text("100% complete")
    expect(learner.locator(".course-action progress")).to_have_attribute("value", "100")

    learner.get_by_role("navigation", name="Main").get_by_role(
        "link", name="My learning"
    ).click()
    expect(learner).to_have_url(re.compile(r"/learning/$"))
    completed = learner.get_by_role("region", name="Completed")
    expect(completed.get_by_role("link", name=COURSE_TITLE)).to_be_visible()
    expect(completed).to_contain_text("completed on")
    expect(completed.locator(".progress")).to_have_text("100% complete")
    expect(completed.locator("progress")).to_have_attribute("value", "100")
    expect(learner.get_by_role("region", name="In progress")).to_have_count(0)
    assert_fits_phone(learner)
    learner.screenshot(path=str(screenshot_dir / "my-learning-375.png"), full_page=True)

    enrolment = Enrolment.objects.get(learner=people["learner"], course_id=course_id)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.progress == 1.0
    assert enrolment.completed_at is not None
