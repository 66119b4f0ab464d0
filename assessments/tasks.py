"""Celery tasks: thin wrappers around assessments.services."""

from celery import shared_task

# Attempts


@shared_task
def submit_overdue_attempts_task():
    """Submit timed attempts left open past their deadline (Celery beat, every minute)."""
    from .services.attempts import submit_overdue_attempts

    return submit_overdue_attempts()
