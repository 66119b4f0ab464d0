"""Question types as classes, one module per type, found through a registry.

`question_type(code)` returns the type; `registered_types()` lists them in the
order they registered. The built-in types register themselves (`@register`)
when this package imports their modules below; an eighth type is one more
module and one more name on that line.
"""

# isort: off
# The built-in types, in the order lists and templates show them.
from . import choice, true_false, short_answer, numerical, matching, essay  # noqa: F401

# isort: on
from .base import (
    Grade,
    NotSupported,
    QuestionTypeBase,
    find_question_type,
    question_type,
    register,
    registered_types,
    unregister,
)

__all__ = [
    "Grade",
    "NotSupported",
    "QuestionTypeBase",
    "find_question_type",
    "question_type",
    "register",
    "registered_types",
    "unregister",
]
