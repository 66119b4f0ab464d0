"""Queue e-mails to people through Celery, written in the recipient's language.

Every message of the admin side of courses (moderation, assignments, requests,
reminders) goes through `mail_user`, so none is sent inside a web request.
"""

from collections.abc import Callable

from django.conf import settings
from django.utils import translation
from wagtail.users.models import UserProfile

from people.models import User
from people.tasks import send_email_task


def user_language(user: User) -> str:
    """The admin language the person chose, or the site's (Vietnamese)."""
    language = (
        UserProfile.objects.filter(user=user)
        .values_list("preferred_language", flat=True)
        .first()
    )
    return language or settings.LANGUAGE_CODE


def mail_user(*, user: User, message: Callable[[], tuple[str, str]]) -> bool:
    """Queue one e-mail once the transaction commits; False when there is no
    address to send it to. `message` builds (subject, body) in the recipient's
    language."""
    if not user.email or not user.is_active:
        return False
    with translation.override(user_language(user)):
        subject, body = message()
    send_email_task.delay_on_commit(str(subject), str(body), user.email)
    return True


def admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
