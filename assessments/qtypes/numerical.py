"""Numerical: {"answers": [{"value", "tolerance", "fraction", "feedback"}]}.

A range min..max is stored as its middle and half-width; a value of "*"
(Moodle's catch-all) matches any number. Response: {"text": str}.
"""

from django.utils.translation import gettext as _

from ..models.bank import QuestionType
from ..scoring import is_fully_correct
from .base import Grade, QuestionTypeBase, best_answer, parse_number, register
from .text import TextResponseMixin

# Moodle's numerical catch-all: an answer "*" matches any number (often worth
# 0% with feedback for every wrong value).
NUMERICAL_ANY = "*"


def _within_tolerance(value: float, answer: dict) -> bool:
    if answer["value"] == NUMERICAL_ANY:
        return True
    target = float(answer["value"])
    tolerance = abs(float(answer.get("tolerance") or 0))
    return abs(value - target) <= tolerance + 1e-9 * max(1.0, abs(target))


@register
class Numerical(TextResponseMixin, QuestionTypeBase):
    code = QuestionType.NUMERICAL
    label = QuestionType.NUMERICAL.label
    editor = "assessments.forms_admin.questions.NumericalEditor"
    answer_template = "assessments/includes/answers/numerical.html"
    xlsx_code = "so"
    xlsx_help = (
        "Số",
        "Mỗi cột Phương án là một số được chấp nhận, có thể kèm sai số sau dấu ±: "
        "44±4 (dùng dấu phẩy hoặc dấu chấm thập phân). Đáp án đúng: như Trả lời ngắn",
    )
    moodle_kind = "numerical"

    def validate(self, data):
        answers = data.get("answers") or []
        errors = []
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
        return errors

    def grade(self, data, response):
        value = parse_number(response.get("text", ""))
        if value is None:
            return Grade(0.0)
        return best_answer(
            data.get("answers", []), lambda a: _within_tolerance(value, a)
        )

    def right_answer_text(self, data):
        best = [
            a for a in data.get("answers", []) if is_fully_correct(float(a["fraction"]))
        ]
        return "; ".join(
            f"{a['value']} ± {a['tolerance']}"
            if float(a.get("tolerance") or 0)
            else f"{a['value']}"
            for a in best
        )

    def to_gift(self, data):
        from ..formats.gift import _number_text, _percent, _with_feedback

        lines = ["#"]
        for answer in data.get("answers", []):
            if answer.get("value") == NUMERICAL_ANY:
                spec = NUMERICAL_ANY
            else:
                value = _number_text(answer.get("value", 0))
                spec = f"{value}:{_number_text(answer.get('tolerance') or 0)}"
            line = f"=%{_percent(answer.get('fraction', 0))}%{spec}"
            lines.append(_with_feedback(line, answer.get("feedback", "")))
        return lines

    def to_moodle_xml(self, element, data):
        import xml.etree.ElementTree as ET

        from ..formats.moodlexml import add_text, number, percent

        for accepted in data.get("answers", []):
            answer = ET.SubElement(
                element,
                "answer",
                {
                    "fraction": percent(accepted.get("fraction", 0)),
                    "format": "plain_text",
                },
            )
            ET.SubElement(answer, "text").text = number(accepted["value"])
            ET.SubElement(answer, "tolerance").text = number(
                accepted.get("tolerance") or 0
            )
            add_text(answer, "feedback", accepted.get("feedback", ""))

    def from_moodle_xml(self, element):
        from ..formats.moodlexml import as_html, fraction, tidy

        answers = []
        for answer in element.findall("answer"):
            raw_value = answer.text_of("text").strip()
            raw_tolerance = answer.text_of("tolerance", default="0").strip() or "0"
            if raw_value == NUMERICAL_ANY:
                # Moodle's catch-all: any number matches, whatever the tolerance.
                answers.append(
                    {
                        "value": NUMERICAL_ANY,
                        "tolerance": 0,
                        "fraction": fraction(answer),
                        "feedback": as_html(answer.find("feedback")),
                    }
                )
                continue
            value = parse_number(raw_value)
            tolerance = parse_number(raw_tolerance)
            answers.append(
                {
                    # A value that is not a number stays as written, so that the
                    # bank's validation names the problem.
                    "value": raw_value if value is None else tidy(value),
                    "tolerance": raw_tolerance
                    if tolerance is None
                    else tidy(abs(tolerance)),
                    "fraction": fraction(answer),
                    "feedback": as_html(answer.find("feedback")),
                }
            )
        return self.code, {"answers": answers}

    def from_xlsx_row(self, options, correct):
        from ..formats.xlsx import TOLERANCE_MARK, answer_weights, tidy

        weights = answer_weights(options, correct)
        answers = []
        for letter, text in options.items():
            parts = TOLERANCE_MARK.split(text, maxsplit=1)
            value = parse_number(parts[0])
            tolerance = parse_number(parts[1]) if len(parts) > 1 else 0.0
            if value is None or tolerance is None:
                raise ValueError(
                    _(
                        "Option %(letter)s “%(text)s” is not a number (write e.g. 44 or 44±4)."
                    )
                    % {"letter": letter, "text": text}
                )
            answers.append(
                {
                    "value": tidy(value),
                    "tolerance": tidy(abs(tolerance)),
                    "fraction": weights.get(letter, 0),
                    "feedback": "",
                }
            )
        return {"answers": answers}
