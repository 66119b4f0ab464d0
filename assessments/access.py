"""Who may take a quiz. Apps above assessments say so through rules they register.

courses registers a rule in its ready(): a quiz placed in a lesson is for the
learners enrolled in that course. The quiz engine never imports courses.
"""

from collections.abc import Callable

QuizAccessRule = Callable[[object, object], bool | None]
_rules: list[QuizAccessRule] = []


def register_quiz_access_rule(rule: QuizAccessRule) -> None:
    """rule(user, quiz) returns True (may take it), False (may not) or None (no opinion)."""
    if rule not in _rules:
        _rules.append(rule)


def may_take_quiz(user, quiz) -> bool:
    """Signed in, refused by no rule, and allowed by a rule or open to all."""
    if not user.is_authenticated or not user.is_active:
        return False
    verdicts = [rule(user, quiz) for rule in _rules]
    if False in verdicts:
        return False
    return True in verdicts or quiz.open_to_all
