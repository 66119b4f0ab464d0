"""Which questions a quiz asks: its slots, fixed or drawn at random."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from ..models import Question, QuestionCategory, Quiz, QuizSlot


def _next_position(quiz: Quiz) -> int:
    return (quiz.slots.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def add_fixed_slot(
    quiz: Quiz, *, question: Question, marks: Decimal | None = None
) -> QuizSlot:
    """Ask this question at the end of the quiz (marks default to the question's own)."""
    if marks is None:
        if question.current_version is None:
            raise ValueError("A question without text has no default marks.")
        marks = question.current_version.default_marks
    return QuizSlot.objects.create(
        quiz=quiz, position=_next_position(quiz), question=question, marks=marks
    )


@transaction.atomic
def add_random_slot(
    quiz: Quiz,
    *,
    category: QuestionCategory,
    count: int,
    include_subcategories: bool = True,
    marks: Decimal = Decimal("1"),
) -> QuizSlot:
    """Draw `count` questions from a category at the end of the quiz, anew for each attempt."""
    return QuizSlot.objects.create(
        quiz=quiz,
        position=_next_position(quiz),
        random_category=category,
        random_count=count,
        include_subcategories=include_subcategories,
        marks=marks,
    )


def renumber_slots(quiz: Quiz) -> None:
    """Positions 1, 2, 3... in the order the trainer set, ties by creation."""
    slots = list(quiz.slots.order_by("position", "pk"))
    for number, slot in enumerate(slots, start=1):
        slot.position = number
    QuizSlot.objects.bulk_update(slots, ["position"])
