"""True/false: {"correct": bool, "feedback_true": str, "feedback_false": str}.

Response: {"value": bool}.
"""

from django.utils.translation import gettext as _

from ..models.bank import QuestionType
from .base import Grade, QuestionTypeBase, register


@register
class TrueFalse(QuestionTypeBase):
    code = QuestionType.TRUE_FALSE
    label = QuestionType.TRUE_FALSE.label
    editor = "assessments.forms_admin.questions.TrueFalseEditor"
    has_option_analysis = True
    answer_template = "assessments/includes/answers/truefalse.html"
    xlsx_code = "dung_sai"
    xlsx_help = ("Đúng/Sai", "Ghi Đúng hoặc Sai; không dùng các cột Phương án")
    moodle_kind = "truefalse"

    def validate(self, data):
        if not isinstance(data.get("correct"), bool):
            return [_("Say whether the statement is true or false.")]
        return []

    def raw_from_post(self, post, key):
        return {"value": post.get(key)}

    def clean_response(self, data, raw):
        value = raw.get("value")
        if isinstance(value, bool):
            return {"value": value}
        if value in ("true", "false"):
            return {"value": value == "true"}
        return None

    def grade(self, data, response):
        value = response.get("value")
        right = value == bool(data.get("correct"))
        feedback = data.get("feedback_true" if value else "feedback_false", "")
        return Grade(1.0 if right else 0.0, [feedback] if feedback else [])

    def fill_answering_view(self, view, aq, data, response):
        from ..display import OptionView

        value = response.get("value")
        view.options = [
            OptionView(id="true", text=_("True"), selected=value is True),
            OptionView(id="false", text=_("False"), selected=value is False),
        ]

    def mark_correct_options(self, view, data):
        for option in view.options:
            option.correct = (option.id == "true") == bool(data.get("correct"))

    def response_text(self, data, response):
        value = response.get("value")
        if not isinstance(value, bool):
            return ""
        return _("Yes") if value else _("No")

    def right_answer_text(self, data):
        return _("True") if data.get("correct") else _("False")

    def analysis_options(self, data):
        correct = bool(data.get("correct"))
        return [
            (True, str(_("True")), 1.0 if correct else 0.0),
            (False, str(_("False")), 0.0 if correct else 1.0),
        ]

    def to_gift(self, data):
        from ..formats.gift import _html_field

        correct = bool(data.get("correct"))
        right = data.get("feedback_true" if correct else "feedback_false", "")
        wrong = data.get("feedback_false" if correct else "feedback_true", "")
        line = "TRUE" if correct else "FALSE"
        if wrong or right:
            line += f"#{_html_field(wrong)}"
        if right:
            line += f"#{_html_field(right)}"
        return [line]

    def to_moodle_xml(self, element, data):
        import xml.etree.ElementTree as ET

        from ..formats.moodlexml import add_text

        correct = bool(data.get("correct"))
        for value, is_right in (("true", correct), ("false", not correct)):
            answer = ET.SubElement(
                element,
                "answer",
                {
                    "fraction": "100" if is_right else "0",
                    "format": "moodle_auto_format",
                },
            )
            ET.SubElement(answer, "text").text = value
            add_text(answer, "feedback", data.get(f"feedback_{value}", ""))

    def from_moodle_xml(self, element):
        from ..formats.moodlexml import as_html, fraction

        correct = None
        feedback = {"true": "", "false": ""}
        for answer in element.findall("answer"):
            value = answer.text_of("text").strip().lower()
            if value not in feedback:
                continue
            feedback[value] = as_html(answer.find("feedback"))
            if fraction(answer) >= 1:
                correct = value == "true"
        return self.code, {
            "correct": correct,
            "feedback_true": feedback["true"],
            "feedback_false": feedback["false"],
        }

    def from_xlsx_row(self, options, correct):
        from ..formats.xlsx import FALSE_WORDS, TRUE_WORDS, _fold

        word = _fold(correct)
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError(
                _("For a true/false question write Đúng or Sai in “Đáp án đúng”.")
            )
        return {
            "correct": word in TRUE_WORDS,
            "feedback_true": "",
            "feedback_false": "",
        }
