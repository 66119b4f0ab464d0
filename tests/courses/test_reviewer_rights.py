"""Reviewers approve a course or send it back, and nothing more (issue 13).

They hold only "publish" on the catalogue, which Wagtail's approval needs;
Wagtail opens the editor of a course in review to the review task's group, and
the admin hooks let them only decide there. Trainers and administrators keep
their rights.
"""

import importlib
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, TaskState, WorkflowState

from courses.models import CoursePage
from courses.services.publishing import (
    COURSE_PAGE_OUTSIDE_OWN_COURSE,
    COURSE_REVIEW_ONLY,
    course_publishing_setup,
    course_review_only,
)
from people.roles import Role
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.courses.conftest_admin import course_form
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SUBMITTED_TITLE = "Lồng ghép giới trong xây dựng văn bản (bản sửa)"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def reload(page):
    return CoursePage.objects.get(pk=page.pk)


def page_permissions(role, page):
    return set(
        GroupPagePermission.objects.filter(group__name=role, page=page).values_list(
            "permission__codename", flat=True
        )
    )


@pytest.fixture
def administrator(province):
    return UserFactory(username="quantri", unit=province, roles=[Role.ADMINISTRATOR])


@pytest.fixture
def in_review(client_for, trainer, trainer_course):
    """The trainer's live course, changed and submitted for review."""
    response = client_for(trainer).post(
        edit_url(trainer_course),
        course_form(trainer_course, title=SUBMITTED_TITLE, **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    assert reload(trainer_course).workflow_in_progress
    return reload(trainer_course)


def decide_in_editor(client, course, action, comment="", **changes):
    """The editor's footer: "Approve and Publish" or "Request changes"."""
    data = course_form(
        course,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps({"comment": comment}),
            **changes,
        },
    )
    return client.post(edit_url(course), data)


def snapshot(course):
    page = Page.objects.get(pk=course.pk)
    return (
        page.live,
        page.path,
        page.title,
        page.has_unpublished_changes,
        page.revisions.count(),
        Page.objects.count(),
    )


def refused(response):
    if response.status_code == 403:
        return True
    if response.status_code != 302:
        return False
    texts = [str(m).strip() for m in get_messages(response.wsgi_request)]
    # Wagtail's own refusal ("Bạn không có quyền ...") or ours.
    return any(
        "quyền" in text
        or "permission" in text.lower()
        or text in (str(COURSE_REVIEW_ONLY), str(COURSE_PAGE_OUTSIDE_OWN_COURSE))
        for text in texts
    )


# --- What the setup grants ---------------------------------------------------------


def test_reviewers_hold_only_publish_on_the_catalogue(publishing):
    assert page_permissions(Role.REVIEWER, publishing) == {"publish_page"}
    assert page_permissions(Role.TRAINER, publishing) == {"add_page"}
    assert page_permissions(Role.ADMINISTRATOR, publishing) == {
        "add_page",
        "change_page",
        "publish_page",
    }


def test_setup_removes_the_rights_reviewers_used_to_hold_and_is_idempotent(
    publishing,
):
    reviewers = Group.objects.get(name=Role.REVIEWER)
    for action in ("change", "bulk_delete"):
        GroupPagePermission.objects.create(
            group=reviewers, page=publishing, permission_type=action
        )
    course_publishing_setup(course_index=publishing)
    counts = GroupPagePermission.objects.count()
    course_publishing_setup(course_index=publishing)

    assert page_permissions(Role.REVIEWER, publishing) == {"publish_page"}
    assert page_permissions(Role.TRAINER, publishing) == {"add_page"}
    assert GroupPagePermission.objects.count() == counts


def test_the_migration_removes_them_from_a_database_that_is_only_migrated(
    publishing,
):
    reviewers = Group.objects.get(name=Role.REVIEWER)
    GroupPagePermission.objects.create(
        group=reviewers, page=publishing, permission_type="change"
    )
    migration = importlib.import_module(
        "courses.migrations.0005_reviewers_publish_only"
    )

    migration.remove_reviewer_page_permissions(apps, None)

    assert page_permissions(Role.REVIEWER, publishing) == {"publish_page"}
    assert page_permissions(Role.ADMINISTRATOR, publishing)


# --- What a reviewer does: open, approve, send back -------------------------------------


def test_reviewer_opens_a_course_in_review_and_approves_it_live(
    client_for, reviewer, in_review
):
    client = client_for(reviewer)
    assert client.get(edit_url(in_review)).status_code == 200

    response = decide_in_editor(client, in_review, "approve")

    assert response.status_code == 302
    course = reload(in_review)
    assert course.live and not course.has_unpublished_changes
    assert course.title == SUBMITTED_TITLE
    assert WorkflowState.objects.get(object_id=str(course.pk)).status == (
        WorkflowState.STATUS_APPROVED
    )


def test_approving_in_the_editor_does_not_save_the_reviewers_own_changes(
    client_for, reviewer, in_review
):
    decide_in_editor(
        client_for(reviewer), in_review, "approve", title="Đổi bởi người duyệt"
    )

    course = reload(in_review)
    assert course.live and course.title == SUBMITTED_TITLE
    assert not course.revisions.filter(user=reviewer).exists()


def test_reviewer_sends_a_course_back_with_a_comment(client_for, reviewer, in_review):
    before = Page.objects.get(pk=in_review.pk).title

    response = decide_in_editor(
        client_for(reviewer), in_review, "reject", comment="Thêm ví dụ thực tế."
    )

    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(in_review.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = TaskState.objects.get(workflow_state=state)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.specific.get_comment() == "Thêm ví dụ thực tế."
    # The live course is what it was; the trainer's draft waits for changes.
    assert Page.objects.get(pk=in_review.pk).title == before


def test_reviewer_approves_from_the_dashboard_too(client_for, reviewer, in_review):
    task_state = WorkflowState.objects.get(
        object_id=str(in_review.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[in_review.pk, "approve", task_state.pk],
    )

    client_for(reviewer).post(url, {"comment": ""})

    assert reload(in_review).title == SUBMITTED_TITLE


# --- What a reviewer may not do ---------------------------------------------------------


def admin_urls(course, other):
    revision = Page.objects.get(pk=course.pk).revisions.order_by("created_at").first()
    return {
        "delete": reverse("wagtailadmin_pages:delete", args=[course.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[course.pk]),
        "move_confirm": reverse(
            "wagtailadmin_pages:move_confirm", args=[course.pk, other.pk]
        ),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[course.pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[course.pk]),
        "revert": reverse(
            "wagtailadmin_pages:revisions_revert", args=[course.pk, revision.pk]
        ),
    }


POSTS = {
    "delete": {},
    "move": {},
    "move_confirm": {},
    "unpublish": {"include_descendants": "on"},
    "copy": {"new_title": "Bản sao", "new_slug": "ban-sao", "copy_subpages": "on"},
    "revert": {"action-publish": "1"},
}


@pytest.mark.parametrize("action", sorted(POSTS))
@pytest.mark.parametrize("state", ["in review", "not in review"])
def test_reviewer_cannot_delete_move_unpublish_copy_or_revert(
    client_for, reviewer, trainer, trainer_course, other_course, action, state
):
    course = trainer_course
    if state == "in review":
        client_for(trainer).post(
            edit_url(course),
            course_form(course, title=SUBMITTED_TITLE, **{"action-submit": "1"}),
        )
        course = reload(course)
        assert course.workflow_in_progress
    else:
        course.save_revision(user=trainer, log_action=False).publish(user=None)
    url = admin_urls(course, other_course)[action]
    before = snapshot(course)
    client = client_for(reviewer)

    shown = client.get(url)
    done = client.post(url, {**POSTS[action], "new_parent_page": other_course.pk})

    # Unpublishing shows its confirmation (Wagtail asks the hook on POST only).
    assert refused(shown) or (action == "unpublish" and shown.status_code == 200), (
        action,
        shown.status_code,
    )
    assert refused(done), (action, done.status_code)
    assert snapshot(course) == before


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "move"])
def test_reviewer_takes_no_bulk_action_on_courses(
    client_for, reviewer, draft_course, trainer_course, action
):
    draft_course.title = "Bản nháp chưa duyệt"
    draft_course.save_revision(user=draft_course.owner)
    pages = [draft_course, trainer_course]
    before = [snapshot(page) for page in pages]
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        + "?"
        + "&".join(f"id={page.pk}" for page in pages)
    )

    response = client_for(reviewer).post(url, {})

    assert refused(response) or response.status_code in (200, 302)
    assert [snapshot(page) for page in pages] == before


def test_reviewer_cannot_edit_a_course_that_is_not_in_review(
    client_for, reviewer, trainer_course
):
    client = client_for(reviewer)
    before = snapshot(trainer_course)

    assert refused(client.get(edit_url(trainer_course)))
    saved = client.post(
        edit_url(trainer_course), course_form(trainer_course, title="Sửa trộm")
    )

    assert refused(saved)
    assert snapshot(trainer_course) == before


def test_reviewer_cannot_save_changes_to_a_course_in_review(
    client_for, reviewer, in_review
):
    before = snapshot(in_review)

    response = client_for(reviewer).post(
        edit_url(in_review), course_form(in_review, title="Sửa khi duyệt")
    )

    assert refused(response)
    assert snapshot(in_review) == before
    assert reload(in_review).get_latest_revision().as_object().title == (
        SUBMITTED_TITLE
    )


def test_the_editor_offers_a_reviewer_only_the_decisions(
    client_for, reviewer, in_review
):
    content = client_for(reviewer).get(edit_url(in_review)).content.decode()

    assert 'data-workflow-action-name="approve"' in content
    assert 'data-workflow-action-name="reject"' in content
    assert 'name="action-publish"' not in content
    assert "Save draft" not in content and "Lưu nháp" not in content


def test_review_only_is_the_reviewers_case_alone(
    reviewer, trainer, administrator, in_review, other_course
):
    assert course_review_only(user=reviewer, page=in_review)
    assert course_review_only(user=reviewer, page=other_course)
    assert not course_review_only(user=other_course.owner, page=other_course)
    assert not course_review_only(user=trainer, page=in_review)
    assert not course_review_only(user=administrator, page=in_review)


# --- Trainers and administrators keep their rights ---------------------------------------


def test_trainer_still_edits_and_submits_their_course(client_for, trainer, in_review):
    assert client_for(trainer).get(edit_url(in_review)).status_code == 200


def test_administrator_still_unpublishes_and_moves(
    client_for, administrator, trainer_course
):
    client = client_for(administrator)
    for name in ("unpublish", "move"):
        url = reverse(f"wagtailadmin_pages:{name}", args=[trainer_course.pk])
        assert client.get(url).status_code == 200, name

    client.post(
        reverse("wagtailadmin_pages:unpublish", args=[trainer_course.pk]),
        {"include_descendants": "on"},
    )

    assert not reload(trainer_course).live
