"""What a set of figures covers: the period, the units, the filters, and who asks.

Every figure of the dashboard, the exports and the submitted reports starts
from `StatsFilter` and `figures_scope`, so a unit manager's figures are scoped
once, through the access contract in `people`, whatever table shows them.

The definitions the reports use (DOMAIN.md §1.3):

- A class is **held** in a period when it ran or finished (not planned, open
  or cancelled) and it started between the period's first day and its last
  (or the data cut-off, if earlier).
- A **participant-turn** (lượt người) is a confirmed participant of a held class
  who was there (present or late) at least once. Two classes, two turns; the
  same person, one **distinct person**.
- Training figures belong to the class's **organising unit**; online learning
  and certificates to the learner's unit.
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from people.access import unit_subtree_q, units_visible_to
from people.models import AdminUnit, User
from people.selectors import unit_people_q
from training.models import (
    AttendanceStatus,
    Participant,
    TrainingClass,
)

# The marks that mean the person was in the room (or the online meeting).
ATTENDED_CODES = AttendanceStatus.PRESENCE
HELD_STATUSES = (TrainingClass.Status.RUNNING, TrainingClass.Status.FINISHED)


class UnitMapping(StrEnum):
    """Where a record under a unit dissolved in 2025 is counted."""

    AS_THEN = "then"  # the unit as it was (a 2022 district stays a district)
    TODAY = "today"  # the unit it passed into (succession links)


@dataclass(frozen=True)
class StatsFilter:
    """The dashboard's filters; `units` are the roots of the subtrees asked for
    (none: every unit the person may see)."""

    start: dt.date
    end: dt.date
    cutoff: dt.date | None = None
    units: tuple[int, ...] = ()
    mapping: UnitMapping = UnitMapping.AS_THEN
    course_id: int | None = None
    class_id: int | None = None
    target_group_id: int | None = None
    mode: str = ""

    @property
    def last_day(self) -> dt.date:
        """The last day whose records count: the period's end or the cut-off."""
        return min(self.end, self.cutoff) if self.cutoff else self.end


@dataclass(frozen=True)
class FiguresScope:
    """The units whose records a set of figures may count (None: all of them)."""

    filter: StatsFilter
    unit_ids: frozenset[int] | None = field(default=None)
    # The depth of the highest unit shown: a manager's tables start at their unit.
    top_depth: int = 1

    def units_q(self, lookup: str) -> Q:
        """Rows whose unit (at `lookup`) is in scope."""
        if self.unit_ids is None:
            return Q()
        return Q(**{f"{lookup}__in": self.unit_ids})


def _with_former_units(units: QuerySet[AdminUnit]) -> set[int]:
    """The units and those below them, plus the units that passed into them."""
    roots = list(units.only("path"))
    if not roots:
        return set()
    ids = AdminUnit.objects.filter(unit_people_q(roots)).values_list("pk", flat=True)
    return set(ids)


def figures_scope(*, user: User, stats_filter: StatsFilter) -> FiguresScope:
    """The units this person's figures cover, from the access contract.

    Asking for a unit outside one's own subtree is refused, not silently
    emptied: the dashboard, the exports and the drill-down lists say so.
    """
    visible = units_visible_to(user=user)
    sees_all = not AdminUnit.objects.exclude(pk__in=visible.values("pk")).exists()
    if stats_filter.units:
        asked = AdminUnit.objects.filter(pk__in=stats_filter.units)
        if len(asked) != len(set(stats_filter.units)):
            raise PermissionDenied
        if not sees_all and asked.exclude(pk__in=visible.values("pk")).exists():
            raise PermissionDenied
        roots = asked
    elif sees_all:
        return FiguresScope(filter=stats_filter, unit_ids=None)
    else:
        roots = visible
    return _subtrees_scope(roots, stats_filter)


def province_scope(*, stats_filter: StatsFilter) -> FiguresScope:
    """The units asked for (none: the whole province), for no one in particular:
    an operator's command line (export_training_report), not a person's view."""
    if not stats_filter.units:
        return FiguresScope(filter=stats_filter, unit_ids=None)
    return _subtrees_scope(
        AdminUnit.objects.filter(pk__in=stats_filter.units), stats_filter
    )


def _subtrees_scope(
    roots: QuerySet[AdminUnit], stats_filter: StatsFilter
) -> FiguresScope:
    """The roots and every unit below them (and, mapped to today, the units that
    passed into them)."""
    top_depth = min((root.depth for root in roots.only("depth")), default=1)
    if stats_filter.mapping == UnitMapping.TODAY:
        unit_ids = _with_former_units(roots)
    else:
        unit_ids = set(
            AdminUnit.objects.filter(unit_subtree_q(roots)).values_list("pk", flat=True)
        )
    return FiguresScope(
        filter=stats_filter, unit_ids=frozenset(unit_ids), top_depth=top_depth
    )


def held_classes(scope: FiguresScope) -> QuerySet[TrainingClass]:
    """The classes held in the period, in scope, matching the filters."""
    f = scope.filter
    classes = TrainingClass.objects.filter(
        scope.units_q("unit_id"),
        status__in=HELD_STATUSES,
        starts_on__gte=f.start,
        starts_on__lte=f.last_day,
    )
    if f.class_id:
        classes = classes.filter(pk=f.class_id)
    if f.course_id:
        classes = classes.filter(course_id=f.course_id)
    if f.mode:
        classes = classes.filter(mode=f.mode)
    return classes


def participant_turns(scope: FiguresScope) -> QuerySet[Participant]:
    """One row per participant-turn: confirmed, and there at least once."""
    turns = Participant.objects.filter(
        attended=True,
        status=Participant.Status.CONFIRMED,
        training_class__in=held_classes(scope).values("pk"),
    )
    if scope.filter.target_group_id:
        turns = turns.filter(person__target_groups=scope.filter.target_group_id)
    return turns
