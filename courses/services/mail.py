"""Queue e-mails to people through Celery, written in the recipient's language.

Every message of the admin side of courses (moderation, assignments, requests,
reminders) goes through `mail_user`, so none is sent inside a web request. Its
words are templates under courses/templates/courses/emails/, rendered by
`lms.mail.render_templated_mail`.
"""

from collections.abc import Callable, Mapping

from django.conf import settings
from django.utils import translation
from wagtail.users.models import UserProfile

from lms.mail import render_templated_mail
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


def mail_user(
    *,
    user: User,
    template_prefix: str,
    context: Callable[[], Mapping[str, object]],
) -> bool:
    """Queue one e-mail once the transaction commits; False when there is no
    address to send it to. `context` is called in the recipient's language, as
    some of its values are translated (a page type, "Someone")."""
    if not user.email or not user.is_active:
        return False
    language = user_language(user)
    with translation.override(language):
        values = context()
    mail = render_templated_mail(
        template_prefix=template_prefix, context=values, language=language
    )
    send_email_task.delay_on_commit(
        mail.subject, mail.text, user.email, html_body=mail.html
    )
    return True


def admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
