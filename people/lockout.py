"""Login lockout with django-axes: one counter per account, one per client address.

django-axes' backend (first in AUTHENTICATION_BACKENDS) refuses a locked-out
account or address on every way in; these functions are what it asks us
(settings AXES_USERNAME_CALLABLE, AXES_CLIENT_IP_CALLABLE, AXES_LOCKOUT_CALLABLE):

- which account a typed identifier names, so that the username, the e-mail and
  any casing or Unicode composition of them share one counter;
- the client's address, from the proxy's X-Forwarded-For when one is trusted;
- what a locked-out person sees: the login form with our message, or a page
  saying the same where the form is not ours.

A successful login clears that account's failures only (never the address's
failures against other accounts): `login_failures_clear_on_success`.
"""

import ipaddress

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import (
    BooleanField,
    Case,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .auth_backends import login_account_find, login_identifier_normalise
from .services import login_failures_clear

LOCKED_OUT_CODE = "locked_out"
LOGIN_LOCKED_OUT = _(
    "Too many failed attempts to log in: this account or this device's address is "
    "locked for %(minutes)s minutes. Try again later, reset your password with "
    "“Forgotten your password?”, or ask an administrator to unlock it."
)
LOCKOUT_STATUS = 429


def lockout_message() -> str:
    """LOGIN_LOCKED_OUT with the lockout's length, in the request's language."""
    return str(LOGIN_LOCKED_OUT) % {"minutes": settings.LOGIN_LOCKOUT_MINUTES}


def client_address(request: HttpRequest | None) -> str:
    """The client's IP address: the connection's, or behind TRUSTED_PROXY_COUNT
    proxies the one the outermost trusted proxy saw (X-Forwarded-For, counted
    from the right, since a client can write anything to the left). "" if unknown."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            candidate = forwarded[-min(hops, len(forwarded))]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def lockout_address(request: HttpRequest) -> str | None:
    """client_address for django-axes, which stores None for no address."""
    return client_address(request) or None


def lockout_username(request: HttpRequest | None, credentials: dict | None) -> str:
    """The name failures are counted under: the account's username when the
    identifier names one account (by username or e-mail, any case or Unicode
    composition), else the identifier itself, normalised."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    if not typed:
        return ""
    memo = getattr(request, "_lockout_usernames", None) if request else None
    if memo is not None and typed in memo:
        return memo[typed]
    account = login_account_find(typed)
    name = (account.get_username() if account else login_identifier_normalise(typed))[
        :255
    ]
    if request is not None:
        if memo is None:
            memo = request._lockout_usernames = {}  # type: ignore[attr-defined]
        memo[typed] = name
    return name


def _form_shows_lockout(response: HttpResponse | None) -> bool:
    context = getattr(response, "context_data", None) or {}
    form = context.get("form")
    return form is not None and form.has_error(NON_FIELD_ERRORS, LOCKED_OUT_CODE)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """Our login forms already say why (people.auth_forms.LockoutMessageMixin):
    keep their page. Any other way in (Wagtail's /_util/login/) gets a page that
    says the same, in the person's language; both answer 429."""
    if original_response is not None and _form_shows_lockout(original_response):
        original_response.status_code = LOCKOUT_STATUS
        return original_response
    return render(
        request,
        "people/locked_out.html",
        {"message": lockout_message()},
        status=LOCKOUT_STATUS,
    )


def login_failures_clear_on_success(sender, request, user, **kwargs) -> None:
    """user_logged_in: the account's own failures are forgotten, no one else's."""
    login_failures_clear(username=user.get_username())


def login_attempts_current() -> QuerySet[AccessAttempt]:
    """Failed-login records still inside the lockout period, newest first, each
    with its account's and its address's totals and whether either is locked."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)

    def total(field: str) -> Coalesce:
        per_value = (
            recent.filter(**{field: OuterRef(field)})
            .order_by()
            .values(field)
            .annotate(total=Sum("failures_since_start"))
            .values("total")[:1]
        )
        return Coalesce(Subquery(per_value), Value(0), output_field=IntegerField())

    limit = settings.AXES_FAILURE_LIMIT
    return (
        recent.annotate(
            account_failures=total("username"), address_failures=total("ip_address")
        )
        .annotate(
            is_locked=Case(
                When(
                    Q(account_failures__gte=limit) | Q(address_failures__gte=limit),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-attempt_time")
    )
