"""Signals this app sends. Later apps (certificates, stats) connect to them."""

from django.dispatch import Signal

# Sent once, when an enrolment becomes complete. kwargs: enrolment.
course_completed = Signal()

# Sent inside the transaction that stored a course assignment; kwargs: assignment.
# courses.tasks queues the enrolments on it, so the services do not import tasks.
course_assignment_created = Signal()
