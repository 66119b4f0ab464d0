"""What every question type says about itself, and the registry that finds it.

A type is one class: the shape of its data, how a response is cleaned and
graded, what the attempt page shows, which admin editor builds it and how it
travels in GIFT, Moodle XML and Excel. The rest of the code asks the registry
(`question_type(code)`) instead of branching on the code, so a new type is one
module here plus its tests.

Format-general work (tokenising GIFT, reading XML, reading a worksheet) stays
in `assessments.formats`; only what differs by type lives on the class.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _lazy

from ..scoring import normalise_fraction

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from django_stubs_ext import StrOrPromise

    from ..display import QuestionView
    from ..models import AttemptQuestion


NOT_SUPPORTED = _lazy("This file format cannot hold this question type.")


class NotSupported(ValueError):
    """A format cannot carry this type (said explicitly, never by a missing hook).

    A ValueError, so a file import reports it on the row or question it concerns.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else str(NOT_SUPPORTED)


@dataclass
class Grade:
    """A response's score as a fraction of the question's marks; None: a person grades it."""

    fraction: float | None
    feedback: list[str] = field(default_factory=list)


def clamp(value: float) -> float:
    """A fraction as a response keeps it (assessments.scoring.normalise_fraction)."""
    return normalise_fraction(value)


def answer_feedback(answer: dict) -> list[str]:
    return [answer["feedback"]] if answer.get("feedback") else []


def best_answer(answers, matches) -> Grade:
    """The highest-credit accepted answer that matches, as Moodle picks it."""
    matching = [a for a in answers if matches(a)]
    if not matching:
        return Grade(0.0)
    best = max(matching, key=lambda a: float(a["fraction"]))
    return Grade(clamp(float(best["fraction"])), answer_feedback(best))


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


class QuestionTypeBase(ABC):
    """One question type. Subclasses set `code`, `label` and override the hooks.

    Every hook has a meaning on the base class only where a neutral answer
    exists (no options to shuffle, no option analysis); grading, validation,
    cleaning and the format hooks are abstract: each type writes them (or
    raises NotSupported on purpose), and a type that forgets one cannot be
    registered.
    """

    code: ClassVar[str]
    label: ClassVar[StrOrPromise]
    # The admin editor: a TypeEditor subclass or its dotted path (resolved late,
    # since the forms import this package).
    editor: ClassVar[type | str]
    # What the attempt page shows for answering (context: question, disabled).
    answer_template: ClassVar[str]
    # The review shows the response as HTML (it was cleaned as HTML).
    response_is_html: ClassVar[bool] = False
    # A person grades the response (the attempt waits for them).
    manually_graded: ClassVar[bool] = False
    # The quiz statistics count how often each option was chosen.
    has_option_analysis: ClassVar[bool] = False
    # The "type" column of the Excel template, in Vietnamese without marks.
    xlsx_code: ClassVar[str]
    # (name, how to fill the row) on the Excel template's help sheet; Vietnamese
    # only, as the whole template is.
    xlsx_help: ClassVar[tuple[str, str]]
    # <question type="..."> in Moodle XML.
    moodle_kind: ClassVar[str]

    # --- Data and responses -----------------------------------------------------

    @abstractmethod
    def validate(self, data: dict) -> list[str]:
        """What is wrong with the data, in the user's language; empty when valid."""

    def option_ids(self, data: dict) -> list[str]:
        """The ids whose order a quiz may shuffle."""
        return []

    def option_order(self, data: dict, *, shuffle: bool, rng) -> list | dict:
        """The order a learner sees the options in (AttemptQuestion.choice_order)."""
        order = self.option_ids(data)
        if shuffle:
            rng.shuffle(order)
        return order

    def raw_from_post(self, post, key: str) -> dict:
        """The raw response in the attempt form's fields named `key` (cleaned later)."""
        return {"text": post.get(key, "")}

    @abstractmethod
    def clean_response(self, data: dict, raw: dict) -> dict | None:
        """Only what a response may hold; None when it holds nothing. `raw` is a dict."""

    @abstractmethod
    def grade(self, data: dict, response: dict) -> Grade:
        """The score of a non-empty cleaned response (normalised by the caller)."""

    # --- Display ----------------------------------------------------------------

    def fill_answering_view(
        self, view: QuestionView, aq: AttemptQuestion, data: dict, response: dict
    ) -> None:
        """What the attempt page shows for answering (no key, no weights)."""
        view.text_response = response.get("text", "")

    def mark_correct_options(self, view: QuestionView, data: dict) -> None:
        """In a review that shows answers: which shown options are right.

        A type without options has none to mark."""
        return None

    def response_text(self, data: dict, response: dict) -> str:
        """A stored response as plain text, for the attempts export."""
        from lms.sanitise import plain_text

        return plain_text(str(response.get("text", "")))

    @abstractmethod
    def right_answer_text(self, data: dict) -> str:
        """The key in words, as Moodle's "The correct answer is: ..."."""

    def analysis_options(self, data: dict) -> list[tuple[object, str, float | None]]:
        """(key, label, fraction) of each option, for has_option_analysis types."""
        raise NotSupported

    # --- Admin editor -----------------------------------------------------------

    def editor_class(self) -> type:
        editor = self.editor
        return import_string(editor) if isinstance(editor, str) else editor

    # --- Formats ----------------------------------------------------------------

    @abstractmethod
    def to_gift(self, data: dict) -> list[str]:
        """The answer lines inside the braces of a GIFT question."""

    @abstractmethod
    def to_moodle_xml(self, element: Element, data: dict) -> None:
        """The type's children of <question type="moodle_kind">."""

    @abstractmethod
    def from_moodle_xml(self, element) -> tuple[str, dict]:
        """(type code, data) from <question type="moodle_kind">; the code may be a
        sibling type's (Moodle's "multichoice" is single choice or multiple response).
        """

    @abstractmethod
    def from_xlsx_row(self, options: dict[str, str], correct: str) -> dict:
        """Data from a worksheet row's options A–F and its "Đáp án đúng" cell."""


_REGISTRY: dict[str, QuestionTypeBase] = {}


def register(cls: type[QuestionTypeBase]) -> type[QuestionTypeBase]:
    """Class decorator: make a type known by its code (a later one replaces it)."""
    _REGISTRY[cls.code] = cls()
    return cls


def unregister(code: str) -> None:
    """Forget a type (tests that register a fake one clean up with this)."""
    _REGISTRY.pop(code, None)


def question_type(code: str) -> QuestionTypeBase:
    """The type registered under `code`; KeyError when there is none."""
    return _REGISTRY[code]


def find_question_type(code: str) -> QuestionTypeBase | None:
    return _REGISTRY.get(code)


def registered_types() -> list[QuestionTypeBase]:
    return list(_REGISTRY.values())
