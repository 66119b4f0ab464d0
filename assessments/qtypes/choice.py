"""Single choice and multiple response: options with weights.

Data: {"choices": [{"id", "text", "fraction", "feedback"}]}. Single choice: one
option has fraction 1. Multiple response: fractions are weights, negative
allowed; the score is their sum clamped to 0..1. "Fraction 1" always means
within Moodle's tolerance of 1 (assessments.scoring): thirds written as
33.33333 % are right.
"""

import math
from abc import abstractmethod

from django.utils.translation import gettext as _

from ..models.bank import QuestionType
from ..scoring import is_fully_correct
from .base import Grade, QuestionTypeBase, answer_feedback, clamp, register


class ChoiceType(QuestionTypeBase):
    """What single choice and multiple response share."""

    editor = "assessments.forms_admin.questions.ChoiceEditor"
    has_option_analysis = True
    moodle_kind = "multichoice"

    def option_ids(self, data):
        return [c["id"] for c in data.get("choices", [])]

    def validate(self, data):
        errors = []
        choices = data.get("choices") or []
        if len(choices) < 2:
            errors.append(_("A choice question needs at least two options."))
        if any(not str(c.get("text", "")).strip() for c in choices):
            errors.append(_("An option is empty."))
        fractions = [float(c.get("fraction", 0)) for c in choices]
        if any(f < -1 or f > 1 for f in fractions):
            errors.append(_("Option weights must lie between -100% and 100%."))
        errors.extend(self.validate_weights(choices, fractions))
        return errors

    @abstractmethod
    def validate_weights(self, choices, fractions) -> list[str]:
        """What is wrong with the options' weights, by this choice type's rule."""

    def fill_answering_view(self, view, aq, data, response):
        from ..display import OptionView

        by_id = {c["id"]: c for c in data.get("choices", [])}
        chosen = set(response.get("choices", [])) | {response.get("choice")}
        view.options = [
            OptionView(id=i, text=by_id[i]["text"], selected=i in chosen)
            for i in aq.choice_order
            if i in by_id
        ]

    def mark_correct_options(self, view, data):
        weights = {c["id"]: float(c["fraction"]) for c in data["choices"]}
        for option in view.options:
            option.correct = weights.get(option.id, 0) > 0

    def response_text(self, data, response):
        from lms.sanitise import plain_text

        texts = {c.get("id"): c.get("text", "") for c in data.get("choices", [])}
        chosen = response.get("choices") or [response.get("choice")]
        return "; ".join(
            plain_text(str(texts.get(c, c))) for c in chosen if isinstance(c, str)
        )

    def right_answer_text(self, data):
        return "; ".join(
            c["text"] for c in data.get("choices", []) if float(c["fraction"]) > 0
        )

    def analysis_options(self, data):
        from lms.sanitise import plain_text

        return [
            (c["id"], plain_text(str(c.get("text", ""))), _as_float(c.get("fraction")))
            for c in data.get("choices", [])
        ]

    def to_moodle_xml(self, element, data):
        import xml.etree.ElementTree as ET

        from ..formats.moodlexml import add_text, percent

        single = self.code == QuestionType.SINGLE_CHOICE
        ET.SubElement(element, "single").text = "true" if single else "false"
        ET.SubElement(element, "shuffleanswers").text = "true"
        for choice in data.get("choices", []):
            answer = add_text(element, "answer", choice.get("text", ""))
            answer.set("fraction", percent(choice.get("fraction", 0)))
            add_text(answer, "feedback", choice.get("feedback", ""))

    def from_moodle_xml(self, element):
        from ..formats.moodlexml import as_html, fraction, is_true, option_id

        code = (
            QuestionType.SINGLE_CHOICE
            if is_true(element.text_of("single", default="true"))
            else QuestionType.MULTIPLE_RESPONSE
        )
        choices = [
            {
                "id": option_id(index),
                "text": as_html(answer),
                "fraction": fraction(answer),
                "feedback": as_html(answer.find("feedback")),
            }
            for index, answer in enumerate(element.findall("answer"))
        ]
        return code, {"choices": choices}


@register
class SingleChoice(ChoiceType):
    code = QuestionType.SINGLE_CHOICE
    label = QuestionType.SINGLE_CHOICE.label
    answer_template = "assessments/includes/answers/single.html"
    xlsx_code = "mot_dap_an"
    xlsx_help = ("Một đáp án đúng", "Ghi chữ cái của phương án đúng, ví dụ: B")

    def validate_weights(self, choices, fractions):
        errors = []
        if choices and not any(is_fully_correct(f) for f in fractions):
            errors.append(_("A single-choice question needs one option worth 100%."))
        if any(f < 0 for f in fractions):
            errors.append(_("A single-choice question cannot have negative weights."))
        return errors

    def raw_from_post(self, post, key):
        return {"choice": post.get(key)}

    def clean_response(self, data, raw):
        choice = raw.get("choice")
        ids = set(self.option_ids(data))
        return {"choice": choice} if isinstance(choice, str) and choice in ids else None

    def grade(self, data, response):
        for choice in data.get("choices", []):
            if choice["id"] == response.get("choice"):
                return Grade(clamp(float(choice["fraction"])), answer_feedback(choice))
        return Grade(0.0)

    def to_gift(self, data):
        """`=` for the right option, so it reads back as single choice; `~` for the others."""
        from ..formats.gift import _html_field, _percent, _with_feedback

        lines = []
        for choice in data.get("choices", []):
            fraction = float(choice.get("fraction", 0))
            text = _html_field(choice.get("text", ""))
            if fraction == 1:
                line = "=" + ("%100%" + text if text.startswith("%") else text)
            elif fraction != 0 or text.startswith("%"):
                line = f"~%{_percent(fraction)}%{text}"
            else:
                line = "~" + text
            lines.append(_with_feedback(line, choice.get("feedback", "")))
        return lines

    def from_xlsx_row(self, options, correct):
        from ..formats.xlsx import choices_from_row

        return choices_from_row(options, correct, single=True)


@register
class MultipleResponse(ChoiceType):
    code = QuestionType.MULTIPLE_RESPONSE
    label = QuestionType.MULTIPLE_RESPONSE.label
    answer_template = "assessments/includes/answers/multiple.html"
    xlsx_code = "nhieu_dap_an"
    xlsx_help = (
        "Nhiều đáp án đúng",
        "Ghi các chữ cái đúng, cách nhau bằng dấu phẩy (A,C: chia đều điểm), "
        "hoặc tỉ lệ điểm phần trăm: A=50;C=50;D=-100 (phương án sai có thể bị trừ điểm)",
    )

    def validate_weights(self, choices, fractions):
        if choices and abs(sum(f for f in fractions if f > 0) - 1) > 0.011:
            return [
                _(
                    "The positive weights of a multiple-response question must add up to 100%."
                )
            ]
        return []

    def raw_from_post(self, post, key):
        return {"choices": post.getlist(key)}

    def clean_response(self, data, raw):
        ids = self.option_ids(data)
        chosen = raw.get("choices")
        if not isinstance(chosen, list):
            return None
        kept = [i for i in ids if i in {c for c in chosen if isinstance(c, str)}]
        return {"choices": kept} if kept else None

    def grade(self, data, response):
        chosen = set(response.get("choices", []))
        picked = [c for c in data.get("choices", []) if c["id"] in chosen]
        # fsum is exact, so the order the options were shown in cannot change the score.
        total = math.fsum(float(c["fraction"]) for c in picked)
        return Grade(clamp(total), [c["feedback"] for c in picked if c.get("feedback")])

    def to_gift(self, data):
        from ..formats.gift import _html_field, _percent, _with_feedback

        return [
            _with_feedback(
                f"~%{_percent(c.get('fraction', 0))}%{_html_field(c.get('text', ''))}",
                c.get("feedback", ""),
            )
            for c in data.get("choices", [])
        ]

    def from_xlsx_row(self, options, correct):
        from ..formats.xlsx import choices_from_row

        return choices_from_row(options, correct, single=False)


def _as_float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
