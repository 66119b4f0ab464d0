"""Project-wide views: the health check, the favicon and the error pages."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from .celery import app as celery_app


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "down" to a health check
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # noqa: BLE001
        return False


def _workers_answering() -> int:
    try:
        return len(celery_app.control.ping(timeout=1.0) or [])
    except Exception:  # noqa: BLE001
        return 0


@never_cache
def healthz(request):
    """JSON state of the database, the broker and the workers; 503 if a store is down."""
    database = _database_ok()
    broker = _broker_ok()
    workers = _workers_answering() if broker else 0
    body = {
        "status": "ok" if database and broker else "error",
        "database": "ok" if database else "error",
        "broker": "ok" if broker else "error",
        "worker": "ok" if workers else "none",
        "workers": workers,
    }
    return JsonResponse(body, status=200 if database and broker else 503)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page says.

    A redirect to the static copy, whose hashed name under whitenoise changes
    with the file: so not permanent, and cached for a day only.
    """
    return redirect(static("lms/favicon.ico"))
