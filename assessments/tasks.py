"""Celery tasks: thin wrappers around assessments.services."""

from celery import shared_task

from .models import QuestionImport
from .services.attempts import attempts_overdue_submit
from .services.importing import question_import_apply

# Attempts


@shared_task
def submit_overdue_attempts_task():
    """Submit timed attempts left open past their deadline (Celery beat, every minute)."""
    return attempts_overdue_submit()


# Question import


@shared_task(acks_late=True)
def import_question_file_task(import_id: int) -> None:
    """Save a large checked question file; a second run of a finished job does nothing."""
    question_import_apply(question_import=QuestionImport.objects.get(pk=import_id))


def queue_question_import(*, question_import: QuestionImport, **kwargs) -> None:
    """On assessments.signals.question_import_started: save the questions once
    the kept file is committed (the worker must see it)."""
    import_question_file_task.delay_on_commit(question_import.pk)
