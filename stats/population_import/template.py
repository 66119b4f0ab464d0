"""The workbook to fill in: the register's columns, and the
unit codes and target groups the person may use, on sheets of their own."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from lms.spreadsheets import spreadsheet_safe_text, template_header_write
from people.access import units_offered_to
from people.models import TargetGroup, User

from .parsing import (
    COLUMNS,
    FIRST_YEAR,
    GROUPS_SHEET,
    GUIDE_SHEET,
    LAST_YEAR,
    SHEET_NAME,
    UNITS_SHEET,
)

NOTES = (
    "Mỗi dòng: số người của một nhóm đối tượng ở một đơn vị trong một năm.",
    "Mã đơn vị: xem trang “Đơn vị” (chỉ các đơn vị bạn quản lý).",
    "Nhóm đối tượng: ghi mã hoặc tên nhóm như ở trang “Nhóm đối tượng”.",
    f"Năm: từ {FIRST_YEAR} đến {LAST_YEAR}. Số người: số nguyên, từ 0 trở lên.",
    "Đơn vị, nhóm và năm đã có số liệu thì số người được cập nhật.",
    "Tệp được kiểm tra toàn bộ trước khi lưu; sai một dòng thì không dòng nào "
    "được lưu.",
)


def _list_sheet(workbook: Workbook, title: str, header: tuple[str, ...], rows) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_safe_text(value) for value in row])
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 60


def population_import_template(*, user: User) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    template_header_write(sheet, COLUMNS)
    units = list(units_offered_to(user=user).values_list("code", "name"))
    groups = list(TargetGroup.objects.order_by("name").values_list("code", "name"))
    _list_sheet(workbook, UNITS_SHEET, ("Mã đơn vị", "Tên đơn vị"), units)
    _list_sheet(workbook, GROUPS_SHEET, ("Mã nhóm", "Tên nhóm"), groups)
    guide = workbook.create_sheet(GUIDE_SHEET)
    for number, line in enumerate(NOTES, start=1):
        guide.cell(row=number, column=1, value=line)
    guide.column_dimensions["A"].width = 90
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
