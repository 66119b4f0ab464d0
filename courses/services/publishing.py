"""Publishing through review: who may write, who approves, and who hears of it.

Trainers write courses and submit them; reviewers approve (which publishes) or
ask for changes with a comment. A course is reviewed as a whole: its modules
and lessons have no review of their own (see ModulePage.get_workflow), and
approving the course publishes every draft below it (course_publish_whole). Wagtail does the moderation itself (a Workflow
with one GroupApprovalTask on the course catalogue); this module sets it up and
writes the e-mails, which go out through Celery instead of Wagtail's own
synchronous notifications (see courses/apps.py).
"""

import enum

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Model, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import (
    AbstractGroupApprovalTask,
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.reports import course_is_taught_by
from courses.roles import CATALOGUE_PAGE_PERMISSIONS, ROOT_COLLECTION_PERMISSIONS
from people.access import sees_everything
from people.models import User
from people.roles import Role

from ..selectors import course_path_of
from .mail import admin_url, mail_user

# Data, not interface strings: stored once in the database, as the seed is.
REVIEW_WORKFLOW_NAME = "Duyệt khóa học"
REVIEW_TASK_NAME = "Người thẩm định duyệt"

COURSE_PART_PUBLISHED_WITH_COURSE = gettext_lazy(
    "Modules and lessons are reviewed with their course: when the course is "
    "ready, submit the course for review and its approval publishes this page too."
)
COURSE_PART_NOT_SUBMITTED_ALONE = gettext_lazy(
    "A module or lesson is not submitted on its own: save it as a draft, then "
    "submit its course for review."
)

COURSE_IN_REVIEW = gettext_lazy(
    "This course is waiting for review: its modules and lessons cannot be "
    "changed until the reviewer approves it or asks for changes."
)


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def course_publishing_setup(*, course_index: CourseIndexPage) -> None:
    """Put every page under the catalogue through review and give each role its
    page, image and document permissions. Safe to run again."""
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in Role}
    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=REVIEW_WORKFLOW_NAME, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(groups[Role.REVIEWER])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=course_index, defaults={"workflow": workflow}
    )
    for role, actions in CATALOGUE_PAGE_PERMISSIONS.items():
        wanted = [f"{action}_page" for action in actions]
        # What a role no longer holds goes, so an existing database follows the
        # table (reviewers used to hold "change" and "publish").
        GroupPagePermission.objects.filter(
            group=groups[role], page=course_index
        ).exclude(permission__codename__in=wanted).delete()
        for codename in wanted:
            GroupPagePermission.objects.get_or_create(
                group=groups[role],
                page=course_index,
                permission=_permission("wagtailcore", codename),
            )
    root = Collection.get_first_root_node()
    for role, permissions in ROOT_COLLECTION_PERMISSIONS.items():
        for app_label, codename in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[role],
                collection=root,
                permission=_permission(app_label, codename),
            )


@transaction.atomic
def course_publish_whole(*, course: CoursePage, user: User | None) -> list[Page]:
    """Publish the latest draft of every module and lesson of an approved course.

    The reviewer approved the course as the review screen showed it, drafts of
    its modules and lessons included (selectors.course_review_outline), so the
    approval covers them: each is published from its latest revision, parents
    before children (tree order), all or nothing. The approval is the
    permission: a reviewer's publish rights are not asked again page by page.
    Returns the pages published.
    """
    drafts = (
        Page.objects.descendant_of(course)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .select_related("latest_revision")
        .order_by("path")
    )
    published = []
    for page in drafts:
        revision = page.latest_revision
        if revision is None:  # made in code, never saved through the editor
            revision = page.specific.save_revision(user=user, log_action=False)
        revision.publish(user=user, skip_permission_checks=True)
        published.append(page)
    return published


def course_part_change_allowed(*, user: User, page: Page) -> bool:
    """May this user change (or add) modules and lessons in the course of `page`?

    Not while the course awaits review, unless they may publish: approval
    publishes the drafts as the reviewer saw them, and an edit made meanwhile
    would go out unseen.
    """
    course = CoursePage.objects.filter(path=course_path_of(page)).first()
    if course is None or not course.workflow_in_progress:
        return True
    return course.permissions_for_user(user).can_publish()


def course_page_add_allowed(*, user: User, parent: Page) -> bool:
    """May this user put a page (new, moved or copied) under `parent`?

    Wagtail's "add" permission on the catalogue reaches into every course below
    it; inside a course, only its owner, its listed trainers and those who may
    edit any course add modules and lessons.
    """
    if sees_everything(user):
        return True
    if parent.specific_class not in (CoursePage, ModulePage, LessonPage):
        return True
    course = CoursePage.objects.filter(path=course_path_of(parent)).first()
    if course is None:
        return True
    tester = course.permissions_for_user(user)
    if "change" in getattr(tester, "permissions", ()):
        return True
    return course_is_taught_by(course=course, user=user)


COURSE_REVIEW_ONLY = gettext_lazy(
    "As a reviewer you approve this course or send it back with a comment; "
    "changing, reverting or copying it is for its trainers."
)


def course_reviewer(*, user: User) -> bool:
    """Is this person in a group of the course review task?"""
    return (
        user.is_active
        and GroupApprovalTask.objects.filter(
            name=REVIEW_TASK_NAME, active=True, groups__in=user.groups.all()
        ).exists()
    )


def course_review_only(*, user: User, page: Page) -> bool:
    """Does this user reach the course pages only as a reviewer?

    Reviewers hold "publish" on the catalogue because approving publishes as
    them (courses.roles), and Wagtail opens the editor of a course in review
    to them, which would also let them save changes, revert, copy, unpublish
    or publish in bulk. Review means approve or send back: the admin hooks let
    such a user do only that.
    """
    if user.is_superuser or page.specific_class not in (
        CoursePage,
        ModulePage,
        LessonPage,
    ):
        return False
    permissions: set[str] = getattr(
        page.permissions_for_user(user), "permissions", set()
    )
    if "change" in permissions:
        return False
    if "add" in permissions and page.owner_id == user.pk:
        return False
    return course_reviewer(user=user)


COURSE_PAGE_OUTSIDE_OWN_COURSE = gettext_lazy(
    "You can add pages only to the courses you own or train. Ask the "
    "course's owner to add you as a trainer."
)

# A course is reviewed as a whole: its modules and lessons are saved as drafts
# and go out when the course is approved.
COURSE_PARTS = (ModulePage, LessonPage)


class CoursePageChange(enum.Enum):
    """What an editor is about to do to a page in the admin."""

    CREATE = "create"  # a new page under `target`
    EDIT = "edit"  # `target` itself
    PLACE = "place"  # an existing page moved or copied under `target`


def course_page_change_refusal(
    *,
    user: User,
    change: CoursePageChange,
    target: Page,
    page_class: type[Page],
    posted: bool,
    submitting: bool = False,
) -> str | None:
    """Why the admin must refuse this change to the course pages, or None.

    The one rule behind Wagtail's before_create/edit/move/copy hooks: pages go
    only into courses the user may write in; a module or lesson is not
    submitted for review on its own; and while a course awaits review its
    parts stay as the reviewer sees them (only a save, a POST, changes them).
    """
    if change != CoursePageChange.EDIT and not course_page_add_allowed(
        user=user, parent=target
    ):
        return str(COURSE_PAGE_OUTSIDE_OWN_COURSE)
    if change == CoursePageChange.PLACE or not posted:
        return None
    if not issubclass(page_class, COURSE_PARTS):
        return None
    if change == CoursePageChange.CREATE and submitting:
        return str(COURSE_PART_NOT_SUBMITTED_ALONE)
    if not course_part_change_allowed(user=user, page=target):
        return str(COURSE_IN_REVIEW)
    return None


# --- Moderation e-mails -----------------------------------------------------------


def _specific(obj: Model) -> Model:
    return obj.specific if isinstance(obj, Page) else obj


def _title(obj: Model) -> str:
    display = getattr(obj, "get_admin_display_title", None)
    return str(display() if display else obj)


def _kind(obj: Model) -> str:
    return str(obj._meta.verbose_name)


def _edit_url(obj: Model, user: User) -> str:
    path = AdminURLFinder(user).get_edit_url(obj)
    return admin_url(path) if path else ""


def _review_url(obj: Model, reviewer: User) -> str:
    """Where the reviewer decides: the editor, which Wagtail opens to them once
    the task has started (they hold no edit right of their own, so the URL
    finder, asked while the task is being created, may not offer it)."""
    if isinstance(obj, Page):
        return admin_url(reverse("wagtailadmin_pages:edit", args=[obj.pk]))
    return _edit_url(obj, reviewer)


def _wants(user: User, notification: str) -> bool:
    """Wagtail's per-person setting ("Notifications" in the account page)."""
    wanted = (
        UserProfile.objects.filter(user=user)
        .values_list(f"{notification}_notifications", flat=True)
        .first()
    )
    return wanted is None or bool(wanted)


def _name(user: User | None) -> str:
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def moderation_submitted_notify(
    *, task_state: TaskState, submitted_by: User | None
) -> int:
    """Tell the reviewers of a group-approval task that work awaits them."""
    task = task_state.task.specific
    if not isinstance(task, AbstractGroupApprovalTask):
        return 0
    obj = _specific(task_state.workflow_state.content_object)
    reviewers = User.objects.filter(groups__in=task.groups.all(), is_active=True)
    if submitted_by is not None:
        reviewers = reviewers.exclude(pk=submitted_by.pk)
    sent = 0
    for reviewer in reviewers.distinct().order_by("pk"):
        if not _wants(reviewer, "submitted"):
            continue

        def context(reviewer: User = reviewer) -> dict[str, object]:
            return {
                "name": _name(reviewer),
                "author": _name(submitted_by),
                "kind": _kind(obj),
                "title": _title(obj),
                "url": _review_url(obj, reviewer),
            }

        sent += mail_user(
            user=reviewer,
            template_prefix="courses/emails/moderation_submitted",
            context=context,
        )
    return sent


def _authors(workflow_state: WorkflowState, acting: User | None) -> list[User]:
    """Who submitted the work, and its owner when someone else submitted it."""
    obj = workflow_state.content_object
    candidates = [workflow_state.requested_by, getattr(obj, "owner", None)]
    authors: list[User] = []
    for person in candidates:
        if person is None or (acting is not None and person.pk == acting.pk):
            continue
        if all(person.pk != known.pk for known in authors):
            authors.append(person)
    return authors


def _decision_comment(workflow_state: WorkflowState) -> str:
    task_state = workflow_state.current_task_state
    return task_state.specific.get_comment() if task_state else ""


def moderation_approved_notify(
    *, workflow_state: WorkflowState, approved_by: User | None
) -> int:
    """Tell the author their work was approved (and so published)."""
    obj = _specific(workflow_state.content_object)
    comment = _decision_comment(workflow_state)
    sent = 0
    for author in _authors(workflow_state, approved_by):
        if not _wants(author, "approved"):
            continue

        def context(author: User = author) -> dict[str, object]:
            return {
                "name": _name(author),
                "reviewer": _name(approved_by),
                "kind": _kind(obj),
                "title": _title(obj),
                "comment": comment,
                "url": _edit_url(obj, author),
            }

        sent += mail_user(
            user=author,
            template_prefix="courses/emails/moderation_approved",
            context=context,
        )
    return sent


def moderation_rejected_notify(
    *, workflow_state: WorkflowState, rejected_by: User | None
) -> int:
    """Tell the author what the reviewer wants changed."""
    obj = _specific(workflow_state.content_object)
    comment = _decision_comment(workflow_state)
    sent = 0
    for author in _authors(workflow_state, rejected_by):
        if not _wants(author, "rejected"):
            continue

        def context(author: User = author) -> dict[str, object]:
            return {
                "name": _name(author),
                "reviewer": _name(rejected_by),
                "kind": _kind(obj),
                "title": _title(obj),
                "comment": comment or _("(no comment)"),
                "url": _edit_url(obj, author),
            }

        sent += mail_user(
            user=author,
            template_prefix="courses/emails/moderation_rejected",
            context=context,
        )
    return sent
