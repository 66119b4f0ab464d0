"""The Excel question template, for trainers who write their questions in Excel.

One question per row of the "Câu hỏi" sheet. The headers, type codes and the
instructions sheet are part of the file format and stay Vietnamese in every
interface language; only error messages are translated.

How a row says what is right, by type (the instructions sheet says the same):

- mot_dap_an, nhieu_dap_an: options in "Phương án A".."F"; "Đáp án đúng" holds
  letters ("B", "A,C": equal shares) or weights in percent ("A=50;C=50;D=-100").
- dung_sai: "Đáp án đúng" is "Đúng" or "Sai".
- tra_loi_ngan, so: each option cell is an accepted answer ("so": a number,
  optionally "±" and a tolerance: "44±4"); "Đáp án đúng" empty means every
  answer is worth 100%, otherwise letters or weights as above.
- ghep_doi: each option cell is "prompt -> answer"; "-> answer" alone adds a
  wrong answer to choose from.
- tu_luan: "Đáp án đúng" holds guidance for the grader.
"""

import html
import io
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from lms.spreadsheets import Column, template_header_write
from lms.text import fold_vietnamese, normalise_text

from ..qtypes import find_question_type, registered_types
from ..qtypes import question_type as registered_type
from ..question_types import parse_number
from ..services.bank import MARKS_STEP, QuestionDraft, check_draft, marks_error
from . import FormatError, ParseResult

QUESTIONS_SHEET = "Câu hỏi"
EXAMPLES_SHEET = "Ví dụ"
HELP_SHEET = "Hướng dẫn"
OPTION_LETTERS = "ABCDEF"
TEMPLATE_ROWS = 2000


COLUMNS = (
    Column("category", "Danh mục", width=28),
    Column("name", "Tên câu hỏi", width=24),
    Column("type", "Loại", required=True, width=16),
    Column("text", "Nội dung câu hỏi", required=True, width=50),
    Column("marks", "Điểm", width=8),
    *(
        Column(f"option_{letter}", f"Phương án {letter}", width=24)
        for letter in OPTION_LETTERS
    ),
    Column("correct", "Đáp án đúng", width=20),
    Column("feedback", "Phản hồi chung", width=36),
)


def type_codes() -> dict[str, str]:
    """The "Loại" column's codes (Vietnamese without marks) -> question type code."""
    return {t.xlsx_code: t.code for t in registered_types()}


TRUE_WORDS = {"dung", "d", "true", "t", "1", "x"}
FALSE_WORDS = {"sai", "s", "false", "f", "0"}
PAIR_ARROW = re.compile(r"\s*(?:->|=>|→)\s*")
TOLERANCE_MARK = re.compile(r"\s*(?:±|\+/-|\+-)\s*")
WEIGHT = re.compile(r"^([A-Fa-f])\s*=\s*(-?[\d.,]+)\s*%?$")


# --- The template -----------------------------------------------------------------


def type_help() -> list[tuple[str, str, str]]:
    """(code, name, how to fill the row) of each type, for the template's help sheet."""
    return [(t.xlsx_code, *t.xlsx_help) for t in registered_types()]


HELP_TEXT = (
    "Mỗi dòng của trang “Câu hỏi” là một câu hỏi, bắt đầu từ dòng 2. "
    "Giữ nguyên dòng tiêu đề (dòng 1).",
    "Các cột tô màu là bắt buộc: Loại và Nội dung câu hỏi.",
    "Danh mục: đường dẫn danh mục trong ngân hàng câu hỏi, các cấp cách nhau "
    "bằng dấu /, ví dụ: Luật Bình đẳng giới/Khái niệm. "
    "Để trống: câu hỏi vào danh mục chọn khi nhập.",
    "Tên câu hỏi: để trống thì dùng phần đầu nội dung câu hỏi.",
    "Điểm: điểm mặc định của câu hỏi; để trống là 1.",
    "Phản hồi chung: hiển thị cho người học sau khi làm bài.",
    "Trang “Ví dụ” có một câu hỏi mẫu cho mỗi loại.",
    "Nếu tệp có lỗi, không câu hỏi nào được lưu; mỗi lỗi được báo kèm số dòng.",
)

# (category, name, type, text, marks, options, "Đáp án đúng", feedback)
ExampleRow = tuple[str, str, str, str, int, list[str], str, str]
EXAMPLES: tuple[ExampleRow, ...] = (
    (
        "Luật Bình đẳng giới/Khái niệm",
        "Khái niệm giới",
        "mot_dap_an",
        "Theo Luật Bình đẳng giới, “giới” chỉ gì?",
        1,
        [
            "Đặc điểm sinh học của nam và nữ",
            "Đặc điểm, vị trí, vai trò xã hội của nam và nữ",
            "Thể chất",
        ],
        "B",
        "Điều 5 Luật Bình đẳng giới.",
    ),
    (
        "Luật Bình đẳng giới/Khái niệm",
        "Lĩnh vực",
        "nhieu_dap_an",
        "Luật quy định bình đẳng giới trong những lĩnh vực nào?",
        1,
        ["Chính trị", "Kinh tế", "Quốc phòng riêng cho nam"],
        "A=50;B=50;C=-100",
        "",
    ),
    (
        "Luật Bình đẳng giới/Khái niệm",
        "",
        "dung_sai",
        "Nam, nữ bình đẳng trong đời sống gia đình.",
        1,
        [],
        "Đúng",
        "",
    ),
    (
        "Luật Bình đẳng giới/Khái niệm",
        "Thuật ngữ",
        "tra_loi_ngan",
        "Việc nam, nữ có vị trí, vai trò ngang nhau gọi là gì?",
        1,
        ["bình đẳng giới", "bình đẳng*"],
        "A=100;B=50",
        "",
    ),
    (
        "Luật Bình đẳng giới/Số liệu",
        "Số điều",
        "so",
        "Luật Bình đẳng giới năm 2006 có bao nhiêu điều?",
        1,
        ["44", "44±4"],
        "A=100;B=50",
        "",
    ),
    (
        "Luật Bình đẳng giới/Khái niệm",
        "Ghép khái niệm",
        "ghep_doi",
        "Ghép mỗi khái niệm với nội dung của nó.",
        2,
        [
            "Giới -> Vai trò xã hội",
            "Giới tính -> Đặc điểm sinh học",
            "-> Định kiến giới",
        ],
        "",
        "",
    ),
    (
        "Lồng ghép giới",
        "Các bước lồng ghép giới",
        "tu_luan",
        "Trình bày các bước lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản.",
        5,
        [],
        "Nêu đủ các bước theo Điều 21 Luật Bình đẳng giới.",
        "",
    ),
)


def _write_header(sheet) -> None:
    type_letter = template_header_write(sheet, COLUMNS)["type"]
    validation = DataValidation(
        type="list", formula1=f'"{",".join(type_codes())}"', allow_blank=True
    )
    validation.add(f"{type_letter}2:{type_letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(validation)


def _write_examples(sheet) -> None:
    for category, name, code, text, marks, options, correct, feedback in EXAMPLES:
        padded = [*options, *[""] * (len(OPTION_LETTERS) - len(options))]
        sheet.append([category, name, code, text, marks, *padded, correct, feedback])


def _write_help(sheet) -> None:
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    sheet.append(["Cách điền tệp câu hỏi"])
    sheet["A1"].font = bold
    for line in HELP_TEXT:
        sheet.append(["", "", line])
    sheet.append([])
    sheet.append(
        ["Mã loại (cột Loại)", "Loại câu hỏi", "Cách ghi phương án và đáp án đúng"]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in type_help():
        sheet.append(list(row))
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap


def build_template() -> bytes:
    """The .xlsx a trainer fills in: an empty questions sheet, examples and instructions."""
    workbook = openpyxl.Workbook()
    questions = workbook.active
    questions.title = QUESTIONS_SHEET
    _write_header(questions)
    examples = workbook.create_sheet(EXAMPLES_SHEET)
    _write_header(examples)
    _write_examples(examples)
    _write_help(workbook.create_sheet(HELP_SHEET))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Reading a filled-in file ----------------------------------------------------------


class NotAWorkbook(Exception):
    pass


def _fold(value: str) -> str:
    """Headers and codes match whatever the case, spacing or diacritics."""
    text = fold_vietnamese(unicodedata.normalize("NFC", value)).casefold()
    return " ".join(text.replace("*", " ").split())


def cell_text(value) -> str:
    """A cell as text, keeping its line breaks; numbers without a spurious ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    lines = normalise_text(str(value)).replace("\r\n", "\n").split("\n")
    return "\n".join(line.strip() for line in lines).strip()


def _rows(data: bytes) -> list[tuple[int, tuple]]:
    """(row number, values) of the questions sheet, or NotAWorkbook."""
    # openpyxl raises many kinds of errors for a file that is not a workbook
    # (zip, XML, key and value errors); each of them means the same to the user.
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True
        )
    except Exception as error:
        raise NotAWorkbook from error
    try:
        if QUESTIONS_SHEET in workbook.sheetnames:
            sheet = workbook[QUESTIONS_SHEET]
        else:
            sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        rows = list(enumerate(sheet.iter_rows(values_only=True), start=1))
    except Exception as error:
        raise NotAWorkbook from error
    finally:
        workbook.close()
    return rows


def _map_columns(header: tuple) -> dict[str, int]:
    wanted = {_fold(column.header): column.key for column in COLUMNS}
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        key = wanted.get(_fold(cell_text(value)))
        if key is not None and key not in found:
            found[key] = index
    return found


def parse(data: bytes) -> ParseResult:
    """Read the filled-in template; errors carry the spreadsheet's row numbers."""
    result = ParseResult()
    try:
        rows = _rows(data)
    except NotAWorkbook:
        result.errors.append(
            FormatError(
                None,
                _(
                    "The file is not an Excel workbook (.xlsx). Save it as .xlsx and try again."
                ),
            )
        )
        return result
    if not rows:
        result.errors.append(FormatError(None, _("The file is empty.")))
        return result
    columns = _map_columns(rows[0][1])
    missing = [c.header for c in COLUMNS if c.required and c.key not in columns]
    if missing:
        result.errors.append(
            FormatError(
                1,
                _("Row 1 must hold the template's headers; missing: %(columns)s.")
                % {"columns": ", ".join(missing)},
            )
        )
        return result
    for number, values in rows[1:]:
        cells = {
            key: cell_text(values[index]) if index < len(values) else ""
            for key, index in columns.items()
        }
        if not any(cells.values()):
            continue
        try:
            draft = read_row(cells, number)
        except ValueError as error:
            result.errors.append(FormatError(number, str(error)))
            continue
        draft.errors = check_draft(draft)
        result.errors.extend(FormatError(number, message) for message in draft.errors)
        result.drafts.append(draft)
    return result


def tidy(number: float) -> float | int:
    """Whole numbers as ints, so stored JSON reads 1 and 36, as GIFT imports write it."""
    return int(number) if float(number).is_integer() else number


def as_html(text: str) -> str:
    """A cell is plain text: what looks like a tag is shown, not obeyed."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def _marks(text: str) -> Decimal:
    if not text:
        return Decimal("1")
    try:
        value = Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        raise ValueError(
            _("The mark “%(value)s” is not a positive number.") % {"value": text}
        )
    too_large = marks_error(value)
    if too_large:
        raise ValueError(too_large)
    return value.quantize(MARKS_STEP)


def read_row(cells: dict[str, str], number: int) -> QuestionDraft:
    code = _fold(cells.get("type", "")).replace(" ", "_").replace("-", "_")
    codes = type_codes()
    question_type = codes.get(code) or (code if find_question_type(code) else None)
    if question_type is None:
        raise ValueError(
            _("Unknown question type “%(code)s”; use one of: %(codes)s.")
            % {"code": cells.get("type", ""), "codes": ", ".join(codes)}
        )
    options = {
        letter: cells.get(f"option_{letter}", "")
        for letter in OPTION_LETTERS
        if cells.get(f"option_{letter}", "")
    }
    data = registered_type(question_type).from_xlsx_row(
        options, cells.get("correct", "")
    )
    return QuestionDraft(
        question_type=question_type,
        name=cells.get("name", ""),
        text=as_html(cells.get("text", "")),
        data=data,
        general_feedback=as_html(cells.get("feedback", "")),
        default_marks=_marks(cells.get("marks", "")),
        category_path=cells.get("category", ""),
        line=number,
    )


def read_weights(correct: str, options: dict[str, str]) -> dict[str, float] | None:
    """ "B", "A,C" or "A=50;C=50;D=-100" as {letter: fraction}; None when empty.

    Plain letters share 100% equally; weights are percentages.
    """
    correct = correct.strip()
    if not correct:
        return None
    if "=" in correct:
        weights: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in correct.split(";"))):
            match = WEIGHT.match(part)
            value = parse_number(match.group(2)) if match else None
            if match is None or value is None:
                raise ValueError(
                    _("“%(part)s” in “Đáp án đúng” should look like A=50.")
                    % {"part": part}
                )
            weights[match.group(1).upper()] = tidy(round(value / 100, 7))
    else:
        letters = [p.upper() for p in re.split(r"[\s,;]+", correct) if p]
        if any(len(p) != 1 or p not in OPTION_LETTERS for p in letters):
            raise ValueError(
                _(
                    "“Đáp án đúng” should hold option letters A–F, e.g. B or A,C; found “%(value)s”."
                )
                % {"value": correct}
            )
        weights = {letter: tidy(round(1 / len(letters), 7)) for letter in letters}
    empty = [letter for letter in weights if letter not in options]
    if empty:
        raise ValueError(
            _("“Đáp án đúng” names option %(letters)s, which is empty.")
            % {"letters": ", ".join(empty)}
        )
    return weights


def choices_from_row(options: dict[str, str], correct: str, *, single: bool) -> dict:
    """Options with weights read from "Đáp án đúng" (single choice, multiple response)."""
    weights = read_weights(correct, options)
    if weights is None:
        raise ValueError(_("Say in “Đáp án đúng” which option is correct."))
    if single and "=" not in correct and len(weights) > 1:
        raise ValueError(
            _(
                "A single-choice question has one correct option; use nhieu_dap_an for several."
            )
        )
    return {
        "choices": [
            {
                "id": letter.lower(),
                "text": as_html(text),
                "fraction": weights.get(letter, 0),
                "feedback": "",
            }
            for letter, text in options.items()
        ]
    }


def answer_weights(options: dict[str, str], correct: str) -> dict[str, float]:
    """Accepted answers: all worth 100% unless "Đáp án đúng" says otherwise.

    Letters listed as plain letters are each worth 100% (any one of them is a
    right answer), unlike choice questions where they share it.
    """
    listed = read_weights(correct, options)
    if "=" in correct and listed is not None:
        # Weights were given (read_weights gives None only for an empty cell).
        return listed
    chosen = listed.keys() if listed else options.keys()
    return dict.fromkeys(chosen, 1)
