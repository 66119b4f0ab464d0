"""Account import: read a spreadsheet of people, check every row, then apply it.

Nothing is written until the whole file has been checked and the uploader has
confirmed; the apply step checks the file again (accounts may have changed in
between) and writes everything in one transaction.

The reading and row-cleaning functions in the first half are pure: bytes and
plain values in, plain values out. The functions in the second half touch the
database in a small, fixed number of queries whatever the size of the file,
so that ten thousand rows take seconds.
"""

import csv
import io
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

import openpyxl
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import connections, router, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from lms.progress import job_progress, job_progress_reporter
from lms.spreadsheets import Column
from lms.text import normalise_text

from .fields import unit_label
from .models import AccountImport, AdminUnit, Organisation, TargetGroup, User
from .roles import Role
from .selectors import (
    units_to_pick,
    units_visible_to,
    units_with_parent,
    user_sees_all_units,
    users_visible_to,
)
from .tasks import apply_account_import_task, validate_account_import_task
from .validators import person_text_clean

audit_log = logging.getLogger("lms.audit")
logger = logging.getLogger(__name__)

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

MAX_LENGTHS = {
    name: User._meta.get_field(name).max_length
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


def account_import_template_bytes(
    *,
    units: Iterable[tuple[str, str, str]],
    organisations: Iterable[tuple[str, str, str]],
    target_groups: Iterable[tuple[str, str]],
    example_unit_code: str = "",
) -> bytes:
    """The .xlsx template: the accounts sheet, instructions and code lists."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = ACCOUNTS_SHEET
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FDE9D9")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 6)
        if column.key != "date_of_birth":
            # Text format keeps leading zeros in phone numbers and codes.
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"
    letters = {
        column.key: sheet.cell(row=1, column=i).column_letter
        for i, column in enumerate(COLUMNS, start=1)
    }
    for key, choices in (
        ("sex", "Nam,Nữ"),
        ("is_leader", "Có,Không"),
        ("employment_type", ",".join(s.capitalize() for s in EMPLOYMENT_TYPE_LABELS)),
    ):
        validation = DataValidation(
            type="list", formula1=f'"{choices}"', allow_blank=True
        )
        validation.add(f"{letters[key]}2:{letters[key]}20001")
        sheet.add_data_validation(validation)

    help_sheet = workbook.create_sheet("Hướng dẫn")
    help_sheet.column_dimensions["A"].width = 28
    help_sheet.column_dimensions["B"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    help_rows = [
        (gettext("How to fill in this file"), ""),
        (
            "",
            gettext(
                "Fill one account per row of the “%(sheet)s” sheet, starting at row 2. "
                "Keep row 1 as it is. Coloured columns are required; columns with "
                "other headers are ignored."
            )
            % {"sheet": ACCOUNTS_SHEET},
        ),
        (
            "",
            gettext(
                "An account whose username already exists is updated, not duplicated. "
                "When updating, an empty optional cell keeps the current value."
            ),
        ),
        (
            "",
            gettext(
                "New accounts have no password: each person sets one with “Forgot "
                "password” on the login page, using the e-mail given here."
            ),
        ),
        (
            "",
            gettext(
                "Ethnicity is not imported: it is sensitive personal data and is "
                "recorded only with the person's own consent, on their profile page."
            ),
        ),
        (
            "",
            gettext("Save as Excel (.xlsx) or CSV UTF-8; at most %(rows)s rows.")
            % {"rows": settings.ACCOUNT_IMPORT_MAX_ROWS},
        ),
        ("", ""),
        (gettext("Column"), gettext("What to write")),
        (
            "Tên đăng nhập",
            gettext("Required. Letters, digits and @ . + - _, no spaces."),
        ),
        ("Họ và tên", gettext("Required. Full name, e.g. Nguyễn Thị Lan.")),
        ("Email", gettext("Required. Must not be used by another account.")),
        ("Giới tính", gettext("Required. Nam or Nữ.")),
        ("Ngày sinh", gettext("Optional. dd/mm/yyyy, e.g. 25/03/1990.")),
        ("Số điện thoại", gettext("Optional.")),
        ("Chức vụ", gettext("Optional. Position, e.g. Chủ tịch Hội Phụ nữ xã.")),
        (
            "Loại cán bộ",
            gettext("Optional. One of: %(choices)s.")
            % {"choices": ", ".join(s.capitalize() for s in EMPLOYMENT_TYPE_LABELS)},
        ),
        (
            "Mã đơn vị hành chính",
            gettext("Required. A code from the “Đơn vị” sheet (units you manage)."),
        ),
        ("Mã cơ quan", gettext("Optional. A code from the “Cơ quan” sheet.")),
        (
            "Nhóm đối tượng",
            gettext(
                "Optional. Codes from the “Nhóm đối tượng” sheet, separated by ; "
                "(they replace the account's current groups)."
            ),
        ),
        ("Lãnh đạo", gettext("Optional. Có or Không.")),
        ("", ""),
        (gettext("Example row"), ""),
        (
            "",
            "nguyenthilan | Nguyễn Thị Lan | lan.nt@example.vn | Nữ | 25/03/1990 | "
            f"0912345678 | Cán bộ Hội Phụ nữ | Công chức | {example_unit_code} |  |  | "
            "Không",
        ),
    ]
    for values in help_rows:
        help_sheet.append(values)
    for row in help_sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    help_sheet["A1"].font = Font(bold=True, size=13)
    for cell in help_sheet[8]:
        cell.font = bold

    for title, headers, rows in (
        ("Đơn vị", ("Mã", "Tên", "Hiệu lực đến"), units),
        ("Cơ quan", ("Mã", "Tên", "Đơn vị"), organisations),
        ("Nhóm đối tượng", ("Mã", "Tên"), target_groups),
    ):
        code_sheet = workbook.create_sheet(title)
        code_sheet.append(headers)
        for cell in code_sheet[1]:
            cell.font = bold
        for values in rows:
            code_sheet.append(values)
        code_sheet.column_dimensions["A"].width = 18
        code_sheet.column_dimensions["B"].width = 60
        code_sheet.column_dimensions["C"].width = 40

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- Reads ---------------------------------------------------------------------


def account_imports_visible_to(*, user: User) -> QuerySet[AccountImport]:
    """Administrators see every import; anyone else only their own."""
    if not user.is_authenticated or not user.has_perm(IMPORT_PERMISSION):
        return AccountImport.objects.none()
    imports = AccountImport.objects.select_related("uploaded_by")
    if user_sees_all_units(user):
        return imports
    return imports.filter(uploaded_by=user)


def account_import_template(*, user: User) -> bytes:
    """The template, with the codes this user may use listed beside it: units in
    force today only (an account is a record of today), and an example row
    using one of them."""
    visible = units_visible_to(user=user)
    current = list(units_with_parent(units_to_pick(among=visible)).order_by("path"))
    units = [
        (
            unit.code,
            unit_label(unit),
            unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "",
        )
        for unit in current
    ]
    # A commune or ward (the deepest level listed) makes the best example.
    deepest = max((unit.depth for unit in current), default=0)
    example = next((unit.code for unit in current if unit.depth == deepest), "")
    organisations = Organisation.objects.filter(
        unit__in=units_to_pick(among=visible)
    ).select_related("unit")
    return account_import_template_bytes(
        units=units,
        organisations=[(o.code, o.name, str(o.unit)) for o in organisations],
        target_groups=TargetGroup.objects.values_list("code", "name"),
        example_unit_code=example,
    )


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


def _scaled(
    report: Callable[[int, int], None], *, start: float, share: float
) -> Callable[[int, int], None]:
    """Report one step of several as its share of one bar."""

    def scaled(done: int, total: int) -> None:
        report(int(total * start + done * share), total)

    return scaled


# --- Checking against the database ----------------------------------------------


@dataclass
class CheckedRow:
    row: AccountRow
    unit_id: int
    organisation_id: int | None
    target_group_ids: list[int]
    user_id: int | None


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _accounts_by_casefold(field_name: str, values: set[str]) -> dict[str, set[int]]:
    """Existing account ids keyed by the case-folded username or e-mail.

    SQLite's LOWER() folds ASCII only, so exact matches are looked up as well
    and the keys are folded here, in Python.
    """
    found: dict[str, set[int]] = {}
    for chunk in _chunks(sorted(values), LOOKUP_CHUNK_SIZE // 2):
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

    sees_all = user_sees_all_units(uploaded_by)
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
        for chunk in _chunks(matched_ids, LOOKUP_CHUNK_SIZE):
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


def _read_and_check(
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


def _preview(checked: list[CheckedRow]) -> dict:
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


def _discard_file(account_import: AccountImport) -> None:
    """The upload holds personal data; once it has served, it is removed."""
    if account_import.file:
        account_import.file.delete(save=False)
        AccountImport.objects.filter(pk=account_import.pk).update(file="")


# --- Services ----------------------------------------------------------------------


@transaction.atomic
def account_import_start(*, uploaded_by: User, file: UploadedFile) -> AccountImport:
    """Store an upload and have it checked in the background."""
    problem = upload_problem(name=file.name or "", size=file.size or 0)
    if problem is not None:
        raise ValidationError(import_error_message(problem), code=problem["code"])
    account_import = AccountImport(
        uploaded_by=uploaded_by, original_name=PurePath(file.name or "").name[:255]
    )
    account_import.file.save(account_import.original_name, file, save=False)
    account_import.save()
    validate_account_import_task.delay_on_commit(account_import.pk)
    return account_import


def account_import_validate(*, account_import: AccountImport) -> None:
    """Check the whole file and store the preview or every error.

    Does nothing unless the import is waiting to be checked, so running it twice
    is harmless.
    """
    if account_import.status != AccountImport.Status.VALIDATING:
        return
    report = job_progress_reporter("account-import", account_import.pk)
    try:
        table, checked, errors = _read_and_check(
            account_import=account_import, report=report
        )
    except Exception:
        logger.exception("account import %s: check failed", account_import.pk)
        _mark_failed(account_import)
        return
    is_valid = not errors
    AccountImport.objects.filter(
        pk=account_import.pk, status=AccountImport.Status.VALIDATING
    ).update(
        status=AccountImport.Status.READY if is_valid else AccountImport.Status.INVALID,
        total_rows=len(table.rows) if table else 0,
        row_errors=errors,
        preview=_preview(checked),
        validated_at=timezone.now(),
    )
    account_import.refresh_from_db()
    if not is_valid:
        _discard_file(account_import)


@transaction.atomic
def account_import_confirm(
    *, account_import: AccountImport, confirmed_by: User
) -> AccountImport:
    """The uploader's go-ahead: the accounts are written in the background."""
    updated = AccountImport.objects.filter(
        pk=account_import.pk, status=AccountImport.Status.READY
    ).update(status=AccountImport.Status.IMPORTING, confirmed_at=timezone.now())
    if not updated:
        raise ValidationError(IMPORT_NOT_READY, code="not_ready")
    audit_log.info(
        "account import confirmed: import=%s user=%s",
        account_import.pk,
        confirmed_by.pk,
    )
    account_import.refresh_from_db()
    job_progress_reporter("account-import", account_import.pk)(
        0, account_import.total_rows
    )
    apply_account_import_task.delay_on_commit(account_import.pk)
    return account_import


def account_import_apply(*, account_import: AccountImport) -> None:
    """Check the file again and write every account in one transaction.

    Does nothing unless the import is confirmed and not yet applied. If the
    accounts changed since the preview and a row no longer fits, nothing is
    written and the import shows the new errors.
    """
    report = job_progress_reporter("account-import", account_import.pk)
    try:
        with transaction.atomic():
            locked = AccountImport.objects.select_for_update().get(pk=account_import.pk)
            if locked.status != AccountImport.Status.IMPORTING:
                return
            table, checked, errors = _read_and_check(
                account_import=locked, report=_scaled(report, start=0, share=1 / 3)
            )
            if errors:
                locked.status = AccountImport.Status.INVALID
                locked.row_errors = errors
                locked.finished_at = timezone.now()
                locked.save(update_fields=["status", "row_errors", "finished_at"])
            else:
                created, updated = _write_accounts(
                    checked=checked, report=_scaled(report, start=1 / 3, share=2 / 3)
                )
                locked.status = AccountImport.Status.DONE
                locked.created_count = created
                locked.updated_count = updated
                locked.finished_at = timezone.now()
                locked.save(
                    update_fields=[
                        "status",
                        "created_count",
                        "updated_count",
                        "finished_at",
                    ]
                )
                audit_log.info(
                    "account import applied: import=%s user=%s created=%s updated=%s",
                    locked.pk,
                    locked.uploaded_by_id,
                    created,
                    updated,
                )
    except Exception:
        logger.exception("account import %s: apply failed", account_import.pk)
        _mark_failed(account_import)
        return
    account_import.refresh_from_db()
    if account_import.status in (
        AccountImport.Status.DONE,
        AccountImport.Status.INVALID,
    ):
        _discard_file(account_import)


def _mark_failed(account_import: AccountImport) -> None:
    AccountImport.objects.filter(
        pk=account_import.pk,
        status__in=[AccountImport.Status.VALIDATING, AccountImport.Status.IMPORTING],
    ).update(
        status=AccountImport.Status.FAILED,
        failure_message=str(IMPORT_FAILED),
        finished_at=timezone.now(),
    )
    account_import.refresh_from_db()


UPDATED_FIELDS = [
    "full_name",
    "email",
    "sex",
    "unit",
    "date_of_birth",
    "phone",
    "position",
    "employment_type",
    "is_leader",
    "organisation",
]


def _updated_values(user: User) -> tuple:
    return tuple(
        getattr(user, User._meta.get_field(name).attname) for name in UPDATED_FIELDS
    )


def _save_updated_fields(users: list[User]) -> None:
    """Save UPDATED_FIELDS of many accounts with one statement run many times.

    `bulk_update` builds a CASE expression per field and row, which costs
    seconds of Python per thousand accounts.
    """
    if not users:
        return
    connection = connections[router.db_for_write(User)]
    fields = [User._meta.get_field(name) for name in UPDATED_FIELDS]
    quote = connection.ops.quote_name
    # Identifiers come from the model's metadata; every value is a parameter.
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608
        quote(User._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in fields),
        quote(User._meta.pk.column),
    )
    params = [
        [f.get_db_prep_save(getattr(user, f.attname), connection) for f in fields]
        + [user.pk]
        for user in users
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _fill(user: User, checked: CheckedRow) -> None:
    """Copy a row onto an account; blank optional cells keep the current value."""
    row = checked.row
    user.full_name = row.full_name
    user.email = row.email
    user.sex = row.sex
    user.unit_id = checked.unit_id
    if row.date_of_birth is not None:
        user.date_of_birth = row.date_of_birth
    if row.phone:
        user.phone = row.phone
    if row.position:
        user.position = row.position
    if row.employment_type:
        user.employment_type = row.employment_type
    if row.is_leader is not None:
        user.is_leader = row.is_leader
    if checked.organisation_id is not None:
        user.organisation_id = checked.organisation_id


def _write_accounts(
    *, checked: list[CheckedRow], report: Callable[[int, int], None]
) -> tuple[int, int]:
    """Create and update the accounts in batches; returns (created, updated).

    New accounts get the learner role through the membership table in bulk:
    `user_set_roles` gives the same result one account (three queries) at a time.
    """
    total = len(checked)
    done = 0
    report(done, total)
    new_rows = [c for c in checked if c.user_id is None]
    old_rows = [c for c in checked if c.user_id is not None]
    # Updated accounts' groups are replaced; collected before new rows get ids.
    regrouped_ids = [c.user_id for c in old_rows if c.row.target_group_codes]

    for batch in _chunks(new_rows, WRITE_BATCH_SIZE):
        users = []
        for item in batch:
            user = User(username=item.row.username, password=make_password(None))
            _fill(user, item)
            if item.row.is_leader is None:
                user.is_leader = False
            users.append(user)
        User.objects.bulk_create(users)
        for item, user in zip(batch, users, strict=True):
            item.user_id = user.pk
        done += len(batch)
        report(done, total)
    missing = [c for c in new_rows if c.user_id is None]
    if missing:
        # Databases that cannot return ids from a bulk insert.
        ids = dict(
            User.objects.filter(
                username__in=[c.row.username for c in missing]
            ).values_list("username", "pk")
        )
        for item in missing:
            item.user_id = ids[item.row.username]

    for batch in _chunks(old_rows, WRITE_BATCH_SIZE):
        users_by_id = User.objects.only("pk", *UPDATED_FIELDS).in_bulk(
            [c.user_id for c in batch]
        )
        changed = []
        for item in batch:
            user = users_by_id[item.user_id]
            before = _updated_values(user)
            _fill(user, item)
            if _updated_values(user) != before:
                changed.append(user)
        _save_updated_fields(changed)
        done += len(batch)
        report(done, total)

    learners, _created = Group.objects.get_or_create(name=Role.LEARNER)
    membership = User.groups.through
    membership.objects.bulk_create(
        [membership(user_id=c.user_id, group_id=learners.pk) for c in new_rows],
        batch_size=WRITE_BATCH_SIZE,
        ignore_conflicts=True,
    )

    grouped = [c for c in checked if c.row.target_group_codes]
    group_link = User.target_groups.through
    for chunk in _chunks(regrouped_ids, LOOKUP_CHUNK_SIZE):
        group_link.objects.filter(user_id__in=chunk).delete()
    group_link.objects.bulk_create(
        [
            group_link(user_id=c.user_id, targetgroup_id=group_id)
            for c in grouped
            for group_id in c.target_group_ids
        ],
        batch_size=WRITE_BATCH_SIZE,
    )
    report(total, total)
    return len(new_rows), len(old_rows)
