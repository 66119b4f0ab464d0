"""Courses in the site search: course pages, and lesson outlines for those who may see them.

Registered in `CoursesConfig.ready()` through `lms.search_sources`; the site
search (`content_pages.search`) knows nothing else of courses.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from lms.search_sources import (
    PageRef,
    SearchHit,
    SearchKind,
    SearchSource,
    title_matches,
)

from .models import CoursePage
from .selectors import outline_visible_to

COURSES = "courses"
LESSONS = "lessons"
# content_pages' kind for pages that are listed as plain pages.
PAGES = "pages"


def course_search_refs_visible(
    refs: list[PageRef], *, user, folded_query: str
) -> list[PageRef]:
    """Courses as found; lessons and modules only when their title matches (their
    body is for enrolled learners, so a match inside it must not reveal them)
    and their course is live with an outline `user` may see. A kept lesson's
    `target` is its course, where its hit links."""
    lessons = [ref for ref in refs if ref.kind == LESSONS]
    if lessons:
        _attach_courses(lessons, user=user)
    return [
        ref
        for ref in refs
        if ref.kind != LESSONS
        or (ref.target is not None and title_matches(ref.page.title, folded_query))
    ]


def _attach_courses(lessons: list[PageRef], *, user) -> None:
    """Set each lesson's course when it is live and its outline is shown to `user`."""
    ancestor_paths = {
        ref.page.path[:end]
        for ref in lessons
        for end in range(Page.steplen, len(ref.page.path), Page.steplen)
    }
    # No .public(): a view restriction on a course covers its lessons, and these
    # lessons passed it already.
    courses = {
        course.path: course
        for course in CoursePage.objects.live()
        .filter(path__in=ancestor_paths)
        .only("id", "path", "title", "url_path", "is_outline_public")
    }
    for ref in lessons:
        course = next(
            (courses[path] for path in courses if ref.page.path.startswith(path)),
            None,
        )
        if course is not None and outline_visible_to(course=course, user=user):
            ref.target = course


def lesson_hit(ref: PageRef, *, request) -> SearchHit:
    """The title only: a lesson opens for enrolled learners, its course for all."""
    return SearchHit(
        kind=ref.kind,
        title=ref.page.title,
        url=ref.target.get_url(request),
        course_title=ref.target.title,
    )


COURSE_SEARCH_SOURCE = SearchSource(
    name="courses",
    page_types={
        "courses.courseindexpage": PAGES,
        "courses.coursepage": COURSES,
        "courses.modulepage": LESSONS,
        "courses.lessonpage": LESSONS,
    },
    kinds=(
        SearchKind(COURSES, _("Courses"), position=10),
        SearchKind(
            LESSONS, _("Lessons in course outlines"), position=20, present=lesson_hit
        ),
    ),
    visible=course_search_refs_visible,
)
