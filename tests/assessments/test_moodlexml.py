"""Moodle XML: every supported type in, every error with its line, XXE refused,
and a round trip through export for one question of each type."""

import contextlib
import socket
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from assessments.formats import moodlexml
from assessments.models import Question
from assessments.services.bank import category_for_path
from tests.factories.assessments import make_category, make_question

DATA = Path(__file__).parent / "data"
REFUSED = "The file declares a DOCTYPE or entities"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def read(name: str):
    return moodlexml.parse((DATA / name).read_bytes())


def messages(result) -> list[tuple[int | None, str]]:
    return [(e.line, e.message) for e in result.errors]


# --- Reading every type -----------------------------------------------------------


@pytest.fixture
def all_types():
    result = read("moodle_all_types.xml")
    assert result.errors == []
    return {draft.name: draft for draft in result.drafts}


@pytest.mark.django_db
def test_single_choice_keeps_text_feedback_marks_and_category(all_types):
    draft = all_types["Khái niệm giới"]

    assert draft.question_type == Question.Type.SINGLE_CHOICE
    assert draft.text == "<p>Theo Luật Bình đẳng giới, “giới” chỉ gì?</p>"
    assert draft.general_feedback == "<p>Điều 5 Luật Bình đẳng giới.</p>"
    assert draft.default_marks == Decimal("2")
    assert draft.category_path == "Luật Bình đẳng giới/Khái niệm"
    assert draft.line == 8
    assert [
        (c["id"], c["text"], c["fraction"], c["feedback"])
        for c in draft.data["choices"]
    ] == [
        ("a", "Đặc điểm sinh học", 0, "Chưa đúng."),
        ("b", "Vai trò xã hội", 1, "Đúng."),
        ("c", "Thể chất", 0, ""),
    ]
    # Whole numbers are stored as ints, as the GIFT reader stores them.
    assert type(draft.data["choices"][1]["fraction"]) is int


@pytest.mark.django_db
def test_multiple_response_reads_negative_fractions(all_types):
    draft = all_types["Lĩnh vực bình đẳng giới"]

    assert draft.question_type == Question.Type.MULTIPLE_RESPONSE
    assert [c["fraction"] for c in draft.data["choices"]] == [0.5, 0.5, -1]
    assert draft.data["choices"][2]["feedback"] == "Không có."
    assert draft.default_marks == Decimal("1")


@pytest.mark.django_db
def test_a_later_category_applies_to_the_questions_after_it(all_types):
    assert all_types["Lĩnh vực bình đẳng giới"].category_path.endswith("Khái niệm")
    assert all_types["Nam nữ bình đẳng"].category_path == "Luật Bình đẳng giới/Số liệu"


@pytest.mark.django_db
def test_truefalse_short_numerical_matching_and_essay(all_types):
    assert all_types["Nam nữ bình đẳng"].data == {
        "correct": True,
        "feedback_true": "Đúng vậy.",
        "feedback_false": "Xem Điều 6.",
    }
    short = all_types["Thuật ngữ"].data
    assert short["case_sensitive"] is True
    assert [(a["text"], a["fraction"]) for a in short["answers"]] == [
        ("bình đẳng giới", 1),
        ("bình đẳng*", 0.5),
    ]
    numerical = all_types["Số điều của Luật"].data["answers"]
    assert [(a["value"], a["tolerance"], a["fraction"]) for a in numerical] == [
        (44, 0, 1),
        (44, 4, 0.5),
    ]
    pairs = all_types["Ghép khái niệm"].data["pairs"]
    assert [(p["prompt"], p["answer"]) for p in pairs] == [
        ("Giới", "Vai trò xã hội"),
        ("Giới tính", "Đặc điểm sinh học"),
        ("", "Khoảng cách giới"),
    ]
    assert all_types["Lồng ghép giới"].data == {
        "response_format": "plain",
        "grader_info": "Nêu đủ 4 bước.",
    }


@pytest.mark.django_db
def test_essay_with_the_editor_is_answered_in_rich_text():
    xml = b"""<quiz><question type="essay"><name><text>E</text></name>
    <questiontext format="html"><text>Vi\xe1\xba\xbft</text></questiontext>
    <responseformat>editor</responseformat></question></quiz>"""

    result = moodlexml.parse(xml)

    assert result.errors == []
    assert result.drafts[0].data["response_format"] == "html"


@pytest.mark.django_db
def test_plain_text_question_is_escaped_not_obeyed():
    xml = b"""<quiz><question type="truefalse"><name><text>T</text></name>
    <questiontext format="plain_text"><text>&lt;b&gt;A &amp; B&lt;/b&gt;</text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer></question></quiz>"""

    draft = moodlexml.parse(xml).drafts[0]

    assert draft.text == "&lt;b&gt;A &amp; B&lt;/b&gt;"
    assert draft.data["correct"] is False


# --- Errors -----------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_types_and_invalid_questions_are_reported_with_their_line():
    result = read("moodle_errors.xml")

    assert messages(result) == [
        (3, "Question type “description” is not supported."),
        (7, "Question type “cloze” is not supported."),
        (11, "A single-choice question needs one option worth 100%."),
        (18, "An option is empty."),
        (25, "A short-answer question needs accepted answers, none empty."),
    ]
    assert [d.name for d in result.drafts if not d.errors] == ["Đúng sai hợp lệ"]


def test_malformed_xml_is_refused_with_its_line():
    result = read("moodle_malformed.xml")

    assert result.drafts == []
    [(line, message)] = messages(result)
    assert line == 5
    assert message.startswith("The file is not well-formed XML: mismatched tag")


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"not xml at all", b"<quiz><question"],
)
def test_empty_or_broken_files_give_one_clear_error(data):
    result = moodlexml.parse(data)

    assert result.drafts == []
    assert len(result.errors) == 1
    assert result.errors[0].message.startswith(("The file is empty", "The file is not"))


def test_a_file_that_is_not_a_moodle_quiz_is_refused():
    result = moodlexml.parse(b"<?xml version='1.0'?>\n<html><body/></html>")

    assert messages(result) == [
        (2, "This is not a Moodle XML question file (it should start with <quiz>).")
    ]


@pytest.mark.django_db
def test_bad_fraction_and_mark_are_reported():
    xml = b"""<quiz>
<question type="multichoice"><name><text>A</text></name>
<questiontext><text>Q</text></questiontext>
<answer fraction="abc"><text>X</text></answer></question>
<question type="essay"><name><text>B</text></name>
<questiontext><text>Q</text></questiontext><defaultgrade>many</defaultgrade></question>
</quiz>"""

    assert messages(moodlexml.parse(xml)) == [
        (2, "The answer weight “abc” is not a number."),
        (5, "The default mark “many” is not a number."),
    ]


# --- XXE and entity expansion -----------------------------------------------------


def test_an_external_entity_to_a_local_file_is_refused_and_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MAT-KHAU-BI-MAT-42")
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY leak SYSTEM "file://{secret}">]>
<quiz><question type="essay"><name><text>&leak;</text></name>
<questiontext><text>&leak;</text></questiontext></question></quiz>""".encode()

    result = moodlexml.parse(xml)

    assert result.drafts == []
    assert len(result.errors) == 1
    assert result.errors[0].message.startswith(REFUSED)
    assert result.errors[0].line == 2
    assert "MAT-KHAU" not in repr(result)


def test_an_external_entity_over_http_is_refused_without_a_request():
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY remote SYSTEM "http://127.0.0.1:9/questions">]>
<quiz><question type="essay"><name><text>&remote;</text></name></question></quiz>"""

    result = moodlexml.parse(xml)

    assert result.drafts == []
    assert [e.message[: len(REFUSED)] for e in result.errors] == [REFUSED]


def test_no_connection_is_made_to_an_external_dtd_or_entity():
    """A listening socket proves the parser never even tries to connect."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    connections = []

    def accept():
        with contextlib.suppress(TimeoutError):
            connections.append(server.accept())

    thread = threading.Thread(target=accept)
    thread.start()
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://127.0.0.1:{port}/quiz.dtd" [
<!ENTITY remote SYSTEM "http://127.0.0.1:{port}/secret">]>
<quiz><question type="essay"><name><text>&remote;</text></name></question></quiz>""".encode()
    try:
        result = moodlexml.parse(xml)
    finally:
        thread.join()
        server.close()

    assert result.errors[0].message.startswith(REFUSED)
    assert connections == []


def test_entity_expansion_is_refused():
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY l0 "lol">{lol}]>
<quiz><question type="essay"><name><text>&l9;</text></name></question></quiz>""".encode()

    result = moodlexml.parse(xml)

    assert result.drafts == []
    assert result.errors[0].message.startswith(REFUSED)


# --- Export and round trip --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("question_type", Question.Type.values)
def test_export_then_parse_gives_back_each_type(question_type):
    category = make_category("Ngân hàng/Vai trò/Giới")
    question = make_question(
        question_type,
        category=category,
        name=f"Câu {question_type} & <mẫu>",
        default_marks=Decimal("2.50"),
    )
    version = question.current_version

    result = moodlexml.parse(moodlexml.export([question]))

    assert result.errors == []
    [draft] = result.drafts
    assert draft.question_type == question.question_type
    assert draft.name == question.name
    assert draft.text == version.text
    assert draft.data == version.data
    assert draft.general_feedback == version.general_feedback
    assert draft.default_marks == version.default_marks
    assert draft.category_path == "Ngân hàng/Vai trò/Giới"


@pytest.mark.django_db
def test_export_announces_each_category_once_and_escapes_slashes():
    article = make_category("Luật").add_child(name="Điều 5/6")
    skills = make_category("Kỹ năng")
    make_question(Question.Type.TRUE_FALSE, category=article)
    make_question(Question.Type.ESSAY, category=article)
    make_question(Question.Type.SINGLE_CHOICE, category=skills)
    # Fresh rows: adding a root category renumbers the tree's paths.
    questions = Question.objects.select_related("category").order_by("pk")

    data = moodlexml.export(questions)
    result = moodlexml.parse(data)

    assert data.count(b'type="category"') == 2
    assert [d.category_path for d in result.drafts] == [
        "Luật/Điều 5//6",
        "Luật/Điều 5//6",
        "Kỹ năng",
    ]
    assert category_for_path(result.drafts[0].category_path).pk == article.pk


@pytest.mark.django_db
def test_export_is_plain_utf8_xml_without_doctype():
    question = make_question(Question.Type.SHORT_ANSWER)

    data = moodlexml.export([question])

    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b"<!DOCTYPE" not in data
    assert "bình đẳng giới".encode() in data
