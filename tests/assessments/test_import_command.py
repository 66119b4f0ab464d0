"""`manage.py import_questions`: errors with their lines, dry runs, and export."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from assessments.formats import moodlexml
from assessments.models import Question, QuestionCategory
from tests.factories.assessments import make_category, make_question

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_questions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_imports_a_moodle_file_and_says_what_it_created():
    out, _err = run(str(DATA / "moodle_all_types.xml"), "--format", "moodlexml")

    assert Question.objects.count() == 7
    assert "Created 7 question(s)." in out
    assert "Single choice: 1" in out
    assert "in Luật Bình đẳng giới/Số liệu: 5" in out


@pytest.mark.django_db
def test_the_format_is_guessed_from_the_extension_and_category_prefixes(tmp_path):
    path = tmp_path / "cau-hoi.gift"
    path.write_text("::Nam nữ::Nam, nữ bình đẳng. {T}\n", encoding="utf-8")

    run(str(path), "--category", "Tập huấn/2026")

    assert Question.objects.get().category.path_name == "Tập huấn/2026"


@pytest.mark.django_db
def test_dry_run_prints_what_would_be_created_and_saves_nothing():
    out, _err = run(str(DATA / "moodle_all_types.xml"), "--dry-run")

    assert "Would create 7 question(s)." in out
    assert "Dry run: nothing was saved." in out
    assert Question.objects.count() == 0
    assert QuestionCategory.objects.count() == 0


@pytest.mark.django_db
def test_errors_are_printed_with_their_lines_and_nothing_is_saved():
    with pytest.raises(CommandError, match=r"5 error\(s\) in moodle_errors.xml"):
        run(str(DATA / "moodle_errors.xml"), "--format", "moodlexml")

    assert Question.objects.count() == 0


@pytest.mark.django_db
def test_every_error_line_is_written_to_stderr():
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_questions", str(DATA / "moodle_errors.xml"), stderr=err)

    lines = err.getvalue().splitlines()
    assert lines == [
        "line 3: Question type “description” is not supported.",
        "line 7: Question type “cloze” is not supported.",
        "line 11: A single-choice question needs one option worth 100%.",
        "line 18: An option is empty.",
        "line 25: A short-answer question needs accepted answers, none empty.",
    ]


@pytest.mark.django_db
def test_excel_errors_name_the_row(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Loại", "Nội dung câu hỏi", "Đáp án đúng"])
    workbook.active.append(["dung_sai", "Nam, nữ bình đẳng.", "có lẽ"])
    path = tmp_path / "cau-hoi.xlsx"
    workbook.save(path)
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_questions", str(path), stderr=err)

    assert err.getvalue().startswith("row 2: For a true/false question write")


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(tmp_path, settings):
    settings.ASSESSMENTS_MAX_IMPORT_BYTES = 1000
    path = tmp_path / "big.xml"
    shutil.copy(DATA / "moodle_all_types.xml", path)

    with pytest.raises(CommandError, match="largest file accepted"):
        run(str(path))

    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere.xml"], "Cannot read nowhere.xml"),
        (["questions.doc"], "Cannot tell the format of questions.doc"),
        ([], "Give the file to import"),
    ],
)
def test_bad_arguments_are_explained(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


@pytest.mark.django_db
def test_export_writes_a_category_as_moodle_xml(tmp_path):
    make_question(Question.Type.TRUE_FALSE, category=make_category("Luật/Điều 5"))
    make_question(Question.Type.ESSAY, category=make_category("Kỹ năng"))
    path = tmp_path / "out.xml"

    run("--export", str(path), "--format", "moodlexml", "--category", "Luật")

    drafts = moodlexml.parse(path.read_bytes()).drafts
    assert [d.category_path for d in drafts] == ["Luật/Điều 5"]


@pytest.mark.django_db
def test_export_refuses_an_unknown_category_or_format(tmp_path):
    with pytest.raises(CommandError, match="No category"):
        run(
            "--export",
            str(tmp_path / "x.xml"),
            "--format",
            "gift",
            "--category",
            "Không có",
        )
    with pytest.raises(CommandError, match="to export"):
        run("--export", str(tmp_path / "x.xlsx"), "--format", "xlsx")
    assert not (tmp_path / "x.xml").exists()
