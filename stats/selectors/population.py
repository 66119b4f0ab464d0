"""The share of a target population trained at least once: people of a target
group in a unit who were ever a participant-turn up to the period's last day,
divided by the size the unit's managers registered for that group and year.

The register counts today's units of its year: a person still recorded under a
commune dissolved in 2025 counts in the commune it passed into."""

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet

from people.models import AdminUnit, User
from training.models import Participant

from ..models import TargetPopulation
from .scope import HELD_STATUSES, FiguresScope
from .units import mapped_paths


def _trained_memberships(scope: FiguresScope, groups: set[int]) -> QuerySet[Any]:
    """A row per (person, target group) of the given groups for everyone who was
    a participant-turn of any held class up to the last day: the group
    memberships table, joined once, and the turns as a semi-join."""
    trained = Participant.objects.filter(
        attended=True,
        status=Participant.Status.CONFIRMED,
        training_class__status__in=HELD_STATUSES,
        training_class__starts_on__lte=scope.filter.last_day,
    ).values("person_id")
    memberships = User.target_groups.through.objects
    return memberships.filter(targetgroup_id__in=groups, user_id__in=trained)


def population_trained(scope: FiguresScope, *, year: int) -> list[dict[str, Any]]:
    """Each register row in scope for `year`, with the people of its group in
    its unit (and below it) trained at least once, and the share (%)."""
    register = (
        TargetPopulation.objects.filter(scope.units_q("unit_id"), year=year)
        .select_related("unit", "target_group")
        .order_by("unit__path", "target_group__name")
    )
    if scope.filter.target_group_id:
        register = register.filter(target_group_id=scope.filter.target_group_id)
    rows = list(register)
    if not rows:
        return []
    # A person has one unit, so the people of a subtree are the sum of the
    # people of its units: one grouped count by unit and group, then each unit
    # (mapped to the year's units) adds to the registered units above it.
    per_unit = (
        _trained_memberships(scope, {row.target_group_id for row in rows})
        .values("user__unit_id", "targetgroup_id")
        .annotate(people=Count("user_id"))
        .order_by()
    )
    per_unit = [entry for entry in per_unit if entry["user__unit_id"] is not None]
    unit_ids = {entry["user__unit_id"] for entry in per_unit}
    paths = dict(AdminUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    mapped, _split = mapped_paths(unit_ids, on=dt.date(year, 12, 31))
    paths.update(mapped)
    counts: dict[tuple[str, int], int] = {}
    step = AdminUnit.steplen
    for entry in per_unit:
        path = paths[entry["user__unit_id"]]
        for end in range(step, len(path) + 1, step):
            key = (path[:end], entry["targetgroup_id"])
            counts[key] = counts.get(key, 0) + entry["people"]
    result = []
    for row in rows:
        people = counts.get((row.unit.path, row.target_group_id), 0)
        result.append(
            {
                "unit": row.unit,
                "target_group": row.target_group,
                "population": row.size,
                "trained": people,
                "share": round(100 * people / row.size, 1) if row.size else None,
            }
        )
    return result
