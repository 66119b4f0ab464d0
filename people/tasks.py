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
