"""Quizzes placed in lessons: who may take them, and completing a lesson by passing.

courses calls the assessments services; assessments learns about courses only
through the access rule registered here and the attempt_graded signal.
"""

from collections.abc import Iterable
from typing import Any

from django.db import router, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.models import PageViewRestriction

from assessments.access import QuizAccessDenial
from assessments.models import Quiz
from assessments.selectors import (
    quiz_final_grade,
    quiz_grade_passes,
    quiz_passed_by,
)
from lms.prepared import PreparedRows, instance_from_row
from people.models import User

from ..models import CoursePage, Enrolment, LessonPage, LessonProgress
from ..selectors import LEARNING_STATUSES, course_path_of
from .enrolment import enrolment_progress_recompute

ENROL_FIRST = gettext_lazy(
    "Enrol in the course “%(course)s” first: its quizzes are for its learners."
)
GO_TO_COURSE = gettext_lazy("Go to the course")


def lessons_placing(quiz: Quiz) -> QuerySet[LessonPage]:
    return LessonPage.objects.live().filter(quiz=quiz)


def _enrolments_for(
    learner: User, lessons: Iterable[LessonPage]
) -> list[tuple[LessonPage, Enrolment]]:
    """Each lesson with the learner's enrolment in its course, where there is one."""
    lesson_list = list(lessons)
    if not lesson_list:
        return []
    paths = {course_path_of(lesson): lesson for lesson in lesson_list}
    enrolments = Enrolment.objects.filter(
        learner=learner,
        course__path__in=paths,
        course__live=True,
        status__in=LEARNING_STATUSES,
    ).select_related("course")
    return [(paths[e.course.path], e) for e in enrolments]


def quiz_access_for_course_learners(
    user: User, quiz: Quiz
) -> bool | QuizAccessDenial | None:
    """A quiz placed in lessons is for the learners of those courses (and their trainers).

    Registered with assessments.access in CoursesConfig.ready(). A quiz no
    lesson places gets no opinion from courses. Someone not enrolled is told to
    enrol, with a link, only if one of those courses is visible to them; else
    the refusal is a plain False and the quiz page answers "not found".
    """
    lessons = list(lessons_placing(quiz))
    if not lessons:
        return None
    if (
        _enrolments_for(user, lessons)
        or quiz.owner_id == user.pk
        or quiz.graders.filter(pk=user.pk).exists()
    ):
        return True
    course = _course_visible_to(user, {course_path_of(lesson) for lesson in lessons})
    if course is None:
        return False
    return QuizAccessDenial(
        message=ENROL_FIRST % {"course": course.title},
        url=course.get_url() or "",
        link_text=str(GO_TO_COURSE),
    )


def _course_visible_to(user: User, paths: set[str]) -> CoursePage | None:
    """The first live course among these whose view restrictions let the user in.

    Mirrors Wagtail's BaseViewRestriction.accept_request for a signed-in user;
    a password restriction is never taken as passed (it lives in a session).
    """
    for course in CoursePage.objects.live().filter(path__in=paths).order_by("path"):
        if all(_restriction_admits(r, user) for r in course.get_view_restrictions()):
            return course
    return None


def _restriction_admits(restriction: PageViewRestriction, user: User) -> bool:
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return user.is_superuser or restriction.groups.filter(user=user).exists()
    return restriction.restriction_type == PageViewRestriction.NONE


@transaction.atomic
def lessons_complete_by_quiz(*, learner: User, quiz: Quiz) -> int:
    """Complete every lesson placing this quiz once the learner's grade passes it.

    Called after an attempt is graded (assessments' attempt_graded signal). A
    lesson already completed stays completed if a later regrade lowers the grade:
    progress, like certificates, is not taken back.
    """
    pairs = _enrolments_for(learner, lessons_placing(quiz))
    if not pairs or not quiz_passed_by(quiz=quiz, learner=learner):
        return 0
    now = timezone.now()
    completed = 0
    for lesson, enrolment in pairs:
        progress, _created = LessonProgress.objects.get_or_create(
            enrolment=enrolment, lesson=lesson
        )
        if progress.completed_at is None:
            progress.completed_at = now
            progress.save(update_fields=["completed_at"])
            completed += 1
        enrolment_progress_recompute(enrolment=enrolment)
    return completed


# Only what the lesson page and the grade need (a quiz row is wide), by SQL
# built once: every lesson page that places a quiz reads it.
_LESSON_QUIZ_FIELDS = ["id", "title", "pass_percentage", "grading_method"]
_LESSON_QUIZ = PreparedRows(
    Quiz,
    lambda quiz: Quiz.objects.filter(pk=quiz).values_list(*_LESSON_QUIZ_FIELDS),
    "quiz",
)


def lesson_quiz_status(*, learner: User, lesson: LessonPage) -> dict[str, Any] | None:
    """What the lesson page says about its quiz: grade so far and whether it is passed."""
    if lesson.quiz_id is None:
        return None
    rows = _LESSON_QUIZ.rows(quiz=lesson.quiz_id)
    if not rows:
        return None
    quiz = instance_from_row(
        Quiz, router.db_for_read(Quiz), _LESSON_QUIZ_FIELDS, rows[0]
    )
    grade = quiz_final_grade(quiz=quiz, learner=learner)
    return {
        "quiz": quiz,
        "grade": grade,
        "passed": quiz_grade_passes(quiz=quiz, grade=grade),
    }


__all__ = [
    "lesson_quiz_status",
    "lessons_complete_by_quiz",
    "quiz_access_for_course_learners",
]
