"""Essay: {"response_format": "html"|"plain", "grader_info": str}; a person grades it.

Response: {"text": str}.
"""

from django.utils.translation import gettext as _

from lms.sanitise import clean_html, plain_text

from ..models.bank import QuestionType
from .base import QuestionTypeBase, register

MAX_TEXT_RESPONSE = 20_000


@register
class Essay(QuestionTypeBase):
    code = QuestionType.ESSAY
    label = QuestionType.ESSAY.label
    editor = "assessments.forms_admin.questions.EssayEditor"
    manually_graded = True
    answer_template = "assessments/includes/answers/essay.html"
    response_is_html = True
    xlsx_code = "tu_luan"
    xlsx_help = (
        "Tự luận",
        "Không dùng các cột Phương án; cột Đáp án đúng ghi gợi ý chấm cho người chấm",
    )
    moodle_kind = "essay"

    def validate(self, data):
        if data.get("response_format", "html") not in ("html", "plain"):
            return [_("Unknown essay response format.")]
        return []

    def clean_response(self, data, raw):
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            return None
        text = text[:MAX_TEXT_RESPONSE]
        if data.get("response_format") == "plain":
            return {"text": plain_text(text)}
        return {"text": clean_html(text)}

    def grade(self, data, response):
        """Never called by question_types.grade: a person grades an essay."""
        from .base import Grade

        return Grade(None)

    def right_answer_text(self, data):
        return ""

    def to_gift(self, data):
        """An essay in GIFT is empty braces: `{}`."""
        return []

    def to_moodle_xml(self, element, data):
        import xml.etree.ElementTree as ET

        from ..formats.moodlexml import add_text

        plain = data.get("response_format") == "plain"
        ET.SubElement(element, "responseformat").text = "plain" if plain else "editor"
        ET.SubElement(element, "responserequired").text = "1"
        ET.SubElement(element, "responsefieldlines").text = "15"
        add_text(element, "graderinfo", data.get("grader_info", ""))

    def from_moodle_xml(self, element):
        from ..formats.moodlexml import PLAIN_RESPONSE_FORMATS, as_html

        response_format = element.text_of("responseformat", default="editor").strip()
        return self.code, {
            "response_format": "plain"
            if response_format in PLAIN_RESPONSE_FORMATS
            else "html",
            "grader_info": as_html(element.find("graderinfo")),
        }

    def from_xlsx_row(self, options, correct):
        from ..formats.xlsx import as_html

        return {"response_format": "html", "grader_info": as_html(correct)}
