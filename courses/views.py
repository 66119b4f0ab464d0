"""The learner's side of courses: catalogue, course, lesson, enrolment, dashboard.

The page types hand their context and serving over to the functions at the top;
the Django views below take the writes (all POST) and the dashboard. Views call
services for writes and selectors for reads, nothing else.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses import selectors, services
from courses.forms import CatalogueFilterForm
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
)
from courses.services.quizzes import lesson_quiz_status

logger = logging.getLogger("courses")

CATALOGUE_PAGE_SIZE = 12


# --- Pages ---------------------------------------------------------------------


def catalogue_context(request, page: CourseIndexPage) -> dict:
    facets = selectors.catalogue_facets(index=page)
    form = CatalogueFilterForm(request.GET or None, facets=facets)
    filters = form.filters()
    results = selectors.catalogue_courses(index=page, filters=filters)
    courses_page = Paginator(results, CATALOGUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return {
        "filter_form": form,
        "filters": filters,
        "courses_page": courses_page,
        "cards": selectors.course_cards(
            courses=list(courses_page.object_list), learner=request.user
        ),
    }


def course_context(request, page: CoursePage) -> dict:
    user = request.user
    is_preview = getattr(request, "is_preview", False)
    return {
        # The reviewer approves the course with its drafts: the preview shows them.
        "review_outline": (
            selectors.course_review_outline(course=page)
            if is_preview and page.pk
            else None
        ),
        "detail": selectors.course_detail(
            course=page,
            learner=user,
            course_url=page.get_url(request),
            with_outline=user.is_authenticated or page.is_outline_public,
        ),
        "catalogue_url": page.get_parent().get_url(request),
        "assigned_only_message": services.ASSIGNED_ONLY,
        "not_open_message": services.COURSE_HAS_NO_LESSONS,
    }


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
    enrolment = selectors.learning_enrolment(learner=request.user, lesson=page)
    if enrolment is None:
        course = selectors.course_of_page(page)
        if course is None or not course.live:
            raise Http404
        messages.warning(request, services.NOT_ENROLLED)
        return redirect(course.get_url(request))
    context = page.get_context(request, enrolment=enrolment)
    if context["current_lesson"] is None:
        # Live, but under a module that is not: not part of the course.
        raise Http404
    progress = services.lesson_view_record(enrolment=enrolment, lesson=page)
    context.update(
        quiz_status=lesson_quiz_status(learner=request.user, lesson=page),
        progress=progress,
        minutes_spent=progress.time_spent_seconds // 60,
        has_spent_enough=(
            progress.time_spent_seconds >= services.lesson_required_seconds(page)
        ),
    )
    return TemplateResponse(request, page.get_template(request), context)


def lesson_context(request, page: LessonPage, *, enrolment: Enrolment | None) -> dict:
    """The outline beside the lesson, where it sits, and what completing it takes.

    Without an enrolment (an editor's preview) the page shows the same outline
    and no completion form, and nothing is recorded.
    """
    course = enrolment.course if enrolment else selectors.course_of_page(page)
    context = {
        "course": course,
        "enrolment": enrolment,
        "progress": None,
        "outline": None,
        "current_lesson": None,
        "module": None,
        "previous_lesson": None,
        "next_lesson": None,
        "required_minutes": max(1, round(services.lesson_required_seconds(page) / 60)),
        "heartbeat_interval": services.HEARTBEAT_INTERVAL_SECONDS,
        "heartbeat_max": services.HEARTBEAT_MAX_SECONDS,
    }
    if course is None:
        return context
    course_url = course.get_url(request) or ""
    outline = selectors.course_outline(
        course=course, course_url=course_url, enrolment=enrolment
    )
    previous_lesson, next_lesson = outline.neighbours(page.pk)
    context.update(
        course_url=course_url,
        outline=outline,
        current_lesson=outline.lesson(page.pk),
        module=outline.module_of(page.pk),
        previous_lesson=previous_lesson,
        next_lesson=next_lesson,
    )
    return context


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
    lesson = selectors.live_lesson(lesson_id=lesson_id)
    if lesson is None:
        logger.warning(
            "heartbeat ignored: no live lesson %s (user=%s)", lesson_id, request.user.pk
        )
        return JsonResponse({"counted": 0}, status=404)
    counted = services.lesson_heartbeat_record(
        learner=request.user, lesson=lesson, seconds=request.POST.get("seconds")
    )
    return JsonResponse({"counted": counted})
