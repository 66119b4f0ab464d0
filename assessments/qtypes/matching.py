"""Matching: {"pairs": [{"id", "prompt", "answer"}]}; a pair with an empty
prompt is a distractor answer. Response: {"pairs": {pair_id: answer}}.
"""

from django.utils.translation import gettext as _

from ..models.bank import QuestionType
from .base import Grade, QuestionTypeBase, register


def matching_answers(data: dict) -> list[str]:
    """The distinct answers a matching question offers, in a stable order."""
    seen: dict[str, None] = {}
    for pair in data.get("pairs", []):
        seen.setdefault(pair["answer"], None)
    return list(seen)


@register
class Matching(QuestionTypeBase):
    code = QuestionType.MATCHING
    label = QuestionType.MATCHING.label
    editor = "assessments.forms_admin.questions.MatchingEditor"
    answer_template = "assessments/includes/answers/matching.html"
    xlsx_code = "ghep_doi"
    xlsx_help = (
        "Ghép đôi",
        "Mỗi cột Phương án là một cặp “vế trái -> vế phải”; "
        "ghi “-> vế phải” để thêm một vế phải gây nhiễu. Không dùng cột Đáp án đúng",
    )
    moodle_kind = "matching"

    def option_ids(self, data):
        return [p["id"] for p in data.get("pairs", [])]

    def option_order(self, data, *, shuffle, rng):
        """Prompts (shuffled when the quiz says so) and answers (always shuffled)."""
        order = super().option_order(data, shuffle=shuffle, rng=rng)
        answers = matching_answers(data)
        rng.shuffle(answers)
        return {"prompts": order, "answers": answers}

    def validate(self, data):
        errors = []
        pairs = data.get("pairs") or []
        prompts = [p for p in pairs if str(p.get("prompt", "")).strip()]
        if len(prompts) < 2:
            errors.append(_("A matching question needs at least two pairs."))
        if any(not str(p.get("answer", "")).strip() for p in pairs):
            errors.append(_("A matching pair has no answer."))
        return errors

    def raw_from_post(self, post, key):
        """One field per prompt: `<key>-<pair id>`."""
        prefix = f"{key}-"
        return {
            "pairs": {
                name[len(prefix) :]: value
                for name, value in post.items()
                if name.startswith(prefix)
            }
        }

    def clean_response(self, data, raw):
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

    def grade(self, data, response):
        prompts = [p for p in data.get("pairs", []) if p.get("prompt")]
        if not prompts:
            return Grade(0.0)
        given = response.get("pairs", {})
        right = sum(1 for p in prompts if given.get(p["id"]) == p["answer"])
        return Grade(right / len(prompts))

    def fill_answering_view(self, view, aq, data, response):
        order = aq.choice_order or {}
        pairs = {p["id"]: p for p in data.get("pairs", [])}
        given = response.get("pairs", {})
        view.prompts = [
            {"id": i, "text": pairs[i]["prompt"], "chosen": given.get(i, "")}
            for i in order.get("prompts", [])
            if i in pairs and pairs[i].get("prompt")
        ]
        view.answers = order.get("answers") or matching_answers(data)

    def response_text(self, data, response):
        from lms.sanitise import plain_text

        prompts = {p.get("id"): p.get("prompt", "") for p in data.get("pairs", [])}
        pairs = response.get("pairs") or {}
        return "; ".join(
            f"{plain_text(str(prompts.get(k, k)))} → {plain_text(str(v))}"
            for k, v in pairs.items()
        )

    def right_answer_text(self, data):
        return "; ".join(
            f"{p['prompt']} → {p['answer']}"
            for p in data.get("pairs", [])
            if p.get("prompt")
        )

    def to_gift(self, data):
        from ..formats.gift import _html_field, escape

        lines = []
        for pair in data.get("pairs", []):
            # "->" separates prompt from answer; in HTML "-&gt;" reads the same.
            prompt = _html_field(pair.get("prompt", "").replace("->", "-&gt;"))
            lines.append(f"={prompt} -> {escape(pair.get('answer', ''))}")
        return lines

    def to_moodle_xml(self, element, data):
        import xml.etree.ElementTree as ET

        from ..formats.moodlexml import add_text

        ET.SubElement(element, "shuffleanswers").text = "true"
        for pair in data.get("pairs", []):
            subquestion = add_text(element, "subquestion", pair.get("prompt", ""))
            answer = ET.SubElement(subquestion, "answer")
            ET.SubElement(answer, "text").text = pair.get("answer", "")

    def from_moodle_xml(self, element):
        from ..formats.moodlexml import as_html

        pairs = [
            {
                "id": f"p{index}",
                "prompt": as_html(subquestion),
                "answer": subquestion.text_of("answer", "text").strip(),
            }
            for index, subquestion in enumerate(element.findall("subquestion"), start=1)
        ]
        return self.code, {"pairs": pairs}

    def from_xlsx_row(self, options, correct):
        from ..formats.xlsx import PAIR_ARROW, as_html

        pairs = []
        for index, (letter, text) in enumerate(options.items(), start=1):
            parts = PAIR_ARROW.split(text, maxsplit=1)
            if len(parts) != 2:
                raise ValueError(
                    _("Option %(letter)s should be a pair “prompt -> answer”.")
                    % {"letter": letter}
                )
            pairs.append(
                {"id": f"p{index}", "prompt": as_html(parts[0]), "answer": parts[1]}
            )
        return {"pairs": pairs}
