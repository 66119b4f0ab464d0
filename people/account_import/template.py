"""The .xlsx template an uploader fills in, with the codes they may use."""

import io
from collections.abc import Iterable

import openpyxl
from django.conf import settings
from django.utils.translation import gettext
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from lms.spreadsheets import template_header_write

from ..fields import unit_label
from ..models import Organisation, TargetGroup, User
from ..selectors import (
    units_to_pick,
    units_visible_to,
    units_with_parent,
)
from .parsing import ACCOUNTS_SHEET, COLUMNS, EMPLOYMENT_TYPE_LABELS


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
    letters = template_header_write(
        sheet, COLUMNS, width=lambda column: max(14, len(column.header) + 6)
    )
    for key, letter in letters.items():
        if key != "date_of_birth":
            # Text format keeps leading zeros in phone numbers and codes.
            sheet.column_dimensions[letter].number_format = "@"
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
        for code_row in rows:
            code_sheet.append(code_row)
        code_sheet.column_dimensions["A"].width = 18
        code_sheet.column_dimensions["B"].width = 60
        code_sheet.column_dimensions["C"].width = 40

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


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
