"""The Celery app. Tasks live in each app's tasks.py, never here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

# Every task is an OutboxTask: delay_on_commit keeps the task in the caller's
# transaction until the broker has it (lms/outbox.py).
app = Celery("lms", task_cls="lms.outbox:OutboxTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
