"""The question types' public functions: each asks the type's class (assessments.qtypes).

`QuestionVersion.data` by type (ids are short strings, stable across versions
so frozen option orders keep working) is documented in each type's module:

- single, multiple: qtypes/choice.py
- truefalse: qtypes/true_false.py
- short: qtypes/short_answer.py
- numerical: qtypes/numerical.py
- matching: qtypes/matching.py
- essay: qtypes/essay.py

Responses, as the attempt page posts them and AttemptQuestion stores them:
single {"choice": id}; multiple {"choices": [id]}; truefalse {"value": bool};
short and numerical {"text": str}; matching {"pairs": {pair_id: answer}};
essay {"text": str}.
"""

from .qtypes import find_question_type, question_type, registered_types
from .qtypes.base import Grade, clamp, parse_number
from .qtypes.essay import MAX_TEXT_RESPONSE
from .qtypes.matching import matching_answers
from .qtypes.numerical import NUMERICAL_ANY
from .qtypes.short_answer import short_answer_matches
from .scoring import normalise_fraction

__all__ = [
    "MANUALLY_GRADED",
    "MAX_TEXT_RESPONSE",
    "NUMERICAL_ANY",
    "Grade",
    "clamp",
    "clean_response",
    "grade",
    "matching_answers",
    "option_ids",
    "option_order",
    "parse_number",
    "short_answer_matches",
    "validate",
]


class _ManuallyGraded:
    """`code in MANUALLY_GRADED`: the types a person grades, as registered now."""

    def __contains__(self, code) -> bool:
        found = find_question_type(code)
        return found is not None and found.manually_graded

    def __iter__(self):
        return iter([t.code for t in registered_types() if t.manually_graded])


MANUALLY_GRADED = _ManuallyGraded()


def option_ids(question_type_code: str, data: dict) -> list[str]:
    """The ids whose order a quiz may shuffle for this type."""
    found = find_question_type(question_type_code)
    return found.option_ids(data) if found else []


def option_order(question_type_code: str, data: dict, *, shuffle: bool, rng):
    """The order a learner sees the options (matching: prompts and answers) in."""
    return question_type(question_type_code).option_order(
        data, shuffle=shuffle, rng=rng
    )


def clean_response(question_type_code: str, data: dict, raw) -> dict | None:
    """Keep only what a response of this type may hold; None when it holds nothing.

    Raw values come from the browser and are never trusted: unknown ids are
    dropped, text is cut to size and cleaned.
    """
    found = find_question_type(question_type_code)
    if found is None or not isinstance(raw, dict):
        return None
    return found.clean_response(data, raw)


def grade(question_type_code: str, data: dict, response: dict | None) -> Grade:
    """Score a cleaned response. An empty response scores 0 (an essay still waits for a person)."""
    kind = find_question_type(question_type_code)
    if kind is not None and kind.manually_graded:
        return Grade(None if response else 0.0)
    if not response:
        return Grade(0.0)
    if kind is None:
        raise KeyError(question_type_code)
    result = kind.grade(data, response)
    if result.fraction is None:
        # Only a manually graded type may leave the fraction to a person.
        raise TypeError(f"{kind.code} graded a response without a fraction")
    result.fraction = normalise_fraction(result.fraction)
    return result


def validate(question_type_code: str, data: dict) -> list[str]:
    """What is wrong with a question's data, in the user's language; empty when valid.

    Every way into the bank (admin form, GIFT, Moodle XML, Excel) calls this,
    so a rule is enforced once.
    """
    from django.utils.translation import gettext as _

    found = find_question_type(question_type_code)
    if found is None:
        return [_("Unknown question type.")]
    return found.validate(data)
