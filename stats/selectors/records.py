"""The records behind a figure (the dashboard's drill-down lists): the same
querysets the figures count, narrowed to one cell of a table.

Each list starts from the scope (figures_scope decides whose records a person
may open) and the selector the figure came from, so a number and its list can
never disagree; the narrowing repeats the tables' own groupings (a unit row
rolled up the tree, a target group, a sex, a month, a level, an age band, an
employment type).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from assessments.models import Attempt
from certificates.models import Certificate
from courses.models import Enrolment
from people.models import AdminUnit
from training.models import Participant, TrainingClass

from .online import certificates_in_scope, enrolments_in_scope, graded_attempts
from .scope import FiguresScope, UnitMapping, held_classes, participant_turns
from .training import AGE_GROUPS, LEVELS, _years_before
from .units import mapped_paths

# A row of "no target group" or "employment not recorded" in the tables.
NONE = "none"
UNKNOWN_AGE = "unknown"
OTHER_LEVEL = "other"


@dataclass(frozen=True)
class TurnCell:
    """Which cell of the participant-turn tables a list stands for."""

    unit: AdminUnit | None = None  # a unit row, rolled up the tree
    sex: str = ""
    target_group_id: int | None = None
    no_target_group: bool = False  # the row of people in no target group
    month: dt.date | None = None  # its first day
    level: str = ""
    age_group: str = ""
    employment_type: str | None = None  # a value, "" (not recorded) or None
    leaders: bool = False


def _in_unit_row(
    turns: QuerySet[Participant], scope: FiguresScope, unit: AdminUnit
) -> QuerySet[Participant]:
    """The turns a unit's row counts: its own and its subtree's, or (mapped to
    today) those of the units that passed into it, as units.rolled_up_by_unit
    places them (a unit split between several counts under their parent)."""
    own = Q(training_class__unit__path__startswith=unit.path)
    if scope.filter.mapping != UnitMapping.TODAY:
        return turns.filter(own)
    unit_ids = set(turns.values_list("training_class__unit_id", flat=True).distinct())
    mapped, _split = mapped_paths(unit_ids)
    moved_here = [pk for pk, path in mapped.items() if path.startswith(unit.path)]
    return turns.filter(
        (own & ~Q(training_class__unit_id__in=list(mapped)))
        | Q(training_class__unit_id__in=moved_here)
    )


def _age_group_q(name: str, on: dt.date) -> Q:
    """The people in an age band on `on` (training.turns_by_age_group's bands)."""
    if name == UNKNOWN_AGE:
        return Q(person__date_of_birth__isnull=True)
    for low, high, band in AGE_GROUPS:
        if band != name:
            continue
        condition = Q(person__date_of_birth__isnull=False)
        if low is not None:
            condition &= Q(person__date_of_birth__lte=_years_before(on, low))
        if high is not None:
            condition &= Q(person__date_of_birth__gt=_years_before(on, high))
        return condition
    return Q(pk__in=[])


def _level_q(name: str) -> Q:
    """Turns by the level of the organising unit (training.turns_by_level)."""
    if name in LEVELS:
        return Q(training_class__unit__unit_type__in=LEVELS[name])
    every_level = [kind for kinds in LEVELS.values() for kind in kinds]
    return ~Q(training_class__unit__unit_type__in=every_level)


def turn_records(scope: FiguresScope, cell: TurnCell) -> QuerySet[Participant]:
    """The participant-turns of one cell, with the person, class and units."""
    turns = participant_turns(scope)
    if cell.unit is not None:
        turns = _in_unit_row(turns, scope, cell.unit)
    if cell.sex:
        turns = turns.filter(person__sex=cell.sex)
    if cell.no_target_group:
        turns = turns.filter(person__target_groups__isnull=True)
    elif cell.target_group_id is not None:
        turns = turns.filter(person__target_groups=cell.target_group_id)
    if cell.month:
        turns = turns.filter(
            training_class__starts_on__year=cell.month.year,
            training_class__starts_on__month=cell.month.month,
        )
    if cell.level:
        turns = turns.filter(_level_q(cell.level))
    if cell.age_group:
        turns = turns.filter(_age_group_q(cell.age_group, scope.filter.last_day))
    if cell.employment_type is not None:
        turns = turns.filter(person__employment_type=cell.employment_type)
    if cell.leaders:
        turns = turns.filter(person__is_leader=True)
    return turns.select_related(
        "person", "person__unit", "training_class", "training_class__unit"
    ).order_by("training_class__starts_on", "training_class__code", "person__full_name")


def class_records(scope: FiguresScope) -> QuerySet[TrainingClass]:
    """The held classes behind the class, session and hour counts."""
    return (
        held_classes(scope)
        .select_related("unit", "course")
        .order_by("starts_on", "code")
    )


def enrolment_records(
    scope: FiguresScope, *, sex: str = "", completed: bool = False
) -> QuerySet[Enrolment]:
    """The period's enrolments (or those complete by its last day)."""
    enrolments = enrolments_in_scope(scope)
    if completed:
        enrolments = enrolments.filter(
            completed_at__isnull=False,
            completed_at__date__lte=scope.filter.last_day,
        )
    if sex:
        enrolments = enrolments.filter(learner__sex=sex)
    return enrolments.select_related("learner", "learner__unit", "course").order_by(
        "enrolled_at", "pk"
    )


def attempt_records(
    scope: FiguresScope, *, sex: str = "", passed: bool = False
) -> QuerySet[Attempt]:
    """The period's graded quiz attempts (or the passes among them)."""
    attempts = graded_attempts(scope)
    if passed:
        attempts = attempts.filter(passed=True)
    if sex:
        attempts = attempts.filter(learner__sex=sex)
    return attempts.select_related("learner", "learner__unit", "quiz").order_by(
        "graded_at", "pk"
    )


def certificate_records(scope: FiguresScope, *, sex: str = "") -> QuerySet[Certificate]:
    """The certificates in force issued in the period to holders in scope."""
    certificates = certificates_in_scope(scope)
    if sex:
        certificates = certificates.filter(holder__sex=sex)
    return certificates.select_related("holder", "holder__unit").order_by(
        "issued_on", "number"
    )
