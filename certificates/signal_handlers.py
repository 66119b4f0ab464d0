"""Thin reactions to completion signals: the certificate is issued by Celery."""

from typing import Any

from .services.issuing import certificate_rule_for
from .tasks import issue_certificate_task


def issue_certificate_on_course_completed(*, enrolment: Any, **kwargs: Any) -> None:
    """courses.signals.course_completed: the course's certificate, if it has a rule."""
    if certificate_rule_for(course_id=enrolment.course_id) is not None:
        issue_certificate_task.delay_on_commit(
            enrolment.learner_id, course_id=enrolment.course_id
        )


def issue_certificate_on_class_completed(*, participant: Any, **kwargs: Any) -> None:
    """training.signals.class_completed: the class's certificate, if it has a rule."""
    if (
        certificate_rule_for(training_class_id=participant.training_class_id)
        is not None
    ):
        issue_certificate_task.delay_on_commit(
            participant.person_id, training_class_id=participant.training_class_id
        )
