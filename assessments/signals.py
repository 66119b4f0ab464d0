"""Signals the quiz engine sends; apps above it (courses) listen, it never calls them."""

from django.dispatch import Signal

# An attempt received its final grade (on submit, after essay grading, or after
# a regrade that changed it). Sent after the transaction commits. kwargs: attempt.
attempt_graded = Signal()

# Sent inside the transaction that kept a checked question file. kwargs:
# question_import. assessments.tasks queues the import on it, so the import
# service does not import the task module that calls it.
question_import_started = Signal()
