"""The sign-in sheet of a class: a printable PDF and an Excel workbook.

Both list the confirmed participants (STT, full name, unit, sex) with a column
per session. The workbook is also the form of the sheet import
(training.services.sheets): its header row and session columns are read back,
so their layout is part of the file format and stays Vietnamese in every
interface language.
"""

import io
import re
from dataclasses import dataclass
from datetime import date, time

from fpdf import FPDF
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side

from lms.pdf import FONT_DIR
from lms.spreadsheets import spreadsheet_safe_text
from lms.text import normalise_text

from .models import Participant, Session, TrainingClass

SHEET_TITLE = "Danh sách ký tên"
LEGEND_TITLE = "Hướng dẫn"
CLASS_CODE_LABEL = "Mã lớp"
HEADERS = ("STT", "Họ và tên", "Tên đăng nhập", "Đơn vị", "Giới tính")
USERNAME_COLUMN = 2
FIRST_SESSION_COLUMN = len(HEADERS)
HEADER_ROW = 6
# Marks written in a session's cell, by attendance status code.
MARKS = {
    "present": ("x", "có mặt", "co mat", "cm", "✓", "✔"),
    "late": ("m", "muộn", "muon", "đến muộn", "den muon"),
    "excused": ("p", "có phép", "co phep", "vắng có phép", "vang co phep"),
    "absent": ("", "v", "vắng", "vang", "k", "vắng không phép", "vang khong phep"),
}
MARK_VALUES = {mark: code for code, marks in MARKS.items() for mark in marks}
LEGEND = (
    "Ghi vào ô của mỗi buổi:",
    "x hoặc “có mặt”: có mặt",
    "M hoặc “muộn”: đến muộn",
    "P hoặc “có phép”: vắng có phép",
    "để trống hoặc v: vắng",
    "Cột của một buổi để trống hoàn toàn thì không được nhập (buổi chưa điểm danh).",
    "Không sửa tiêu đề cột, tên đăng nhập và mã lớp: khi nhập lại, hệ thống dựa vào "
    "chúng để nhận ra học viên và buổi học.",
)
SESSION_HEADER = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\D+(\d{1,2})[:h](\d{2})")
PDF_SESSIONS_PER_PAGE = 6


def session_header(number: int, session: Session) -> str:
    """A session's column header: its number, date and start time (read back)."""
    return (
        f"Buổi {number}\n{session.date:%d/%m/%Y} {session.starts_at:%H:%M}"
        f"\n{session.topic}"
    )


def session_key(header: str) -> tuple[date, time] | None:
    """The date and start time a session column's header names, if any."""
    found = SESSION_HEADER.search(header or "")
    if found is None:
        return None
    day, month, year, hour, minute = (int(part) for part in found.groups())
    try:
        return date(year, month, day), time(hour, minute)
    except ValueError:
        return None


@dataclass(frozen=True)
class SheetRow:
    number: int
    full_name: str
    username: str
    unit: str
    sex: str


def sheet_rows(participants: list[Participant]) -> list[SheetRow]:
    return [
        SheetRow(
            number=index,
            full_name=participant.person.full_name or participant.person.username,
            username=participant.person.username,
            unit=str(participant.person.organisation or participant.person.unit or ""),
            sex=participant.person.get_sex_display(),
        )
        for index, participant in enumerate(participants, start=1)
    ]


def _class_lines(training_class: TrainingClass) -> list[str]:
    place = training_class.venue or training_class.meeting_url
    dates = f"{training_class.starts_on:%d/%m/%Y} – {training_class.ends_on:%d/%m/%Y}"
    lines = [f"{CLASS_CODE_LABEL}: {training_class.code}", f"Thời gian: {dates}"]
    if place:
        lines.append(f"Địa điểm: {place}")
    return lines


# --- Excel ------------------------------------------------------------------------


def sign_in_sheet_xlsx(
    *,
    training_class: TrainingClass,
    participants: list[Participant],
    sessions: list[Session],
) -> bytes:
    """The workbook: the sheet to sign (or mark) and a sheet with the legend."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    bold = Font(bold=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.cell(row=1, column=1, value="DANH SÁCH KÝ TÊN").font = Font(
        bold=True, size=14
    )
    sheet.cell(row=2, column=1, value=spreadsheet_safe_text(training_class.title))
    sheet.cell(row=3, column=1, value=CLASS_CODE_LABEL).font = bold
    sheet.cell(row=3, column=2, value=spreadsheet_safe_text(training_class.code))
    sheet.cell(row=4, column=1, value="Ký hiệu").font = bold
    sheet.cell(row=4, column=2, value="; ".join(LEGEND[1:5]))
    headers = [*HEADERS, *(session_header(n, s) for n, s in enumerate(sessions, 1))]
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = bold
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[HEADER_ROW].height = 48
    for row in sheet_rows(participants):
        values = [
            row.number,
            spreadsheet_safe_text(row.full_name),
            spreadsheet_safe_text(row.username),
            spreadsheet_safe_text(row.unit),
            row.sex,
        ]
        values += [None] * len(sessions)
        excel_row = HEADER_ROW + row.number
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=excel_row, column=column, value=value)
            cell.border = border
        sheet.row_dimensions[excel_row].height = 28
    for letter, width in zip("ABCDE", (6, 28, 18, 30, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    for index in range(len(sessions)):
        letter = sheet.cell(row=1, column=FIRST_SESSION_COLUMN + 1 + index)
        sheet.column_dimensions[letter.column_letter].width = 16
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)
    sheet.print_options.gridLines = False
    sheet.page_setup.orientation = "landscape"
    legend = workbook.create_sheet(LEGEND_TITLE)
    for number, line in enumerate(LEGEND, start=1):
        legend.cell(row=number, column=1, value=line)
    legend.column_dimensions["A"].width = 90
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def read_xlsx_rows(content: bytes, *, sheet_name: str) -> list[tuple]:
    """Every row of the named sheet (else the first), text NFC-normalised.

    Raises any error of the reader: the caller says "unreadable".
    """
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        if sheet_name in workbook.sheetnames:
            sheet = workbook[sheet_name]
        else:
            sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        return [
            tuple(normalise_text(c) if isinstance(c, str) else c for c in row)
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


# --- PDF --------------------------------------------------------------------------


def sign_in_sheet_pdf(
    *,
    training_class: TrainingClass,
    participants: list[Participant],
    sessions: list[Session],
) -> bytes:
    """A landscape A4 sheet to print, with DejaVu embedded (Vietnamese letters).

    Sessions go six to a page across; the header row repeats on every page.
    """
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"Danh sách ký tên – {training_class.code}")
    rows = sheet_rows(participants)
    numbered = list(enumerate(sessions, start=1))
    chunks = [
        numbered[start : start + PDF_SESSIONS_PER_PAGE]
        for start in range(0, len(numbered), PDF_SESSIONS_PER_PAGE)
    ] or [[]]
    for chunk in chunks:
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 14)
        pdf.cell(0, 8, "DANH SÁCH KÝ TÊN", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(
            0, 6, training_class.title, align="C", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(
            0,
            5,
            "   ·   ".join(_class_lines(training_class)),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(2)
        fixed = (10, 55, 60, 16)
        session_width = (pdf.epw - sum(fixed)) / max(len(chunk), 1)
        widths = (*fixed, *([session_width] * len(chunk)))
        with pdf.table(
            col_widths=widths,
            text_align=("CENTER", "LEFT", "LEFT", "CENTER", *["CENTER"] * len(chunk)),
            line_height=5,
            repeat_headings=1,
        ) as table:
            pdf.set_font("DejaVu", "B", 8)
            heading = table.row()
            for header in ("STT", "Họ và tên", "Đơn vị", "Giới tính"):
                heading.cell(header)
            for number, session in chunk:
                heading.cell(
                    f"Buổi {number}\n{session.date:%d/%m/%Y}\n"
                    f"{session.starts_at:%H:%M}–{session.ends_at:%H:%M}"
                )
            pdf.set_font("DejaVu", "", 9)
            for row in rows:
                cells = table.row()
                for value in (str(row.number), row.full_name, row.unit, row.sex):
                    cells.cell(value)
                for _session in chunk:
                    cells.cell("\n\n")
        pdf.ln(3)
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(0, 4, "Ký hiệu: " + "; ".join(LEGEND[1:5]))
    return bytes(pdf.output())
