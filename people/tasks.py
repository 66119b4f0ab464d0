from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from .account_import.services import account_import_apply, account_import_validate
from .models import AccountImport


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
    account_import_validate(account_import=AccountImport.objects.get(pk=import_id))


@shared_task(acks_late=True)
def apply_account_import_task(import_id: int) -> None:
    """Write a confirmed import's accounts; a second run of a finished one does nothing."""
    account_import_apply(account_import=AccountImport.objects.get(pk=import_id))


def queue_account_import_check(*, account_import: AccountImport, **kwargs) -> None:
    """On people.signals.account_import_uploaded: check the file once the upload
    is committed (the worker must see the row)."""
    validate_account_import_task.delay_on_commit(account_import.pk)


def queue_account_import_apply(*, account_import: AccountImport, **kwargs) -> None:
    """On people.signals.account_import_confirmed: write the accounts once the
    confirmation is committed."""
    apply_account_import_task.delay_on_commit(account_import.pk)
