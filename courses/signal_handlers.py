"""Thin reactions to Wagtail's page signals: lessons added, removed or unpublished."""

from .models import LessonPage
from .services import course_of_page
from .tasks import recompute_course_progress_task


def recompute_progress_for_lesson(sender, instance, **kwargs):
    if not isinstance(instance, LessonPage):
        return
    course = course_of_page(instance)
    if course is not None:
        recompute_course_progress_task.delay_on_commit(course.pk)
