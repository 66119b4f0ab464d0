"""The workbook to fill in: the columns, an example row and the class's code."""

import io

from openpyxl import Workbook

from lms.spreadsheets import template_header_write

from .parsing import COLUMNS, SHEET_NAME

NOTES = (
    "Mỗi dòng một người đã có tài khoản trên nền tảng (không tạo tài khoản mới).",
    "Cột tô màu là bắt buộc: họ và tên, tên đăng nhập hoặc email, mã đơn vị.",
    "Họ tên và mã đơn vị phải khớp với tài khoản; sai một dòng thì không dòng "
    "nào được lưu.",
    "Hình thức tham gia: Trực tiếp hoặc Trực tuyến (để trống: như lớp học).",
    "Mang con dưới 36 tháng, Cần hỗ trợ khuyết tật: Có hoặc Không.",
)


def participant_import_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    template_header_write(sheet, COLUMNS)
    guide = workbook.create_sheet("Hướng dẫn")
    for number, line in enumerate(NOTES, start=1):
        guide.cell(row=number, column=1, value=line)
    guide.column_dimensions["A"].width = 90
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
