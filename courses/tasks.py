from celery import shared_task

from .models import CourseAssignment, CoursePage
from .services import (
    course_assignment_apply,
    course_progress_recompute,
    enrolment_reminders_send,
)


@shared_task(acks_late=True)
def recompute_course_progress_task(course_id: int) -> int:
    """Recompute every enrolment of a course; safe to run twice."""
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        return 0
    return course_progress_recompute(course=course)


@shared_task(acks_late=True)
def assign_course_task(assignment_id: int) -> None:
    """Enrol the learners of an assignment; a finished one is left alone."""
    assignment = CourseAssignment.objects.filter(pk=assignment_id).first()
    if assignment is not None:
        course_assignment_apply(assignment=assignment)


@shared_task(acks_late=True)
def send_due_date_reminders_task() -> int:
    """Daily (celery beat): remind learners whose course is nearly due, once."""
    return enrolment_reminders_send()


def queue_course_assignment(*, assignment: CourseAssignment, **kwargs) -> None:
    """On courses.signals.course_assignment_created: make the enrolments once the
    assignment is committed (the worker must see it)."""
    assign_course_task.delay_on_commit(assignment.pk)
