"""The trainer's attendance pages: the sessions they mark and the phone roll-call.

Every mark goes through training.services.attendance. The roll-call works
without JavaScript (each tap posts a form); rollcall.js saves taps with fetch
and keeps them in the browser while the connection is down, sending them with
the time they were made once it returns. A session the user may not mark is
simply not found: nothing about another trainer's class is shown.
"""

import json
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..models import AttendanceSource, Participant, Session
from ..selectors.rollcall import attendance_statuses, rollcall_rows, sessions_to_mark
from ..services.attendance import (
    attendance_mark,
    attendance_mark_all_present,
    attendance_may_mark_class,
)

BAD_REQUEST = _("This mark could not be read. Reload the page and try again.")
MARK_KEPT_EARLIER = _(
    "A later mark had already been made; yours is kept in the history."
)
MARKED_ALL = _("%(count)s participants marked present.")


def markable_session(request: HttpRequest, pk: int) -> Session:
    """The session, if the user marks its class; any other id is not found."""
    session = get_object_or_404(Session.objects.select_related("training_class"), pk=pk)
    if not attendance_may_mark_class(
        user=request.user,  # type: ignore[arg-type]
        training_class=session.training_class,
    ):
        raise Http404
    return session


def _posted(request: HttpRequest) -> dict[str, Any]:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    return request.POST.dict()


def _wants_json(request: HttpRequest) -> bool:
    return request.content_type == "application/json" or (
        "application/json" in request.headers.get("Accept", "")
    )


def _marked_at(value: object) -> datetime | None:
    """The phone's time of the mark (ISO 8601), or None for "now"."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    when = parse_datetime(value)
    if when is None:
        raise ValueError(value)
    return when if timezone.is_aware(when) else timezone.make_aware(when)


def _error(request: HttpRequest, session: Session, message: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"error": message}, status=400)
    messages.error(request, message)
    return redirect("training:rollcall", pk=session.pk)


def _rows_html(
    request: HttpRequest, session: Session, participant_ids: list[int]
) -> dict[str, str]:
    """The roll-call rows of these participants, as the page shows them."""
    statuses = attendance_statuses()
    return {
        str(row.participant.pk): render_to_string(
            "training/includes/rollcall_row.html",
            {"row": row, "session": session, "statuses": statuses},
            request=request,
        )
        for row in rollcall_rows(session=session, participant_ids=participant_ids)
    }


@login_required
@require_GET
def sessions_index(request: HttpRequest) -> HttpResponse:
    """The sessions this user marks: today's and coming ones first."""
    class_id = request.GET.get("class", "")
    sessions = sessions_to_mark(
        user=request.user,  # type: ignore[arg-type]
        class_id=int(class_id) if class_id.isdigit() else None,
    )
    if not sessions and not request.user.has_perm("training.view_session"):
        raise Http404
    return render(
        request,
        "training/sessions_to_mark.html",
        {"sessions": sessions, "today": timezone.localdate()},
    )


@login_required
@require_GET
@never_cache
def rollcall(request: HttpRequest, pk: int) -> HttpResponse:
    session = markable_session(request, pk)
    rows = rollcall_rows(session=session)
    return render(
        request,
        "training/rollcall.html",
        {
            "session": session,
            "training_class": session.training_class,
            "rows": rows,
            "statuses": attendance_statuses(),
            "marked_count": sum(1 for row in rows if row.record is not None),
        },
    )


@login_required
@require_POST
def rollcall_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """One tap: a participant's status, with the time it was made on the phone."""
    session = markable_session(request, pk)
    data = _posted(request)
    try:
        participant_id = int(data.get("participant", ""))
        marked_at = _marked_at(data.get("marked_at"))
    except (TypeError, ValueError):
        return _error(request, session, str(BAD_REQUEST))
    participant = (
        Participant.objects.filter(
            pk=participant_id, training_class_id=session.training_class_id
        )
        .select_related("person")
        .first()
    )
    if participant is None:
        return _error(request, session, str(BAD_REQUEST))
    try:
        result = attendance_mark(
            session=session,
            participant=participant,
            status_code=str(data.get("status", "")),
            by=request.user,  # type: ignore[arg-type]
            marked_at=marked_at,
            source=AttendanceSource.ROLL_CALL,
        )
    except ValidationError as error:
        return _error(request, session, " ".join(error.messages))
    except PermissionDenied as error:  # pragma: no cover  (markable_session checked)
        raise Http404 from error
    note = "" if result.applied or result.change is None else str(MARK_KEPT_EARLIER)
    if _wants_json(request):
        return JsonResponse(
            {
                "participant": participant.pk,
                "status": result.record.status.code,
                "applied": result.applied,
                "message": note,
                "html": _rows_html(request, session, [participant.pk])[
                    str(participant.pk)
                ],
            }
        )
    if note:
        messages.warning(request, note)
    url = reverse("training:rollcall", args=[session.pk])
    return redirect(f"{url}#participant-{participant.pk}")


@login_required
@require_POST
def rollcall_all_present(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone not yet marked is present (marks already made stay)."""
    session = markable_session(request, pk)
    data = _posted(request)
    try:
        marked_at = _marked_at(data.get("marked_at"))
    except ValueError:
        return _error(request, session, str(BAD_REQUEST))
    results = attendance_mark_all_present(
        session=session,
        by=request.user,  # type: ignore[arg-type]
        marked_at=marked_at,
    )
    message = MARKED_ALL % {"count": len(results)}
    if _wants_json(request):
        ids = [result.record.participant_id for result in results]
        return JsonResponse(
            {
                "message": message,
                "rows": _rows_html(request, session, ids),
            }
        )
    messages.success(request, message)
    return redirect("training:rollcall", pk=session.pk)
