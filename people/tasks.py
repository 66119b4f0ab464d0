from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_email_task(
    subject: str, body: str, recipient: str, html_body: str | None = None
) -> None:
    """Send one message; retried when the mail server is unreachable."""
    message = EmailMultiAlternatives(subject, body, to=[recipient])
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


@shared_task(acks_late=True)
def validate_account_import_task(import_id: int) -> None:
    """Check an uploaded account file; a second run of a checked import does nothing."""
    # Imported here because the import services enqueue these tasks.
    from .account_import import account_import_validate
    from .models import AccountImport

    account_import_validate(account_import=AccountImport.objects.get(pk=import_id))


@shared_task(acks_late=True)
def apply_account_import_task(import_id: int) -> None:
    """Write a confirmed import's accounts; a second run of a finished one does nothing."""
    from .account_import import account_import_apply
    from .models import AccountImport

    account_import_apply(account_import=AccountImport.objects.get(pk=import_id))
