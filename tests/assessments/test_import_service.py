"""The import service: one flow for every format, all questions saved or none."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from assessments.formats import FormatError, ParseResult, moodlexml
from assessments.models import Question, QuestionCategory
from assessments.services import importing
from assessments.services.bank import QuestionDraft
from assessments.services.importing import (
    export_questions,
    find_category,
    import_questions,
    parse_file,
    pending_upload_discard,
    pending_upload_read,
    pending_upload_save,
)
from tests.factories.assessments import SAMPLE_DATA, make_category, make_question

DATA = Path(__file__).parent / "data"
MB = 1024 * 1024

GIFT = """\ufeff// Câu hỏi mẫu
$CATEGORY: Luật Bình đẳng giới/Khái niệm

::Khái niệm giới::Theo Luật, “giới” chỉ gì? {=Vai trò xã hội ~Đặc điểm sinh học}

::Nam nữ bình đẳng::Nam, nữ bình đẳng trong gia đình. {T}

$CATEGORY: Luật Bình đẳng giới/Số liệu

::Số điều::Luật Bình đẳng giới có bao nhiêu điều? {#44}
"""


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def category_paths() -> set[str]:
    return {c.path_name for c in QuestionCategory.objects.all()}


def draft(question_type=Question.Type.TRUE_FALSE, **kwargs) -> QuestionDraft:
    kwargs.setdefault("name", "Câu hỏi")
    kwargs.setdefault("text", "<p>Nam, nữ bình đẳng.</p>")
    kwargs.setdefault("data", SAMPLE_DATA[question_type])
    return QuestionDraft(question_type=question_type, **kwargs)


# --- Reading files ------------------------------------------------------------------


@pytest.mark.django_db
def test_gift_with_a_byte_order_mark_is_read():
    result = parse_file(GIFT.encode("utf-8"), "gift")

    assert result.errors == []
    assert [(d.name, d.category_path) for d in result.drafts] == [
        ("Khái niệm giới", "Luật Bình đẳng giới/Khái niệm"),
        ("Nam nữ bình đẳng", "Luật Bình đẳng giới/Khái niệm"),
        ("Số điều", "Luật Bình đẳng giới/Số liệu"),
    ]


def test_gift_that_is_not_utf8_is_refused_at_the_bad_line():
    # "Đông" as Windows-1258 writes it, after three lines of UTF-8.
    data = "::A::Nam {T}\n\n::B::Nữ {F}\n".encode() + b"::C::\xd0\xf4ng {T}"

    result = parse_file(data, "gift")

    assert result.drafts == []
    assert [(e.line, e.message) for e in result.errors] == [
        (
            4,
            "The file is not UTF-8 text. Save it as “UTF-8” in your editor and "
            "upload it again.",
        )
    ]


@pytest.mark.django_db
def test_each_format_goes_to_its_own_reader():
    xml = (DATA / "moodle_all_types.xml").read_bytes()

    assert len(parse_file(xml, "moodlexml").drafts) == 7
    with pytest.raises(ValueError, match="Unknown question file format"):
        parse_file(xml, "qti")


def test_a_20_mb_file_is_refused_before_it_is_parsed(monkeypatch):
    def must_not_parse(data):
        raise AssertionError("parsed a file over the limit")

    monkeypatch.setattr(moodlexml, "parse", must_not_parse)

    result = parse_file(b"<" + b" " * (20 * MB), "moodlexml")

    assert result.drafts == []
    assert [(e.line, e.message) for e in result.errors] == [
        (None, "The file is 20.0 MB; the largest file accepted is 5.0 MB.")
    ]


def test_the_limit_defaults_to_5_mb_and_follows_the_setting(settings):
    if hasattr(settings, "ASSESSMENTS_MAX_IMPORT_BYTES"):
        del settings.ASSESSMENTS_MAX_IMPORT_BYTES
    assert importing.max_import_bytes() == 5 * MB
    assert importing.file_too_large_error(5 * MB) is None

    settings.ASSESSMENTS_MAX_IMPORT_BYTES = 100
    result = parse_file(b"x" * 101, "gift")

    assert len(result.errors) == 1
    assert result.errors[0].message.startswith("The file is 0.0 MB")


def test_a_file_with_no_questions_is_an_error():
    result = parse_file(b"// only a comment\n", "gift")

    assert [e.message for e in result.errors] == ["The file holds no questions."]


# --- Saving -------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_saves_every_question_and_reports_by_type_and_category(trainer):
    result = parse_file((DATA / "moodle_all_types.xml").read_bytes(), "moodlexml")

    report = import_questions(result, user=trainer)

    assert report.created == 7 == Question.objects.count()
    assert report.dry_run is False
    assert dict(report.by_type) == {
        "single": 1,
        "multiple": 1,
        "truefalse": 1,
        "short": 1,
        "numerical": 1,
        "matching": 1,
        "essay": 1,
    }
    assert report.category_counts() == [
        ("Luật Bình đẳng giới/Khái niệm", 2),
        ("Luật Bình đẳng giới/Số liệu", 5),
    ]
    assert ("Single choice", 1) in report.type_counts()
    question = Question.objects.get(name="Khái niệm giới")
    assert question.created_by == trainer
    assert question.category.path_name == "Luật Bình đẳng giới/Khái niệm"
    assert question.current_version.default_marks == 2
    assert sorted(report.question_ids) == sorted(
        Question.objects.values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_a_file_with_errors_saves_nothing():
    result = parse_file((DATA / "moodle_errors.xml").read_bytes(), "moodlexml")
    assert result.errors and result.drafts  # some questions were fine

    with pytest.raises(ValidationError) as refused:
        import_questions(result)

    assert refused.value.messages == ["The file has errors; no question was imported."]
    assert Question.objects.count() == 0
    assert QuestionCategory.objects.count() == 0


@pytest.mark.django_db
def test_one_bad_question_rolls_back_the_ones_saved_before_it():
    make_question(Question.Type.ESSAY)
    before = (Question.objects.count(), category_paths())
    result = ParseResult(
        drafts=[
            draft(category_path="Mới/A"),
            draft(category_path="Mới/B"),
            draft(text="", category_path="Mới/C"),  # invalid, unchecked
        ]
    )

    with pytest.raises(ValidationError):
        import_questions(result)

    assert (Question.objects.count(), category_paths()) == before


@pytest.mark.django_db
def test_the_chosen_category_takes_questions_without_one_and_holds_the_others():
    result = ParseResult(
        drafts=[
            draft(name="Không danh mục"),
            draft(name="Có", category_path="Luật/Điều 5"),
        ]
    )

    import_questions(result, default_category_path="Tập huấn 2026")

    placed = {q.name: q.category.path_name for q in Question.objects.all()}
    assert placed == {
        "Không danh mục": "Tập huấn 2026",
        "Có": "Tập huấn 2026/Luật/Điều 5",
    }


@pytest.mark.django_db
def test_without_any_category_questions_go_to_the_default_one():
    report = import_questions(ParseResult(drafts=[draft()]))

    assert Question.objects.get().category.path_name == "Mặc định"
    assert report.category_counts() == [("Mặc định", 1)]


@pytest.mark.django_db
def test_dry_run_reports_but_saves_nothing():
    result = parse_file(GIFT.encode(), "gift")

    report = import_questions(result, default_category_path="Thử", dry_run=True)

    assert report.dry_run is True
    assert report.created == 3
    assert report.category_counts() == [
        ("Thử/Luật Bình đẳng giới/Khái niệm", 2),
        ("Thử/Luật Bình đẳng giới/Số liệu", 1),
    ]
    assert Question.objects.count() == 0
    assert QuestionCategory.objects.count() == 0


@pytest.mark.django_db
def test_an_empty_result_is_refused():
    with pytest.raises(ValidationError):
        import_questions(ParseResult())
    with pytest.raises(ValidationError):
        import_questions(ParseResult(errors=[FormatError(1, "x")]))


# --- Export ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_takes_a_category_with_its_subcategories_and_skips_archived():
    law = make_category("Luật")
    article = make_category("Luật/Điều 5")
    other = make_category("Kỹ năng")
    make_question(Question.Type.TRUE_FALSE, category=law, name="Trong Luật")
    make_question(Question.Type.ESSAY, category=article, name="Trong Điều 5")
    make_question(Question.Type.SHORT_ANSWER, category=other, name="Ngoài")
    archived = make_question(Question.Type.ESSAY, category=law, name="Đã lưu trữ")
    archived.is_archived = True
    archived.save()

    law = find_category("Luật")
    names = {
        d.name
        for d in moodlexml.parse(
            export_questions(format="moodlexml", category=law)
        ).drafts
    }
    everything = moodlexml.parse(export_questions(format="moodlexml")).drafts

    assert names == {"Trong Luật", "Trong Điều 5"}
    assert {d.name for d in everything} == {"Trong Luật", "Trong Điều 5", "Ngoài"}


@pytest.mark.django_db
def test_gift_export_is_utf8_text_that_reads_back():
    make_question(Question.Type.SINGLE_CHOICE, name="Khái niệm giới")

    data = export_questions(format="gift")

    result = parse_file(data, "gift")
    assert result.errors == []
    assert [d.name for d in result.drafts] == ["Khái niệm giới"]


@pytest.mark.django_db
def test_find_category_never_creates_one():
    make_category("Luật/Điều 5")

    assert find_category("Luật/Điều 5").name == "Điều 5"
    assert find_category("Luật/Điều 6") is None
    assert QuestionCategory.objects.count() == 2


# --- Files waiting for confirmation -------------------------------------------------------


def test_a_pending_upload_is_kept_outside_media_and_read_back_by_its_token(settings):
    token = pending_upload_save(data=b"::A::Nam {T}")

    assert pending_upload_read(token=token) == b"::A::Nam {T}"
    stored = list(Path(settings.PRIVATE_UPLOADS_ROOT).rglob("*"))
    assert any(p.name == token for p in stored)
    assert not Path(settings.MEDIA_ROOT).exists() or not any(
        Path(settings.MEDIA_ROOT).rglob(token)
    )

    pending_upload_discard(token=token)
    assert pending_upload_read(token=token) is None


@pytest.mark.parametrize("token", ["../../etc/passwd", "ABC", "", "0" * 31])
def test_a_token_that_is_not_one_of_ours_reads_nothing(token):
    assert pending_upload_read(token=token) is None
    pending_upload_discard(token=token)  # and is harmless


def test_uploads_never_confirmed_are_removed_after_a_day(settings):
    import os
    import time

    old = pending_upload_save(data=b"old")
    path = Path(settings.PRIVATE_UPLOADS_ROOT) / "question_imports" / old
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(path, (two_days_ago, two_days_ago))

    fresh = pending_upload_save(data=b"fresh")

    assert pending_upload_read(token=old) is None
    assert pending_upload_read(token=fresh) == b"fresh"
