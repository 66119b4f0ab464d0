"""Certificates' Celery tasks: thin, idempotent, by ids (acks_late, so a
worker that dies mid-task has it redelivered)."""

from celery import shared_task

from .models import Certificate
from .services.issuing import certificate_issue_earned, certificate_render_pdf


@shared_task(acks_late=True)
def issue_certificate_task(
    holder_id: int, course_id: int | None = None, training_class_id: int | None = None
) -> int | None:
    """Issue the certificate a completion earned (once, however often it runs)."""
    certificate = certificate_issue_earned(
        holder_id=holder_id, course_id=course_id, training_class_id=training_class_id
    )
    return certificate.pk if certificate is not None else None


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def render_certificate_pdf_task(certificate_id: int) -> str | None:
    """Write the certificate's PDF into private storage, unless it is there."""
    certificate = (
        Certificate.objects.select_related("rule__template", "issuing_body", "holder")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        return None
    return certificate_render_pdf(certificate=certificate)
