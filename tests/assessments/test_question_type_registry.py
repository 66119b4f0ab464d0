"""Question types as classes: every type answers every hook, and a new type needs no other module.

The fake eighth type below is registered by the test alone; validation,
grading, the attempt page, the admin editor and the three file formats find it
through the registry (assessments.qtypes) without a line changed elsewhere.
"""

import inspect
import random
import xml.etree.ElementTree as ET

import pytest
from django import forms
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from assessments import question_types
from assessments.display import question_for_answering, right_answer_text
from assessments.formats import gift, moodlexml, xlsx
from assessments.forms_admin.questions import EDITORS, TypeEditor
from assessments.models import AttemptQuestion, Question, QuestionVersion
from assessments.qtypes import (
    Grade,
    NotSupported,
    QuestionTypeBase,
    question_type,
    register,
    registered_types,
    unregister,
)
from assessments.views import posted_answers

# Hooks each type writes itself (or answers NotSupported on purpose).
REQUIRED_HOOKS = (
    "validate",
    "clean_response",
    "grade",
    "right_answer_text",
    "to_gift",
    "to_moodle_xml",
    "from_moodle_xml",
    "from_xlsx_row",
)
REQUIRED_ATTRIBUTES = (
    "code",
    "answer_template",
    "label",
    "editor",
    "xlsx_code",
    "xlsx_help",
    "moodle_kind",
)
KEYWORD_MISSING = "Give the keyword."


class KeywordEditor(TypeEditor):
    class Form(forms.Form):
        keyword = forms.CharField()

    settings_form = Form

    def question_data(self):
        return dict(self.form.cleaned_data)


class Keyword(QuestionTypeBase):
    """Right when the answer contains the keyword; Excel cannot carry it."""

    code = "keyword"
    label = "Keyword"
    editor = KeywordEditor
    answer_template = "assessments/includes/answers/short.html"
    xlsx_code = "tu_khoa"
    xlsx_help = ("Từ khoá", "Ghi từ khoá vào cột Đáp án đúng")
    moodle_kind = "keyword"

    def validate(self, data):
        return [] if data.get("keyword") else [KEYWORD_MISSING]

    def clean_response(self, data, raw):
        text = raw.get("text")
        return (
            {"text": text.strip()} if isinstance(text, str) and text.strip() else None
        )

    def grade(self, data, response):
        return Grade(1.0 if data["keyword"] in response["text"] else 0.0)

    def right_answer_text(self, data):
        return data["keyword"]

    def to_gift(self, data):
        return [f"={gift.escape(data['keyword'])}"]

    def to_moodle_xml(self, element, data):
        ET.SubElement(element, "keyword").text = data["keyword"]

    def from_moodle_xml(self, element):
        return self.code, {"keyword": element.text_of("keyword").strip()}

    def from_xlsx_row(self, options, correct):
        raise NotSupported


@pytest.fixture
def keyword_type():
    register(Keyword)
    yield question_type("keyword")
    unregister("keyword")


def keyword_attempt_question(response) -> AttemptQuestion:
    question = Question(question_type="keyword", name="Từ khoá")
    version = QuestionVersion(
        question=question, text="<p>Luật năm nào?</p>", data={"keyword": "2006"}
    )
    question.current_version = version
    return AttemptQuestion(
        question_version=version, position=1, max_marks=1, response=response
    )


def missing(kind: QuestionTypeBase) -> list[str]:
    """The attributes and hooks a type leaves to the base class."""
    absent = [name for name in REQUIRED_ATTRIBUTES if not getattr(kind, name, None)]
    return absent + [
        name
        for name in REQUIRED_HOOKS
        if inspect.getattr_static(type(kind), name)
        is inspect.getattr_static(QuestionTypeBase, name)
    ]


@pytest.mark.parametrize("kind", registered_types(), ids=lambda t: t.code)
def test_every_registered_type_implements_every_hook(kind):
    assert missing(kind) == []
    assert issubclass(kind.editor_class(), TypeEditor)
    assert question_type(kind.code) is kind


def test_a_type_that_forgets_a_hook_is_caught():
    class Forgetful(QuestionTypeBase):
        code = "forgetful"
        label = "Forgetful"

        def validate(self, data):
            return []

    # A forgotten hook stops the type before it can be registered.
    with pytest.raises(TypeError) as refused:
        Forgetful()
    for hook in ("grade", "to_gift", "from_xlsx_row"):
        assert hook in str(refused.value)
    assert "validate" not in str(refused.value)

    class Unplaced(Keyword):
        editor = None
        moodle_kind = None

    gaps = missing(Unplaced())
    assert "code" not in gaps and "grade" not in gaps
    assert {"editor", "moodle_kind"} <= set(gaps)
    assert missing(Keyword()) == []


def test_the_built_in_types_are_the_models_choices_in_order():
    assert [t.code for t in registered_types()] == list(Question.Type.values)
    assert list(xlsx.type_codes()) == [
        "mot_dap_an",
        "nhieu_dap_an",
        "dung_sai",
        "tra_loi_ngan",
        "so",
        "ghep_doi",
        "tu_luan",
    ]


def test_a_new_type_is_validated_cleaned_and_graded(keyword_type):
    data = {"keyword": "2006"}
    assert question_types.validate("keyword", {}) == [KEYWORD_MISSING]
    assert question_types.validate("keyword", data) == []
    assert question_types.clean_response("keyword", data, {"text": "  "}) is None
    cleaned = question_types.clean_response("keyword", data, {"text": " năm 2006 "})
    assert cleaned == {"text": "năm 2006"}
    assert question_types.grade("keyword", data, cleaned).fraction == 1.0
    assert question_types.grade("keyword", data, {"text": "2007"}).fraction == 0.0
    assert question_types.grade("keyword", data, None).fraction == 0.0
    assert "keyword" not in question_types.MANUALLY_GRADED
    assert question_types.option_ids("keyword", data) == []
    assert (
        question_types.option_order("keyword", data, shuffle=True, rng=random.Random(1))
        == []
    )


def test_a_new_type_is_shown_and_edited(keyword_type):
    view = question_for_answering(keyword_attempt_question({"text": "2006"}))
    assert view.question_type == "keyword"
    assert view.text_response == "2006"
    assert right_answer_text("keyword", {"keyword": "2006"}) == "2006"
    html = render_to_string(
        "assessments/includes/question_answer.html", {"question": view}
    )
    assert 'name="q1" value="2006"' in html
    posted = QueryDict("q1=n%C4%83m+2006&q2=x")
    assert posted_answers(posted, [keyword_attempt_question(None)]) == {
        1: {"text": "năm 2006"}
    }
    assert EDITORS["keyword"] is KeywordEditor
    assert "keyword" in list(EDITORS)
    editor = EDITORS["keyword"]({"settings-keyword": "2006"}, saved={})
    assert editor.is_valid()
    assert editor.question_data() == {"keyword": "2006"}


def test_a_new_type_travels_in_gift_and_moodle_xml(keyword_type):
    aq = keyword_attempt_question(None)
    question = aq.question_version.question
    assert gift._export_answers(question, {"keyword": "a=b"}) == ["=a\\=b"]
    root = ET.Element("quiz")
    moodlexml.write_question(root, question)
    written = ET.tostring(root, encoding="unicode")
    assert '<question type="keyword">' in written
    assert "<keyword>2006</keyword>" in written
    [element] = moodlexml.read_tree(ET.tostring(root)).findall("question")
    draft = moodlexml.read_question(element, "keyword")
    assert (draft.question_type, draft.data) == ("keyword", {"keyword": "2006"})


def test_a_new_type_joins_the_excel_codes_and_may_refuse_the_format(keyword_type):
    assert xlsx.type_codes()["tu_khoa"] == "keyword"
    assert ("tu_khoa", "Từ khoá", "Ghi từ khoá vào cột Đáp án đúng") in xlsx.type_help()
    with pytest.raises(NotSupported) as refused:
        xlsx.read_row({"type": "tu_khoa", "text": "Luật năm nào?"}, 2)
    assert isinstance(refused.value, ValueError)  # so the import reports it on the row
    with translation.override("vi"):
        assert (
            str(refused.value) == "Định dạng tệp này không chứa được loại câu hỏi này."
        )


def test_an_unregistered_type_is_unknown_again(keyword_type):
    unregister("keyword")
    with translation.override("en"):
        assert question_types.validate("keyword", {"keyword": "x"}) == [
            "Unknown question type."
        ]
    assert question_types.clean_response("keyword", {}, {"text": "x"}) is None
    assert moodlexml.reader_for("keyword") is None
    with pytest.raises(KeyError):
        question_types.grade("keyword", {}, {"text": "x"})
