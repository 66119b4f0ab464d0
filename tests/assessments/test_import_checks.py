"""Question files the bank cannot hold are refused while checking, before anything
is saved: marks too large, categories too deep, folders, binary files. And what
files say is kept as Moodle means it: the numerical catch-all "*", Vietnamese
typed with combining marks (NFC) or saved as windows-1258."""

import io
import unicodedata
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from assessments import question_types
from assessments.formats import gift, moodlexml, xlsx
from assessments.models import Question, QuestionCategory, QuestionVersion
from assessments.services.bank import (
    CATEGORY_NAME_TOO_LONG,
    CATEGORY_TOO_DEEP,
    MARKS_OUT_OF_RANGE,
    MAX_CATEGORY_DEPTH,
    MAX_MARKS,
    category_for_path,
)
from assessments.services.importing import (
    FILE_IS_BINARY,
    export_questions,
    import_questions,
    parse_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def moodle_file(*questions: str, encoding: str = "UTF-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<quiz>\n'
        + "\n".join(questions)
        + "\n</quiz>\n"
    )


def truefalse_xml(grade: str = "1", name: str = "Nam nữ") -> str:
    return f"""<question type="truefalse">
  <name><text>{name}</text></name>
  <questiontext format="html"><text>Nam, nữ bình đẳng.</text></questiontext>
  <defaultgrade>{grade}</defaultgrade>
  <answer fraction="100"><text>true</text></answer>
  <answer fraction="0"><text>false</text></answer>
</question>"""


def nothing_saved() -> bool:
    return not Question.objects.exists() and not QuestionCategory.objects.exists()


def messages(result) -> list[str]:
    return [error.message for error in result.errors]


def run_command(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_questions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- 1. Marks the database cannot hold --------------------------------------------


def test_max_marks_follows_the_model_field():
    field = QuestionVersion._meta.get_field("default_marks")
    assert (field.max_digits, field.decimal_places) == (6, 2)
    assert Decimal("9999.99") == MAX_MARKS


@pytest.mark.parametrize("grade", ["10000", "9999.995", "1e30", "123456789"])
def test_a_moodle_defaultgrade_too_large_is_refused_before_anything_is_saved(grade):
    result = parse_file(moodle_file(truefalse_xml(grade)).encode(), "moodlexml")

    assert messages(result) == [
        str(MARKS_OUT_OF_RANGE) % {"value": Decimal(grade), "max": MAX_MARKS}
    ]
    assert result.errors[0].line == 3
    with pytest.raises(ValidationError):
        import_questions(result)
    assert nothing_saved()


def test_the_largest_mark_the_bank_holds_imports_and_exports():
    result = parse_file(moodle_file(truefalse_xml("9999.99")).encode(), "moodlexml")

    import_questions(result)

    version = Question.objects.get().current_version
    version.refresh_from_db()
    assert version.default_marks == Decimal("9999.99")
    assert b"<defaultgrade>9999.99</defaultgrade>" in export_questions(
        format="moodlexml"
    )


def test_the_marks_message_is_vietnamese():
    with translation.override("vi"):
        result = parse_file(moodle_file(truefalse_xml("10000")).encode(), "moodlexml")

    assert messages(result) == [
        "Điểm “10000” không hợp lệ: điểm phải là một số từ 0 đến 9999.99."
    ]


def excel_file(*rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = xlsx.QUESTIONS_SHEET
    sheet.append([column.header for column in xlsx.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def excel_row(category="", marks=1, answer="bình đẳng giới"):
    return [
        category,
        "Thuật ngữ",
        "tra_loi_ngan",
        "Việc nam, nữ có vị trí, vai trò ngang nhau gọi là gì?",
        marks,
        answer,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]


def test_an_excel_mark_too_large_is_refused_at_its_row():
    result = parse_file(excel_file(excel_row(marks=10000)), "xlsx")

    assert [(e.line, e.message) for e in result.errors] == [
        (2, str(MARKS_OUT_OF_RANGE) % {"value": 10000, "max": MAX_MARKS})
    ]
    with pytest.raises(ValidationError):
        import_questions(result)
    assert nothing_saved()


# --- 2. Categories the tree cannot hold -------------------------------------------


def deep_path(levels: int) -> str:
    return "/".join(f"Cấp {n}" for n in range(1, levels + 1))


def gift_under(path: str) -> bytes:
    return f"$CATEGORY: {path}\n\n::Nam nữ::Nam, nữ bình đẳng. {{T}}\n".encode()


def test_max_category_depth_follows_treebeard():
    assert MAX_CATEGORY_DEPTH == 255 // QuestionCategory.steplen == 63


def test_a_category_100_levels_deep_is_an_error_of_the_check_not_of_the_save():
    result = parse_file(gift_under(deep_path(100)), "gift")

    assert messages(result) == [
        str(CATEGORY_TOO_DEEP)
        % {"path": "Cấp 1/Cấp 2/Cấp 3/…", "depth": 100, "max": MAX_CATEGORY_DEPTH}
    ]
    assert result.errors[0].line == 3
    with pytest.raises(ValidationError):
        import_questions(result)
    assert nothing_saved()


def test_the_chosen_category_counts_towards_the_depth():
    data = gift_under(deep_path(60))

    assert parse_file(data, "gift").errors == []
    result = parse_file(data, "gift", default_category_path=deep_path(4))
    assert len(result.errors) == 1
    assert "64 levels" in result.errors[0].message


def test_the_deepest_category_the_tree_holds_imports():
    result = parse_file(gift_under(deep_path(MAX_CATEGORY_DEPTH)), "gift")

    import_questions(result)

    assert Question.objects.get().category.depth == MAX_CATEGORY_DEPTH


def test_a_category_name_longer_than_the_field_is_an_error():
    long_name = "Luật Bình đẳng giới " * 15
    result = parse_file(gift_under(f"Ngân hàng/{long_name}"), "gift")

    assert messages(result) == [
        str(CATEGORY_NAME_TOO_LONG) % {"name": long_name.strip()[:40], "max": 255}
    ]


def test_category_for_path_refuses_a_path_too_deep_and_creates_nothing():
    with pytest.raises(ValidationError):
        category_for_path(deep_path(64))

    assert not QuestionCategory.objects.exists()


def test_a_dry_run_reports_a_category_too_deep(tmp_path):
    path = tmp_path / "sau.gift"
    path.write_bytes(gift_under(deep_path(100)))

    err = io.StringIO()
    with pytest.raises(CommandError, match=r"1 error\(s\) in sau.gift"):
        call_command("import_questions", str(path), "--dry-run", stderr=err)

    assert "line 3: The category “Cấp 1/Cấp 2/Cấp 3/…” has 100 levels" in (
        err.getvalue()
    )
    assert nothing_saved()


# --- 3. A folder instead of a file --------------------------------------------------


def test_a_folder_given_to_the_command_is_a_clear_error(tmp_path):
    folder = tmp_path / "cau-hoi.xml"
    folder.mkdir()

    with pytest.raises(CommandError, match="is a folder, not a file"):
        run_command(str(folder))
    with pytest.raises(CommandError, match="is a folder, not a file"):
        run_command(str(tmp_path), "--format", "gift")
    assert nothing_saved()


def test_a_folder_given_as_the_export_target_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="is a folder; give the name of the file"):
        run_command("--export", str(tmp_path), "--format", "gift")


def test_the_folder_error_is_vietnamese(tmp_path):
    with (
        translation.override("vi"),
        pytest.raises(CommandError, match="là một thư mục, không phải một tệp"),
    ):
        run_command(str(tmp_path), "--format", "gift")


# --- 4. Binary files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "format", "line"),
    [
        ("\x00\x00\x00::Nam nữ::Nam, nữ bình đẳng. {T}\n".encode(), "gift", 1),
        ("::Nam nữ::Nam, nữ bình đẳng. {T}\n".encode("utf-16"), "gift", 1),
        (b"// ok\n\n::A::B {T}\n\x00", "gift", 4),
        (
            moodle_file(truefalse_xml()).encode().replace(b"<quiz>", b"<quiz>\x00"),
            "moodlexml",
            2,
        ),
    ],
    ids=["gift-starting-with-nul", "gift-utf16", "gift-ending-with-nul", "moodlexml"],
)
def test_a_file_holding_nul_bytes_is_refused_and_nothing_saved(data, format, line):
    result = parse_file(data, format)

    assert [(e.line, e.message) for e in result.errors] == [(line, str(FILE_IS_BINARY))]
    assert result.drafts == []
    with pytest.raises(ValidationError):
        import_questions(result)
    assert nothing_saved()


def test_the_command_refuses_a_file_beginning_with_nul_bytes(tmp_path):
    path = tmp_path / "hong.gift"
    path.write_bytes(b"\x00" * 16 + "::Nam nữ::Nam, nữ bình đẳng. {T}\n".encode())

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_questions", str(path), stderr=err)

    assert "not a text file" in err.getvalue()
    assert nothing_saved()


# --- 5. The numerical catch-all "*" ---------------------------------------------------

NUMERICAL_WITH_CATCH_ALL = """<question type="numerical">
  <name><text>Số điều</text></name>
  <questiontext format="html"><text>Luật Bình đẳng giới có bao nhiêu điều?</text></questiontext>
  <answer fraction="100"><text>44</text><tolerance>0</tolerance>
    <feedback format="html"><text>Đúng.</text></feedback></answer>
  <answer fraction="0"><text>*</text><tolerance>0</tolerance>
    <feedback format="html"><text>Luật có 44 điều.</text></feedback></answer>
</question>"""


def test_moodle_numerical_catch_all_is_imported_and_matches_any_number():
    result = parse_file(moodle_file(NUMERICAL_WITH_CATCH_ALL).encode(), "moodlexml")

    assert result.errors == []
    import_questions(result)
    data = Question.objects.get().current_version.data
    assert [(a["value"], a["fraction"]) for a in data["answers"]] == [
        (44, 1),
        ("*", 0),
    ]

    right = question_types.grade(Question.Type.NUMERICAL, data, {"text": "44"})
    other = question_types.grade(Question.Type.NUMERICAL, data, {"text": "-3,5"})
    not_a_number = question_types.grade(
        Question.Type.NUMERICAL, data, {"text": "bốn mươi"}
    )
    assert (right.fraction, right.feedback) == (1, ["Đúng."])
    assert (other.fraction, other.feedback) == (0, ["Luật có 44 điều."])
    assert (not_a_number.fraction, not_a_number.feedback) == (0, [])


def test_a_catch_all_worth_full_marks_accepts_any_number():
    data = {"answers": [{"value": "*", "tolerance": 0, "fraction": 1}]}

    assert question_types.validate(Question.Type.NUMERICAL, data) == []
    assert (
        question_types.grade(Question.Type.NUMERICAL, data, {"text": "7"}).fraction == 1
    )


def test_the_catch_all_round_trips_through_moodle_xml_and_gift():
    import_questions(
        parse_file(moodle_file(NUMERICAL_WITH_CATCH_ALL).encode(), "moodlexml")
    )
    original = Question.objects.get().current_version.data

    exported = export_questions(format="moodlexml")
    assert b"<text>*</text>" in exported
    again = moodlexml.parse(exported)
    assert again.errors == []
    assert again.drafts[0].data["answers"] == original["answers"]

    exported_gift = export_questions(format="gift").decode()
    assert "=%0%*#" in exported_gift
    from_gift = gift.parse(exported_gift)
    assert from_gift.errors == []
    assert from_gift.drafts[0].data["answers"] == original["answers"]


# --- 6. Vietnamese typed many ways -------------------------------------------------

DECOMPOSED = "Bi\u0300nh đă\u0309ng giơ\u0301i"
PRECOMPOSED = "Bình đẳng giới"


def test_the_spellings_differ_until_normalised():
    assert DECOMPOSED != PRECOMPOSED
    assert unicodedata.normalize("NFC", DECOMPOSED) == PRECOMPOSED


def gift_short_answer(category: str, key: str) -> bytes:
    return (
        f"$CATEGORY: Tập huấn/{category}\n\n"
        f"::Thuật ngữ::Việc nam, nữ ngang nhau gọi là gì? {{={key}}}\n"
    ).encode()


def test_gift_text_with_combining_marks_is_saved_nfc_in_one_category():
    import_questions(parse_file(gift_short_answer(DECOMPOSED, DECOMPOSED), "gift"))
    import_questions(parse_file(gift_short_answer(PRECOMPOSED, PRECOMPOSED), "gift"))

    assert QuestionCategory.objects.filter(name=PRECOMPOSED).count() == 1
    assert not QuestionCategory.objects.filter(name=DECOMPOSED).exists()
    questions = Question.objects.select_related("current_version")
    assert {q.category.path_name for q in questions} == {f"Tập huấn/{PRECOMPOSED}"}
    assert [q.current_version.data["answers"][0]["text"] for q in questions] == [
        PRECOMPOSED,
        PRECOMPOSED,
    ]


def test_moodle_xml_text_with_combining_marks_is_saved_nfc():
    category = (
        '<question type="category"><category><text>'
        f"$course$/top/{DECOMPOSED}</text></category></question>"
    )
    import_questions(
        parse_file(
            moodle_file(category, truefalse_xml(name=DECOMPOSED)).encode(), "moodlexml"
        )
    )
    import_questions(
        parse_file(
            moodle_file(
                category.replace(DECOMPOSED, PRECOMPOSED), truefalse_xml()
            ).encode(),
            "moodlexml",
        )
    )

    assert list(QuestionCategory.objects.values_list("name", flat=True)) == [
        PRECOMPOSED
    ]
    assert set(Question.objects.values_list("name", flat=True)) == {
        PRECOMPOSED,
        "Nam nữ",
    }


def windows_1258(text: str) -> bytes:
    """What Vietnamese Windows writes: base letters (ă, ơ…) and combining tones."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            out += unicodedata.normalize("NFC", decomposed[:-1]).encode("cp1258")
            out += decomposed[-1].encode("cp1258")
    return out


def test_a_windows_1258_moodle_file_is_read_as_nfc():
    data = windows_1258(
        moodle_file(truefalse_xml(name=PRECOMPOSED), encoding="windows-1258")
    )
    assert PRECOMPOSED.encode() not in data

    result = parse_file(data, "moodlexml")

    assert result.errors == []
    assert result.drafts[0].name == PRECOMPOSED
    assert result.drafts[0].text == "Nam, nữ bình đẳng."


def test_excel_cells_with_combining_marks_are_saved_nfc():
    import_questions(
        parse_file(
            excel_file(excel_row(category=DECOMPOSED, answer=DECOMPOSED)), "xlsx"
        )
    )
    import_questions(
        parse_file(
            excel_file(excel_row(category=PRECOMPOSED, answer=PRECOMPOSED)), "xlsx"
        )
    )

    assert list(QuestionCategory.objects.values_list("name", flat=True)) == [
        PRECOMPOSED
    ]
    assert {
        q.current_version.data["answers"][0]["text"] for q in Question.objects.all()
    } == {PRECOMPOSED}


# --- The admin upload reports the same problems, saving nothing --------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (gift_under(deep_path(100)), "has 100 levels; at most 63 are allowed"),
        (b"\x00\x00" + gift_under("A"), "not a text file (it holds NUL bytes)"),
        (
            moodle_file(truefalse_xml("10000")).encode(),
            "The mark “10000” is not a number from 0 to 9999.99.",
        ),
    ],
    ids=["category-too-deep", "nul-bytes", "mark-too-large"],
)
def test_the_admin_upload_lists_the_problem_and_saves_nothing(
    trainer, content, expected
):
    client = Client()
    client.force_login(trainer)
    client.cookies["django_language"] = "en"
    format = "moodlexml" if content.startswith(b"<?xml") else "gift"

    response = client.post(
        reverse("question_import:index"),
        {"file": SimpleUploadedFile("cau-hoi.txt", content), "format": format},
    )

    assert response.status_code == 200
    assert expected in response.content.decode()
    assert nothing_saved()


def test_the_preview_checks_the_depth_under_the_chosen_category(trainer):
    client = Client()
    client.force_login(trainer)
    client.cookies["django_language"] = "en"

    response = client.post(
        reverse("question_import:index"),
        {
            "file": SimpleUploadedFile("sau.gift", gift_under(deep_path(60))),
            "format": "gift",
            "category": deep_path(4),
        },
    )

    assert response.status_code == 200
    assert "has 64 levels" in response.content.decode()
    assert nothing_saved()
