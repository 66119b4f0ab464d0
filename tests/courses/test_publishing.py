"""Publishing through review: trainers write, reviewers approve, e-mails via Celery."""

from unittest import mock

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.permissions import policy_registry
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)
from wagtail.users.models import UserProfile

from courses import signal_handlers
from courses.models import CoursePage, ModulePage
from courses.services import REVIEW_WORKFLOW_NAME, course_publishing_setup
from people.roles import Role
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.courses.conftest_admin import course_form
from tests.factories import UserFactory
from tests.factories.courses import make_course_tree

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client, course, **changes):
    return client.post(
        edit_url(course), course_form(course, **{"action-submit": "1", **changes})
    )


def task_action_url(course, action):
    task_state = WorkflowState.objects.get(
        object_id=str(course.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).current_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[course.pk, action, task_state.pk]
    )


# --- Setting up ----------------------------------------------------------------------


def test_publishing_setup_puts_the_whole_catalogue_under_review(publishing):
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW_NAME)
    course, lessons = make_course_tree(publishing)
    module = lessons[0].get_parent().specific

    assert WorkflowPage.objects.get(page=publishing).workflow == workflow
    assert [t.specific.groups.get().name for t in workflow.tasks] == [Role.REVIEWER]
    assert isinstance(course, CoursePage)
    assert isinstance(module, ModulePage)
    assert course.get_workflow() == workflow
    # Modules and lessons are reviewed with their course, never on their own.
    for page in (module, lessons[0]):
        assert page.get_workflow() is None
        assert not page.has_workflow


def test_publishing_setup_run_twice_changes_nothing(publishing):
    counts = (
        Workflow.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )

    course_publishing_setup(course_index=publishing)

    assert (
        Workflow.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    ) == counts
    assert Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME).count() == 1


def test_page_permissions_trainers_add_reviewers_publish_only(publishing):
    def actions(role):
        return set(
            GroupPagePermission.objects.filter(
                group__name=role, page=publishing
            ).values_list("permission__codename", flat=True)
        )

    assert actions(Role.TRAINER) == {"add_page"}
    # Approving publishes as the reviewer; nothing else (test_reviewer_rights.py).
    assert actions(Role.REVIEWER) == {"publish_page"}


def test_trainers_may_upload_images_but_learners_may_not(publishing, trainer, learner):
    image_policy = policy_registry.get_by_type(get_image_model())

    assert image_policy.user_has_permission(trainer, "add")
    assert image_policy.user_has_permission(trainer, "choose")
    assert not image_policy.user_has_permission(learner, "add")


# --- Who edits what ------------------------------------------------------------------


def test_trainer_edits_their_own_course(client_for, trainer, trainer_course):
    response = client_for(trainer).get(edit_url(trainer_course))

    assert response.status_code == 200


def test_trainer_editing_another_trainers_course_is_denied_and_nothing_changes(
    client_for, trainer, other_course
):
    client = client_for(trainer)
    revisions = other_course.revisions.count()

    shown = client.get(edit_url(other_course))
    posted = client.post(
        edit_url(other_course), course_form(other_course, title="Đã bị sửa")
    )

    assert shown.status_code == 302
    assert shown.url == reverse("wagtailadmin_home")
    assert posted.status_code == 302
    other_course.refresh_from_db()
    assert other_course.title == "Kỹ năng tư vấn pháp luật hôn nhân"
    assert other_course.draft_title == "Kỹ năng tư vấn pháp luật hôn nhân"
    assert other_course.revisions.count() == revisions


def test_trainer_cannot_add_a_module_to_another_trainers_course(
    client_for, trainer, other_course
):
    add_url = reverse(
        "wagtailadmin_pages:add", args=["courses", "modulepage", other_course.pk]
    )
    modules = ModulePage.objects.count()

    response = client_for(trainer).get(add_url)

    assert response.status_code == 302
    assert ModulePage.objects.count() == modules
    assert response.url == reverse("wagtailadmin_explore", args=[other_course.pk])


def test_trainer_adds_a_module_to_their_own_course(client_for, trainer, trainer_course):
    add_url = reverse(
        "wagtailadmin_pages:add", args=["courses", "modulepage", trainer_course.pk]
    )

    response = client_for(trainer).get(add_url)

    assert response.status_code == 200


def test_trainer_pressing_publish_only_saves_a_draft(client_for, trainer, draft_course):
    revisions = draft_course.revisions.count()

    client_for(trainer).post(
        edit_url(draft_course),
        course_form(draft_course, title="Bản nháp mới", **{"action-publish": "1"}),
    )

    draft_course.refresh_from_db()
    assert draft_course.revisions.count() == revisions + 1
    assert draft_course.draft_title == "Bản nháp mới"
    assert not draft_course.live


def test_learner_cannot_reach_the_page_editor(client_for, learner, trainer_course):
    response = client_for(learner).get(edit_url(trainer_course))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url


# --- Review and e-mails ------------------------------------------------------------------


def test_submit_then_approve_publishes_and_mails_the_trainer_through_celery(
    client_for,
    trainer,
    reviewer,
    draft_course,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit(client_for(trainer), draft_course)
    assert submitted.status_code == 302
    assert [m.to for m in mailoutbox] == [[reviewer.email]]
    assert "Phòng chống bạo lực trên cơ sở giới" in mailoutbox[0].subject
    assert edit_url(draft_course) in mailoutbox[0].body
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        approved = client_for(reviewer).post(
            task_action_url(draft_course, "approve"), {"comment": "Nội dung tốt."}
        )

    assert approved.status_code == 302
    draft_course.refresh_from_db()
    assert draft_course.live
    assert [m.to for m in mailoutbox] == [[trainer.email]]
    assert "Phòng chống bạo lực trên cơ sở giới" in mailoutbox[0].subject
    assert "Nội dung tốt." in mailoutbox[0].body
    assert "Trần Thị Duyệt" in mailoutbox[0].body


def test_reject_with_comment_mails_the_comment_and_leaves_the_course_unpublished(
    client_for,
    trainer,
    reviewer,
    draft_course,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    submit(client_for(trainer), draft_course)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(reviewer).post(
            task_action_url(draft_course, "reject"),
            {"comment": "Bổ sung ví dụ về bạo lực gia đình."},
        )

    draft_course.refresh_from_db()
    assert not draft_course.live
    state = WorkflowState.objects.get(object_id=str(draft_course.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [m.to for m in mailoutbox] == [[trainer.email]]
    assert "Bổ sung ví dụ về bạo lực gia đình." in mailoutbox[0].body
    assert "Phòng chống bạo lực trên cơ sở giới" in mailoutbox[0].subject


def test_mails_wait_for_the_commit_and_go_through_send_email_task(
    client_for, trainer, reviewer, draft_course, mailoutbox
):
    with mock.patch("courses.services.mail.send_email_task") as task:
        submit(client_for(trainer), draft_course)

    task.delay_on_commit.assert_called_once()
    subject, body, recipient = task.delay_on_commit.call_args.args
    assert recipient == reviewer.email
    assert "Phòng chống bạo lực trên cơ sở giới" in subject
    assert mailoutbox == []


def test_reviewer_cannot_approve_what_is_not_submitted_and_learner_cannot_approve(
    client_for, trainer, learner, draft_course
):
    submit(client_for(trainer), draft_course)

    client_for(learner).post(task_action_url(draft_course, "approve"), {"comment": ""})
    client_for(trainer).post(task_action_url(draft_course, "approve"), {"comment": ""})

    draft_course.refresh_from_db()
    assert not draft_course.live
    assert TaskState.objects.get().status == TaskState.STATUS_IN_PROGRESS


def test_only_our_moderation_receivers_are_connected():
    """Wagtail's synchronous notifiers would mail a second time, inside the request."""
    expected = {
        task_submitted: (TaskState, signal_handlers.notify_reviewers_of_submission),
        workflow_submitted: (
            WorkflowState,
            signal_handlers.skip_submission_mail_to_superusers,
        ),
        workflow_approved: (WorkflowState, signal_handlers.notify_author_of_approval),
        workflow_rejected: (WorkflowState, signal_handlers.notify_author_of_rejection),
    }
    for signal, (sender, receiver) in expected.items():
        live = signal._live_receivers(sender)
        receivers = list(live[0] if isinstance(live, tuple) else live)
        if signal is workflow_approved:
            # Approving also publishes the whole course (it sends no mail).
            receivers.remove(signal_handlers.publish_whole_course_on_approval)
        assert receivers == [receiver]


def test_wagtail_still_connects_its_mailers_under_the_uids_we_take(monkeypatch):
    """Ours replace Wagtail's by taking their dispatch_uids: if an upgrade renames
    them, Wagtail's mailers would send a second e-mail inside the request."""
    from django.dispatch import Signal
    from wagtail.admin import signal_handlers as wagtail_handlers

    from courses.apps import WAGTAIL_MODERATION_MAIL_UIDS

    fresh = {name: Signal() for name in WAGTAIL_MODERATION_MAIL_UIDS}
    for name, signal in fresh.items():
        monkeypatch.setattr(wagtail_handlers, name, signal)
    wagtail_handlers.register_signal_handlers()

    for name, uid in WAGTAIL_MODERATION_MAIL_UIDS.items():
        uids = [lookup_key[0] for lookup_key, *_rest in fresh[name].receivers]
        assert uids == [uid], f"Wagtail connects {name} under {uids}, not {uid!r}"


def test_superuser_is_not_mailed_on_every_submission(
    client_for,
    trainer,
    reviewer,
    administrator,
    draft_course,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client_for(trainer), draft_course)

    assert [m.to for m in mailoutbox] == [[reviewer.email]]


def test_reviewer_who_turned_notifications_off_gets_none(
    client_for,
    trainer,
    reviewer,
    draft_course,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    UserProfile.objects.update_or_create(
        user=reviewer, defaults={"submitted_notifications": False}
    )
    second = UserFactory(roles=[Role.REVIEWER])

    with django_capture_on_commit_callbacks(execute=True):
        submit(client_for(trainer), draft_course)

    assert [m.to for m in mailoutbox] == [[second.email]]
