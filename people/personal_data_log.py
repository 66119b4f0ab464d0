"""The one way an export of personal data is logged, whatever app it is in.

A view that hands out a file naming people (a list of accounts, enrolments,
attempts, participants, certificates) calls `personal_data_export_log(request,
...)` before it answers; a Wagtail index view with `list_export` gets the same
through `PersonalDataExportMixin`. Each export becomes one `PersonalDataExport`
row (who, when, which view, the filters asked, how many rows), which
administrators read under Personal data › Export log, and one line in the
`lms.audit` log.
"""

import logging
from typing import Any

from django.http import HttpRequest

from .personal_data_services import personal_data_export_record

audit_log = logging.getLogger("lms.audit")


def personal_data_export_log(
    request: HttpRequest,
    *,
    what: str,
    rows: int | None = None,
    file_format: str = "",
) -> None:
    """Log one export: `what` says in a few words what the file holds."""
    match = request.resolver_match
    view_name = match.view_name if match is not None else request.path
    query = request.get_full_path()
    personal_data_export_record(
        exported_by=request.user,  # type: ignore[arg-type]
        view_name=view_name,
        query=query,
        file_format=file_format,
        row_count=rows,
    )
    audit_log.info(
        "personal data export: %s user=%s view=%s rows=%s format=%s query=%s",
        what,
        request.user.pk,
        view_name,
        rows,
        file_format,
        query,
    )


class PersonalDataExportMixin:
    """For a Wagtail index view with `list_export`: every spreadsheet it writes
    is logged. Put it before the Wagtail view in the bases."""

    export_log_what = "list"

    def as_spreadsheet(self, queryset: Any, spreadsheet_format: str) -> Any:
        personal_data_export_log(
            self.request,  # type: ignore[attr-defined]
            what=self.export_log_what,
            rows=queryset.count() if hasattr(queryset, "count") else None,
            file_format=spreadsheet_format,
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)  # type: ignore[misc]
