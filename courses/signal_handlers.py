"""Thin reactions to Wagtail's signals: lessons added, removed or unpublished;
work submitted for review, approved or sent back."""

from wagtail.models import Page

from lms.versions import content_changed

from .models import CoursePage, LessonPage
from .selectors import course_of_page
from .services import (
    course_publish_whole,
    moderation_approved_notify,
    moderation_rejected_notify,
    moderation_submitted_notify,
)
from .tasks import recompute_course_progress_task


def course_facts_changed(sender, **kwargs):
    """A name that course pages show, outside the page tree, has changed."""
    content_changed()


def trainer_changed(sender, instance, created=False, update_fields=None, **kwargs):
    """A course's trainers are shown by name from its cached facts: a trainer's
    account saved with its name (not a login's last_login alone) starts a new
    content version."""
    if created or (update_fields is not None and "full_name" not in update_fields):
        return
    if CoursePage.trainers.through.objects.filter(user_id=instance.pk).exists():
        content_changed()


def recompute_progress_for_lesson(sender, instance, **kwargs):
    if not isinstance(instance, LessonPage):
        return
    course = course_of_page(instance)
    if course is not None:
        recompute_course_progress_task.delay_on_commit(course.pk)


# Moderation e-mails, queued through Celery (see apps.py for how they replace
# Wagtail's own, which are sent inside the reviewer's request).


def notify_reviewers_of_submission(sender, instance, user=None, **kwargs):
    moderation_submitted_notify(task_state=instance, submitted_by=user)


def notify_author_of_approval(sender, instance, user=None, **kwargs):
    moderation_approved_notify(workflow_state=instance, approved_by=user)


def notify_author_of_rejection(sender, instance, user=None, **kwargs):
    moderation_rejected_notify(workflow_state=instance, rejected_by=user)


def publish_whole_course_on_approval(sender, instance, user=None, **kwargs):
    """An approved course is published with its modules and lessons, in the
    same transaction as the approval (WorkflowState.finish is atomic)."""
    course = instance.content_object
    if isinstance(course, Page):
        course = course.specific
    if isinstance(course, CoursePage):
        course_publish_whole(course=course, user=user)


def skip_submission_mail_to_superusers(sender, instance, user=None, **kwargs):
    """Wagtail mails every superuser on each submission; reviewers are told per
    task instead (notify_reviewers_of_submission), so nothing is sent here."""


def complete_lessons_on_quiz_graded(sender, attempt, **kwargs):
    """A graded attempt may pass the quiz a lesson places, completing the lesson."""
    from .services.quizzes import lessons_complete_by_quiz

    lessons_complete_by_quiz(learner=attempt.learner, quiz=attempt.quiz)
