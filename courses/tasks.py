from celery import shared_task

from .models import CoursePage


@shared_task(acks_late=True)
def recompute_course_progress_task(course_id: int) -> int:
    """Recompute every enrolment of a course; safe to run twice."""
    from .services import course_progress_recompute

    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        return 0
    return course_progress_recompute(course=course)
