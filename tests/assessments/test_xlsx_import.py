"""The Excel template: what it offers trainers, and how a filled-in copy is read."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from assessments.formats import xlsx
from assessments.models import Question

HEADERS = [
    "Danh mục",
    "Tên câu hỏi",
    "Loại",
    "Nội dung câu hỏi",
    "Điểm",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Phương án E",
    "Phương án F",
    "Đáp án đúng",
    "Phản hồi chung",
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def row(code, text="Nội dung?", options=(), correct="", **cells):
    """A questions-sheet row in the template's column order."""
    padded = [*options, *[""] * (6 - len(options))]
    return [
        cells.get("category", ""),
        cells.get("name", ""),
        code,
        text,
        cells.get("marks", ""),
        *padded,
        correct,
        cells.get("feedback", ""),
    ]


def filled_template(*rows) -> bytes:
    """The real template, with rows typed into its questions sheet from row 2."""
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.build_template()))
    sheet = workbook["Câu hỏi"]
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse_rows(*rows):
    return xlsx.parse(filled_template(*rows))


def errors(result) -> list[tuple[int | None, str]]:
    return [(e.line, e.message) for e in result.errors]


# --- The template -------------------------------------------------------------------


def test_template_has_vietnamese_headers_examples_and_instructions():
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.build_template()))

    assert workbook.sheetnames == ["Câu hỏi", "Ví dụ", "Hướng dẫn"]
    assert [c.value for c in workbook["Câu hỏi"][1]] == HEADERS
    assert workbook["Câu hỏi"].max_row == 1
    instructions = " ".join(
        str(c.value) for r in workbook["Hướng dẫn"].iter_rows() for c in r if c.value
    )
    for code in (
        "mot_dap_an",
        "nhieu_dap_an",
        "dung_sai",
        "tra_loi_ngan",
        "so",
        "ghep_doi",
        "tu_luan",
    ):
        assert code in instructions
    assert "A=50;C=50;D=-100" in instructions


@pytest.mark.django_db
def test_every_example_in_the_template_imports_cleanly():
    """The examples document the format: each must read as the type it shows."""
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.build_template()))
    examples = list(workbook["Ví dụ"].iter_rows(min_row=2, values_only=True))

    result = parse_rows(*examples)

    assert result.errors == []
    assert sorted(d.question_type for d in result.drafts) == sorted(
        Question.Type.values
    )


def test_an_empty_template_reads_as_no_questions_and_no_errors():
    result = xlsx.parse(xlsx.build_template())

    assert (result.drafts, result.errors) == ([], [])


# --- Reading each type ----------------------------------------------------------------


@pytest.mark.django_db
def test_single_choice_with_a_letter():
    result = parse_rows(
        row(
            "mot_dap_an",
            "Theo Luật, “giới” chỉ gì?\nChọn một.",
            ["Sinh học", "Vai trò xã hội", "Thể chất"],
            "B",
            category="Luật Bình đẳng giới/Khái niệm",
            name="Khái niệm giới",
            marks=2,
            feedback="Điều 5.",
        )
    )

    assert result.errors == []
    [draft] = result.drafts
    assert draft.question_type == Question.Type.SINGLE_CHOICE
    assert draft.line == 2
    assert draft.name == "Khái niệm giới"
    assert draft.text == "Theo Luật, “giới” chỉ gì?<br>Chọn một."
    assert draft.category_path == "Luật Bình đẳng giới/Khái niệm"
    assert draft.default_marks == Decimal("2")
    assert draft.general_feedback == "Điều 5."
    assert [(c["id"], c["text"], c["fraction"]) for c in draft.data["choices"]] == [
        ("a", "Sinh học", 0),
        ("b", "Vai trò xã hội", 1),
        ("c", "Thể chất", 0),
    ]


@pytest.mark.django_db
def test_multiple_response_letters_share_the_marks_equally():
    result = parse_rows(
        row("nhieu_dap_an", options=["X", "Y", "Z", "W"], correct="A, C")
    )

    assert result.errors == []
    assert [c["fraction"] for c in result.drafts[0].data["choices"]] == [0.5, 0, 0.5, 0]


@pytest.mark.django_db
def test_multiple_response_weights_in_percent_allow_penalties():
    result = parse_rows(
        row("nhieu_dap_an", options=["X", "Y", "Z", "W"], correct="A=50;C=50%;D=-100")
    )

    assert result.errors == []
    assert [c["fraction"] for c in result.drafts[0].data["choices"]] == [
        0.5,
        0,
        0.5,
        -1,
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "correct"),
    [("Đúng", True), ("sai", False), ("DUNG", True), ("S", False), (True, True)],
)
def test_true_false_accepts_dung_or_sai(written, correct):
    result = parse_rows(row("dung_sai", correct=written))

    assert result.errors == []
    assert result.drafts[0].data["correct"] is correct


@pytest.mark.django_db
def test_short_answers_are_all_right_unless_weighted():
    every = parse_rows(
        row("tra_loi_ngan", options=["bình đẳng giới", "binh dang gioi"])
    )
    weighted = parse_rows(
        row(
            "tra_loi_ngan",
            options=["bình đẳng giới", "bình đẳng*"],
            correct="A=100;B=50",
        )
    )

    assert [a["fraction"] for a in every.drafts[0].data["answers"]] == [1, 1]
    assert every.drafts[0].data["ignore_diacritics"] is True
    assert [(a["text"], a["fraction"]) for a in weighted.drafts[0].data["answers"]] == [
        ("bình đẳng giới", 1),
        ("bình đẳng*", 0.5),
    ]


@pytest.mark.django_db
def test_numerical_answers_take_tolerance_and_decimal_commas():
    result = parse_rows(
        row("so", options=[44, "44 ± 4", "3,5+-0,5"], correct="A=100;B=50;C=10")
    )

    assert result.errors == []
    answers = result.drafts[0].data["answers"]
    assert [(a["value"], a["tolerance"], a["fraction"]) for a in answers] == [
        (44, 0, 1),
        (44, 4, 0.5),
        (3.5, 0.5, 0.1),
    ]


@pytest.mark.django_db
def test_matching_pairs_and_a_distractor():
    result = parse_rows(
        row(
            "ghep_doi",
            options=["Giới -> Vai trò xã hội", "Giới tính => Sinh học", "-> Định kiến"],
        )
    )

    assert result.errors == []
    assert [(p["prompt"], p["answer"]) for p in result.drafts[0].data["pairs"]] == [
        ("Giới", "Vai trò xã hội"),
        ("Giới tính", "Sinh học"),
        ("", "Định kiến"),
    ]


@pytest.mark.django_db
def test_essay_takes_grader_guidance_from_the_answer_column():
    result = parse_rows(row("tu_luan", correct="Nêu đủ 4 bước."))

    assert result.errors == []
    assert result.drafts[0].data == {
        "response_format": "html",
        "grader_info": "Nêu đủ 4 bước.",
    }


@pytest.mark.django_db
def test_cells_are_plain_text_so_markup_is_escaped():
    result = parse_rows(
        row("dung_sai", "<script>alert(1)</script> & co", correct="Đúng")
    )

    assert result.drafts[0].text == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"


@pytest.mark.django_db
def test_headers_match_without_diacritics_or_case_and_blank_rows_are_skipped():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["LOAI", "noi dung cau hoi", "Dap an dung"])
    sheet.append([])
    sheet.append(["dung_sai", "Nam, nữ bình đẳng.", "Đúng"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = xlsx.parse(buffer.getvalue())

    assert result.errors == []
    assert [(d.line, d.data["correct"]) for d in result.drafts] == [(3, True)]


# --- Errors, with the spreadsheet's row numbers ---------------------------------------


@pytest.mark.django_db
def test_each_bad_row_is_reported_with_its_row_number():
    result = parse_rows(
        row("mot_dap_an", options=["X", "Y"], correct="B"),  # row 2: fine
        row("cau_hoi_la"),  # 3
        row("mot_dap_an", options=["X", "Y"], correct="C"),  # 4: C is empty
        row("mot_dap_an", options=["X", "Y"]),  # 5: no answer
        row("nhieu_dap_an", options=["X", "Y", "Z"], correct="A=50;B=20"),  # 6
        row("mot_dap_an", options=["X", "Y"], correct="A,B"),  # 7
        row("dung_sai", correct="có lẽ"),  # 8
        row("so", options=["bốn mươi"]),  # 9
        row("ghep_doi", options=["Giới Vai trò", "A -> B"]),  # 10
        row("mot_dap_an", "", options=["X", "Y"], correct="A"),  # 11: no text
        row("tu_luan", marks="nhiều"),  # 12
        row("tra_loi_ngan", options=[]),  # 13
        row("mot_dap_an", options=["X", "Y"], correct="A=100;B=-50"),  # 14
    )

    assert errors(result) == [
        (
            3,
            "Unknown question type “cau_hoi_la”; use one of: mot_dap_an, "
            "nhieu_dap_an, dung_sai, tra_loi_ngan, so, ghep_doi, tu_luan.",
        ),
        (4, "“Đáp án đúng” names option C, which is empty."),
        (5, "Say in “Đáp án đúng” which option is correct."),
        (
            6,
            "The positive weights of a multiple-response question must add up to 100%.",
        ),
        (
            7,
            "A single-choice question has one correct option; use nhieu_dap_an for several.",
        ),
        (8, "For a true/false question write Đúng or Sai in “Đáp án đúng”."),
        (9, "Option A “bốn mươi” is not a number (write e.g. 44 or 44±4)."),
        (10, "Option A should be a pair “prompt -> answer”."),
        (11, "The question has no text."),
        (12, "The mark “nhiều” is not a positive number."),
        (13, "A short-answer question needs accepted answers, none empty."),
        (14, "A single-choice question cannot have negative weights."),
    ]


def test_weights_that_are_not_numbers_are_reported():
    result = parse_rows(row("nhieu_dap_an", options=["X", "Y"], correct="A=năm mươi"))

    assert errors(result) == [
        (2, "“A=năm mươi” in “Đáp án đúng” should look like A=50.")
    ]


def test_a_sheet_without_the_required_headers_is_refused():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Câu", "Trả lời"])
    workbook.active.append(["Giới là gì?", "Vai trò xã hội"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = xlsx.parse(buffer.getvalue())

    assert result.drafts == []
    assert errors(result) == [
        (1, "Row 1 must hold the template's headers; missing: Loại, Nội dung câu hỏi.")
    ]


def zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Loai;Noi dung\nmot_dap_an;Cau hoi\n",
        b"<quiz></quiz>",
        b"PK\x03\x04 truncated zip",
        zip_without_workbook(),
    ],
    ids=["empty", "csv", "xml", "broken-zip", "zip-without-workbook"],
)
def test_bytes_that_are_not_an_xlsx_give_one_clear_error(data):
    result = xlsx.parse(data)

    assert result.drafts == []
    assert errors(result) == [
        (
            None,
            "The file is not an Excel workbook (.xlsx). Save it as .xlsx and try again.",
        )
    ]
