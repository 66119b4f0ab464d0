"""Each question type: the shape of its data, how a response is scored.

`QuestionVersion.data` by type (ids are short strings, stable across versions
so frozen option orders keep working):

- single, multiple: {"choices": [{"id", "text", "fraction", "feedback"}]}
  Single choice: one choice has fraction 1. Multiple response: fractions are
  weights, negative allowed; the score is their sum clamped to 0..1.
  "Fraction 1" always means within Moodle's tolerance of 1 (assessments.scoring):
  thirds written as 33.33333 % are right.
- truefalse: {"correct": bool, "feedback_true": str, "feedback_false": str}
- short: {"answers": [{"text", "fraction", "feedback"}], "case_sensitive": bool,
  "ignore_diacritics": bool}; "*" in an answer matches any characters.
- numerical: {"answers": [{"value", "tolerance", "fraction", "feedback"}]};
  a range min..max is stored as its middle and half-width; a value of "*"
  (Moodle's catch-all) matches any number.
- matching: {"pairs": [{"id", "prompt", "answer"}]}; a pair with an empty
  prompt is a distractor answer.
- essay: {"response_format": "html"|"plain", "grader_info": str}

Responses, as the attempt page posts them and AttemptQuestion stores them:
single {"choice": id}; multiple {"choices": [id]}; truefalse {"value": bool};
short and numerical {"text": str}; matching {"pairs": {pair_id: answer}};
essay {"text": str}.
"""

import math
import re
from dataclasses import dataclass, field

from lms.sanitise import clean_html, plain_text
from lms.text import fold_vietnamese

from .models.bank import QuestionType
from .scoring import is_fully_correct, normalise_fraction

MANUALLY_GRADED = {QuestionType.ESSAY}
MAX_TEXT_RESPONSE = 20_000


@dataclass
class Grade:
    """A response's score as a fraction of the question's marks; None: a person grades it."""

    fraction: float | None
    feedback: list[str] = field(default_factory=list)


def clamp(value: float) -> float:
    """A fraction as a response keeps it (assessments.scoring.normalise_fraction)."""
    return normalise_fraction(value)


def option_ids(question_type: str, data: dict) -> list[str]:
    """The ids whose order a quiz may shuffle for this type."""
    if question_type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        return [c["id"] for c in data.get("choices", [])]
    if question_type == QuestionType.MATCHING:
        return [p["id"] for p in data.get("pairs", [])]
    return []


def matching_answers(data: dict) -> list[str]:
    """The distinct answers a matching question offers, in a stable order."""
    seen: dict[str, None] = {}
    for pair in data.get("pairs", []):
        seen.setdefault(pair["answer"], None)
    return list(seen)


def clean_response(question_type: str, data: dict, raw) -> dict | None:
    """Keep only what a response of this type may hold; None when it holds nothing.

    Raw values come from the browser and are never trusted: unknown ids are
    dropped, text is cut to size and cleaned.
    """
    if not isinstance(raw, dict):
        return None
    if question_type == QuestionType.SINGLE_CHOICE:
        choice = raw.get("choice")
        ids = set(option_ids(question_type, data))
        return {"choice": choice} if isinstance(choice, str) and choice in ids else None
    if question_type == QuestionType.MULTIPLE_RESPONSE:
        ids = option_ids(question_type, data)
        chosen = raw.get("choices")
        if not isinstance(chosen, list):
            return None
        kept = [i for i in ids if i in {c for c in chosen if isinstance(c, str)}]
        return {"choices": kept} if kept else None
    if question_type == QuestionType.TRUE_FALSE:
        value = raw.get("value")
        if isinstance(value, bool):
            return {"value": value}
        if value in ("true", "false"):
            return {"value": value == "true"}
        return None
    if question_type in (QuestionType.SHORT_ANSWER, QuestionType.NUMERICAL):
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            return None
        return {"text": plain_text(text[:1000]).strip()}
    if question_type == QuestionType.MATCHING:
        pairs = raw.get("pairs")
        if not isinstance(pairs, dict):
            return None
        answers = set(matching_answers(data))
        prompts = {p["id"] for p in data.get("pairs", []) if p.get("prompt")}
        kept = {
            k: v
            for k, v in pairs.items()
            if k in prompts and isinstance(v, str) and v in answers
        }
        return {"pairs": kept} if kept else None
    if question_type == QuestionType.ESSAY:
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            return None
        text = text[:MAX_TEXT_RESPONSE]
        if data.get("response_format") == "plain":
            return {"text": plain_text(text)}
        return {"text": clean_html(text)}
    return None


def grade(question_type: str, data: dict, response: dict | None) -> Grade:
    """Score a cleaned response. An empty response scores 0 (an essay still waits for a person)."""
    if question_type in MANUALLY_GRADED:
        return Grade(None if response else 0.0)
    if not response:
        return Grade(0.0)
    result = _GRADERS[question_type](data, response)
    result.fraction = normalise_fraction(result.fraction)
    return result


def _grade_single(data, response):
    for choice in data.get("choices", []):
        if choice["id"] == response.get("choice"):
            return Grade(clamp(float(choice["fraction"])), _fb(choice))
    return Grade(0.0)


def _grade_multiple(data, response):
    chosen = set(response.get("choices", []))
    picked = [c for c in data.get("choices", []) if c["id"] in chosen]
    # fsum is exact, so the order the options were shown in cannot change the score.
    total = math.fsum(float(c["fraction"]) for c in picked)
    return Grade(clamp(total), [c["feedback"] for c in picked if c.get("feedback")])


def _grade_truefalse(data, response):
    value = response.get("value")
    right = value == bool(data.get("correct"))
    feedback = data.get("feedback_true" if value else "feedback_false", "")
    return Grade(1.0 if right else 0.0, [feedback] if feedback else [])


def _normalise_short(text: str, data: dict) -> str:
    text = " ".join(text.split())
    if data.get("ignore_diacritics"):
        text = fold_vietnamese(text)
    if not data.get("case_sensitive"):
        text = text.casefold()
    return text


def short_answer_matches(pattern: str, text: str, data: dict) -> bool:
    """Moodle's rule: "*" matches any run of characters; everything else is literal."""
    pattern = _normalise_short(pattern, data)
    text = _normalise_short(text, data)
    if "*" not in pattern:
        return pattern == text
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, text, flags=re.DOTALL) is not None


def _best_answer(answers, matches) -> Grade:
    """The highest-credit accepted answer that matches, as Moodle picks it."""
    matching = [a for a in answers if matches(a)]
    if not matching:
        return Grade(0.0)
    best = max(matching, key=lambda a: float(a["fraction"]))
    return Grade(clamp(float(best["fraction"])), _fb(best))


def _grade_short(data, response):
    text = response.get("text", "")
    return _best_answer(
        data.get("answers", []), lambda a: short_answer_matches(a["text"], text, data)
    )


def parse_number(text: str) -> float | None:
    """Accept "3,5" (Vietnamese decimal comma) as well as "3.5"; reject what is not a number."""
    text = text.strip().replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# Moodle's numerical catch-all: an answer "*" matches any number (often worth
# 0% with feedback for every wrong value).
NUMERICAL_ANY = "*"


def _within_tolerance(value: float, answer: dict) -> bool:
    if answer["value"] == NUMERICAL_ANY:
        return True
    target = float(answer["value"])
    tolerance = abs(float(answer.get("tolerance") or 0))
    return abs(value - target) <= tolerance + 1e-9 * max(1.0, abs(target))


def _grade_numerical(data, response):
    value = parse_number(response.get("text", ""))
    if value is None:
        return Grade(0.0)
    return _best_answer(data.get("answers", []), lambda a: _within_tolerance(value, a))


def _grade_matching(data, response):
    prompts = [p for p in data.get("pairs", []) if p.get("prompt")]
    if not prompts:
        return Grade(0.0)
    given = response.get("pairs", {})
    right = sum(1 for p in prompts if given.get(p["id"]) == p["answer"])
    return Grade(right / len(prompts))


def _fb(answer: dict) -> list[str]:
    return [answer["feedback"]] if answer.get("feedback") else []


_GRADERS = {
    QuestionType.SINGLE_CHOICE: _grade_single,
    QuestionType.MULTIPLE_RESPONSE: _grade_multiple,
    QuestionType.TRUE_FALSE: _grade_truefalse,
    QuestionType.SHORT_ANSWER: _grade_short,
    QuestionType.NUMERICAL: _grade_numerical,
    QuestionType.MATCHING: _grade_matching,
}


def validate(question_type: str, data: dict) -> list[str]:
    """What is wrong with a question's data, in the user's language; empty when valid.

    Every way into the bank (admin form, GIFT, Moodle XML, Excel) calls this,
    so a rule is enforced once.
    """
    from django.utils.translation import gettext as _

    errors: list[str] = []
    if question_type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        choices = data.get("choices") or []
        if len(choices) < 2:
            errors.append(_("A choice question needs at least two options."))
        if any(not str(c.get("text", "")).strip() for c in choices):
            errors.append(_("An option is empty."))
        fractions = [float(c.get("fraction", 0)) for c in choices]
        if any(f < -1 or f > 1 for f in fractions):
            errors.append(_("Option weights must lie between -100% and 100%."))
        if question_type == QuestionType.SINGLE_CHOICE:
            if choices and not any(is_fully_correct(f) for f in fractions):
                errors.append(
                    _("A single-choice question needs one option worth 100%.")
                )
            if any(f < 0 for f in fractions):
                errors.append(
                    _("A single-choice question cannot have negative weights.")
                )
        elif choices and abs(sum(f for f in fractions if f > 0) - 1) > 0.011:
            errors.append(
                _(
                    "The positive weights of a multiple-response question must add up to 100%."
                )
            )
    elif question_type == QuestionType.TRUE_FALSE:
        if not isinstance(data.get("correct"), bool):
            errors.append(_("Say whether the statement is true or false."))
    elif question_type == QuestionType.SHORT_ANSWER:
        answers = data.get("answers") or []
        if not answers or any(not str(a.get("text", "")).strip() for a in answers):
            errors.append(
                _("A short-answer question needs accepted answers, none empty.")
            )
        elif not any(is_fully_correct(float(a.get("fraction", 0))) for a in answers):
            errors.append(_("One accepted answer must be worth 100%."))
    elif question_type == QuestionType.NUMERICAL:
        answers = data.get("answers") or []
        if not answers:
            errors.append(_("A numerical question needs at least one answer."))
        for answer in answers:
            try:
                if answer["value"] != NUMERICAL_ANY:
                    float(answer["value"])
                float(answer.get("tolerance") or 0)
            except (KeyError, TypeError, ValueError):
                errors.append(_("A numerical answer is not a number."))
                break
        else:
            if answers and not any(
                is_fully_correct(float(a.get("fraction", 0))) for a in answers
            ):
                errors.append(_("One numerical answer must be worth 100%."))
    elif question_type == QuestionType.MATCHING:
        pairs = data.get("pairs") or []
        prompts = [p for p in pairs if str(p.get("prompt", "")).strip()]
        if len(prompts) < 2:
            errors.append(_("A matching question needs at least two pairs."))
        if any(not str(p.get("answer", "")).strip() for p in pairs):
            errors.append(_("A matching pair has no answer."))
    elif question_type == QuestionType.ESSAY:
        if data.get("response_format", "html") not in ("html", "plain"):
            errors.append(_("Unknown essay response format."))
    else:
        errors.append(_("Unknown question type."))
    return errors
