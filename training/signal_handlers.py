"""Thin reactions to signals: completion is re-checked where its inputs change,
and whether a participant attended follows their marks."""

from typing import Any

from .services.attendance import participants_attended_update
from .services.completion import (
    participants_awaiting_course,
    participants_awaiting_quiz,
)
from .tasks import update_participant_completion_task


def update_completion_on_attendance(
    *, participant_ids: list[int], **kwargs: Any
) -> None:
    """training.signals.attendance_changed (sent after the marks committed)."""
    if participant_ids:
        update_participant_completion_task.delay_on_commit(sorted(participant_ids))


def update_completion_on_attempt_graded(*, attempt: Any, **kwargs: Any) -> None:
    """assessments.signals.attempt_graded: a post-test may have been passed."""
    ids = participants_awaiting_quiz(
        quiz_id=attempt.quiz_id, person_id=attempt.learner_id
    )
    if ids:
        update_participant_completion_task.delay_on_commit(ids)


def update_completion_on_course_completed(*, enrolment: Any, **kwargs: Any) -> None:
    """courses.signals.course_completed: the class's online part is done."""
    ids = participants_awaiting_course(
        course_id=enrolment.course_id, person_id=enrolment.learner_id
    )
    if ids:
        update_participant_completion_task.delay_on_commit(ids)


def update_attended_on_mark_saved(*, instance: Any, **kwargs: Any) -> None:
    """post_save / post_delete of an AttendanceRecord (a mark, a session deleted)."""
    participants_attended_update([instance.participant_id])
