"""Training classes (a run of a course for a cohort), their sessions, participants
and attendance (layer 3, above courses)."""

from .attendance import (
    AttendanceChange,
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
)
from .classes import Session, TrainingClass
from .participants import Participant
from .reminders import SessionReminder

__all__ = [
    "AttendanceChange",
    "AttendanceRecord",
    "AttendanceSource",
    "AttendanceStatus",
    "Participant",
    "Session",
    "SessionReminder",
    "TrainingClass",
]
