"""The learner's side of courses: catalogue, course, lesson, enrolment, dashboard.

The module and lesson pages hand their serving over to the functions at the
top (their context comes from courses.selectors); the Django views below take
the writes (all POST) and the dashboard. Views call services for writes and
selectors for reads, nothing else.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses import selectors, services
from courses.models import (
    Enrolment,
    LessonPage,
    ModulePage,
)
from courses.services.quizzes import lesson_quiz_status
from lms.versions import content_version

logger = logging.getLogger("courses")


# --- Pages ---------------------------------------------------------------------


def module_serve(request, page: ModulePage):
    """A module has no page of its own: it is a part of its course's outline."""
    course = selectors.course_of_page(page)
    if course is None or not course.live:
        raise Http404
    return redirect(f"{course.get_url(request)}#module-{page.pk}")


def lesson_serve(request, page: LessonPage):
    """Open a lesson for a learner enrolled in its course, and note where they are."""
    request.is_preview = False
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    learning = selectors.lesson_learning(
        learner=request.user, lesson=page, version=content_version(request)
    )
    if learning is None:
        course = selectors.course_of_page(page)
        if course is None or not course.live:
            raise Http404
        messages.warning(request, services.NOT_ENROLLED)
        return redirect(course.get_url(request))
    enrolment = learning.enrolment
    context = page.get_context(
        request, enrolment=enrolment, done_lesson_ids=learning.done_lesson_ids
    )
    if context["current_lesson"] is None:
        # Live, but under a module that is not: not part of the course.
        raise Http404
    progress = services.lesson_view_record(
        enrolment=enrolment, lesson=page, progress=learning.progress
    )
    context.update(
        quiz_status=lesson_quiz_status(learner=request.user, lesson=page),
        progress=progress,
        minutes_spent=progress.time_spent_seconds // 60,
        has_spent_enough=(
            progress.time_spent_seconds >= services.lesson_required_seconds(page)
        ),
    )
    return TemplateResponse(request, page.get_template(request), context)


# --- Views ---------------------------------------------------------------------


def catalogue(request):
    """A stable address for the catalogue, whatever its page is called."""
    index = selectors.catalogue_index()
    if index is None:
        raise Http404
    return redirect(index.get_url(request))


@login_required
def dashboard(request):
    return render(
        request,
        "courses/dashboard.html",
        {
            "dashboard": selectors.learner_dashboard(learner=request.user),
            "today": timezone.localdate(),
        },
    )


@require_POST
def enrol(request, course_id: int):
    course = selectors.live_course(course_id=course_id)
    if course is None:
        raise Http404
    course_url = course.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(course_url)
    try:
        result = services.enrolment_create(learner=request.user, course=course)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(course_url)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(course_url)
    if result.created:
        messages.success(request, result.message)
    else:
        messages.info(request, result.message)
    return redirect(course_url)


@require_POST
def lesson_complete(request, lesson_id: int):
    """Mark a lesson complete, counting first the time since the last heartbeat."""
    lesson = selectors.live_lesson(lesson_id=lesson_id)
    if lesson is None:
        raise Http404
    lesson_url = lesson.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(lesson_url)
    if request.POST.get("seconds"):
        services.lesson_heartbeat_record(
            learner=request.user, lesson=lesson, seconds=request.POST["seconds"]
        )
    try:
        progress = services.lesson_complete(learner=request.user, lesson=lesson)
    except PermissionDenied as error:
        messages.error(request, str(error))
        course = selectors.course_of_page(lesson)
        return redirect(course.get_url(request) if course and course.live else "/")
    except ValidationError as error:
        messages.warning(request, error.messages[0])
        return redirect(lesson_url)
    enrolment = progress.enrolment
    course_url = enrolment.course.get_url(request)
    if enrolment.status == Enrolment.Status.COMPLETED:
        messages.success(
            request,
            _("Lesson complete. You have completed the course “%(title)s”.")
            % {"title": enrolment.course.title},
        )
        return redirect(course_url)
    messages.success(request, _("Lesson complete."))
    outline = selectors.course_outline(course=enrolment.course, course_url=course_url)
    _previous, following = outline.neighbours(lesson.pk)
    return redirect(following.url if following else course_url)


@never_cache
@require_POST
def lesson_heartbeat(request, lesson_id: int):
    """Time spent on a lesson page; bad or forged beats are ignored (and logged)."""
    if not request.user.is_authenticated:
        return JsonResponse({"counted": 0}, status=403)
    counted = services.lesson_heartbeat_record_by_id(
        learner=request.user, lesson_id=lesson_id, seconds=request.POST.get("seconds")
    )
    if counted is None:
        logger.warning(
            "heartbeat ignored: no live lesson %s (user=%s)", lesson_id, request.user.pk
        )
        return JsonResponse({"counted": 0}, status=404)
    return JsonResponse({"counted": counted})
