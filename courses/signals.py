"""Signals this app sends. Later apps (certificates, stats) connect to them."""

from django.dispatch import Signal

# Sent once, when an enrolment becomes complete. kwargs: enrolment.
course_completed = Signal()
