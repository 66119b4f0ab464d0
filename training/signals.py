"""Signals this app sends. Later apps (certificates, stats) connect to them."""

from django.dispatch import Signal

# Sent once, when a participant completes a class. kwargs: participant.
class_completed = Signal()

# Sent after the transaction that changed attendance marks has committed (by the
# roll-call, QR and typed check-in, online join and sign-in sheet import).
# kwargs: participant_ids (the participants whose marks changed). Completion and
# low-attendance warnings listen to it.
attendance_changed = Signal()
