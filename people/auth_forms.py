"""Login and password-reset forms: throttled logins, reset mail sent by Celery."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms.mail import render_templated_mail

from .models import User
from .services import login_failure_record, login_failures_clear, login_is_throttled
from .tasks import send_email_task

LOGIN_INVALID = _(
    "The username (or e-mail) and password do not match. Note that the password "
    "is case-sensitive."
)
LOGIN_THROTTLED = _(
    "Too many failed attempts to log in. Please wait 15 minutes and try again, "
    "or reset your password."
)


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request else ""


class ThrottledAuthenticationForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": LOGIN_INVALID,
        "throttled": LOGIN_THROTTLED,
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request)
        if login_is_throttled(username=username, address=address):
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled"
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_failure_record(username=username, address=address)
            raise
        login_failures_clear(username=username, address=address)
        return cleaned


class CeleryPasswordResetForm(PasswordResetForm):
    """Sends the reset link through Celery, and lets imported accounts (which
    have no usable password yet) set their first password this way."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Subject, text and HTML from `<prefix>_subject.txt`, `.txt` and `.html`
        (lms.mail), in the language of the request that asked for the reset."""
        mail = render_templated_mail(
            template_prefix=email_template_name.removesuffix(".txt"),
            context=context,
            language=translation.get_language(),
        )
        send_email_task.delay_on_commit(
            mail.subject, mail.text, to_email, html_body=mail.html
        )
