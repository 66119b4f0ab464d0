"""Checking a participant list against the database, and registering it."""

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from lms.text import normalise_text
from people.access import users_visible_to
from people.account_import import cell_text
from people.models import AdminUnit, User
from training.models import Participant, TrainingClass
from training.services.participants import (
    ACTIVE,
    REGISTER_NOT_ALLOWED,
    BulkRegistration,
    participants_register_bulk,
)
from training.sheets import read_xlsx_rows

from . import parsing as p


@dataclass(frozen=True)
class ImportProblem:
    """One problem, in the reader's language; row None is the whole file."""

    row: int | None
    column: str
    message: str


@dataclass(frozen=True)
class ImportRow:
    """A checked row: the account it names and the support it asks for."""

    row: int
    person_id: int
    full_name: str
    username: str
    unit: str
    attendance_mode: str = ""
    brings_young_child: bool = False
    needs_disability_support: bool = False
    interpreter_language: str = ""
    accommodation_needs: str = ""


@dataclass
class ImportCheck:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.rows)


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _columns(header: tuple) -> dict[str, int]:
    wanted = {h.casefold(): key for key, h in p.HEADERS.items()}
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        key = wanted.get(cell_text(value).rstrip(" *").casefold())
        if key is not None and key not in found:
            found[key] = index
    return found


def _file(check: ImportCheck, message: Any, **params: Any) -> ImportCheck:
    check.problems.append(
        ImportProblem(row=None, column="", message=str(message) % params)
    )
    return check


def _find_accounts(values: set[str]) -> dict[str, list[User]]:
    """Accounts by lower-cased username and e-mail."""
    found: dict[str, list[User]] = {}
    if not values:
        return found
    condition = Q()
    for value in values:
        condition |= Q(username__iexact=value) | Q(email__iexact=value)
    for user in User.objects.filter(condition).select_related("unit"):
        for key in {user.username.casefold(), (user.email or "").casefold()}:
            if key in values:
                found.setdefault(key, []).append(user)
    return found


def participant_import_check(
    *, training_class: TrainingClass, content: bytes, filename: str, by: User
) -> ImportCheck:
    """Read the file and check every row; nothing is written."""
    check = ImportCheck()
    if training_class.status in (
        TrainingClass.Status.FINISHED,
        TrainingClass.Status.CANCELLED,
    ):
        return _file(check, p.CLASS_CLOSED)
    if PurePath(filename).suffix.lower() != ".xlsx":
        return _file(check, p.FILE_BAD_EXTENSION)
    if len(content) > settings.ACCOUNT_IMPORT_MAX_BYTES:
        return _file(
            check,
            p.FILE_TOO_LARGE,
            max_mb=settings.ACCOUNT_IMPORT_MAX_BYTES // (1024 * 1024),
        )
    try:
        table = read_xlsx_rows(content, sheet_name=p.SHEET_NAME)
    except Exception:  # noqa: BLE001 (any reader failure means "unreadable")
        return _file(check, p.FILE_UNREADABLE)
    if not table:
        return _file(check, p.FILE_EMPTY)
    columns = _columns(table[0])
    missing = [c.header for c in p.COLUMNS if c.required and c.key not in columns]
    if missing:
        return _file(check, p.FILE_MISSING_COLUMNS, columns=", ".join(missing))
    body = [
        (number, cells)
        for number, cells in enumerate(table[1:], start=2)
        if any(cell_text(cell) for cell in cells)
    ]
    if not body:
        return _file(check, p.FILE_EMPTY)
    if len(body) > p.MAX_ROWS:
        return _file(check, p.FILE_TOO_MANY_ROWS, max_rows=p.MAX_ROWS)

    def text(cells: tuple, key: str) -> str:
        index = columns.get(key)
        if index is None or index >= len(cells):
            return ""
        return normalise_text(cell_text(cells[index]))

    accounts = _find_accounts(
        {text(cells, "account").casefold() for _n, cells in body} - {""}
    )
    in_scope = set(
        users_visible_to(user=by)
        .filter(pk__in=[u.pk for users in accounts.values() for u in users])
        .values_list("pk", flat=True)
    )
    unit_codes = {
        code.casefold()
        for code in AdminUnit.objects.values_list("code", flat=True)
        if code
    }
    registered = {
        participant.person_id: participant
        for participant in training_class.participants.filter(status__in=ACTIVE)
    }
    first_row_of: dict[int, int] = {}
    for number, cells in body:
        problems: list[ImportProblem] = []

        def problem(key: str, message: Any, _n: int = number, **params: Any) -> None:
            problems.append(  # noqa: B023 (used at once, in this iteration)
                ImportProblem(
                    row=_n, column=p.HEADERS[key], message=str(message) % params
                )
            )

        for column in p.COLUMNS:
            if column.required and not text(cells, column.key):
                problem(column.key, p.ROW_REQUIRED)
        full_name, account, unit_code = (
            text(cells, "full_name"),
            text(cells, "account"),
            text(cells, "unit"),
        )
        person: User | None = None
        if account:
            matches = accounts.get(account.casefold(), [])
            if not matches:
                problem("account", p.ROW_UNKNOWN_ACCOUNT, value=account)
            elif len(matches) > 1:
                problem("account", p.ROW_AMBIGUOUS_ACCOUNT, value=account)
            elif matches[0].pk not in in_scope:
                problem("account", p.ROW_OUT_OF_SCOPE, value=account)
            else:
                person = matches[0]
        if person is not None:
            shown = person.full_name or person.username
            if full_name and not _same_text(full_name, person.full_name):
                problem(
                    "full_name",
                    p.ROW_NAME_MISMATCH,
                    value=full_name,
                    account=account,
                    name=shown,
                )
            own_code = person.unit.code if person.unit else ""
            if unit_code and unit_code.casefold() not in unit_codes:
                problem("unit", p.ROW_UNKNOWN_UNIT, value=unit_code)
            elif unit_code and unit_code.casefold() != (own_code or "").casefold():
                problem(
                    "unit",
                    p.ROW_UNIT_MISMATCH,
                    account=account,
                    unit=str(person.unit or ""),
                    value=unit_code,
                )
            first = first_row_of.setdefault(person.pk, number)
            if first != number:
                problem("account", p.ROW_DUPLICATE, value=account, first=first)
            elif person.pk in registered:
                problem(
                    "account",
                    p.ROW_ALREADY_REGISTERED,
                    name=shown,
                    status=registered[person.pk].get_status_display(),
                )
        mode = text(cells, "attendance_mode")
        mode_value = p.MODE_VALUES.get(mode.casefold(), "") if mode else ""
        if mode and not mode_value:
            problem("attendance_mode", p.ROW_BAD_MODE, value=mode)
        flags: dict[str, bool] = {}
        for key in ("brings_young_child", "needs_disability_support"):
            value = text(cells, key).casefold()
            if value in p.YES_VALUES:
                flags[key] = True
            elif value in p.NO_VALUES:
                flags[key] = False
            else:
                problem(key, p.ROW_BAD_YES_NO, value=text(cells, key))
        limits = {"interpreter_language": 100, "accommodation_needs": 255}
        for key, limit in limits.items():
            if len(text(cells, key)) > limit:
                problem(key, p.ROW_TOO_LONG, value=text(cells, key)[:40], max=limit)
        if problems or person is None:
            check.problems.extend(problems)
            continue
        check.rows.append(
            ImportRow(
                row=number,
                person_id=person.pk,
                full_name=person.full_name or person.username,
                username=person.username,
                unit=str(person.unit or ""),
                attendance_mode=mode_value,
                brings_young_child=flags.get("brings_young_child", False),
                needs_disability_support=flags.get("needs_disability_support", False),
                interpreter_language=text(cells, "interpreter_language"),
                accommodation_needs=text(cells, "accommodation_needs"),
            )
        )
    if check.problems:
        check.rows = []
    return check


def participant_import_apply(
    *, training_class: TrainingClass, rows: list[ImportRow], by: User
) -> BulkRegistration:
    """Register the checked rows, all or nothing, through
    `participants_register_bulk`; then record them as imported with the
    support each row asked for."""
    if not p.participant_import_allowed(user=by):
        raise PermissionDenied(REGISTER_NOT_ALLOWED)
    if not rows:
        raise ValidationError(p.NOTHING_TO_CONFIRM)
    people = User.objects.in_bulk([row.person_id for row in rows])
    if len(people) != len({row.person_id for row in rows}):
        raise ValidationError(p.CHANGED_SINCE_CHECK)
    with transaction.atomic():
        result = participants_register_bulk(
            training_class=training_class,
            people=[people[row.person_id] for row in rows],
            by=by,
        )
        if result.already:
            raise ValidationError(p.CHANGED_SINCE_CHECK)
        by_person = {
            participant.person_id: participant
            for participant in [*result.confirmed, *result.waiting]
        }
        for row in rows:
            participant = by_person[row.person_id]
            values: dict[str, Any] = {
                "source": Participant.Source.IMPORT,
                "brings_young_child": row.brings_young_child,
                "needs_disability_support": row.needs_disability_support,
                "interpreter_language": row.interpreter_language,
                "accommodation_needs": row.accommodation_needs,
            }
            if row.attendance_mode:
                values["attendance_mode"] = row.attendance_mode
            Participant.objects.filter(pk=participant.pk).update(**values)
            for name, value in values.items():
                setattr(participant, name, value)
    return result
