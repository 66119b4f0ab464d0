"""Figures by unit, rolled up the tree, "as the units were then" or "mapped to
today's units" through the succession links (DESIGN.md §4).

Distinct people cannot be summed from the rows below (one person trained in
two communes of a district is one person of the district), so every level is
counted in the database: one grouped query per depth of the tree, on the
prefix of the unit's materialised path.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Length, Substr
from django.utils import timezone

from people.models import AdminUnit
from people.selectors import units_successors_on

from .scope import FiguresScope, UnitMapping, participant_turns
from .training import sex_split


@dataclass(frozen=True)
class UnitRow:
    unit: AdminUnit
    figures: dict[str, Any]
    # Some of the records came from a unit later split between several units.
    includes_split: bool = False

    @property
    def depth(self) -> int:
        return self.unit.depth


def _common_path(paths: list[str]) -> str:
    """The deepest unit above all of these (their shared path prefix)."""
    step = AdminUnit.steplen
    shared = paths[0]
    for path in paths[1:]:
        length = 0
        while (
            length + step <= min(len(shared), len(path))
            and shared[length : length + step] == path[length : length + step]
        ):
            length += step
        shared = shared[:length]
    return shared


def mapped_paths(
    unit_ids: set[int], *, on: dt.date | None = None
) -> tuple[dict[int, str], set[int]]:
    """For the units no longer in force: the path of the unit each passed into
    (the units' shared parent if it was split), and which were split."""
    on = on or timezone.localdate()
    mapped: dict[int, str] = {}
    split: set[int] = set()
    former = [
        unit
        for unit in AdminUnit.objects.filter(pk__in=unit_ids)
        if not unit.is_valid_on(on)
    ]
    for unit_id, successors in units_successors_on(units=former, on=on).items():
        if not successors:
            continue
        mapped[unit_id] = _common_path([s.path for s in successors])
        if len(successors) > 1:
            split.add(unit_id)
    return mapped, split


def with_report_path(
    rows: QuerySet[Any],
    *,
    unit_id: str,
    unit_path: str,
    mapping: UnitMapping,
    on: dt.date | None = None,
) -> tuple[QuerySet[Any], set[str]]:
    """`rows` annotated with `report_path`, the path of the unit each row counts
    under (its own, or the one it passed into by `on`), and `path_length`; and
    the paths that gathered rows of a split unit."""
    path: Any = F(unit_path)
    split_paths: set[str] = set()
    if mapping == UnitMapping.TODAY:
        # .order_by(): a model's default ordering would make DISTINCT see every row.
        unit_ids = set(rows.order_by().values_list(unit_id, flat=True).distinct())
        unit_ids -= {None}
        mapped, split = mapped_paths(unit_ids, on=on)
        split_paths = {mapped[pk] for pk in split}  # their shared parents
        if mapped:
            path = Case(
                *(When(**{unit_id: pk}, then=Value(p)) for pk, p in mapped.items()),
                default=F(unit_path),
                output_field=CharField(),
            )
    rows = rows.annotate(report_path=path, path_length=Length("report_path"))
    return rows, split_paths


def rolled_up_by_unit(
    rows: QuerySet[Any],
    *,
    unit_id: str,
    unit_path: str,
    scope: FiguresScope,
    columns: dict[str, Any],
) -> list[UnitRow]:
    """`columns` aggregated over `rows` for every unit that has any, each unit
    counting its own rows and those of every unit below it, in tree order."""
    rows, split_paths = with_report_path(
        rows, unit_id=unit_id, unit_path=unit_path, mapping=scope.filter.mapping
    )
    lengths = set(rows.order_by().values_list("path_length", flat=True).distinct())
    lengths -= {None}
    if not lengths:
        return []
    deepest = max(lengths) // AdminUnit.steplen
    grouped: dict[str, dict[str, Any]] = {}
    for depth in range(scope.top_depth, deepest + 1):
        size = depth * AdminUnit.steplen
        level = (
            rows.filter(path_length__gte=size)
            .annotate(prefix=Substr("report_path", 1, size))
            .values("prefix")
            .annotate(**columns)
            .order_by()
        )
        for row in level:
            grouped[row.pop("prefix")] = row
    units = AdminUnit.objects.filter(path__in=grouped).order_by("path")
    return [
        UnitRow(
            unit=unit,
            figures=grouped[unit.path],
            includes_split=any(p.startswith(unit.path) for p in split_paths),
        )
        for unit in units
    ]


def turns_by_unit(scope: FiguresScope) -> list[UnitRow]:
    """Participant-turns and people by organising unit, with subtotals."""
    return rolled_up_by_unit(
        participant_turns(scope),
        unit_id="training_class__unit_id",
        unit_path="training_class__unit__path",
        scope=scope,
        columns=sex_split(),
    )
