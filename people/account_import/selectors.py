"""Reads about account imports: which ones a user sees, and how far one has got."""

from django.db.models import QuerySet

from lms.progress import job_progress

from ..access import visible_to
from ..models import AccountImport, User
from .parsing import IMPORT_PERMISSION


def account_imports_visible_to(*, user: User) -> QuerySet[AccountImport]:
    """Administrators see every import; anyone else only their own."""
    if not user.is_authenticated or not user.has_perm(IMPORT_PERMISSION):
        return AccountImport.objects.none()
    return visible_to(user, AccountImport.objects.select_related("uploaded_by"))


def account_import_progress(*, account_import: AccountImport) -> dict:
    """Status from the database, rows done from the cache (the worker writes it
    there because its own transaction is not visible until the end)."""
    progress = job_progress("account-import", account_import.pk)
    return {
        "status": account_import.status,
        "status_label": str(account_import.get_status_display()),
        "is_running": account_import.status
        in (AccountImport.Status.VALIDATING, AccountImport.Status.IMPORTING),
        "done": progress.get("done", 0),
        "total": progress.get("total", account_import.total_rows),
    }
