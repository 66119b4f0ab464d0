"""Question bank → quizzes → attempts. Past attempts keep the question versions they were given."""

from .attempts import Attempt, AttemptQuestion, RegradeRecord
from .bank import Question, QuestionCategory, QuestionVersion
from .imports import QuestionImport
from .quizzes import Quiz, QuizSlot

__all__ = [
    "Attempt",
    "AttemptQuestion",
    "Question",
    "QuestionCategory",
    "QuestionImport",
    "QuestionVersion",
    "Quiz",
    "QuizSlot",
    "RegradeRecord",
]
