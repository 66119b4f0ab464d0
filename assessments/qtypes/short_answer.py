"""Short answer: {"answers": [{"text", "fraction", "feedback"}], "case_sensitive": bool,
"ignore_diacritics": bool}; "*" in an answer matches any characters.

Response: {"text": str}.
"""

import re

from django.utils.translation import gettext as _

from lms.text import fold_vietnamese

from ..models.bank import QuestionType
from ..scoring import is_fully_correct
from .base import QuestionTypeBase, best_answer, register
from .text import TextResponseMixin


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


@register
class ShortAnswer(TextResponseMixin, QuestionTypeBase):
    code = QuestionType.SHORT_ANSWER
    label = QuestionType.SHORT_ANSWER.label
    editor = "assessments.forms_admin.questions.ShortAnswerEditor"
    answer_template = "assessments/includes/answers/short.html"
    xlsx_code = "tra_loi_ngan"
    xlsx_help = (
        "Trả lời ngắn",
        "Mỗi cột Phương án là một câu trả lời được chấp nhận (dấu * thay cho bất kỳ "
        "ký tự nào); không phân biệt chữ hoa, chữ thường và dấu tiếng Việt. "
        "Để trống Đáp án đúng: mọi câu trả lời đều được 100%; "
        "hoặc ghi tỉ lệ: A=100;B=50",
    )
    moodle_kind = "shortanswer"

    def validate(self, data):
        answers = data.get("answers") or []
        if not answers or any(not str(a.get("text", "")).strip() for a in answers):
            return [_("A short-answer question needs accepted answers, none empty.")]
        if not any(is_fully_correct(float(a.get("fraction", 0))) for a in answers):
            return [_("One accepted answer must be worth 100%.")]
        return []

    def grade(self, data, response):
        text = response.get("text", "")
        return best_answer(
            data.get("answers", []),
            lambda a: short_answer_matches(a["text"], text, data),
        )

    def right_answer_text(self, data):
        best = [
            a["text"]
            for a in data.get("answers", [])
            if is_fully_correct(float(a["fraction"]))
        ]
        return "; ".join(best)

    def to_gift(self, data):
        from ..formats.gift import _percent, _with_feedback, escape

        lines = []
        for answer in data.get("answers", []):
            text = escape(answer.get("text", ""))
            fraction = float(answer.get("fraction", 0))
            if fraction != 1 or text.startswith("%"):
                text = f"%{_percent(fraction)}%{text}"
            lines.append(_with_feedback("=" + text, answer.get("feedback", "")))
        return lines

    def to_moodle_xml(self, element, data):
        import xml.etree.ElementTree as ET

        from ..formats.moodlexml import add_text, percent

        ET.SubElement(element, "usecase").text = (
            "1" if data.get("case_sensitive") else "0"
        )
        ET.SubElement(element, "ignorediacritics").text = (
            "1" if data.get("ignore_diacritics") else "0"
        )
        for accepted in data.get("answers", []):
            answer = ET.SubElement(
                element,
                "answer",
                {
                    "fraction": percent(accepted.get("fraction", 0)),
                    "format": "plain_text",
                },
            )
            ET.SubElement(answer, "text").text = accepted.get("text", "")
            add_text(answer, "feedback", accepted.get("feedback", ""))

    def from_moodle_xml(self, element):
        from ..formats.moodlexml import as_html, fraction, is_true

        answers = [
            {
                "text": answer.text_of("text").strip(),
                "fraction": fraction(answer),
                "feedback": as_html(answer.find("feedback")),
            }
            for answer in element.findall("answer")
        ]
        return self.code, {
            "answers": answers,
            "case_sensitive": is_true(element.text_of("usecase", default="0")),
            # Not Moodle's: our export writes it so a round trip keeps it. Without
            # it, diacritics are ignored, as for GIFT and Excel imports: learners
            # on phones often type Vietnamese without them.
            "ignore_diacritics": is_true(
                element.text_of("ignorediacritics", default="1")
            ),
        }

    def from_xlsx_row(self, options, correct):
        from ..formats.xlsx import answer_weights

        weights = answer_weights(options, correct)
        return {
            "answers": [
                {"text": text, "fraction": weights.get(letter, 0), "feedback": ""}
                for letter, text in options.items()
            ],
            "case_sensitive": False,
            "ignore_diacritics": True,
        }
