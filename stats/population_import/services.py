"""Reading a register file, checking every row, and saving it all at once."""

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import load_workbook

from lms.text import normalise_text
from people.access import sees_everything, units_visible_to
from people.account_import import cell_text
from people.models import AdminUnit, TargetGroup, User

from ..models import TargetPopulation
from . import parsing as p

# "1.234", "1,234" and "1 234": a count typed with thousands separators.
GROUPED_NUMBER = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")


@dataclass(frozen=True)
class ImportProblem:
    """One problem, in the reader's language; row None is the whole file."""

    row: int | None
    column: str
    message: str


@dataclass(frozen=True)
class ImportRow:
    """A checked row: what will be saved, and the size it replaces if any."""

    row: int
    unit_id: int
    unit_code: str
    unit_name: str
    target_group_id: int
    target_group_name: str
    year: int
    size: int
    previous_size: int | None = None

    @property
    def is_update(self) -> bool:
        return self.previous_size is not None


@dataclass
class ImportCheck:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if not row.is_update)

    @property
    def update_count(self) -> int:
        return sum(1 for row in self.rows if row.is_update)


@dataclass(frozen=True)
class ImportSaved:
    created: int
    updated: int


def _file_problem(check: ImportCheck, message: Any, **params: Any) -> ImportCheck:
    check.problems.append(
        ImportProblem(row=None, column="", message=str(message) % params)
    )
    return check


def _read_rows(content: bytes) -> list[tuple[Any, ...]]:
    """The register sheet's rows (else the first sheet's), every text cell
    NFC-normalised here, once, as it enters the platform."""
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        if p.SHEET_NAME in workbook.sheetnames:
            sheet = workbook[p.SHEET_NAME]
        else:
            sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        return [
            tuple(normalise_text(c) if isinstance(c, str) else c for c in row)
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def _columns(header: tuple[Any, ...]) -> dict[str, int]:
    wanted = {h.casefold(): key for key, h in p.HEADERS.items()}
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        key = wanted.get(cell_text(value).rstrip(" *").casefold())
        if key is not None and key not in found:
            found[key] = index
    return found


def _whole_number(value: Any) -> int | None:
    """A cell as a whole number of 0 or more, or None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    text = cell_text(value)
    if GROUPED_NUMBER.match(text):
        text = re.sub(r"[.,\s]", "", text)
    return int(text) if text.isdigit() else None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _target_groups() -> Callable[[str], list[TargetGroup]]:
    """A finder of target groups by code or by name (case and spacing ignored)."""
    by_key: dict[str, list[TargetGroup]] = {}
    for group in TargetGroup.objects.only("pk", "code", "name"):
        by_key.setdefault(_key(group.code), []).append(group)
        name_key = _key(normalise_text(group.name))
        if name_key != _key(group.code):
            by_key.setdefault(name_key, []).append(group)

    def find(text: str) -> list[TargetGroup]:
        return by_key.get(_key(text), [])

    return find


def _visible_unit_ids(user: User) -> set[int] | None:
    """The units this person may register figures for (None: all of them)."""
    if sees_everything(user):
        return None
    return set(units_visible_to(user=user).values_list("pk", flat=True))


def _body(
    table: list[tuple[Any, ...]],
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, cells in enumerate(table[1:], start=2):
        if any(cell_text(cell) for cell in cells):
            yield number, cells


def population_import_check(*, content: bytes, filename: str, by: User) -> ImportCheck:
    """Read the file and check every row; nothing is written.

    A fixed number of queries whatever the length of the file: the units, the
    target groups, the user's scope and the rows already registered.
    """
    check = ImportCheck()
    if PurePath(filename).suffix.lower() != ".xlsx":
        return _file_problem(check, p.FILE_BAD_EXTENSION)
    if len(content) > settings.ACCOUNT_IMPORT_MAX_BYTES:
        return _file_problem(
            check,
            p.FILE_TOO_LARGE,
            max_mb=settings.ACCOUNT_IMPORT_MAX_BYTES // (1024 * 1024),
        )
    try:
        table = _read_rows(content)
    except Exception:  # noqa: BLE001 (any reader failure means "unreadable")
        return _file_problem(check, p.FILE_UNREADABLE)
    if not table:
        return _file_problem(check, p.FILE_EMPTY)
    columns = _columns(table[0])
    missing = [c.header for c in p.COLUMNS if c.required and c.key not in columns]
    if missing:
        return _file_problem(check, p.FILE_MISSING_COLUMNS, columns=", ".join(missing))
    body = list(_body(table))
    if not body:
        return _file_problem(check, p.FILE_EMPTY)
    if len(body) > p.MAX_ROWS:
        return _file_problem(check, p.FILE_TOO_MANY_ROWS, max_rows=p.MAX_ROWS)

    def cell(cells: tuple[Any, ...], key: str) -> Any:
        index = columns[key]
        return cells[index] if index < len(cells) else None

    units = {
        code.casefold(): (pk, code, name)
        for pk, code, name in AdminUnit.objects.values_list("pk", "code", "name")
    }
    visible = _visible_unit_ids(by)
    find_groups = _target_groups()
    candidates: list[ImportRow] = []
    first_row_of: dict[tuple[int, int, int], int] = {}
    for number, cells in body:
        problems: list[ImportProblem] = []

        def problem(key: str, message: Any, _n: int = number, **params: Any) -> None:
            problems.append(  # noqa: B023 (used at once, in this iteration)
                ImportProblem(
                    row=_n, column=p.HEADERS[key], message=str(message) % params
                )
            )

        texts = {key: cell_text(cell(cells, key)) for key in p.HEADERS}
        for column in p.COLUMNS:
            if column.required and not texts[column.key]:
                problem(column.key, p.ROW_REQUIRED)
        unit = units.get(texts["unit"].casefold()) if texts["unit"] else None
        if texts["unit"] and unit is None:
            problem("unit", p.ROW_UNKNOWN_UNIT, value=texts["unit"])
        elif unit is not None and visible is not None and unit[0] not in visible:
            problem("unit", p.ROW_UNIT_OUT_OF_SCOPE, value=unit[1], name=unit[2])
        groups = find_groups(texts["target_group"]) if texts["target_group"] else []
        if texts["target_group"] and len(groups) != 1:
            problem("target_group", p.ROW_UNKNOWN_GROUP, value=texts["target_group"])
        year = _whole_number(cell(cells, "year")) if texts["year"] else None
        if texts["year"] and (year is None or not p.FIRST_YEAR <= year <= p.LAST_YEAR):
            problem(
                "year",
                p.ROW_BAD_YEAR,
                value=texts["year"],
                first=p.FIRST_YEAR,
                last=p.LAST_YEAR,
            )
        size = _whole_number(cell(cells, "size")) if texts["size"] else None
        if texts["size"] and size is None:
            problem("size", p.ROW_BAD_SIZE, value=texts["size"])
        if problems or unit is None or len(groups) != 1 or year is None or size is None:
            check.problems.extend(problems)
            continue
        group = groups[0]
        key = (unit[0], group.pk, year)
        first = first_row_of.setdefault(key, number)
        if first != number:
            problem("unit", p.ROW_DUPLICATE, first=first)
            check.problems.extend(problems)
            continue
        candidates.append(
            ImportRow(
                row=number,
                unit_id=unit[0],
                unit_code=unit[1],
                unit_name=unit[2],
                target_group_id=group.pk,
                target_group_name=group.name,
                year=year,
                size=size,
            )
        )
    if check.problems:
        return check
    existing = _existing_sizes(candidates)
    check.rows = [
        replace(
            row,
            previous_size=existing.get((row.unit_id, row.target_group_id, row.year)),
        )
        for row in candidates
    ]
    return check


def _existing_sizes(rows: list[ImportRow]) -> dict[tuple[int, int, int], int]:
    """The sizes already registered for the rows' units, groups and years."""
    if not rows:
        return {}
    wanted = {(row.unit_id, row.target_group_id, row.year) for row in rows}
    found = TargetPopulation.objects.filter(
        unit_id__in={key[0] for key in wanted},
        year__in={key[2] for key in wanted},
    ).values_list("unit_id", "target_group_id", "year", "size")
    return {
        (unit_id, group_id, year): size
        for unit_id, group_id, year, size in found
        if (unit_id, group_id, year) in wanted
    }


def population_import_apply(*, rows: list[ImportRow], by: User) -> ImportSaved:
    """Save the checked rows, all or nothing: a new row for each unit, group and
    year not yet registered, the size updated where one is. The scope is
    checked again, as it may have changed since the preview."""
    if not p.population_import_allowed(user=by):
        raise PermissionDenied(p.NOT_ALLOWED)
    if not rows:
        raise ValidationError(p.NOTHING_TO_CONFIRM)
    unit_ids = {row.unit_id for row in rows}
    group_ids = {row.target_group_id for row in rows}
    visible = _visible_unit_ids(by)
    if (
        (visible is not None and not unit_ids <= visible)
        or AdminUnit.objects.filter(pk__in=unit_ids).count() != len(unit_ids)
        or TargetGroup.objects.filter(pk__in=group_ids).count() != len(group_ids)
    ):
        raise ValidationError(p.CHANGED_SINCE_CHECK)
    with transaction.atomic():
        existing = _existing_sizes(rows)
        TargetPopulation.objects.bulk_create(
            [
                TargetPopulation(
                    unit_id=row.unit_id,
                    target_group_id=row.target_group_id,
                    year=row.year,
                    size=row.size,
                    entered_by=by,
                )
                for row in rows
            ],
            update_conflicts=True,
            unique_fields=["unit", "target_group", "year"],
            update_fields=["size", "entered_by", "updated_at"],
        )
    updated = sum(
        1 for row in rows if (row.unit_id, row.target_group_id, row.year) in existing
    )
    return ImportSaved(created=len(rows) - updated, updated=updated)
