import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page

from people.access import sees_everything

from .models import CoursePage, ModulePage
from .reports import course_is_taught_by
from .services import (
    COURSE_PART_PUBLISHED_WITH_COURSE,
    COURSE_PARTS,
    CoursePageChange,
    course_copy_allowed,
    course_page_change_refusal,
)
from .services.publishing import COURSE_REVIEW_ONLY, course_review_only
from .trainer_chooser import TrainerChooserViewSet
from .viewsets import (
    REPORT_PERMISSION,
    CourseCopyViewSet,
    LearningViewSetGroup,
)


@hooks.register("register_admin_viewset")
def register_learning_viewsets():
    return [LearningViewSetGroup(), CourseCopyViewSet()]


@hooks.register("register_admin_viewset")
def register_trainer_chooser():
    return TrainerChooserViewSet(
        "course_trainer_chooser", url_prefix="courses/trainers"
    )


def _refused(request, *, change, target, page_class, back):
    """Ask the one rule (courses.services.course_page_change_refusal); on a
    refusal say why and send the editor back to `back` (a URL name and page)."""
    message = course_page_change_refusal(
        user=request.user,
        change=change,
        target=target,
        page_class=page_class,
        posted=request.method == "POST",
        submitting="action-submit" in request.POST,
    )
    if message is None:
        return None
    messages.error(request, message)
    return redirect(*back)


@hooks.register("before_create_page")
def keep_new_pages_in_own_courses(request, parent_page, page_class):
    return _refused(
        request,
        change=CoursePageChange.CREATE,
        target=parent_page,
        page_class=page_class,
        back=("wagtailadmin_explore", parent_page.pk),
    )


@hooks.register("construct_page_action_menu")
def no_separate_review_for_course_parts(menu_items, request, context):
    """A new module sits under a course, which has a workflow, so Wagtail would
    offer to submit the module alone; it is reviewed with its course."""
    parent = context.get("parent_page")
    if (
        context.get("view") == "create"
        and parent is not None
        and parent.specific_class in (CoursePage, ModulePage)
    ):
        menu_items[:] = [item for item in menu_items if item.name != "action-submit"]


@hooks.register("before_edit_page")
def keep_course_parts_unchanged_during_review(request, page):
    return _refused(
        request,
        change=CoursePageChange.EDIT,
        target=page,
        page_class=page.specific_class or Page,
        back=("wagtailadmin_pages:edit", page.pk),
    )


def _say_course_parts_go_with_their_course(request, page):
    if isinstance(page.specific_deferred, COURSE_PARTS) and not (
        page.permissions_for_user(request.user).can_publish()
    ):
        messages.info(request, str(COURSE_PART_PUBLISHED_WITH_COURSE))


@hooks.register("after_create_page")
def after_creating_a_course_part(request, page):
    _say_course_parts_go_with_their_course(request, page)


@hooks.register("after_edit_page")
def after_editing_a_course_part(request, page):
    _say_course_parts_go_with_their_course(request, page)


def _placing(request, destination):
    if destination is None:
        return None
    return _refused(
        request,
        change=CoursePageChange.PLACE,
        target=destination,
        page_class=Page,
        back=("wagtailadmin_explore", destination.pk),
    )


@hooks.register("before_move_page")
def keep_moved_pages_in_own_courses(request, page_to_move, destination):
    return _placing(request, destination)


@hooks.register("before_copy_page")
def keep_copied_pages_in_own_courses(request, page):
    return _placing(
        request, Page.objects.filter(pk=request.POST.get("new_parent_page")).first()
    )


@hooks.register("before_bulk_action")
def keep_bulk_moved_pages_in_own_courses(
    request, action_type, objects, action_class_instance
):
    form = getattr(action_class_instance, "cleaned_form", None)
    if action_type != "move" or form is None:
        return None
    return _placing(request, form.cleaned_data.get("chooser"))


def _course_buttons(page, user, priority):
    if page.specific_class is not CoursePage:
        return
    course = page.specific_deferred
    if course_copy_allowed(user=user, course=course):
        yield Button(
            gettext("Copy for a new edition"),
            url=reverse("course_copy:copy", args=[course.pk]),
            icon_name="copy",
            priority=priority,
        )
    if user.has_perm(REPORT_PERMISSION) and (
        sees_everything(user) or course_is_taught_by(course=course, user=user)
    ):
        yield Button(
            gettext("Learners' progress"),
            url=reverse("course_progress:index")
            + "?"
            + urlencode({"course": course.pk}),
            icon_name="clipboard-list",
            priority=priority + 1,
        )


@hooks.register("register_page_header_buttons")
def course_header_buttons(page, user, view_name, next_url=None):
    yield from _course_buttons(page, user, priority=31)


@hooks.register("register_page_listing_more_buttons")
def course_listing_buttons(page, user, next_url=None):
    yield from _course_buttons(page, user, priority=21)


# --- Reviewers approve or send back, nothing more (courses.services.publishing) ---------


def _review_decision(request, page):
    """Carry out the reviewer's decision posted from the editor, without saving
    the form: what they approve is what the trainers submitted."""
    task_state = page.current_workflow_task_state
    task = task_state.task.specific if task_state else None
    action = request.POST.get("workflow-action-name")
    if task is None or action not in {
        name for name, _label, _modal in task.get_actions(page, request.user)
    }:
        raise PermissionDenied
    try:
        extra = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        extra = {}
    comment = extra.get("comment", "") if isinstance(extra, dict) else ""
    task.on_action(task_state, request.user, action, comment=str(comment))
    title = page.get_admin_display_title()
    if action == "approve":
        messages.success(request, gettext("“%s” is approved.") % title)
    else:
        messages.success(request, gettext("“%s” is sent back to its trainers.") % title)
    return redirect("wagtailadmin_home")


@hooks.register("before_edit_page")
def reviewers_only_approve_or_send_back(request, page):
    """A reviewer reads the course in the editor and decides; saving changes,
    publishing or reverting to an old revision are refused."""
    if not course_review_only(user=request.user, page=page):
        return None
    reverting = getattr(request.resolver_match, "url_name", "") == "revisions_revert"
    if not reverting and request.method != "POST":
        return None
    if not reverting and request.POST.get("action-workflow-action"):
        return _review_decision(request, page)
    messages.error(request, str(COURSE_REVIEW_ONLY))
    return redirect("wagtailadmin_pages:edit", page.pk)


def _review_only_refusal(request, *pages):
    if any(course_review_only(user=request.user, page=page) for page in pages):
        messages.error(request, str(COURSE_REVIEW_ONLY))
        return redirect("wagtailadmin_home")
    return None


@hooks.register("before_copy_page")
def reviewers_do_not_copy(request, page):
    return _review_only_refusal(request, page)


@hooks.register("before_unpublish_page")
def reviewers_do_not_unpublish(request, page):
    return _review_only_refusal(request, page)


@hooks.register("before_publish_page")
def reviewers_publish_only_by_approving(request, page):
    return _review_only_refusal(request, page)


@hooks.register("before_bulk_action")
def reviewers_take_no_bulk_action_on_courses(
    request, action_type, objects, action_class_instance
):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    return _review_only_refusal(request, *pages)


@hooks.register("construct_page_action_menu")
def reviewers_see_only_their_decisions(menu_items, request, context):
    page = context.get("page")
    if (
        context.get("view") in ("edit", "revisions_revert")
        and page is not None
        and course_review_only(user=request.user, page=page)
    ):
        menu_items[:] = [
            item for item in menu_items if isinstance(item, WorkflowMenuItem)
        ]


@hooks.register("before_serve_document")
def keep_lesson_files_in_their_course(document, request):
    """A lesson's files go to its course's learners and staff (courses.documents)."""
    from .documents import lesson_document_refusal

    return lesson_document_refusal(document=document, request=request)
