"""Celery tasks: thin wrappers around assessments.services."""

from celery import shared_task

# Attempts


@shared_task
def submit_overdue_attempts_task():
    """Submit timed attempts left open past their deadline (Celery beat, every minute)."""
    from .services.attempts import submit_overdue_attempts

    return submit_overdue_attempts()


# Question import


@shared_task(acks_late=True)
def import_question_file_task(import_id: int) -> None:
    """Save a large checked question file; a second run of a finished job does nothing."""
    # Imported here because the import service enqueues this task.
    from .models import QuestionImport
    from .services.importing import question_import_apply

    question_import_apply(question_import=QuestionImport.objects.get(pk=import_id))
