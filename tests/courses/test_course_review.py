"""A course is reviewed and published as a whole, and an empty course is never open.

Issue 9: approving a course page alone put it in the catalogue, open for
enrolment, with no lesson. Now a trainer submits the course once, the reviewer's
preview shows its draft modules and lessons, approving publishes all of them,
and a course without a live lesson is neither listed nor open for enrolment.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses import selectors
from courses.models import CoursePage, Enrolment, LessonPage, ModulePage
from courses.services import (
    COURSE_HAS_NO_LESSONS,
    COURSE_IN_REVIEW,
    COURSE_PART_NOT_SUBMITTED_ALONE,
    course_publish_whole,
    enrolment_create,
)
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.courses.conftest_admin import course_form
from tests.factories.courses import make_lesson, make_module

pytestmark = pytest.mark.django_db

LESSON_TEXT = "Định kiến giới là nhận thức thiên lệch về vai trò của nam và nữ."


def submit(client, course):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        course_form(course, **{"action-submit": "1"}),
    )


def decide(client, course, action, comment=""):
    task_state = WorkflowState.objects.get(
        object_id=str(course.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[course.pk, action, task_state.pk]
    )
    return client.post(url, {"comment": comment})


def draft_lesson(module, title, text=LESSON_TEXT, **kwargs):
    """A lesson saved as a draft, as the editor saves it (a revision, not live)."""
    lesson = make_lesson(module, title=title, live=False, **kwargs)
    lesson.body = [("paragraph", f"<p>{text}</p>")]
    lesson.save_revision(user=module.owner)
    return lesson


def lesson_form(lesson, text):
    return nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "estimated_minutes": "10",
            "is_required": "on",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "quiz": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )


@pytest.fixture
def draft_tree(draft_course, trainer):
    """The trainer's draft course with a draft module of two draft lessons."""
    module = make_module(
        draft_course, title="Chuyên đề 1: Khái niệm", live=False, owner=trainer
    )
    module.save_revision(user=trainer)
    lessons = [
        draft_lesson(module, "Bài 1: Giới và giới tính", owner=trainer),
        draft_lesson(module, "Bài 2: Định kiến giới", owner=trainer),
    ]
    return draft_course, module, lessons


def reload(page):
    return type(page).objects.get(pk=page.pk)


# --- Approve, reject -------------------------------------------------------------


def test_approving_the_course_publishes_its_draft_modules_and_lessons(
    client_for, trainer, reviewer, learner, draft_tree
):
    course, module, lessons = draft_tree

    submit(client_for(trainer), course)
    assert WorkflowState.objects.filter(object_id=str(course.pk)).count() == 1
    decide(client_for(reviewer), course, "approve")

    assert reload(course).live
    assert reload(module).live
    assert all(reload(lesson).live for lesson in lessons)
    assert not any(reload(page).has_unpublished_changes for page in [module, *lessons])
    assert LESSON_TEXT in str(reload(lessons[1]).body)
    listed = selectors.catalogue_course_queryset(index=course.get_parent().specific)
    assert list(listed) == [reload(course)]
    result = enrolment_create(learner=learner, course=reload(course))
    assert result.created and result.enrolment.status == Enrolment.Status.ACTIVE


def test_approval_publishes_the_latest_draft_of_a_lesson_of_a_live_course(
    client_for, trainer, reviewer, trainer_course
):
    lesson = LessonPage.objects.descendant_of(trainer_course).first()
    lesson.title = "Bài 1 (sửa)"
    lesson.body = [("paragraph", "<p>Nội dung mới đã sửa.</p>")]
    lesson.save_revision(user=trainer)
    assert reload(lesson).title != "Bài 1 (sửa)"

    submit(client_for(trainer), trainer_course)
    decide(client_for(reviewer), trainer_course, "approve")

    lesson = reload(lesson)
    assert lesson.title == "Bài 1 (sửa)"
    assert "Nội dung mới đã sửa." in str(lesson.body)
    assert not lesson.has_unpublished_changes


def test_rejecting_the_course_publishes_nothing(
    client_for, trainer, reviewer, draft_tree
):
    course, module, lessons = draft_tree

    submit(client_for(trainer), course)
    decide(client_for(reviewer), course, "reject", "Thêm ví dụ.")

    assert not any(reload(page).live for page in [course, module, *lessons])
    state = WorkflowState.objects.get(object_id=str(course.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_publish_whole_goes_in_tree_order_and_leaves_other_courses_alone(
    publishing, reviewer, draft_tree, other_course
):
    course, module, lessons = draft_tree
    other_lesson = LessonPage.objects.descendant_of(other_course).first()
    other_lesson.title = "Bản nháp của khóa khác"
    other_lesson.save_revision()

    published = course_publish_whole(course=course, user=reviewer)

    assert [page.pk for page in published] == [module.pk] + [x.pk for x in lessons]
    assert reload(other_lesson).has_unpublished_changes
    assert reload(other_lesson).title != "Bản nháp của khóa khác"


# --- The reviewer sees the whole course --------------------------------------------------


def test_reviewers_preview_shows_the_draft_modules_and_lessons_with_their_text(
    client_for, trainer, reviewer, draft_tree
):
    course, module, lessons = draft_tree
    submit(client_for(trainer), course)

    response = client_for(reviewer).get(
        reverse("wagtailadmin_pages:view_draft", args=[course.pk])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Các chuyên đề và bài học trong lần duyệt này" in body
    assert module.title in body
    for lesson in lessons:
        assert lesson.title in body
        assert reverse("wagtailadmin_pages:view_draft", args=[lesson.pk]) in body
    assert LESSON_TEXT in body
    assert "bản nháp: xuất bản khi được duyệt" in body
    # The preview never offers the reviewer an enrol button.
    assert reverse("courses:enrol", args=[course.pk]) not in body


def test_learner_cannot_see_the_review_preview(client_for, learner, draft_tree):
    course, _module, _lessons = draft_tree

    response = client_for(learner).get(
        reverse("wagtailadmin_pages:view_draft", args=[course.pk])
    )

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url
    assert LESSON_TEXT not in response.content.decode()


# --- One submission for the whole course --------------------------------------------------


def test_modules_and_lessons_offer_no_separate_submission(
    client_for, trainer, draft_tree
):
    course, module, lessons = draft_tree
    client = client_for(trainer)

    pages = [
        reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk]),
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk]),
        reverse("wagtailadmin_pages:edit", args=[module.pk]),
        reverse("wagtailadmin_pages:edit", args=[lessons[0].pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'name="action-submit"' not in response.content.decode(), url
    course_page = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert 'name="action-submit"' in course_page.content.decode()


def test_a_module_posted_for_review_alone_is_refused_and_not_saved(
    client_for, trainer, draft_tree
):
    course, _module, _lessons = draft_tree
    modules = ModulePage.objects.count()

    response = client_for(trainer).post(
        reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk]),
        nested_form_data(
            {
                "title": "Chuyên đề gửi riêng",
                "slug": "chuyen-de-gui-rieng",
                "summary": "",
                "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
                "action-submit": "1",
            }
        ),
        follow=True,
    )

    assert ModulePage.objects.count() == modules
    assert not WorkflowState.objects.exists()
    messages = [str(m) for m in response.context["messages"]]
    assert str(COURSE_PART_NOT_SUBMITTED_ALONE) in messages


def test_a_lesson_draft_tells_the_trainer_it_goes_out_with_its_course(
    client_for, trainer, draft_tree
):
    _course, _module, lessons = draft_tree
    lesson = lessons[0]

    response = client_for(trainer).post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        lesson_form(lesson, "Sửa bản nháp."),
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert any("được duyệt cùng khóa học" in m for m in messages), messages
    assert not reload(lesson).live


def test_a_trainer_cannot_submit_another_trainers_course(
    client_for, trainer, other_course
):
    response = submit(client_for(trainer), other_course)

    assert response.status_code == 302
    assert not WorkflowState.objects.filter(object_id=str(other_course.pk)).exists()


def test_a_learner_cannot_approve(client_for, trainer, learner, draft_tree):
    course, module, _lessons = draft_tree
    submit(client_for(trainer), course)

    response = decide(client_for(learner), course, "approve")

    assert response.status_code == 302
    assert not reload(course).live
    assert not reload(module).live


# --- A course with no live lesson ----------------------------------------------------------


@pytest.fixture
def empty_course(publishing, trainer):
    """Live, as a course approved alone used to be, with a draft module and lesson."""
    course = CoursePage.objects.get(
        pk=publishing.add_child(
            instance=CoursePage(
                title="Khóa học chưa có bài",
                slug="khoa-hoc-chua-co-bai",
                code="TRONG-01",
                summary="Chưa có bài học.",
                owner=trainer,
            )
        ).pk
    )
    module = make_module(course, live=False)
    make_lesson(module, live=False)
    return course


def test_a_course_with_no_live_lesson_is_not_listed(
    client, publishing, empty_course, trainer_course
):
    listed = selectors.catalogue_course_queryset(index=publishing)
    featured = selectors.featured_courses(limit=10)

    assert list(listed) == [trainer_course]
    assert empty_course not in list(featured)
    response = client.get(publishing.url)
    assert [card.course for card in response.context["cards"]] == [trainer_course]


def test_a_live_lesson_under_a_draft_module_does_not_open_the_course(
    publishing, empty_course
):
    module = make_module(empty_course, live=False)
    make_lesson(module, live=True)

    assert not selectors.course_has_live_lesson(course=empty_course)
    assert empty_course not in selectors.catalogue_course_queryset(index=publishing)


def test_enrolment_service_refuses_a_course_with_no_live_lesson(learner, empty_course):
    with pytest.raises(ValidationError) as error:
        enrolment_create(learner=learner, course=empty_course)

    assert error.value.messages == [str(COURSE_HAS_NO_LESSONS)]
    assert not Enrolment.objects.exists()


def test_posting_enrol_for_a_course_with_no_live_lesson_enrols_nobody(
    client_for, learner, empty_course
):
    client = client_for(learner)

    response = client.post(
        reverse("courses:enrol", args=[empty_course.pk]), follow=True
    )

    assert not Enrolment.objects.exists()
    body = response.content.decode()
    assert (
        "Khóa học này chưa có bài học nào được xuất bản nên chưa mở ghi danh." in body
    )
    # The course page itself offers no enrol button.
    assert reverse("courses:enrol", args=[empty_course.pk]) not in body


def test_lessons_stay_as_reviewed_while_the_course_awaits_review(
    client_for, trainer, reviewer, draft_tree
):
    """Approval publishes the drafts the reviewer saw: no unseen edit slips in."""
    course, module, lessons = draft_tree
    client = client_for(trainer)
    submit(client, course)
    revisions = lessons[0].revisions.count()
    edit_url = reverse("wagtailadmin_pages:edit", args=[lessons[0].pk])

    response = client.post(edit_url, lesson_form(lessons[0], "Sửa lén."), follow=True)
    added = client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk]),
        lesson_form(LessonPage(title="Bài thêm", slug="bai-them"), "Thêm lén."),
        follow=True,
    )

    assert lessons[0].revisions.count() == revisions
    assert not LessonPage.objects.filter(slug="bai-them").exists()
    for answer in (response, added):
        messages = [str(m) for m in answer.context["messages"]]
        assert str(COURSE_IN_REVIEW) in messages
    decide(client_for(reviewer), course, "approve")
    assert "Sửa lén." not in str(reload(lessons[0]).body)


def test_after_changes_are_asked_for_the_trainer_edits_lessons_again(
    client_for, trainer, reviewer, draft_tree
):
    course, _module, lessons = draft_tree
    client = client_for(trainer)
    submit(client, course)
    decide(client_for(reviewer), course, "reject", "Sửa bài 1.")

    client.post(
        reverse("wagtailadmin_pages:edit", args=[lessons[0].pk]),
        lesson_form(lessons[0], "Đã sửa theo góp ý."),
    )

    assert "Đã sửa theo góp ý." in str(
        reload(lessons[0]).get_latest_revision_as_object().body
    )
