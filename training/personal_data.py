"""What training holds on a person, for the download and the erasure
(people.personal_data; registered in TrainingConfig.ready())."""

from people.models import User
from people.personal_data import Row

from .models import AttendanceRecord, Participant


def registrations_export(user: User) -> list[Row]:
    """Each class the person registered for, with the needs they stated."""
    participants = (
        Participant.objects.filter(person=user)
        .select_related("training_class")
        .order_by("registered_at", "pk")
    )
    return [
        {
            "class_code": participant.training_class.code,
            "class": participant.training_class.title,
            "status": participant.get_status_display(),
            "registered_by": participant.get_source_display(),
            "attendance_mode": participant.get_attendance_mode_display(),
            "brings_young_child": participant.brings_young_child,
            "needs_disability_support": participant.needs_disability_support,
            "interpreter_language": participant.interpreter_language,
            "accommodation_needs": participant.accommodation_needs,
            "previous_training_year": participant.previous_training_year,
            "consent_at": participant.consent_at,
            "registered_at": participant.registered_at,
            "confirmed_at": participant.confirmed_at,
            "withdrawn_at": participant.withdrawn_at,
            "completed_at": participant.completed_at,
        }
        for participant in participants
    ]


def attendance_export(user: User) -> list[Row]:
    marks = (
        AttendanceRecord.objects.filter(participant__person=user)
        .select_related("session", "participant__training_class", "status")
        .order_by("session__date", "session__starts_at", "pk")
    )
    return [
        {
            "class_code": mark.participant.training_class.code,
            "session_date": mark.session.date,
            "session_starts_at": mark.session.starts_at,
            "topic": mark.session.topic,
            "status": mark.status.label,
            "source": mark.get_source_display(),
            "marked_at": mark.marked_at,
        }
        for mark in marks
    ]


def registrations_erase(user: User) -> None:
    """Registrations and attendance marks stay: they are the participant-turns
    and hours the reports count, and the basis of issued certificates. The
    needs the person stated (a disability, a young child, a language, travel)
    are theirs alone, no figure reads them, and a disability is sensitive
    data: they go."""
    Participant.objects.filter(person=user).update(
        brings_young_child=False,
        needs_disability_support=False,
        interpreter_language="",
        accommodation_needs="",
        previous_training_year=None,
    )
