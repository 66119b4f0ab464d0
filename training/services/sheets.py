"""A filled sign-in sheet (training.sheets' workbook) imported back into attendance.

Checked in full first: a row that is not a confirmed participant of the class,
a session column the class does not have, a mark that means nothing, or a
sheet of another class is an error, and nothing is recorded. Then every mark
goes through `attendance_mark` (source "sign-in sheet"), in one transaction.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from people.account_import import cell_text
from people.models import User
from training.models import (
    AttendanceRecord,
    AttendanceSource,
    Participant,
    Session,
    TrainingClass,
)
from training.services.attendance import (
    MARK_NOT_ALLOWED,
    attendance_mark,
    attendance_may_mark_class,
)
from training.sheets import (
    CLASS_CODE_LABEL,
    FIRST_SESSION_COLUMN,
    HEADERS,
    MARK_VALUES,
    SHEET_TITLE,
    USERNAME_COLUMN,
    read_xlsx_rows,
    session_key,
)

MARK_PERMISSION = "training.add_attendancerecord"
HEADER_SEARCH_ROWS = 20

SHEET_BAD_FILE = _("Only Excel (.xlsx) files can be imported.")
SHEET_TOO_LARGE = _("The file is larger than %(max_mb)s MB.")
SHEET_UNREADABLE = _(
    "The file cannot be read. Use the sign-in sheet downloaded for this class, "
    "saved as Excel (.xlsx)."
)
SHEET_NO_HEADER = _(
    "The sheet has no header row starting with “STT”, “Họ và tên”, "
    "“Tên đăng nhập”: use the sign-in sheet downloaded for this class."
)
SHEET_OTHER_CLASS = _("This sheet is for the class “%(code)s”, not “%(expected)s”.")
SHEET_NO_SESSIONS = _("The sheet has no session columns.")
SHEET_NO_MARKS = _("The sheet has no marks to import.")
SHEET_UNKNOWN_SESSION = _(
    "The column “%(header)s” is not a session of this class: a session column "
    "names the session's date and start time, e.g. “Buổi 1 07/12/2026 08:00”."
)
SHEET_DUPLICATE_SESSION = _("The session of column “%(header)s” appears twice.")
SHEET_UNKNOWN_PARTICIPANT = _(
    "“%(name)s” (username “%(username)s”) is not a confirmed participant of this class."
)
SHEET_NO_USERNAME = _("The username is missing: the row cannot be matched.")
SHEET_DUPLICATE_PARTICIPANT = _("“%(username)s” already appears on row %(first)s.")
SHEET_BAD_MARK = _(
    "“%(value)s” is not a mark: write x (present), M (late), P (excused), "
    "or leave the cell empty / write v (absent)."
)
SHEET_NOTHING_TO_CONFIRM = _("There is nothing to import: upload the sheet again.")


@dataclass(frozen=True)
class SheetProblem:
    """One problem, in the reader's language; row None is the whole file."""

    row: int | None
    column: str
    message: str


@dataclass(frozen=True)
class SheetMark:
    row: int
    participant_id: int
    session_id: int
    status_code: str


@dataclass
class SheetCheck:
    marks: list[SheetMark] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    changed: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.marks)


def _file_problem(message: Any, **params: Any) -> SheetProblem:
    return SheetProblem(row=None, column="", message=str(message) % params)


def _find_header(rows: list[tuple]) -> int | None:
    wanted = [header.casefold() for header in HEADERS[:3]]
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [cell_text(cell).casefold() for cell in cells[:3]]
        if texts == wanted:
            return index
    return None


def _class_code_on_sheet(rows: list[tuple], header_index: int) -> str:
    for cells in rows[:header_index]:
        if cells and cell_text(cells[0]).casefold() == CLASS_CODE_LABEL.casefold():
            return cell_text(cells[1]) if len(cells) > 1 else ""
    return ""


def _session_columns(
    header: tuple, *, training_class: TrainingClass, check: SheetCheck
) -> dict[int, Session]:
    by_key: dict[tuple[date, time], Session] = {
        (session.date, session.starts_at.replace(second=0, microsecond=0)): session
        for session in training_class.sessions.all()
    }
    columns: dict[int, Session] = {}
    seen: set[int] = set()
    for index in range(FIRST_SESSION_COLUMN, len(header)):
        text = cell_text(header[index])
        if not text:
            continue
        key = session_key(text)
        session = by_key.get(key) if key else None
        if session is None:
            check.problems.append(
                SheetProblem(
                    row=None,
                    column=text,
                    message=str(SHEET_UNKNOWN_SESSION) % {"header": text},
                )
            )
            continue
        if session.pk in seen:
            check.problems.append(
                SheetProblem(
                    row=None,
                    column=text,
                    message=str(SHEET_DUPLICATE_SESSION) % {"header": text},
                )
            )
            continue
        seen.add(session.pk)
        columns[index] = session
    return columns


def sign_in_sheet_check(
    *, training_class: TrainingClass, content: bytes, filename: str
) -> SheetCheck:
    """Read a filled sheet and check all of it; nothing is written."""
    check = SheetCheck()
    if PurePath(filename).suffix.lower() != ".xlsx":
        check.problems.append(_file_problem(SHEET_BAD_FILE))
        return check
    if len(content) > settings.ACCOUNT_IMPORT_MAX_BYTES:
        check.problems.append(
            _file_problem(
                SHEET_TOO_LARGE,
                max_mb=settings.ACCOUNT_IMPORT_MAX_BYTES // (1024 * 1024),
            )
        )
        return check
    try:
        rows = read_xlsx_rows(content, sheet_name=SHEET_TITLE)
    except Exception:  # noqa: BLE001 (any reader failure means "unreadable")
        check.problems.append(_file_problem(SHEET_UNREADABLE))
        return check
    header_index = _find_header(rows)
    if header_index is None:
        check.problems.append(_file_problem(SHEET_NO_HEADER))
        return check
    code = _class_code_on_sheet(rows, header_index)
    if code and code.casefold() != training_class.code.casefold():
        check.problems.append(
            _file_problem(SHEET_OTHER_CLASS, code=code, expected=training_class.code)
        )
        return check
    columns = _session_columns(
        rows[header_index], training_class=training_class, check=check
    )
    if not columns and not check.problems:
        check.problems.append(_file_problem(SHEET_NO_SESSIONS))
        return check
    participants = {
        participant.person.username.casefold(): participant
        for participant in training_class.participants.filter(
            status=Participant.Status.CONFIRMED
        ).select_related("person")
    }
    body = [
        (header_index + 1 + offset, cells)
        for offset, cells in enumerate(rows[header_index + 1 :], start=1)
        if any(cell_text(cell) for cell in cells)
    ]
    # A session column left wholly empty was not marked on paper: skipped.
    marked_columns = {
        index
        for index in columns
        if any(cell_text(cells[index]) for _n, cells in body if index < len(cells))
    }
    first_row_of: dict[str, int] = {}
    for number, cells in body:
        name = cell_text(cells[1]) if len(cells) > 1 else ""
        username = cell_text(cells[USERNAME_COLUMN]) if len(cells) > 2 else ""
        if not username:
            check.problems.append(
                SheetProblem(
                    row=number, column=HEADERS[2], message=str(SHEET_NO_USERNAME)
                )
            )
            continue
        first = first_row_of.setdefault(username.casefold(), number)
        if first != number:
            check.problems.append(
                SheetProblem(
                    row=number,
                    column=HEADERS[2],
                    message=str(SHEET_DUPLICATE_PARTICIPANT)
                    % {"username": username, "first": first},
                )
            )
            continue
        participant = participants.get(username.casefold())
        if participant is None:
            check.problems.append(
                SheetProblem(
                    row=number,
                    column=HEADERS[1],
                    message=str(SHEET_UNKNOWN_PARTICIPANT)
                    % {"name": name, "username": username},
                )
            )
            continue
        for index in sorted(marked_columns):
            value = cell_text(cells[index]) if index < len(cells) else ""
            status_code = MARK_VALUES.get(value.casefold())
            if status_code is None:
                check.problems.append(
                    SheetProblem(
                        row=number,
                        column=cell_text(rows[header_index][index]).split("\n")[0],
                        message=str(SHEET_BAD_MARK) % {"value": value},
                    )
                )
                continue
            check.marks.append(
                SheetMark(
                    row=number,
                    participant_id=participant.pk,
                    session_id=columns[index].pk,
                    status_code=status_code,
                )
            )
    check.sessions = [columns[index] for index in sorted(marked_columns)]
    if not check.problems and not check.marks:
        check.problems.append(_file_problem(SHEET_NO_MARKS))
    if check.problems:
        check.marks = []
        return check
    current = {
        (record.session_id, record.participant_id): record.status.code
        for record in AttendanceRecord.objects.filter(
            session__in=check.sessions
        ).select_related("status")
    }
    check.changed = sum(
        1
        for mark in check.marks
        if current.get((mark.session_id, mark.participant_id)) != mark.status_code
    )
    return check


def sign_in_sheet_apply(
    *, training_class: TrainingClass, marks: Sequence[SheetMark], by: User
) -> int:
    """Record the checked marks through `attendance_mark`, all or nothing.

    Returns how many marks changed. Marks of another class, or of someone who
    is no longer a confirmed participant, refuse the whole sheet.
    """
    if not by.has_perm(MARK_PERMISSION) or not attendance_may_mark_class(
        user=by, training_class=training_class
    ):
        raise PermissionDenied(MARK_NOT_ALLOWED)
    if not marks:
        raise ValidationError(SHEET_NOTHING_TO_CONFIRM)
    sessions = {s.pk: s for s in training_class.sessions.all()}
    for session in sessions.values():
        session.training_class = training_class
    participants = {
        p.pk: p
        for p in training_class.participants.filter(
            pk__in={mark.participant_id for mark in marks}
        )
    }
    changed = 0
    with transaction.atomic():
        for mark in marks:
            session = sessions.get(mark.session_id)
            participant = participants.get(mark.participant_id)
            if session is None or participant is None:
                raise ValidationError(SHEET_NOTHING_TO_CONFIRM)
            result = attendance_mark(
                session=session,
                participant=participant,
                status_code=mark.status_code,
                by=by,
                source=AttendanceSource.SHEET,
            )
            changed += int(result.changed)
    return changed
