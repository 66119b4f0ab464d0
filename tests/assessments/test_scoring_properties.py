"""Property-based checks of scoring: bounds, and that order never matters."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import question_types as qt
from assessments.models import Question

T = Question.Type
weights = st.floats(min_value=-1, max_value=1, allow_nan=False)


@st.composite
def multiple_response(draw):
    n = draw(st.integers(min_value=2, max_value=8))
    choices = [
        {"id": f"c{i}", "text": f"option {i}", "fraction": draw(weights)}
        for i in range(n)
    ]
    chosen = draw(st.lists(st.sampled_from([c["id"] for c in choices]), unique=True))
    return {"choices": choices}, {"choices": chosen}


@given(multiple_response(), st.randoms())
@settings(max_examples=200, deadline=None)
def test_multiple_response_score_bounded_and_order_free(case, rnd):
    data, response = case
    fraction = qt.grade(
        T.MULTIPLE_RESPONSE,
        data,
        qt.clean_response(T.MULTIPLE_RESPONSE, data, response),
    ).fraction
    assert 0.0 <= fraction <= 1.0
    shuffled = dict(data, choices=rnd.sample(data["choices"], len(data["choices"])))
    chosen = rnd.sample(response["choices"], len(response["choices"]))
    again = qt.grade(
        T.MULTIPLE_RESPONSE,
        shuffled,
        qt.clean_response(T.MULTIPLE_RESPONSE, shuffled, {"choices": chosen}),
    ).fraction
    assert again == fraction


@given(
    st.lists(
        st.tuples(st.floats(-1e6, 1e6), st.floats(0, 100), weights),
        min_size=1,
        max_size=5,
    ),
    st.text(max_size=30),
)
@settings(max_examples=200, deadline=None)
def test_numerical_score_bounded_for_any_text(answers, text):
    data = {
        "answers": [{"value": v, "tolerance": t, "fraction": f} for v, t, f in answers]
    }
    cleaned = qt.clean_response(T.NUMERICAL, data, {"text": text})
    assert 0.0 <= qt.grade(T.NUMERICAL, data, cleaned).fraction <= 1.0


@given(
    st.text(max_size=60),
    st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=4),
    st.lists(weights, min_size=4, max_size=4),
)
@settings(max_examples=200, deadline=None)
def test_short_answer_score_bounded(text, patterns, fractions):
    data = {
        "answers": [
            {"text": p, "fraction": f}
            for p, f in zip(patterns, fractions, strict=False)
        ],
        "ignore_diacritics": True,
    }
    cleaned = qt.clean_response(T.SHORT_ANSWER, data, {"text": text})
    assert 0.0 <= qt.grade(T.SHORT_ANSWER, data, cleaned).fraction <= 1.0


@given(st.integers(min_value=2, max_value=7), st.randoms(), st.data())
@settings(max_examples=100, deadline=None)
def test_matching_shuffle_never_changes_score(n, rnd, data_strategy):
    pairs = [
        {"id": f"p{i}", "prompt": f"prompt {i}", "answer": f"answer {i}"}
        for i in range(n)
    ]
    answers = [p["answer"] for p in pairs]
    given_answers = {
        p["id"]: data_strategy.draw(st.sampled_from(answers)) for p in pairs
    }
    data = {"pairs": pairs}
    first = qt.grade(
        T.MATCHING, data, qt.clean_response(T.MATCHING, data, {"pairs": given_answers})
    ).fraction
    shuffled = {"pairs": rnd.sample(pairs, n)}
    items = list(given_answers.items())
    random.Random(0).shuffle(items)
    second = qt.grade(
        T.MATCHING,
        shuffled,
        qt.clean_response(T.MATCHING, shuffled, {"pairs": dict(items)}),
    ).fraction
    assert 0.0 <= first <= 1.0
    assert first == second
