"""Checking the rows against the database, in a small, fixed number of
queries whatever the size of the file, so that ten thousand rows take seconds."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from ..access import sees_everything, units_visible_to, users_visible_to
from ..fields import unit_label
from ..models import AccountImport, AdminUnit, Organisation, TargetGroup, User
from ..selectors import units_with_parent
from .parsing import (
    COLUMN_HEADERS,
    LOOKUP_CHUNK_SIZE,
    PREVIEW_ROWS,
    PROGRESS_EVERY_ROWS,
    AccountRow,
    ImportFileError,
    RawTable,
    clean_row,
    find_duplicates,
    import_error,
    read_table,
    sort_errors,
)


@dataclass
class CheckedRow:
    row: AccountRow
    unit_id: int
    organisation_id: int | None
    target_group_ids: list[int]
    user_id: int | None


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _accounts_by_casefold(field_name: str, values: set[str]) -> dict[str, set[int]]:
    """Existing account ids keyed by the case-folded username or e-mail.

    SQLite's LOWER() folds ASCII only, so exact matches are looked up as well
    and the keys are folded here, in Python.
    """
    found: dict[str, set[int]] = {}
    for chunk in chunks(sorted(values), LOOKUP_CHUNK_SIZE // 2):
        matches = (
            User.objects.annotate(lowered=Lower(field_name))
            .filter(
                Q(lowered__in=[value.casefold() for value in chunk])
                | Q(**{f"{field_name}__in": chunk})
            )
            .values_list(field_name, "pk")
        )
        for value, pk in matches:
            found.setdefault(value.casefold(), set()).add(pk)
    return found


def _check_rows(
    *,
    table: RawTable,
    uploaded_by: User,
    errors: list[dict],
    report: Callable[[int, int], None],
) -> list[CheckedRow]:
    """Check every row, alone and against the database; errors go to `errors`."""
    today = timezone.localdate()
    total = len(table.rows)
    report(0, total)
    rows: list[AccountRow] = []
    for done, (number, cells) in enumerate(table.rows, start=1):
        row, row_errors = clean_row(
            number=number, cells=cells, columns=table.columns, today=today
        )
        rows.append(row)
        errors.extend(row_errors)
        if done % PROGRESS_EVERY_ROWS == 0:
            report(done // 2, total)
    errors.extend(find_duplicates(rows))

    sees_all = sees_everything(uploaded_by)
    units = {
        unit.code.casefold(): unit
        for unit in units_with_parent(
            AdminUnit.objects.only(
                "pk", "code", "name", "unit_type", "valid_from", "valid_to"
            )
        )
    }
    visible_unit_ids = (
        None
        if sees_all
        else set(units_visible_to(user=uploaded_by).values_list("pk", flat=True))
    )
    organisations = {
        code.casefold(): (pk, unit_id)
        for pk, code, unit_id in Organisation.objects.values_list(
            "pk", "code", "unit_id"
        )
    }
    target_groups = {
        code.casefold(): pk
        for pk, code in TargetGroup.objects.values_list("pk", "code")
    }
    by_username = _accounts_by_casefold(
        "username", {row.username for row in rows if row.username}
    )
    by_email = _accounts_by_casefold("email", {row.email for row in rows if row.email})
    matched_ids = [next(iter(ids)) for ids in by_username.values() if len(ids) == 1]
    visible_user_ids: set[int] | None = None
    if not sees_all:
        visible_user_ids = set()
        for chunk in chunks(matched_ids, LOOKUP_CHUNK_SIZE):
            visible_user_ids.update(
                users_visible_to(user=uploaded_by)
                .filter(pk__in=chunk)
                .values_list("pk", flat=True)
            )

    checked: list[CheckedRow] = []
    for done, row in enumerate(rows, start=1):
        before = len(errors)

        def error(key: str, code: str, row: AccountRow = row, **params: Any) -> None:
            errors.append(
                import_error(
                    code=code, row=row.number, column=COLUMN_HEADERS[key], **params
                )
            )

        user_id = None
        if row.username:
            ids = by_username.get(row.username.casefold(), set())
            if len(ids) > 1:
                error("username", "ambiguous_username", value=row.username)
            elif ids:
                user_id = next(iter(ids))
                if visible_user_ids is not None and user_id not in visible_user_ids:
                    error("username", "account_out_of_scope", value=row.username)
        if row.email:
            owners = by_email.get(row.email.casefold(), set())
            if any(owner != user_id for owner in owners):
                error("email", "email_taken", value=row.email)

        unit = units.get(row.unit_code.casefold()) if row.unit_code else None
        if row.unit_code and unit is None:
            error("unit", "unknown_unit", value=row.unit_code)
        elif (
            unit is not None
            and visible_unit_ids is not None
            and unit.pk not in visible_unit_ids
        ):
            error("unit", "unit_out_of_scope", value=row.unit_code, name=unit.name)
        elif unit is not None and not unit.is_valid_on(today):
            # An account is a record of today: a dissolved unit is refused.
            error(
                "unit", "unit_not_current", value=row.unit_code, name=unit_label(unit)
            )

        organisation_id = None
        if row.organisation_code:
            found = organisations.get(row.organisation_code.casefold())
            if found is None:
                error(
                    "organisation", "unknown_organisation", value=row.organisation_code
                )
            elif visible_unit_ids is not None and found[1] not in visible_unit_ids:
                error(
                    "organisation",
                    "organisation_out_of_scope",
                    value=row.organisation_code,
                )
            else:
                organisation_id = found[0]

        unknown = [
            c for c in row.target_group_codes if c.casefold() not in target_groups
        ]
        if unknown:
            error("target_groups", "unknown_target_group", value=", ".join(unknown))

        if len(errors) == before and unit is not None:
            checked.append(
                CheckedRow(
                    row=row,
                    unit_id=unit.pk,
                    organisation_id=organisation_id,
                    target_group_ids=[
                        target_groups[c.casefold()] for c in row.target_group_codes
                    ],
                    user_id=user_id,
                )
            )
        if done % PROGRESS_EVERY_ROWS == 0:
            report(total // 2 + done // 2, total)
    report(total, total)
    return checked


def read_and_check(
    *, account_import: AccountImport, report: Callable[[int, int], None]
) -> tuple[RawTable | None, list[CheckedRow], list[dict]]:
    """The whole check, shared by the preview and the apply step."""
    errors: list[dict] = []
    uploaded_by = account_import.uploaded_by
    if uploaded_by is None:
        return None, [], [import_error(code="uploader_gone")]
    try:
        if account_import.file.size > settings.ACCOUNT_IMPORT_MAX_BYTES:
            raise ImportFileError(
                "too_large",
                max_mb=settings.ACCOUNT_IMPORT_MAX_BYTES // (1024 * 1024),
            )
        with account_import.file.open("rb") as handle:
            content = handle.read()
        table = read_table(
            content=content,
            filename=account_import.original_name,
            max_rows=settings.ACCOUNT_IMPORT_MAX_ROWS,
        )
    except ImportFileError as error:
        return None, [], [import_error(code=error.code, **error.params)]
    checked = _check_rows(
        table=table, uploaded_by=uploaded_by, errors=errors, report=report
    )
    return table, checked, sort_errors(errors)


def preview_of(checked: list[CheckedRow]) -> dict:
    units = dict(
        AdminUnit.objects.filter(
            pk__in={c.unit_id for c in checked[:PREVIEW_ROWS]}
        ).values_list("pk", "name")
    )
    return {
        "new_count": sum(1 for c in checked if c.user_id is None),
        "update_count": sum(1 for c in checked if c.user_id is not None),
        "rows": [
            {
                "row": c.row.number,
                "username": c.row.username,
                "full_name": c.row.full_name,
                "email": c.row.email,
                "sex": c.row.sex,
                "unit": f"{c.row.unit_code} – {units.get(c.unit_id, '')}",
                "is_new": c.user_id is None,
            }
            for c in checked[:PREVIEW_ROWS]
        ],
    }
