"""Moodle XML: the question export format of Moodle's question bank.

Parsing goes through defusedxml's SAX reader with DTDs forbidden, so a file
that declares a DOCTYPE (the door to external entities and entity expansion)
is refused before anything is fetched or expanded. SAX, unlike
defusedxml.ElementTree, reports line numbers, so every error points at the
<question> it belongs to.

Moodle writes fractions as percentages ("100", "-33.33333"); the bank stores
them as 0..1. Category pseudo-questions ("$course$/top/A/B") set the category
of the questions after them. Only the types the bank knows are read; anything
else (description, cloze, calculated...) is reported, not skipped silently.
"""

import gc
import html
import string
import xml.sax
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# ElementTree only writes here; every read goes through defusedxml.
from xml.etree import ElementTree as ET
from xml.sax.xmlreader import Locator

from defusedxml import DefusedXmlException
from defusedxml import sax as defused_sax
from django.utils.translation import gettext as _

from lms.text import normalise_text

from ..models import Question
from ..qtypes import question_type, registered_types
from ..question_types import NUMERICAL_ANY
from ..services.bank import MARKS_STEP, QuestionDraft, check_draft, marks_error
from . import FormatError, ParseResult

# Category paths in Moodle start with the context and the "top" category,
# which the bank has no use for.
CONTEXT_PREFIXES = {"$course$", "$system$", "$module$", "$coursecategory$", "top"}
PLAIN_RESPONSE_FORMATS = {"plain", "monospaced"}


# --- A small tree with line numbers -----------------------------------------------


@dataclass
class Element:
    """An XML element as the SAX reader saw it, with the line its start tag is on."""

    tag: str
    attrs: dict[str, str]
    line: int | None
    children: list["Element"] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def find(self, tag: str) -> "Element | None":
        return next((child for child in self.children if child.tag == tag), None)

    def findall(self, tag: str) -> list["Element"]:
        return [child for child in self.children if child.tag == tag]

    def text_of(self, *path: str, default: str = "") -> str:
        """The text at the end of a path of child tags, e.g. ("name", "text")."""
        element: Element | None = self
        for tag in path:
            element = element.find(tag) if element is not None else None
        return element.text if element is not None else default


class TreeBuilder(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.locator: Locator | None = None
        self.root: Element | None = None
        self.stack: list[Element] = []

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def current_line(self) -> int | None:
        return self.locator.getLineNumber() if self.locator else None

    def startElement(self, name, attrs):
        element = Element(name, dict(attrs.items()), self.current_line())
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)

    def endElement(self, name):
        # NFC once, on the whole text: SAX may split it between two calls
        # of characters(), even inside a letter and its combining mark.
        element = self.stack.pop()
        element.parts = [normalise_text("".join(element.parts))]

    def characters(self, content):
        if self.stack:
            self.stack[-1].parts.append(content)


class XMLRefused(Exception):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def read_tree(data: bytes) -> Element:
    """The document's tree, or XMLRefused for malformed or unsafe XML.

    The cyclic garbage collector is paused while the tree is built: it holds
    no cycles, and the collector's passes over tens of thousands of new
    elements took more than half the time of reading a 5 MB file.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_tree(data)
    finally:
        if collecting:
            gc.enable()


def _read_tree(data: bytes) -> Element:
    builder = TreeBuilder()
    try:
        defused_sax.parseString(
            data,
            builder,
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
    except DefusedXmlException as error:
        raise XMLRefused(
            builder.current_line(),
            _(
                "The file declares a DOCTYPE or entities, which are not allowed "
                "in a question file. Export it again from Moodle."
            ),
        ) from error
    except xml.sax.SAXParseException as error:
        raise XMLRefused(
            error.getLineNumber(),
            _("The file is not well-formed XML: %(problem)s.")
            % {"problem": error.getMessage()},
        ) from error
    if builder.root is None:
        raise XMLRefused(None, _("The file is empty."))
    return builder.root


# --- Reading questions ------------------------------------------------------------


def parse(data: bytes) -> ParseResult:
    """Read a Moodle XML file into drafts; every problem comes back with its line."""
    result = ParseResult()
    if not data.strip():
        result.errors.append(FormatError(None, _("The file is empty.")))
        return result
    try:
        root = read_tree(data)
    except XMLRefused as refused:
        result.errors.append(FormatError(refused.line, refused.message))
        return result
    if root.tag != "quiz":
        result.errors.append(
            FormatError(
                root.line,
                _(
                    "This is not a Moodle XML question file (it should start with <quiz>)."
                ),
            )
        )
        return result
    category_path = ""
    for element in root.findall("question"):
        kind = element.attrs.get("type", "")
        if kind == "category":
            category_path = category_path_from_moodle(
                element.text_of("category", "text")
            )
            continue
        if reader_for(kind) is None:
            result.errors.append(
                FormatError(
                    element.line,
                    _("Question type “%(type)s” is not supported.") % {"type": kind},
                )
            )
            continue
        try:
            draft = read_question(element, kind)
        except ValueError as error:
            result.errors.append(FormatError(element.line, str(error)))
            continue
        draft.category_path = category_path
        draft.errors = check_draft(draft)
        result.errors.extend(FormatError(draft.line, m) for m in draft.errors)
        result.drafts.append(draft)
    return result


def split_path(path: str) -> list[str]:
    """Path parts, with "//" (an escaped "/") kept inside a part."""
    return [part.replace("\x00", "/") for part in path.replace("//", "\x00").split("/")]


def join_path(parts: Iterable[str]) -> str:
    return "/".join(part.replace("/", "//") for part in parts)


def category_path_from_moodle(path: str) -> str:
    """ "$course$/top/A/B" → "A/B": the context and "top" mean nothing here."""
    parts = [part.strip() for part in split_path(path.strip())]
    while parts and (parts[0] in CONTEXT_PREFIXES or parts[0].startswith("$cat")):
        parts.pop(0)
    return join_path(part for part in parts if part)


def as_html(element: Element | None) -> str:
    """A <questiontext>-like element's text as HTML, whatever format it declares."""
    if element is None:
        return ""
    text = element.text_of("text").strip()
    if element.attrs.get("format", "html") == "html":
        return text
    return "<br>".join(html.escape(line) for line in text.splitlines())


def tidy(number: float) -> float | int:
    """Whole numbers as ints, so stored JSON reads 1 and 36, as GIFT imports write it."""
    return int(number) if float(number).is_integer() else number


def fraction(element: Element) -> float | int:
    """Moodle's percentage as a 0..1 fraction."""
    raw = element.attrs.get("fraction", "0")
    try:
        return tidy(round(float(raw) / 100, 7))
    except ValueError:
        raise ValueError(
            _("The answer weight “%(value)s” is not a number.") % {"value": raw}
        ) from None


def marks(element: Element) -> Decimal:
    raw = element.text_of("defaultgrade", default="1").strip() or "1"
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(
            _("The default mark “%(value)s” is not a number.") % {"value": raw}
        ) from None
    if not value.is_finite() or value < 0:
        raise ValueError(
            _("The default mark “%(value)s” is not a number.") % {"value": raw}
        )
    too_large = marks_error(value)
    if too_large:
        raise ValueError(too_large)
    return value.quantize(MARKS_STEP)


def option_id(index: int) -> str:
    """a, b, ... z, then a1, b1...: short ids, as the bank's own forms make."""
    letter = string.ascii_lowercase[index % 26]
    return letter if index < 26 else f"{letter}{index // 26}"


def is_true(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes")


def read_question(element: Element, kind: str) -> QuestionDraft:
    code, data = reader_for(kind).from_moodle_xml(element)
    return QuestionDraft(
        question_type=code,
        name=element.text_of("name", "text").strip(),
        text=as_html(element.find("questiontext")),
        data=data,
        general_feedback=as_html(element.find("generalfeedback")),
        default_marks=marks(element),
        line=element.line,
    )


def reader_for(kind: str):
    """The question type that reads <question type="kind">; None when none does."""
    for candidate in registered_types():
        if candidate.moodle_kind == kind:
            return candidate
    return None


# --- Writing questions ------------------------------------------------------------


def percent(value) -> str:
    """A 0..1 fraction as Moodle's percentage, without trailing zeros."""
    text = f"{float(value) * 100:.7f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def number(value) -> str:
    if value == NUMERICAL_ANY:
        return value
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def add_text(parent: ET.Element, tag: str, text: str, *, is_html=True) -> ET.Element:
    """<tag format="html"><text>…</text></tag>, the way Moodle wraps every text."""
    element = ET.SubElement(parent, tag, {"format": "html"} if is_html else {})
    ET.SubElement(element, "text").text = text or ""
    return element


def category_path_to_moodle(category) -> str:
    names = [a.name for a in category.get_ancestors()] + [category.name]
    return "$course$/top/" + join_path(names)


def write_question(parent: ET.Element, question) -> None:
    version = question.current_version
    data = version.data or {}
    kind = question_type(question.question_type)
    element = ET.SubElement(parent, "question", {"type": kind.moodle_kind})
    add_text(element, "name", question.name, is_html=False)
    add_text(element, "questiontext", version.text)
    add_text(element, "generalfeedback", version.general_feedback)
    ET.SubElement(element, "defaultgrade").text = str(version.default_marks)
    kind.to_moodle_xml(element, data)


def export(questions: Iterable[Question]) -> bytes:
    """The questions as a Moodle XML file, each category announced before its questions.

    Questions without a current version have nothing to say and are left out.
    """
    root = ET.Element("quiz")
    category_id = None
    for question in questions:
        if question.current_version is None:
            continue
        if question.category_id != category_id:
            category_id = question.category_id
            category = ET.SubElement(root, "question", {"type": "category"})
            add_text(
                category,
                "category",
                category_path_to_moodle(question.category),
                is_html=False,
            )
        write_question(root, question)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
