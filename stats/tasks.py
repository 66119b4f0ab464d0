"""Statistics' Celery tasks: thin, idempotent, by ids."""

from celery import shared_task

from .services.submissions import report_reminders_send


@shared_task(acks_late=True)
def send_report_reminders_task() -> int:
    """Daily (celery beat): remind the managers of units yet to report, 14, 7
    and 1 days before a report is due, each reminder once."""
    return report_reminders_send()
