"""Reading an account file and cleaning its rows: pure functions, bytes and
plain values in, plain values out; also the columns, accepted values and the
messages every step of the import shows."""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

import openpyxl
from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import CharField
from django.utils.translation import gettext_lazy as _

from lms.spreadsheets import Column
from lms.text import normalise_text

from ..models import User
from ..validators import person_text_clean

IMPORT_PERMISSION = "people.import_accounts"
ALLOWED_EXTENSIONS = (".xlsx", ".csv")
ACCOUNTS_SHEET = "Tài khoản"
PREVIEW_ROWS = 20
WRITE_BATCH_SIZE = 500
# Keeps every `IN (...)` list under SQLite's smallest limit on bound parameters.
LOOKUP_CHUNK_SIZE = 900
PROGRESS_EVERY_ROWS = 250


# The headers are part of the file format, so they stay Vietnamese in every
# interface language.
COLUMNS = (
    Column("username", "Tên đăng nhập", required=True),
    Column("full_name", "Họ và tên", required=True),
    Column("email", "Email", required=True),
    Column("sex", "Giới tính", required=True),
    Column("date_of_birth", "Ngày sinh"),
    Column("phone", "Số điện thoại"),
    Column("position", "Chức vụ"),
    Column("employment_type", "Loại cán bộ"),
    Column("unit", "Mã đơn vị hành chính", required=True),
    Column("organisation", "Mã cơ quan"),
    Column("target_groups", "Nhóm đối tượng"),
    Column("is_leader", "Lãnh đạo"),
)
COLUMN_HEADERS = {column.key: column.header for column in COLUMNS}

SEX_VALUES = {"nam": User.Sex.MALE, "nữ": User.Sex.FEMALE, "nu": User.Sex.FEMALE}
EMPLOYMENT_TYPE_LABELS = {
    "cán bộ": User.EmploymentType.CAN_BO,
    "công chức": User.EmploymentType.CONG_CHUC,
    "viên chức": User.EmploymentType.VIEN_CHUC,
    "người hoạt động không chuyên trách": User.EmploymentType.NON_PROFESSIONAL,
    "giáo viên": User.EmploymentType.TEACHER,
    "khác": User.EmploymentType.OTHER,
}
EMPLOYMENT_TYPE_VALUES = {
    **EMPLOYMENT_TYPE_LABELS,
    **{code: code for code in User.EmploymentType.values},
}
YES_VALUES = {"có", "co", "x", "1", "true", "yes"}
NO_VALUES = {"không", "khong", "0", "false", "no"}
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
USERNAME_VALIDATOR = UnicodeUsernameValidator()
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 .()-]{5,19}$")


def _max_length(name: str) -> int:
    """The length limit of a text field of User (each of these has one)."""
    field = User._meta.get_field(name)
    if not isinstance(field, CharField) or field.max_length is None:
        raise TypeError(f"User.{name} is not a text field with a length limit.")
    return field.max_length


MAX_LENGTHS = {
    name: _max_length(name)
    for name in ("username", "full_name", "email", "phone", "position")
}

# Messages. Errors are stored as a code and parameters and rendered when shown,
# so each person reads them in their own language.
FILE_BAD_EXTENSION = _(
    "Only Excel (.xlsx) and CSV (.csv) files can be imported. Older .xls files must "
    "first be saved as .xlsx."
)
FILE_TOO_LARGE = _("The file is larger than %(max_mb)s MB.")
FILE_UNREADABLE = _(
    "The file cannot be read. Use the template, saved as Excel (.xlsx) or CSV."
)
FILE_NOT_UTF8 = _(
    "The CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma "
    "delimited)”."
)
FILE_EMPTY = _("The file has no accounts below the header row.")
FILE_MISSING_COLUMNS = _(
    "Row 1 must hold the template's headers; these columns are missing: %(columns)s."
)
FILE_DUPLICATE_COLUMN = _("The column “%(column)s” appears twice in row 1.")
FILE_TOO_MANY_ROWS = _(
    "The file has more than %(max_rows)s accounts; split it into smaller files."
)
ROW_REQUIRED = _("This column is required.")
ROW_TOO_LONG = _("“%(value)s” is longer than %(max)s characters.")
ROW_BAD_USERNAME = _(
    "“%(value)s” is not a valid username: use only letters, digits and @ . + - _ "
    "without spaces."
)
ROW_BAD_EMAIL = _("“%(value)s” is not a valid e-mail address.")
ROW_BAD_SEX = _("“%(value)s” is not accepted: write Nam or Nữ.")
ROW_BAD_DATE = _("“%(value)s” is not a date: write it as dd/mm/yyyy, e.g. 25/03/1990.")
ROW_IMPLAUSIBLE_DATE = _("“%(value)s” is not a possible date of birth.")
ROW_BAD_PHONE = _("“%(value)s” is not a phone number.")
ROW_BAD_EMPLOYMENT_TYPE = _("“%(value)s” is not accepted: write one of %(choices)s.")
ROW_BAD_LEADER = _("“%(value)s” is not accepted: write Có or Không.")
ROW_MARKUP = _(
    "“%(value)s” looks like HTML: write it as plain text, without tags or codes "
    "such as <b> or &lt;."
)
ROW_UNKNOWN_UNIT = _("There is no administrative unit with the code “%(value)s”.")
ROW_UNIT_OUT_OF_SCOPE = _(
    "The unit “%(value)s” (%(name)s) is not one of the units you manage."
)
ROW_UNIT_NOT_CURRENT = _(
    "The unit “%(value)s” (%(name)s) is not in force today: use a code from the "
    "“Đơn vị” sheet."
)
ROW_UNKNOWN_ORGANISATION = _("There is no organisation with the code “%(value)s”.")
ROW_ORGANISATION_OUT_OF_SCOPE = _(
    "The organisation “%(value)s” belongs to a unit you do not manage."
)
ROW_UNKNOWN_TARGET_GROUP = _("Unknown target group code(s): %(value)s.")
ROW_DUPLICATE_USERNAME = _(
    "The username “%(value)s” already appears on row %(first_row)s."
)
ROW_DUPLICATE_EMAIL = _("The e-mail “%(value)s” already appears on row %(first_row)s.")
ROW_EMAIL_TAKEN = _("The e-mail “%(value)s” is already used by another account.")
ROW_ACCOUNT_OUT_OF_SCOPE = _(
    "The account “%(value)s” already exists and is not in a unit you manage."
)
ROW_AMBIGUOUS_USERNAME = _(
    "Several accounts match the username “%(value)s”; ask an administrator."
)
IMPORT_NOT_READY = _("This import cannot be confirmed: it is not ready.")
IMPORT_FAILED = _(
    "The import stopped because of an unexpected error; nothing was saved. "
    "Try again, or contact an administrator."
)
IMPORT_UPLOADER_GONE = _("The account that uploaded this file no longer exists.")

MESSAGES = {
    "bad_extension": FILE_BAD_EXTENSION,
    "too_large": FILE_TOO_LARGE,
    "unreadable": FILE_UNREADABLE,
    "not_utf8": FILE_NOT_UTF8,
    "empty": FILE_EMPTY,
    "missing_columns": FILE_MISSING_COLUMNS,
    "duplicate_column": FILE_DUPLICATE_COLUMN,
    "too_many_rows": FILE_TOO_MANY_ROWS,
    "required": ROW_REQUIRED,
    "too_long": ROW_TOO_LONG,
    "bad_username": ROW_BAD_USERNAME,
    "bad_email": ROW_BAD_EMAIL,
    "bad_sex": ROW_BAD_SEX,
    "bad_date": ROW_BAD_DATE,
    "implausible_date": ROW_IMPLAUSIBLE_DATE,
    "bad_phone": ROW_BAD_PHONE,
    "bad_employment_type": ROW_BAD_EMPLOYMENT_TYPE,
    "bad_leader": ROW_BAD_LEADER,
    "markup": ROW_MARKUP,
    "unknown_unit": ROW_UNKNOWN_UNIT,
    "unit_out_of_scope": ROW_UNIT_OUT_OF_SCOPE,
    "unit_not_current": ROW_UNIT_NOT_CURRENT,
    "unknown_organisation": ROW_UNKNOWN_ORGANISATION,
    "organisation_out_of_scope": ROW_ORGANISATION_OUT_OF_SCOPE,
    "unknown_target_group": ROW_UNKNOWN_TARGET_GROUP,
    "duplicate_username": ROW_DUPLICATE_USERNAME,
    "duplicate_email": ROW_DUPLICATE_EMAIL,
    "email_taken": ROW_EMAIL_TAKEN,
    "account_out_of_scope": ROW_ACCOUNT_OUT_OF_SCOPE,
    "ambiguous_username": ROW_AMBIGUOUS_USERNAME,
    "failed": IMPORT_FAILED,
    "uploader_gone": IMPORT_UPLOADER_GONE,
}


# --- Pure reading and cleaning ----------------------------------------------


class ImportFileError(Exception):
    """The file as a whole cannot be imported (format, headers, size)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def import_error(
    *, code: str, row: int | None = None, column: str = "", **params: Any
) -> dict:
    """One problem, as stored in `AccountImport.row_errors` (JSON)."""
    return {"row": row, "column": column, "code": code, "params": params}


def import_error_message(error: dict) -> str:
    """The problem in the active language."""
    template = MESSAGES.get(error.get("code", ""), IMPORT_FAILED)
    params = error.get("params") or {}
    return str(template) % params if params else str(template)


@dataclass
class AccountRow:
    """One cleaned row. Blank optional cells are "" / None / []: "keep as it is"."""

    number: int
    username: str = ""
    full_name: str = ""
    email: str = ""
    sex: str = ""
    date_of_birth: date | None = None
    phone: str = ""
    position: str = ""
    employment_type: str = ""
    unit_code: str = ""
    organisation_code: str = ""
    target_group_codes: list[str] = field(default_factory=list)
    is_leader: bool | None = None


@dataclass
class RawTable:
    columns: dict[str, int]
    rows: list[tuple[int, tuple]]


def upload_problem(*, name: str, size: int) -> dict | None:
    """The reason an upload is refused before it is stored, if any."""
    if PurePath(name).suffix.lower() not in ALLOWED_EXTENSIONS:
        return import_error(code="bad_extension")
    if size > settings.ACCOUNT_IMPORT_MAX_BYTES:
        return import_error(
            code="too_large", max_mb=settings.ACCOUNT_IMPORT_MAX_BYTES // (1024 * 1024)
        )
    return None


def _normalise(value: str) -> str:
    """Single spaces, no zero-width spaces. (NFC was applied as the file was read.)"""
    return " ".join(value.replace("\u200b", "").split())


def _header_key(value: Any) -> str:
    return _normalise("" if value is None else str(value)).rstrip(" *").casefold()


def cell_text(value: Any) -> str:
    """A cell as trimmed text, whatever type the spreadsheet gave it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return _normalise(str(value))


def _xlsx_rows(content: bytes) -> Iterator[tuple]:
    workbook = openpyxl.load_workbook(
        io.BytesIO(content), read_only=True, data_only=True
    )
    try:
        if ACCOUNTS_SHEET in workbook.sheetnames:
            sheet = workbook[ACCOUNTS_SHEET]
        else:
            sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size; read every row regardless.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            yield tuple(
                normalise_text(cell) if isinstance(cell, str) else cell for cell in row
            )
    finally:
        workbook.close()


def _csv_rows(content: bytes) -> Iterator[tuple]:
    try:
        text = normalise_text(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportFileError("not_utf8") from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield tuple(row)


def _map_columns(header: tuple) -> dict[str, int]:
    wanted = {_header_key(column.header): column.key for column in COLUMNS}
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        key = wanted.get(_header_key(value))
        if key is None:
            continue
        if key in found:
            raise ImportFileError("duplicate_column", column=COLUMN_HEADERS[key])
        found[key] = index
    missing = [
        column.header
        for column in COLUMNS
        if column.required and column.key not in found
    ]
    if missing:
        raise ImportFileError("missing_columns", columns=", ".join(missing))
    return found


def read_table(*, content: bytes, filename: str, max_rows: int) -> RawTable:
    """The header's columns and the non-blank rows below it, numbered as in the
    spreadsheet (the header is row 1)."""
    if PurePath(filename).suffix.lower() == ".csv":
        source: Iterator[tuple] = _csv_rows(content)
    else:
        source = _xlsx_rows(content)
    rows: list[tuple[int, tuple]] = []
    columns: dict[str, int] | None = None
    try:
        for number, cells in enumerate(source, start=1):
            if columns is None:
                columns = _map_columns(cells)
                continue
            if not any(cell_text(cell) for cell in cells):
                continue
            if len(rows) >= max_rows:
                raise ImportFileError("too_many_rows", max_rows=max_rows)
            rows.append((number, cells))
    except ImportFileError:
        raise
    except Exception as error:  # any parser failure means "unreadable"
        raise ImportFileError("unreadable") from error
    if columns is None:
        raise ImportFileError("empty")
    if not rows:
        raise ImportFileError("empty")
    return RawTable(columns=columns, rows=rows)


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValueError(text)


def _parse_leader(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = cell_text(value).casefold()
    if not text:
        return None
    if text in YES_VALUES:
        return True
    if text in NO_VALUES:
        return False
    raise ValueError(text)


def clean_row(
    *, number: int, cells: tuple, columns: dict[str, int], today: date
) -> tuple[AccountRow, list[dict]]:
    """Check one row on its own (formats, required cells, lengths)."""
    errors: list[dict] = []
    row = AccountRow(number=number)

    def raw(key: str) -> Any:
        index = columns.get(key)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def text(key: str) -> str:
        return cell_text(raw(key))

    def error(key: str, code: str, **params: Any) -> None:
        errors.append(
            import_error(code=code, row=number, column=COLUMN_HEADERS[key], **params)
        )

    def clean_person_text(key: str) -> str:
        try:
            return person_text_clean(text(key))
        except ValidationError:
            error(key, "markup", value=text(key)[:40])
            return ""

    for column in COLUMNS:
        if column.required and not text(column.key):
            error(column.key, "required")
    for key, max_length in MAX_LENGTHS.items():
        if len(text(key)) > max_length:
            error(key, "too_long", value=text(key)[:40] + "…", max=max_length)

    row.username = text("username")
    if row.username and len(row.username) <= MAX_LENGTHS["username"]:
        try:
            USERNAME_VALIDATOR(row.username)
        except ValidationError:
            error("username", "bad_username", value=row.username)
    row.full_name = clean_person_text("full_name")
    row.email = text("email")
    if row.email and len(row.email) <= MAX_LENGTHS["email"]:
        try:
            validate_email(row.email)
        except ValidationError:
            error("email", "bad_email", value=row.email)
    sex = text("sex")
    if sex:
        row.sex = SEX_VALUES.get(sex.casefold(), "")
        if not row.sex:
            error("sex", "bad_sex", value=sex)
    if text("date_of_birth"):
        try:
            row.date_of_birth = _parse_date(raw("date_of_birth"))
        except ValueError:
            error("date_of_birth", "bad_date", value=text("date_of_birth"))
        else:
            if row.date_of_birth.year < 1900 or row.date_of_birth > today:
                error("date_of_birth", "implausible_date", value=text("date_of_birth"))
                row.date_of_birth = None
    row.phone = text("phone")
    if row.phone and not PHONE_PATTERN.match(row.phone):
        error("phone", "bad_phone", value=row.phone)
    row.position = clean_person_text("position")
    employment_type = text("employment_type")
    if employment_type:
        row.employment_type = EMPLOYMENT_TYPE_VALUES.get(employment_type.casefold(), "")
        if not row.employment_type:
            error(
                "employment_type",
                "bad_employment_type",
                value=employment_type,
                choices=", ".join(
                    label.capitalize() for label in EMPLOYMENT_TYPE_LABELS
                ),
            )
    row.unit_code = text("unit")
    row.organisation_code = text("organisation")
    codes = (code.strip() for code in text("target_groups").split(";"))
    row.target_group_codes = list(dict.fromkeys(code for code in codes if code))
    try:
        row.is_leader = _parse_leader(raw("is_leader"))
    except ValueError:
        error("is_leader", "bad_leader", value=text("is_leader"))
    return row, errors


def find_duplicates(rows: Iterable[AccountRow]) -> list[dict]:
    """Usernames and e-mails that appear twice in the file (case-insensitive)."""
    rows = list(rows)
    errors = []
    for key, code in (
        ("username", "duplicate_username"),
        ("email", "duplicate_email"),
    ):
        first_row_of: dict[str, int] = {}
        for row in rows:
            value = getattr(row, key)
            if not value:
                continue
            first = first_row_of.setdefault(value.casefold(), row.number)
            if first != row.number:
                errors.append(
                    import_error(
                        code=code,
                        row=row.number,
                        column=COLUMN_HEADERS[key],
                        value=value,
                        first_row=first,
                    )
                )
    return errors


def _column_order(error: dict) -> int:
    for index, column in enumerate(COLUMNS):
        if column.header == error["column"]:
            return index
    return len(COLUMNS)


def sort_errors(errors: list[dict]) -> list[dict]:
    return sorted(errors, key=lambda e: (e["row"] or 0, _column_order(e)))
