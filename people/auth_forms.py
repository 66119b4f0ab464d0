"""Login and password-reset forms: lockout said on the form, reset mail sent by Celery."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from lms.mail import render_templated_mail

from .lockout import LOCKED_OUT_CODE, lockout_message
from .lockout import client_address as client_address  # certificates' verify limit
from .models import User
from .tasks import send_email_task

LOGIN_INVALID = _(
    "The username (or e-mail) and password do not match. Note that the password "
    "is case-sensitive."
)


class LockoutMessageMixin:
    """When django-axes refused the login (people.lockout), say so instead of
    "wrong password": the backend flags the request before the form answers."""

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(lockout_message(), code=LOCKED_OUT_CODE)
        return super().get_invalid_login_error()


class ThrottledAuthenticationForm(LockoutMessageMixin, AuthenticationForm):
    """/accounts/login/: username or e-mail; lockouts are counted by django-axes
    at the authentication layer, the same for every login form."""

    username = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": LOGIN_INVALID,
    }


class AdminLoginForm(LockoutMessageMixin, WagtailLoginForm):
    """/admin/login/ (WAGTAILADMIN_USER_LOGIN_FORM)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's field has no label, so Django shows its name, "Password",
        # untranslated; Django's own "Password" is translated.
        self.fields["password"].label = _("Password")


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
