"""Scores as numbers: when a fraction counts as right, and how scores are rounded.

Pure functions on plain values. Grading, the attempt review, the quiz page,
the reports and the exports all call these, so each rule lives here once.
"""

from decimal import ROUND_HALF_UP, Decimal

# Moodle's question engine calls a fraction right above 0.999999 and wrong
# below 0.000001 ("appropriate allowance is made for rounding float values"):
# question_state::graded_state_for_fraction in question/engine/states.php
# (moodle/moodle). Its reason is ours: three options weighted 33.33333 % (as
# Moodle XML and GIFT write thirds) add up to 0.9999999, which is right.
FRACTION_TOLERANCE = 1e-6
# Moodle stores a fraction with 7 decimals (NUMBER(12,7)); more is float noise.
FRACTION_PLACES = 7
# Percentages and marks: two decimals, half up (Moodle's default of 2 decimals).
SCORE_QUANTUM = Decimal("0.01")


def is_fully_correct(fraction: float | None) -> bool:
    """Right: within Moodle's tolerance of 1."""
    return fraction is not None and fraction > 1 - FRACTION_TOLERANCE


def is_wrong(fraction: float | None) -> bool:
    """Wrong: within Moodle's tolerance of 0, or below it."""
    return fraction is not None and fraction < FRACTION_TOLERANCE


def normalise_fraction(value: float) -> float:
    """The fraction a response keeps: clamped to 0..1, exactly 1 or 0 when
    within the tolerance of them, otherwise rounded to 7 decimals."""
    if is_fully_correct(value):
        return 1.0
    if is_wrong(value):
        return 0.0
    return round(value, FRACTION_PLACES)


def round_score(value: Decimal | float | int) -> Decimal:
    """The one rounding of marks and percentages: two decimals, half up."""
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(SCORE_QUANTUM, rounding=ROUND_HALF_UP)


def percentage(score: Decimal | None, max_score: Decimal | None) -> Decimal | None:
    """A score as a rounded percentage of its maximum; None without a score or maximum."""
    if score is None or not max_score:
        return None
    return round_score(Decimal(score) * 100 / Decimal(max_score))
