"""Scoring rules of each question type, and what a response may hold."""

import pytest

from assessments import question_types as qt
from assessments.models import Question
from lms.text import fold_vietnamese
from tests.factories.assessments import SAMPLE_DATA

T = Question.Type


def score(question_type, response, data=None):
    data = data or SAMPLE_DATA[question_type]
    cleaned = qt.clean_response(question_type, data, response)
    return qt.grade(question_type, data, cleaned).fraction


def test_fold_vietnamese():
    assert fold_vietnamese("Bình đẳng giới, BẠO LỰC") == "Binh dang gioi, BAO LUC"


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ({"choice": "b"}, 1.0),
        ({"choice": "a"}, 0.0),
        ({"choice": "zzz"}, 0.0),
        ({}, 0.0),
    ],
)
def test_single_choice(response, expected):
    assert score(T.SINGLE_CHOICE, response) == expected


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (["a", "b"], 1.0),
        (["a"], 0.5),
        (["a", "c"], 0.0),
        (["a", "b", "c"], 0.0),
        ([], 0.0),
    ],
)
def test_multiple_response_weights_clamped_at_zero(chosen, expected):
    assert score(T.MULTIPLE_RESPONSE, {"choices": chosen}) == expected


def test_true_false_accepts_form_strings():
    assert score(T.TRUE_FALSE, {"value": "true"}) == 1.0
    assert score(T.TRUE_FALSE, {"value": "false"}) == 0.0
    assert score(T.TRUE_FALSE, {"value": "maybe"}) == 0.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bình đẳng giới", 1.0),
        ("Binh Dang Gioi", 1.0),  # case and diacritics ignored by this question
        ("  bình   đẳng giới ", 1.0),
        ("bình đẳng nam nữ", 0.5),  # wildcard answer with partial credit
        ("bạo lực", 0.0),
    ],
)
def test_short_answer(text, expected):
    assert score(T.SHORT_ANSWER, {"text": text}) == expected


def test_short_answer_case_and_diacritics_when_required():
    data = {
        "answers": [{"text": "Giới", "fraction": 1, "feedback": ""}],
        "case_sensitive": True,
        "ignore_diacritics": False,
    }
    assert score(T.SHORT_ANSWER, {"text": "Giới"}, data) == 1.0
    assert score(T.SHORT_ANSWER, {"text": "giới"}, data) == 0.0
    assert score(T.SHORT_ANSWER, {"text": "Gioi"}, data) == 0.0


def test_short_answer_brackets_are_literal():
    data = {"answers": [{"text": "[a]*", "fraction": 1}], "ignore_diacritics": False}
    assert score(T.SHORT_ANSWER, {"text": "[a] bc"}, data) == 1.0
    assert score(T.SHORT_ANSWER, {"text": "a bc"}, data) == 0.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36", 1.0),
        ("36,0", 1.0),
        ("40", 0.5),
        ("24", 0.5),
        ("23.9", 0.0),
        ("abc", 0.0),
        ("nan", 0.0),
        ("inf", 0.0),
    ],
)
def test_numerical_tolerance_and_partial_credit(text, expected):
    assert score(T.NUMERICAL, {"text": text}) == expected


def test_matching_counts_each_pair_and_ignores_distractor_keys():
    right = {"p1": "Vai trò xã hội", "p2": "Đặc điểm sinh học"}
    assert score(T.MATCHING, {"pairs": right}) == 1.0
    assert score(T.MATCHING, {"pairs": {"p1": "Vai trò xã hội"}}) == 0.5
    assert score(T.MATCHING, {"pairs": {"p3": "Khoảng cách giới", "p1": "nope"}}) == 0.0


def test_essay_waits_for_a_person_and_is_cleaned():
    data = SAMPLE_DATA[T.ESSAY]
    cleaned = qt.clean_response(
        T.ESSAY, data, {"text": "<p>Ý kiến</p><script>alert(1)</script>"}
    )
    assert cleaned == {"text": "<p>Ý kiến</p>"}
    assert qt.grade(T.ESSAY, data, cleaned).fraction is None
    assert qt.grade(T.ESSAY, data, None).fraction == 0.0


@pytest.mark.parametrize(
    ("question_type", "data"),
    [
        (
            T.SINGLE_CHOICE,
            {
                "choices": [
                    {"id": "a", "text": "x", "fraction": 0.5},
                    {"id": "b", "text": "y", "fraction": 0.5},
                ]
            },
        ),
        (T.SINGLE_CHOICE, {"choices": [{"id": "a", "text": "x", "fraction": 1}]}),
        (
            T.SINGLE_CHOICE,
            {
                "choices": [
                    {"id": "a", "text": "", "fraction": 1},
                    {"id": "b", "text": "y", "fraction": 0},
                ]
            },
        ),
        (
            T.MULTIPLE_RESPONSE,
            {
                "choices": [
                    {"id": "a", "text": "x", "fraction": 0.3},
                    {"id": "b", "text": "y", "fraction": 0.3},
                ]
            },
        ),
        (T.TRUE_FALSE, {}),
        (T.SHORT_ANSWER, {"answers": []}),
        (T.SHORT_ANSWER, {"answers": [{"text": "x", "fraction": 0.5}]}),
        (T.NUMERICAL, {"answers": [{"value": "ba", "tolerance": 0, "fraction": 1}]}),
        (T.MATCHING, {"pairs": [{"id": "p1", "prompt": "a", "answer": "b"}]}),
        ("cloze", {}),
    ],
)
def test_invalid_question_data_is_refused(question_type, data):
    assert qt.validate(question_type, data)


@pytest.mark.parametrize("question_type", T.values)
def test_sample_data_is_valid(question_type):
    assert qt.validate(question_type, SAMPLE_DATA[question_type]) == []


@pytest.mark.parametrize(
    "raw", [None, "x", [], {"choice": 5}, {"choices": "a"}, {"text": 3}, {"pairs": []}]
)
@pytest.mark.parametrize("question_type", T.values)
def test_garbage_responses_are_dropped(question_type, raw):
    cleaned = qt.clean_response(question_type, SAMPLE_DATA[question_type], raw)
    assert cleaned is None
