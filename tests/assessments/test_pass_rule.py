"""The pass rule, written once in assessments.selectors and used by courses."""

from decimal import Decimal

import pytest

from assessments.models import Quiz
from assessments.selectors import quiz_grade_passes


@pytest.mark.parametrize(
    "grade, passes",
    [
        (Decimal("70"), True),
        (Decimal("70.01"), True),
        (Decimal("69.99"), False),
        (None, False),
    ],
)
def test_a_grade_passes_at_or_above_the_pass_percentage(grade, passes):
    quiz = Quiz(pass_percentage=Decimal("70"))
    assert quiz_grade_passes(quiz=quiz, grade=grade) is passes
