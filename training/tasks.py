"""Training's Celery tasks: thin, idempotent, by ids."""

from celery import shared_task

from .models import TrainingClass
from .services.completion import (
    classes_due_for_warnings,
    low_attendance_warnings_send,
    participants_completion_update,
)
from .services.reminders import session_reminders_send


@shared_task(acks_late=True)
def update_participant_completion_task(participant_ids: list[int]) -> int:
    """Complete those of the participants who now meet every condition."""
    return participants_completion_update(participant_ids=participant_ids)


@shared_task(acks_late=True)
def send_low_attendance_warnings_task(training_class_id: int) -> int:
    """Warn a class's participants below its threshold, each once."""
    training_class = TrainingClass.objects.filter(pk=training_class_id).first()
    if training_class is None:
        return 0
    return len(low_attendance_warnings_send(training_class=training_class))


@shared_task(acks_late=True)
def queue_low_attendance_warnings_task() -> int:
    """Daily (celery beat): one warning task per class running today."""
    class_ids = classes_due_for_warnings()
    for class_id in class_ids:
        send_low_attendance_warnings_task.delay(class_id)
    return len(class_ids)


@shared_task(acks_late=True)
def send_session_reminders_task() -> int:
    """Daily (celery beat): remind participants of tomorrow's sessions, once each."""
    return session_reminders_send()
