"""Who may take a quiz. Apps above assessments say so through rules they register.

courses registers a rule in its ready(): a quiz placed in a lesson is for the
learners enrolled in that course. The quiz engine never imports courses.

A rule that refuses may also say how to gain access, by returning a
`QuizAccessDenial` (a message and a link) instead of False: the quiz page then
tells the learner what to do rather than answering "not found". A rule returns
a denial only when the learner may know the way in (the course is visible to
them); otherwise it returns False and nothing about the quiz leaks.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class QuizAccessDenial:
    """A refusal that says how to gain access: a message and where to go."""

    message: str
    url: str = ""
    link_text: str = ""


QuizAccessVerdict = bool | QuizAccessDenial | None
QuizAccessRule = Callable[[object, object], QuizAccessVerdict]
_rules: list[QuizAccessRule] = []


def register_quiz_access_rule(rule: QuizAccessRule) -> None:
    """rule(user, quiz) returns True (may take it), False (may not), None (no
    opinion) or a QuizAccessDenial (may not, and here is how to gain access)."""
    if rule not in _rules:
        _rules.append(rule)


@dataclass(frozen=True)
class QuizAccess:
    allowed: bool
    denial: QuizAccessDenial | None = None


def quiz_access(user: Any, quiz: Any) -> QuizAccess:
    """Signed in, refused by no rule, and allowed by a rule or open to all.

    Refused, it carries the first denial a rule gave, if any rule gave one.
    """
    if not user.is_authenticated or not user.is_active:
        return QuizAccess(allowed=False)
    verdicts = [rule(user, quiz) for rule in _rules]
    denials = [v for v in verdicts if isinstance(v, QuizAccessDenial)]
    if False in verdicts or denials:
        return QuizAccess(allowed=False, denial=denials[0] if denials else None)
    if True in verdicts or quiz.open_to_all:
        return QuizAccess(allowed=True)
    return QuizAccess(allowed=False)


def may_take_quiz(user: Any, quiz: Any) -> bool:
    """Signed in, refused by no rule, and allowed by a rule or open to all."""
    return quiz_access(user, quiz).allowed
