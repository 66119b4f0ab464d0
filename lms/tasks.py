"""The platform's own periodic work: draining the task outbox (lms.outbox)."""

from celery import shared_task

from .outbox import outbox_drain


@shared_task(ignore_result=True)
def drain_outbox_task() -> int:
    """Publish the tasks kept while the broker was down (beat, every minute)."""
    published, _waiting = outbox_drain()
    return published
