"""GIFT, Moodle's plain-text question format: read into drafts, write from the bank.

The syntax follows Moodle's documentation of the GIFT format. Questions are
separated by blank lines; "//" lines are comments; `$CATEGORY: A/B` applies
to the questions after it; `::name::` and `[html]`, `[markdown]`, `[plain]`
or `[moodle]` may open a question; the answers sit in one `{...}` block.

Drafts hold HTML as written (or as converted from Markdown or plain text):
`create_question` cleans it before anything is saved, so a page that shows a
draft before import must escape or clean it too.

What GIFT cannot say is given a fixed value on import and lost on export:
a short answer is case-insensitive and ignores Vietnamese diacritics; an
essay is answered in rich text with no grader information; marks are 1.
Moodle's description items (text without answers) have no type here, so
they are reported as errors rather than skipped without a word.
"""

import html
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

import markdown
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from lms.sanitise import plain_text
from lms.text import normalise_text

from ..models.bank import QuestionType
from ..qtypes import question_type
from ..question_types import NUMERICAL_ANY, parse_number
from ..services.bank import QuestionDraft, check_draft
from . import FormatError, ParseResult

logger = logging.getLogger(__name__)

DEFAULT_MAX_IMPORT_BYTES = 5 * 1024 * 1024
NAME_LENGTH = 60
BLANK = "_____"
CATEGORY_PREFIX = "$CATEGORY:"

# An escaped special character becomes one private-use character, so the
# parser never mistakes it for syntax and offsets keep their line numbers.
_ESCAPABLE = "~=#{}:\\"
_PLACEHOLDERS = {char: chr(0xE000 + i) for i, char in enumerate(_ESCAPABLE)}
_NEWLINE = chr(0xE000 + len(_ESCAPABLE))
_RESTORE = {ord(p): c for c, p in _PLACEHOLDERS.items()} | {ord(_NEWLINE): "\n"}
_PRIVATE_USE = re.compile("[\ue000-\ue007]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile(r"\\(.)")
_FORMAT = re.compile(r"\[(html|markdown|plain|moodle)\]")
_WEIGHT = re.compile(r"\s*%([^%\n]{0,20})%")
_TRUE_FALSE = re.compile(r"\s*(T|TRUE|F|FALSE)\s*", re.IGNORECASE)
_BLOCK_START = re.compile(
    r"<(p|div|ul|ol|table|h[1-6]|blockquote|pre)[\s>]", re.IGNORECASE
)


class _Problem(Exception):
    """Stops reading one question at its first problem, so no half-read draft exists."""

    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass
class _Source:
    """One question's text with escapes replaced, and where each of its lines was."""

    text: str
    line_numbers: list[int]

    def line_at(self, offset: int) -> int:
        index = self.text.count("\n", 0, max(0, offset))
        return self.line_numbers[min(index, len(self.line_numbers) - 1)]


@dataclass
class _Answer:
    """One `=` or `~` item of an answer block, before it is given its type's shape."""

    marker: str
    weight: float | None
    body: str
    offset: int


# Reading


def parse(text: str | bytes) -> ParseResult:
    """Read a GIFT file into drafts, and every problem as a FormatError with its line.

    A question with a syntax problem gives no draft at all; one that breaks a
    rule of the bank (check_draft) keeps its problems in `draft.errors` too.
    Callers import nothing while `errors` is not empty. Never raises on bad
    input, and touches no database.
    """
    too_large = _size_error(text)
    if too_large:
        return ParseResult([], [FormatError(None, too_large)])
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return ParseResult(
                [], [FormatError(None, _("The file is not UTF-8 text."))]
            )
    result = ParseResult([], [])
    category_path = ""
    for lines in _blocks(_normalise(text)):
        while lines and lines[0][1].strip().startswith(CATEGORY_PREFIX):
            category_path = _unescape(
                _protect(lines[0][1].strip()[len(CATEGORY_PREFIX) :])
            ).strip()
            lines = lines[1:]
        if lines:
            _read_into(result, lines, category_path)
    return result


def _max_bytes() -> int:
    return getattr(settings, "ASSESSMENTS_MAX_IMPORT_BYTES", DEFAULT_MAX_IMPORT_BYTES)


def _size_error(text: str | bytes) -> str:
    """Refuse a file over the limit before any work; a character is 1-4 bytes in UTF-8."""
    limit = _max_bytes()
    if isinstance(text, bytes) or len(text) > limit:
        size = len(text)
    elif len(text) * 4 > limit:
        size = len(text.encode("utf-8", "surrogatepass"))
    else:
        size = 0
    if size <= limit:
        return ""
    return _("The file is larger than %(limit)s; split it into smaller files.") % {
        "limit": filesizeformat(limit)
    }


def _normalise(text: str) -> str:
    """NFC, one kind of line end, no byte-order mark, no characters the parser reserves.

    NFC, so a category or an accepted answer typed with combining marks is the
    same text as its precomposed spelling. Lone surrogates (not text, but a
    Python str may hold them) become U+FFFD.
    """
    text = normalise_text(_SURROGATE.sub("\ufffd", text)).removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _PRIVATE_USE.sub("", text)


def _blocks(text: str):
    """Questions as lists of (line number, line), comments dropped, split at blank lines."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if not stripped:
            if block:
                yield block
            block = []
            continue
        block.append((number, line))
    if block:
        yield block


def _read_into(result: ParseResult, lines, category_path: str) -> None:
    source = _Source(
        text=_protect("\n".join(line for _number, line in lines)),
        line_numbers=[number for number, _line in lines],
    )
    try:
        draft = _read_question(source)
        draft.category_path = category_path
        draft.errors = check_draft(draft)
    except _Problem as problem:
        result.errors.append(
            FormatError(source.line_at(problem.offset), problem.message)
        )
        return
    except Exception:
        # A bug must cost the person one question, not the whole import.
        logger.exception("Unexpected failure reading a GIFT question")
        result.errors.append(
            FormatError(source.line_numbers[0], _("This question could not be read."))
        )
        return
    result.errors.extend(FormatError(draft.line, message) for message in draft.errors)
    result.drafts.append(draft)


def _protect(text: str) -> str:
    r"""Replace `\~ \= \# \{ \} \: \\` and `\n` by placeholders; other backslashes stay."""

    def replace(match):
        char = match.group(1)
        if char in _PLACEHOLDERS:
            return _PLACEHOLDERS[char]
        if char == "n":
            return _NEWLINE
        return match.group(0)

    return _ESCAPE.sub(replace, text)


def _unescape(text: str) -> str:
    return text.translate(_RESTORE)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _read_question(source: _Source) -> QuestionDraft:
    text = source.text
    start = pos = _skip_space(text, 0)
    name = ""
    if text.startswith("::", pos):
        end = text.find("::", pos + 2)
        if end < 0:
            raise _Problem(pos, _("The question name is not closed with “::”."))
        name = " ".join(_unescape(text[pos + 2 : end]).split())
        pos = _skip_space(text, end + 2)
    text_format = "moodle"
    match = _FORMAT.match(text, pos)
    if match:
        text_format = match.group(1)
        pos = match.end()
    open_at, close_at = _answer_block(text, pos)
    content = text[open_at + 1 : close_at]
    general_feedback = ""
    separator = content.rfind("####")
    if separator >= 0:
        general_feedback = _rich_text(content[separator + 4 :], text_format, block=True)
        content = content[:separator]
    question_type, data = _read_answers(content, open_at + 1, text_format)
    after = text[close_at + 1 :]
    question_text = _question_text(text[pos:open_at], after, text_format)
    return QuestionDraft(
        question_type=QuestionType(question_type).value,
        name=name or _default_name(question_text),
        text=question_text,
        data=data,
        general_feedback=general_feedback,
        line=source.line_at(start),
    )


def _answer_block(text: str, pos: int) -> tuple[int, int]:
    """Where the one `{...}` block opens and closes; a problem if there is not exactly one."""
    open_at = text.find("{", pos)
    close_at = text.find("}", pos)
    if open_at < 0:
        if close_at >= 0:
            raise _Problem(
                close_at, _("“}” has no “{” before it. Write \\} for a brace.")
            )
        raise _Problem(
            pos,
            _(
                "This text has no answers in “{…}”. Description items are not "
                "supported: add the text to a question, or write \\{ for a brace."
            ),
        )
    if 0 <= close_at < open_at:
        raise _Problem(close_at, _("“}” has no “{” before it. Write \\} for a brace."))
    if close_at < 0:
        raise _Problem(
            open_at,
            _(
                "The answer block opened with “{” is not closed with “}” before the "
                "next blank line."
            ),
        )
    nested = text.find("{", open_at + 1, close_at)
    if nested >= 0:
        raise _Problem(nested, _("“{” inside an answer block. Write \\{ for a brace."))
    for offset in (text.find("{", close_at + 1), text.find("}", close_at + 1)):
        if offset >= 0:
            raise _Problem(
                offset,
                _(
                    "A question has only one answer block; write \\{ and \\} for "
                    "braces in the text."
                ),
            )
    return open_at, close_at


def _question_text(before: str, after: str, text_format: str) -> str:
    """The text, with a blank where the answers stood when text follows them (missing word)."""
    if not after.strip():
        return _rich_text(before, text_format, block=True)
    blank = "\\_" * len(BLANK) if text_format == "markdown" else BLANK
    return _rich_text(before + blank + after, text_format, block=True)


def _default_name(question_html: str) -> str:
    """The start of the question's words, cut at a space, as Moodle names untitled items."""
    words = " ".join(plain_text(question_html).split())
    if len(words) <= NAME_LENGTH:
        return words
    cut = words[:NAME_LENGTH]
    space = cut.rfind(" ")
    if space > NAME_LENGTH // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def _rich_text(raw: str, default_format: str, *, block: bool) -> str:
    """HTML for a text field, from its own `[format]` prefix or the question's.

    Block fields (question text, general feedback) become paragraphs; inline
    ones (options, feedback, matching prompts) stay without a <p> around them.
    """
    raw = raw.strip()
    text_format = default_format
    match = _FORMAT.match(raw)
    if match:
        text_format = match.group(1)
        raw = raw[match.end() :].strip()
    raw = _unescape(raw).strip()
    if not raw:
        return ""
    if text_format == "html":
        return raw
    if text_format == "markdown":
        converted = markdown.markdown(raw).strip()
        if not block and converted.startswith("<p>") and converted.endswith("</p>"):
            inner = converted[3:-4]
            if "<p>" not in inner:
                return inner
        return converted
    if text_format == "plain":
        body = html.escape(raw, quote=False).replace("\n", "<br>")
        return f"<p>{body}</p>" if block else body
    body = raw.replace("\n", "<br>")
    if block and not _BLOCK_START.match(body):
        return f"<p>{body}</p>"
    return body


def _read_answers(content: str, base: int, text_format: str) -> tuple[str, dict]:
    """The question type and its data, decided the way Moodle decides it."""
    stripped = content.strip()
    if not stripped:
        return QuestionType.ESSAY, {"response_format": "html", "grader_info": ""}
    if stripped.startswith("#"):
        hash_at = content.index("#")
        return QuestionType.NUMERICAL, _numerical(
            content[hash_at + 1 :], base + hash_at + 1, text_format
        )
    if "~" in content:
        return _choices(content, base, text_format)
    if "=" in content and "->" in content:
        return QuestionType.MATCHING, _matching(
            _split_answers(content, base, "="), text_format
        )
    head = content.split("#", 1)[0]
    if _TRUE_FALSE.fullmatch(head):
        return QuestionType.TRUE_FALSE, _true_false(content, base, text_format)
    if stripped.startswith("="):
        return QuestionType.SHORT_ANSWER, _short(content, base, text_format)
    raise _Problem(
        base + (len(content) - len(content.lstrip())),
        _(
            "The answer block is not understood: use =right and ~wrong options, "
            "T or F, #number, =answer -> match, or {} for an essay."
        ),
    )


def _split_answers(content: str, base: int, markers: str) -> list[_Answer]:
    """Cut an answer block at each `=` or `~`, reading an optional %weight% after it."""
    starts = [i for i, char in enumerate(content) if char in markers]
    if not starts or content[: starts[0]].strip():
        offset = _skip_space(content, 0)
        raise _Problem(
            base + offset,
            _("Each answer must start with “=” or “~”; write \\= or \\~ in text."),
        )
    answers = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(content)
        body = content[start + 1 : end]
        weight = None
        match = _WEIGHT.match(body)
        if match:
            weight = _weight(match.group(1), base + start)
            body = body[match.end() :]
        answers.append(_Answer(content[start], weight, body, base + start))
    return answers


def _weight(text: str, offset: int) -> float:
    value = parse_number(_unescape(text))
    if value is None:
        raise _Problem(
            offset, _("The weight “%(weight)s” is not a number.") % {"weight": text}
        )
    if value < -100 or value > 100:
        raise _Problem(
            offset,
            _("The weight %(weight)s%% is outside -100%% to 100%%.")
            % {"weight": text.strip()},
        )
    return value


def _split_feedback(answer: _Answer) -> tuple[str, str]:
    text, _hash, feedback = answer.body.partition("#")
    return text, feedback


def _tidy(number: float) -> float | int:
    """Whole numbers as ints, so the stored JSON reads 1 and 36 rather than 1.0 and 36.0."""
    return int(number) if float(number).is_integer() else number


def _fraction(answer: _Answer, default: float) -> float | int:
    return _tidy(default if answer.weight is None else answer.weight / 100)


def _empty_answer(answer: _Answer) -> _Problem:
    return _Problem(answer.offset, _("An answer is empty."))


def _choices(content: str, base: int, text_format: str) -> tuple[str, dict]:
    """Single choice or multiple response, told apart as Moodle does.

    An `=` option makes it single choice (other options may carry partial
    credit). Without one, it is multiple response when a weight is partial or
    negative, or when every option has a weight (Moodle writes them so);
    otherwise `~%100%` among plain `~` options is the single right answer.
    """
    answers = _split_answers(content, base, "=~")
    choices = []
    for index, answer in enumerate(answers):
        text, feedback = _split_feedback(answer)
        choice_text = _rich_text(text, text_format, block=False)
        if not choice_text:
            raise _empty_answer(answer)
        choices.append(
            {
                "id": _choice_id(index),
                "text": choice_text,
                "fraction": _fraction(answer, 1 if answer.marker == "=" else 0),
                "feedback": _rich_text(feedback, text_format, block=False),
            }
        )
    fractions = [float(c["fraction"]) for c in choices]
    if not any(a.marker == "=" for a in answers) and (
        any(f < 0 or 0 < f < 1 for f in fractions)
        or all(a.weight is not None for a in answers)
    ):
        return QuestionType.MULTIPLE_RESPONSE, {"choices": choices}
    right = sum(1 for f in fractions if f == 1)
    if right != 1:
        raise _Problem(
            answers[0].offset,
            _(
                "A single-choice question needs exactly one right answer "
                "(“=” or “~%%100%%”); this one has %(count)d. For several right "
                "answers, give each a partial weight such as ~%%50%% and no “=”."
            )
            % {"count": right},
        )
    return QuestionType.SINGLE_CHOICE, {"choices": choices}


def _choice_id(index: int) -> str:
    """a, b, ... z, then aa, ab, ...: short ids that stay stable across versions."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = letters[rest] + name
    return name


def _true_false(content: str, base: int, text_format: str) -> dict:
    """Moodle's `{T#wrong#right}`: the first feedback is for a wrong answer, then right."""
    parts = content.split("#")
    if len(parts) > 3:
        offset = base + len(parts[0]) + len(parts[1]) + len(parts[2]) + 2
        raise _Problem(
            offset,
            _("A true/false answer takes at most two feedbacks: {T#wrong#right}."),
        )
    correct = parts[0].strip().upper() in ("T", "TRUE")
    wrong = _rich_text(parts[1], text_format, block=False) if len(parts) > 1 else ""
    right = _rich_text(parts[2], text_format, block=False) if len(parts) > 2 else ""
    return {
        "correct": correct,
        "feedback_true": right if correct else wrong,
        "feedback_false": wrong if correct else right,
    }


def _short(content: str, base: int, text_format: str) -> dict:
    answers = []
    for answer in _split_answers(content, base, "="):
        text, feedback = _split_feedback(answer)
        text = _unescape(text).strip()
        if not text:
            raise _empty_answer(answer)
        answers.append(
            {
                "text": text,
                "fraction": _fraction(answer, 1),
                "feedback": _rich_text(feedback, text_format, block=False),
            }
        )
    return {"answers": answers, "case_sensitive": False, "ignore_diacritics": True}


def _numerical(content: str, base: int, text_format: str) -> dict:
    """`#3.14:0.01`, `#1..5`, or several `=%weight%value:tolerance#feedback` answers."""
    if not content.strip():
        raise _Problem(base, _("An answer is empty."))
    if content.strip()[0] in "=~":
        items = _split_answers(content, base, "=~")
    else:
        items = [_Answer("=", None, content, base)]
    answers = []
    for item in items:
        spec, feedback = _split_feedback(item)
        value, tolerance = _number_and_tolerance(spec, item)
        answers.append(
            {
                "value": value,
                "tolerance": tolerance,
                "fraction": _fraction(item, 1 if item.marker == "=" else 0),
                "feedback": _rich_text(feedback, text_format, block=False),
            }
        )
    return {"answers": answers}


def _number_and_tolerance(spec: str, item: _Answer) -> tuple[float | str, float]:
    """A value with its tolerance; a range min..max is kept as its middle and half-width.

    "*" is Moodle's catch-all, matching any number.
    """
    spec = spec.strip()
    if not spec:
        raise _empty_answer(item)
    if _unescape(spec) == NUMERICAL_ANY:
        return NUMERICAL_ANY, 0
    if ".." in spec:
        low_text, _dots, high_text = spec.partition("..")
        low, high = _number(low_text, item), _number(high_text, item)
        if low > high:
            raise _Problem(
                item.offset,
                _("The range %(range)s starts above its end.") % {"range": spec},
            )
        return _tidy((low + high) / 2), _tidy((high - low) / 2)
    value_text, _colon, tolerance_text = spec.partition(":")
    value = _number(value_text, item)
    tolerance = _number(tolerance_text, item) if tolerance_text.strip() else 0
    if tolerance < 0:
        raise _Problem(item.offset, _("A tolerance cannot be negative."))
    return _tidy(value), _tidy(tolerance)


def _number(text: str, item: _Answer) -> float:
    value = parse_number(_unescape(text))
    if value is None:
        raise _Problem(
            item.offset,
            _("“%(text)s” is not a number.") % {"text": _unescape(text).strip()},
        )
    return value


def _matching(answers: list[_Answer], text_format: str) -> dict:
    """`=prompt -> answer` pairs; an empty prompt is a distractor answer."""
    pairs = []
    for index, item in enumerate(answers, start=1):
        if "->" not in item.body:
            raise _Problem(
                item.offset,
                _("A matching pair needs “->” between the item and its match."),
            )
        prompt, _arrow, answer = item.body.partition("->")
        answer = _unescape(answer).strip()
        if not answer:
            raise _empty_answer(item)
        pairs.append(
            {
                "id": f"p{index}",
                "prompt": _rich_text(prompt, text_format, block=False),
                "answer": answer,
            }
        )
    return {"pairs": pairs}


# Writing


def export(questions: Iterable) -> str:
    """GIFT for the questions' current versions, with a $CATEGORY line where it changes.

    `parse(export(questions))` gives back their types, names, texts, data and
    general feedback (within what GIFT can say: see the module docstring).
    """
    blocks = []
    paths: dict[int, str] = {}
    current_path = None
    for question in questions:
        version = question.current_version
        if version is None:
            continue
        if question.category_id not in paths:
            paths[question.category_id] = _category_path(question.category)
        path = paths[question.category_id]
        if path != current_path:
            blocks.append(f"{CATEGORY_PREFIX} {path}")
            current_path = path
        blocks.append(_export_question(question, version))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _category_path(category) -> str:
    """ "A/B" with a "/" inside a name written "//", as category_for_path reads it."""
    names = [c.name for c in category.get_ancestors()] + [category.name]
    return "/".join(name.replace("/", "//") for name in names)


def escape(text: str) -> str:
    r"""Text as GIFT needs it: special characters and line ends behind a backslash."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def _html_field(text: str) -> str:
    """An inline HTML field; `[html]` in front when the text itself opens with "["."""
    escaped = escape(text)
    return "[html]" + escaped if escaped.startswith("[") else escaped


def _percent(fraction) -> str:
    return f"{float(fraction) * 100:.7f}".rstrip("0").rstrip(".")


def _with_feedback(text: str, feedback: str) -> str:
    return f"{text}#{_html_field(feedback)}" if feedback else text


def _export_question(question, version) -> str:
    lines = [f"::{escape(question.name)}::[html]{escape(version.text)}{{"]
    lines.extend("\t" + line for line in _export_answers(question, version.data))
    if version.general_feedback:
        lines.append(f"\t####{_html_field(version.general_feedback)}")
    lines.append("}")
    return "\n".join(lines)


def _export_answers(question, data: dict) -> list[str]:
    """The lines inside the braces, as the question's type writes them."""
    return question_type(question.question_type).to_gift(data)


def _number_text(value) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)
