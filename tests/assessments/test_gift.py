"""GIFT import and export: every piece of syntax, every error with its line, round trips."""

import random
from collections import Counter
from pathlib import Path

import pytest
from django.utils import translation

from assessments.formats import FormatError, ParseResult
from assessments.formats.gift import escape, export, parse
from assessments.models import Question
from assessments.services.bank import QuestionDraft
from tests.factories.assessments import SAMPLE_DATA, make_category, make_question

DATA = Path(__file__).parent / "data"
DEMO_BANK = Path(__file__).parents[2] / "assessments" / "data" / "demo_bank.gift"
T = Question.Type


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, whatever translations the catalogue has."""
    with translation.override("en"):
        yield


def only_draft(text: str) -> QuestionDraft:
    """The one question a snippet holds, failing loudly if anything went wrong."""
    result = parse(text)
    assert result.errors == []
    assert len(result.drafts) == 1
    return result.drafts[0]


def error_lines(text: str) -> list[int | None]:
    return [error.line for error in parse(text).errors]


def only_error(text: str) -> FormatError:
    result = parse(text)
    assert result.drafts == []
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# Question types


def test_single_choice_with_right_wrong_and_feedback():
    draft = only_draft(
        "::Giới::Theo Luật, “giới” chỉ gì?{~Đặc điểm sinh học#Đó là giới tính. "
        "=Vai trò xã hội#Đúng. ~Thể chất}"
    )
    assert draft == QuestionDraft(
        question_type="single",
        name="Giới",
        text="<p>Theo Luật, “giới” chỉ gì?</p>",
        data={
            "choices": [
                {
                    "id": "a",
                    "text": "Đặc điểm sinh học",
                    "fraction": 0,
                    "feedback": "Đó là giới tính.",
                },
                {
                    "id": "b",
                    "text": "Vai trò xã hội",
                    "fraction": 1,
                    "feedback": "Đúng.",
                },
                {"id": "c", "text": "Thể chất", "fraction": 0, "feedback": ""},
            ]
        },
        line=1,
    )


def test_single_choice_written_with_tilde_100_percent():
    draft = only_draft("Chọn một {~%100%đúng ~sai ~cũng sai}")
    assert draft.question_type == "single"
    assert [c["fraction"] for c in draft.data["choices"]] == [1, 0, 0]


def test_single_choice_keeps_partial_credit_on_wrong_options():
    draft = only_draft("Chọn một {=đúng ~%50%gần đúng ~sai}")
    assert draft.question_type == "single"
    assert [c["fraction"] for c in draft.data["choices"]] == [1, 0.5, 0]


def test_choice_ids_continue_past_z():
    options = " ".join(["=đúng"] + [f"~sai {i}" for i in range(27)])
    draft = only_draft(f"Nhiều lựa chọn {{{options}}}")
    ids = [c["id"] for c in draft.data["choices"]]
    assert ids[:3] == ["a", "b", "c"]
    assert ids[25:] == ["z", "aa", "ab"]


def test_multiple_response_from_partial_and_negative_weights():
    draft = only_draft(
        "Lĩnh vực nào? {~%50%Chính trị ~%50%Kinh tế ~%-100%Quốc phòng#Không có.}"
    )
    assert draft.question_type == "multiple"
    assert draft.data == {
        "choices": [
            {"id": "a", "text": "Chính trị", "fraction": 0.5, "feedback": ""},
            {"id": "b", "text": "Kinh tế", "fraction": 0.5, "feedback": ""},
            {"id": "c", "text": "Quốc phòng", "fraction": -1, "feedback": "Không có."},
        ]
    }


def test_multiple_response_when_every_option_has_a_weight():
    draft = only_draft("Chọn tất cả đáp án đúng {~%100%a ~%0%b ~%0%c}")
    assert draft.question_type == "multiple"


@pytest.mark.parametrize(
    ("answer", "correct"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True)],
)
def test_true_false_spellings(answer, correct):
    draft = only_draft(f"Nhận định {{{answer}}}")
    assert draft.question_type == "truefalse"
    assert draft.data == {"correct": correct, "feedback_true": "", "feedback_false": ""}


def test_true_false_feedback_is_wrong_then_right_as_moodle_defines():
    true_statement = only_draft("Đúng hay sai? {TRUE#Sai rồi.#Chính xác.}")
    assert true_statement.data == {
        "correct": True,
        "feedback_true": "Chính xác.",
        "feedback_false": "Sai rồi.",
    }
    false_statement = only_draft("Đúng hay sai? {F#Sai rồi.#Chính xác.}")
    assert false_statement.data == {
        "correct": False,
        "feedback_true": "Sai rồi.",
        "feedback_false": "Chính xác.",
    }


def test_short_answer_with_partial_credit_and_feedback():
    draft = only_draft("Thuật ngữ? {=bình đẳng giới#Đúng. =%50%bình đẳng*}")
    assert draft.question_type == "short"
    assert draft.data == {
        "answers": [
            {"text": "bình đẳng giới", "fraction": 1, "feedback": "Đúng."},
            {"text": "bình đẳng*", "fraction": 0.5, "feedback": ""},
        ],
        "case_sensitive": False,
        "ignore_diacritics": True,
    }


def test_numerical_with_tolerance():
    draft = only_draft("Số pi? {#3.14:0.01}")
    assert draft.question_type == "numerical"
    assert draft.data == {
        "answers": [{"value": 3.14, "tolerance": 0.01, "fraction": 1, "feedback": ""}]
    }


def test_numerical_range_is_stored_as_middle_and_half_width():
    assert only_draft("Một số từ 1 đến 5 {#1..5}").data["answers"][0] == {
        "value": 3,
        "tolerance": 2,
        "fraction": 1,
        "feedback": "",
    }
    negative = only_draft("Một số âm {#-5..-1}").data["answers"][0]
    assert (negative["value"], negative["tolerance"]) == (-3, 2)


def test_numerical_with_several_weighted_answers():
    draft = only_draft("Bao nhiêu? {# =%100%3:0#Chính xác. =%50%3:1#Gần đúng. ~10}")
    assert draft.data == {
        "answers": [
            {"value": 3, "tolerance": 0, "fraction": 1, "feedback": "Chính xác."},
            {"value": 3, "tolerance": 1, "fraction": 0.5, "feedback": "Gần đúng."},
            {"value": 10, "tolerance": 0, "fraction": 0, "feedback": ""},
        ]
    }


def test_numerical_accepts_a_vietnamese_decimal_comma():
    assert only_draft("Tỷ lệ {#2,5}").data["answers"][0]["value"] == 2.5


def test_matching_pairs_with_a_distractor():
    draft = only_draft(
        "Ghép đôi { =Giới -> Vai trò xã hội =Giới tính -> Đặc điểm sinh học "
        "= -> Khoảng cách giới }"
    )
    assert draft.question_type == "matching"
    assert draft.data == {
        "pairs": [
            {"id": "p1", "prompt": "Giới", "answer": "Vai trò xã hội"},
            {"id": "p2", "prompt": "Giới tính", "answer": "Đặc điểm sinh học"},
            {"id": "p3", "prompt": "", "answer": "Khoảng cách giới"},
        ]
    }


def test_essay_from_empty_braces():
    draft = only_draft("Nêu một ví dụ về định kiến giới.{}")
    assert draft.question_type == "essay"
    assert draft.data == {"response_format": "html", "grader_info": ""}


def test_general_feedback_after_four_hashes():
    draft = only_draft("Nhận định {T####Căn cứ: Điều 6.}")
    assert draft.general_feedback == "<p>Căn cứ: Điều 6.</p>"
    essay = only_draft("Tự luận {####Gợi ý trả lời.}")
    assert essay.question_type == "essay"
    assert essay.general_feedback == "<p>Gợi ý trả lời.</p>"


def test_missing_word_keeps_the_text_around_a_blank():
    draft = only_draft("Tháng hành động bắt đầu từ ngày {~8/3 =15/11 ~20/10} hằng năm.")
    assert draft.question_type == "single"
    assert draft.text == "<p>Tháng hành động bắt đầu từ ngày _____ hằng năm.</p>"


def test_missing_word_with_answers_on_their_own_lines():
    draft = only_draft("Hai cộng {\n\t=hai\n\t=2\n} bằng bốn.")
    assert draft.question_type == "short"
    assert draft.text == "<p>Hai cộng _____ bằng bốn.</p>"


def test_description_items_are_reported_not_skipped():
    error = only_error("// mô tả\nChỉ là một đoạn văn, không có câu hỏi.")
    assert error.line == 2
    assert "not supported" in error.message


# Names, categories, formats, escapes, layout


def test_untitled_question_is_named_after_its_first_words():
    long_text = (
        "Nhận thức, thái độ và đánh giá thiên lệch, tiêu cực về đặc điểm, "
        "vị trí, vai trò và năng lực của nam hoặc nữ là gì?"
    )
    draft = only_draft(long_text + " {=định kiến giới}")
    assert draft.name == "Nhận thức, thái độ và đánh giá thiên lệch, tiêu cực về đặc…"
    assert long_text.startswith(draft.name.removesuffix("…"))
    assert only_draft("Ngắn gọn? {T}").name == "Ngắn gọn?"


def test_category_applies_to_the_questions_after_it():
    result = parse(
        "Không thư mục {T}\n\n"
        "$CATEGORY: Ngân hàng/Luật\n\n"
        "Câu một {T}\n\n"
        "Câu hai {F}\n\n"
        "$CATEGORY: $course$/top/Nghị định 125//2021\n"
        "Câu ba {T}\n"
    )
    assert result.errors == []
    assert [d.category_path for d in result.drafts] == [
        "",
        "Ngân hàng/Luật",
        "Ngân hàng/Luật",
        "$course$/top/Nghị định 125//2021",
    ]
    assert result.drafts[3].line == 10


def test_html_format_keeps_markup():
    draft = only_draft("::T::[html]<p>Chọn <b>một</b></p>{=<i>a</i> ~b}")
    assert draft.text == "<p>Chọn <b>một</b></p>"
    assert draft.data["choices"][0]["text"] == "<i>a</i>"


def test_markdown_format_is_converted_for_text_options_and_feedback():
    draft = only_draft(
        "[markdown]Lĩnh vực nào **không** có?{~*Y tế*#Có trong **Điều 17** "
        "=Quốc phòng ####Xem *Chương II*.}"
    )
    assert draft.text == "<p>Lĩnh vực nào <strong>không</strong> có?</p>"
    assert draft.data["choices"][0] == {
        "id": "a",
        "text": "<em>Y tế</em>",
        "fraction": 0,
        "feedback": "Có trong <strong>Điều 17</strong>",
    }
    assert draft.general_feedback == "<p>Xem <em>Chương II</em>.</p>"


def test_plain_format_is_escaped_into_a_paragraph():
    draft = only_draft("[plain]Nếu a < b & c\\nthì sao? {T}")
    assert draft.text == "<p>Nếu a &lt; b &amp; c<br>thì sao?</p>"


def test_default_moodle_format_turns_line_breaks_into_br():
    draft = only_draft("Dòng một\ndòng hai {T}")
    assert draft.text == "<p>Dòng một<br>dòng hai</p>"


def test_an_answer_may_have_its_own_format():
    draft = only_draft("Câu hỏi {=[markdown]**đậm** ~[plain]<b>không</b>}")
    assert [c["text"] for c in draft.data["choices"]] == [
        "<strong>đậm</strong>",
        "&lt;b&gt;không&lt;/b&gt;",
    ]


def test_escaped_special_characters_are_literal():
    draft = only_draft(
        "::Dấu \\: đặc biệt::Ký hiệu \\~ \\= \\# \\{ \\} \\: và \\\\ ?"
        "{=a \\= b#x \\# y ~c \\~ d}"
    )
    assert draft.name == "Dấu : đặc biệt"
    assert draft.text == "<p>Ký hiệu ~ = # { } : và \\ ?</p>"
    assert draft.data["choices"][0]["text"] == "a = b"
    assert draft.data["choices"][0]["feedback"] == "x # y"
    assert draft.data["choices"][1]["text"] == "c ~ d"


def test_comments_blank_lines_bom_and_windows_line_ends():
    text = "\ufeff// chú thích\r\n\r\n\r\nCâu một {T}\r\n// giữa\r\n\r\nCâu hai {\r\n// chú thích trong câu\r\n=đúng\r\n~sai\r\n}\r\n"
    result = parse(text)
    assert result.errors == []
    assert [(d.name, d.line) for d in result.drafts] == [("Câu một", 4), ("Câu hai", 7)]
    assert result.drafts[1].data["choices"][1]["text"] == "sai"


def test_parse_accepts_utf8_bytes_and_refuses_other_encodings():
    assert parse("Câu hỏi {T}".encode()).drafts[0].name == "Câu hỏi"
    result = parse("Câu hỏi {T}".encode("windows-1252", errors="replace"))
    assert result.drafts == []
    assert result.errors == [FormatError(None, "The file is not UTF-8 text.")]


def test_moodle_style_file_with_every_type():
    result = parse((DATA / "every_type.gift").read_text(encoding="utf-8"))
    assert result.errors == []
    assert [d.question_type for d in result.drafts] == [
        "single",
        "multiple",
        "truefalse",
        "short",
        "numerical",
        "matching",
        "essay",
        "short",
    ]
    assert [d.category_path for d in result.drafts] == ["Kiểm thử/Mọi loại"] * 7 + [
        "Kiểm thử/Điền từ"
    ]
    assert result.drafts[-1].text == (
        "<p>Tháng hành động vì bình đẳng giới bắt đầu từ ngày _____ hằng năm.</p>"
    )


# Errors


def test_errors_file_reports_each_problem_at_its_line():
    result = parse((DATA / "errors.gift").read_text(encoding="utf-8"))
    assert [e.line for e in result.errors] == [3, 7, 9, 11, 14, 18]
    assert [d.line for d in result.drafts] == [20]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("// Chú thích\n\nCâu hỏi {\n=a\n~b", 3, "not closed"),
        ("Câu hỏi }", 1, "has no “{”"),
        ("Câu {=a} và {=b}", 1, "only one answer block"),
        ("Câu {=a {~b}", 1, "inside an answer block"),
        ("::Tên chưa đóng\nCâu hỏi {T}", 1, "not closed with “::”"),
        ("Câu hỏi\n{không rõ}", 2, "not understood"),
        ("Câu hỏi {=a =b ~c}", 1, "exactly one right answer"),
        ("Câu hỏi {~a ~b ~c}", 1, "exactly one right answer"),
        ("Câu hỏi {\n=a\n~%nửa%b\n}", 3, "not a number"),
        ("Câu hỏi {\n~%101%a\n~b\n}", 2, "outside -100% to 100%"),
        ("Câu hỏi {\n~%-150%a\n~%100%b\n}", 2, "outside -100% to 100%"),
        ("Câu hỏi {#ba}", 1, "“ba” is not a number"),
        ("Câu hỏi {\n#\n=%100%3:0\n=%50%3:mười\n}", 4, "“mười” is not a number"),
        ("Câu hỏi {#5..1}", 1, "starts above its end"),
        ("Câu hỏi {#3:-1}", 1, "cannot be negative"),
        ("Câu hỏi {#}", 1, "empty"),
        ("Câu hỏi {=}", 1, "empty"),
        ("Câu hỏi {\n=a\n~\n}", 3, "empty"),
        ("Câu hỏi {~#chỉ có phản hồi =a}", 1, "empty"),
        ("Câu hỏi {=a -> b =c}", 1, "needs “->”"),
        ("Câu hỏi {=a -> }", 1, "empty"),
        ("Câu hỏi {T#a#b#c}", 1, "at most two feedbacks"),
    ],
)
def test_each_error_is_reported_at_its_line_and_gives_no_draft(text, line, words):
    error = only_error(text)
    assert error.line == line
    assert words in error.message


def test_rules_of_the_bank_are_reported_at_the_question_line():
    result = parse("Câu đúng {T}\n\n// chú thích\nHỏi {=%50%một nửa}")
    assert result.errors == [FormatError(4, "One accepted answer must be worth 100%.")]
    assert result.drafts[1].errors == ["One accepted answer must be worth 100%."]


def test_a_question_without_text_is_reported():
    result = parse("::Tên::{T}")
    assert result.errors == [FormatError(1, "The question has no text.")]


def test_matching_with_one_pair_breaks_the_bank_rule():
    result = parse("Ghép { =a -> b }")
    assert result.errors == [
        FormatError(1, "A matching question needs at least two pairs.")
    ]


def test_multiple_response_weights_must_add_up():
    result = parse("\nChọn { ~%50%a ~%20%b ~c }")
    assert [e.line for e in result.errors] == [2]
    assert "add up to 100%" in result.errors[0].message


def test_an_error_does_not_stop_the_questions_after_it():
    result = parse("Lỗi {=a\n\nĐúng {T}\n\nLỗi {#x}\n\nSai {F}")
    assert error_lines("Lỗi {=a\n\nĐúng {T}\n\nLỗi {#x}\n\nSai {F}") == [1, 5]
    assert [d.name for d in result.drafts] == ["Đúng", "Sai"]


# Size and garbage


def test_file_over_the_limit_is_refused_whole(settings):
    settings.ASSESSMENTS_MAX_IMPORT_BYTES = 100
    result = parse("Câu hỏi {T}\n\n" * 10)
    assert result.drafts == []
    assert len(result.errors) == 1
    assert result.errors[0].line is None
    assert "larger than 100" in result.errors[0].message


def test_limit_counts_bytes_not_characters(settings):
    settings.ASSESSMENTS_MAX_IMPORT_BYTES = 30
    assert parse("Câu {T}").errors == []
    assert parse("Đường đến bình đẳng giới {T}").drafts == []  # 25 chars, 36 bytes


def test_a_twenty_megabyte_file_is_refused_without_parsing():
    huge = "Câu hỏi {T}\n\n" * (20 * 1024 * 1024 // 14)
    result = parse(huge)
    assert result.drafts == []
    assert len(result.errors) == 1
    assert "5.0\xa0MB" in result.errors[0].message
    result = parse(huge.encode())
    assert result.drafts == []
    assert len(result.errors) == 1


GIFT_ALPHABET = "{}~=#:%->.\\/[]$ \n\tTFabc0123đẳ"


def test_random_gift_like_text_never_raises():
    rng = random.Random(20250701)
    for _attempt in range(400):
        length = rng.randint(0, 80)
        text = "".join(rng.choice(GIFT_ALPHABET) for _ in range(length))
        result = parse(text)
        assert isinstance(result, ParseResult)
        assert all(isinstance(e, FormatError) for e in result.errors)


hypothesis = pytest.importorskip("hypothesis")


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(hypothesis.strategies.text())
def test_any_text_never_raises(text):
    assert isinstance(parse(text), ParseResult)


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(
    hypothesis.strategies.text(alphabet=GIFT_ALPHABET + "\ue000\ud800", max_size=120)
)
def test_gift_syntax_soup_never_raises(text):
    result = parse(text)
    assert isinstance(result, ParseResult)
    for draft in result.drafts:
        assert draft.line is not None


# Export and round trip


TRICKY_TEXT = "<p>Ký hiệu ~ = # { } : và \\ trong “bình đẳng giới”?</p>"


def _round_trip_fields(question):
    version = question.current_version
    return (
        question.question_type,
        question.name,
        version.text,
        version.data,
        version.general_feedback,
    )


def _draft_fields(draft):
    return (
        draft.question_type,
        draft.name,
        draft.text,
        draft.data,
        draft.general_feedback,
    )


@pytest.mark.django_db
def test_export_then_parse_gives_back_every_type():
    law = make_category("Ngân hàng/Luật Bình đẳng giới")
    decrees = make_category("Ngân hàng/Nghị định 125//2021")
    questions = [
        make_question(question_type, category=law, name=f"Câu {question_type}")
        for question_type in SAMPLE_DATA
    ]
    questions.append(
        make_question(
            T.SINGLE_CHOICE,
            category=decrees,
            name="Dấu :: đặc biệt {x} ~ = #",
            text=TRICKY_TEXT + "\n<p>Đoạn hai.</p>",
            general_feedback="<p>Căn cứ: Điều 5 #4 {khoản} ~ = \\</p>",
            data={
                "choices": [
                    {"id": "a", "text": "a = b", "fraction": 1, "feedback": "x # y"},
                    {"id": "b", "text": "c ~ {d}", "fraction": 0, "feedback": ""},
                    {"id": "c", "text": "50% : e", "fraction": 0.5, "feedback": ""},
                    {"id": "d", "text": "[html] f", "fraction": 0, "feedback": "[g]"},
                ]
            },
        )
    )
    questions.append(
        make_question(
            T.MATCHING,
            category=decrees,
            name="Ghép có mũi tên",
            data={
                "pairs": [
                    {"id": "p1", "prompt": "a -> b", "answer": "c -> d = e"},
                    {"id": "p2", "prompt": "Giới", "answer": "Vai trò: xã hội"},
                ]
            },
        )
    )
    questions.append(
        make_question(
            T.TRUE_FALSE,
            category=decrees,
            name="Đúng sai có phản hồi",
            data={
                "correct": False,
                "feedback_true": "Sai ~",
                "feedback_false": "Đúng #",
            },
        )
    )

    text = export(questions)
    result = parse(text)

    assert result.errors == []
    assert [_draft_fields(d) for d in result.drafts] == [
        _round_trip_fields(q) for q in questions
    ]
    assert text.count("$CATEGORY:") == 2
    assert [d.category_path for d in result.drafts] == [
        "Ngân hàng/Luật Bình đẳng giới"
    ] * 7 + ["Ngân hàng/Nghị định 125//2021"] * 3


@pytest.mark.django_db
def test_export_writes_moodle_style_gift():
    question = make_question(
        T.SINGLE_CHOICE, category=make_category("Ngân hàng"), name="Khái niệm giới"
    )
    assert export([question]) == (
        "$CATEGORY: Ngân hàng\n"
        "\n"
        "::Khái niệm giới::[html]<p>Theo Luật Bình đẳng giới, “giới” chỉ gì?</p>{\n"
        "\t~Đặc điểm sinh học#Chưa đúng.\n"
        "\t=Vai trò xã hội#Đúng.\n"
        "\t~Thể chất\n"
        "\t####Điều 5 Luật Bình đẳng giới.\n"
        "}\n"
    )


@pytest.mark.django_db
def test_export_writes_numerical_short_and_multiple_with_weights():
    category = make_category("Ngân hàng")
    text = export(
        [
            make_question(T.NUMERICAL, category=category, name="Số"),
            make_question(T.SHORT_ANSWER, category=category, name="Ngắn"),
            make_question(T.MULTIPLE_RESPONSE, category=category, name="Nhiều"),
        ]
    )
    assert "\t=%100%36:0\n\t=%50%36:12\n" in text
    assert "\t=bình đẳng giới\n\t=%50%bình đẳng*#Gần đúng.\n" in text
    assert "\t~%50%Chính trị\n\t~%50%Kinh tế\n\t~%-100%Quốc phòng#Không có.\n" in text


def test_export_of_nothing_is_empty():
    assert export([]) == ""


def test_escape_protects_every_special_character():
    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


# The demo bank


def test_demo_bank_imports_without_errors():
    result = parse(DEMO_BANK.read_text(encoding="utf-8"))
    assert result.errors == []
    types = Counter(d.question_type for d in result.drafts)
    assert types == {
        "single": 32,
        "multiple": 1,
        "truefalse": 1,
        "short": 1,
        "numerical": 3,
        "matching": 1,
        "essay": 1,
    }
    assert Counter(d.category_path for d in result.drafts) == {
        "Ngân hàng câu hỏi/Khái niệm cơ bản": 9,
        "Ngân hàng câu hỏi/Luật Bình đẳng giới": 21,
        "Ngân hàng câu hỏi/Văn bản hướng dẫn và xử phạt": 9,
        "Ngân hàng câu hỏi/Tự luận": 1,
    }
    singles = [d for d in result.drafts if d.question_type == "single"]
    assert all(len(d.data["choices"]) == 4 for d in singles)
    assert all(d.general_feedback.startswith("<p>Căn cứ: ") for d in singles)


def test_demo_bank_keeps_the_answers_of_the_domain_quiz():
    drafts = parse(DEMO_BANK.read_text(encoding="utf-8")).drafts
    singles = [d for d in drafts if d.question_type == "single"]
    right = "".join(
        "abcd"[[c["fraction"] for c in d.data["choices"]].index(1)] for d in singles
    )
    # Đáp án of questions 1–32 in DOMAIN.md §4, in order.
    assert right == "bacbbbbacccbbcbababadcababdbbcbc"
    first = singles[0]
    assert first.text == '<p>Theo Luật Bình đẳng giới 2006, "giới" chỉ:</p>'
    assert first.general_feedback == "<p>Căn cứ: Điều 5 khoản 1.</p>"
    numbers = [d for d in drafts if d.question_type == "numerical"]
    assert numbers[0].data["answers"][0]["value"] == 78
    true_false = next(d for d in drafts if d.question_type == "truefalse")
    assert true_false.data["correct"] is False
    essay = next(d for d in drafts if d.question_type == "essay")
    assert essay.text == (
        "<p>Nêu một ví dụ về định kiến giới ở địa phương anh/chị và cách khắc phục.</p>"
    )


@pytest.mark.django_db
def test_demo_bank_drafts_are_accepted_by_the_bank():
    from assessments.services.bank import create_question

    drafts = parse(DEMO_BANK.read_text(encoding="utf-8")).drafts
    for draft in drafts:
        create_question(draft)
    assert Question.objects.count() == 40
    assert (
        Question.objects.filter(
            category__name="Luật Bình đẳng giới", question_type="single"
        ).count()
        == 19
    )
