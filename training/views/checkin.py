"""Self check-in pages: the trainer's QR screen, the participant's scan and typed
code, and the online join link. The rules are in training.services.checkin.

The QR code is drawn on the server as inline SVG (segno); the screen asks a small
JSON view for the next code as each 30-second window ends, so no secret and no
token arithmetic ever reach the browser.
"""

import segno
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ..models import AttendanceSource, Session
from ..services.checkin import (
    checkin_code_make,
    checkin_code_read,
    checkin_participant,
    checkin_record,
    checkin_scan_pass_grant,
    checkin_scan_pass_session,
    checkin_scan_pass_use,
    checkin_token_make,
    checkin_window,
    checkin_window_ends_in,
    online_join,
)
from .attendance import markable_session

QR_TITLE = _("Check-in QR code")


def _qr_state(request: HttpRequest, session: Session) -> dict[str, object]:
    """The QR code, its URL and typed code for the current window."""
    window = checkin_window()
    token = checkin_token_make(session=session, window=window)
    url = request.build_absolute_uri(reverse("training:checkin", args=[token]))
    svg = segno.make(url, error="m").svg_inline(
        scale=4, omitsize=True, title=str(QR_TITLE)
    )
    return {
        "url": url,
        "code": checkin_code_make(session=session, window=window),
        "svg": svg,
        "window": window,
        "refresh_in": checkin_window_ends_in(),
    }


@login_required
@require_GET
@never_cache
def checkin_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The trainer's screen: a QR code that changes every 30 seconds."""
    session = markable_session(request, pk)
    return render(
        request,
        "training/checkin_screen.html",
        {
            "session": session,
            "training_class": session.training_class,
            "qr": _qr_state(request, session),
            "code_url": request.build_absolute_uri(reverse("training:checkin_code")),
        },
    )


@login_required
@require_GET
@never_cache
def checkin_screen_state(request: HttpRequest, pk: int) -> JsonResponse:
    session = markable_session(request, pk)
    return JsonResponse(_qr_state(request, session))


def _refused(
    request: HttpRequest, error: ValidationError, status: int = 400
) -> HttpResponse:
    return render(
        request,
        "training/checkin_result.html",
        {"refused": " ".join(error.messages)},
        status=status,
    )


def _status_for(error: ValidationError) -> int:
    return 403 if error.code == "not_participant" else 400


def _checked_in(request: HttpRequest, result: object) -> HttpResponse:
    return render(request, "training/checkin_result.html", {"result": result})


@require_http_methods(["GET", "POST"])
@never_cache
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    """A scanned QR code: confirm (GET shows the session, POST checks in).

    The token is read before anything else, even before logging in: a timely
    scan gives this browser a pass for the session, so the time spent logging
    in or confirming never makes it stale (checkin_scan_pass_grant).
    """
    try:
        session = checkin_scan_pass_session(store=request.session, token=token)
    except ValidationError as error:
        return _refused(request, error, _status_for(error))
    checkin_scan_pass_grant(store=request.session, session=session)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        checkin_participant(session=session, person=request.user)
    except ValidationError as error:
        return _refused(request, error, _status_for(error))
    if request.method == "GET":
        return render(
            request,
            "training/checkin_confirm.html",
            {"session": session, "training_class": session.training_class},
        )
    try:
        result = checkin_record(
            session=session, person=request.user, source=AttendanceSource.QR
        )
    except ValidationError as error:
        return _refused(request, error, _status_for(error))
    checkin_scan_pass_use(store=request.session, session=session)
    return _checked_in(request, result)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def checkin_code(request: HttpRequest) -> HttpResponse:
    """The typed code, for phones without a camera."""
    if request.method == "GET":
        return render(request, "training/checkin_code.html", {})
    code = request.POST.get("code", "")
    try:
        session = checkin_code_read(person=request.user, code=code)  # type: ignore[arg-type]
        result = checkin_record(
            session=session,
            person=request.user,  # type: ignore[arg-type]
            source=AttendanceSource.CODE,
        )
    except ValidationError as error:
        return render(
            request,
            "training/checkin_code.html",
            {"error": " ".join(error.messages), "code": code[:20]},
            status=_status_for(error),
        )
    return _checked_in(request, result)


@login_required
@require_GET
@never_cache
def session_join(request: HttpRequest, pk: int) -> HttpResponse:
    """An online session's link: record the join, then go to the meeting."""
    session = get_object_or_404(Session.objects.select_related("training_class"), pk=pk)
    try:
        _result, url = online_join(
            session=session,
            person=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as error:
        return _refused(request, error, _status_for(error))
    return redirect(url)
