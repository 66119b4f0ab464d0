"""Reads about people and units. Every list, report and export is scoped
through the access contract (`people.access`); its unit and people answers are
re-exported here for the code that reads them with the other unit reads."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr
from django.utils import timezone

from .access import (  # noqa: F401 (re-exported)
    unit_subtree_q,
    units_visible_to,
    user_has_role,
    users_visible_to,
)
from .models import AdminUnit, AdminUnitSuccession, User


def user_enters_admin(user: User) -> bool:
    """Whether the Wagtail admin is this person's place of work (and landing)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    )


def unit_people_q(units: Iterable[AdminUnit], prefix: str = "") -> Q:
    """The people recorded in these units or below, or in a former unit that
    passed into one of them (and below it).

    Accounts made before 1/7/2025 may still point at a dissolved commune; a
    course assigned to the commune it merged into reaches them too.
    """
    ids = set(
        AdminUnit.objects.filter(unit_subtree_q(units)).values_list("pk", flat=True)
    )
    frontier = set(ids)
    while frontier:
        former = list(
            AdminUnit.objects.filter(successions__successor_id__in=frontier)
            .exclude(pk__in=ids)
            .only("path")
        )
        if not former:
            break
        frontier = (
            set(
                AdminUnit.objects.filter(unit_subtree_q(former)).values_list(
                    "pk", flat=True
                )
            )
            - ids
        )
        ids |= frontier
    return Q(**{f"{prefix}pk__in": ids})


def units_valid_on(*, on: date) -> QuerySet[AdminUnit]:
    """Units in force on a day: what a record made that day may point at."""
    return AdminUnit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    )


def units_current(*, on: date | None = None) -> QuerySet[AdminUnit]:
    """Units in force today (or on `on`): what a person picks as theirs now."""
    return units_valid_on(on=on or timezone.localdate())


def units_to_pick(
    *, among: QuerySet[AdminUnit] | None = None, keep: Iterable[Any] = ()
) -> QuerySet[AdminUnit]:
    """The units a picker for a current record offers: valid today, within
    `among` (the editor's scope), plus the units the record already has (`keep`:
    ids, or a queryset of "pk" values), so saving it unchanged never moves it
    out of a dissolved unit or drops one it manages."""
    among = AdminUnit.objects.all() if among is None else among
    if not isinstance(keep, QuerySet):
        keep = [pk for pk in keep if pk]
    return among.filter(Q(pk__in=units_current().values("pk")) | Q(pk__in=keep))


def units_with_parent(units: QuerySet[AdminUnit]) -> QuerySet[AdminUnit]:
    """The units with their parent's name and type, fetched in the same query.

    The tree is a materialised path (no parent column to select_related): the
    parent is the unit whose path is this one's minus its last step.
    """
    parent = AdminUnit.objects.filter(
        path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * AdminUnit.steplen)
    )
    return units.annotate(
        parent_name=Subquery(parent.values("name")[:1]),
        parent_unit_type=Subquery(parent.values("unit_type")[:1]),
    )


def unit_ancestors_and_self(*, unit: AdminUnit) -> list[AdminUnit]:
    """The unit and the units above it, top first: where a record reports "as then"."""
    return [*unit.get_ancestors(), unit]


def unit_successors_on(*, unit: AdminUnit, on: date) -> list[AdminUnit]:
    """The units valid on `on` that `unit` passed into, following the succession graph.

    A unit valid on that day maps to itself. A unit with no valid descendants in
    the graph (and none of its own children mapped) maps to nothing.
    """
    return units_successors_on(units=[unit], on=on)[unit.pk]


def units_successors_on(
    *, units: Iterable[AdminUnit], on: date
) -> dict[int, list[AdminUnit]]:
    """`unit_successors_on` of many units, in two queries whatever their number:
    the succession links and the unit tree are small (hundreds of rows), so the
    graph is walked in memory (statistics map every former unit at once)."""
    units = list(units)
    if all(unit.is_valid_on(on) for unit in units):
        return {unit.pk: [unit] for unit in units}
    links: dict[int, list[int]] = {}
    for predecessor, successor in AdminUnitSuccession.objects.filter(
        effective_date__lte=on
    ).values_list("predecessor_id", "successor_id"):
        links.setdefault(predecessor, []).append(successor)
    tree = {unit.pk: unit for unit in AdminUnit.objects.all()}
    children: dict[str, list[AdminUnit]] = {}
    for node in tree.values():
        children.setdefault(node.path[: -AdminUnit.steplen], []).append(node)

    def successors(unit: AdminUnit) -> list[AdminUnit]:
        if unit.is_valid_on(on):
            return [unit]
        found: dict[int, AdminUnit] = {}
        frontier, seen = [unit.pk], {unit.pk}
        while frontier:
            reached = [pk for current in frontier for pk in links.get(current, ())]
            frontier = []
            for pk in reached:
                if pk in seen:
                    continue
                seen.add(pk)
                if tree[pk].is_valid_on(on):
                    found[pk] = tree[pk]
                else:
                    frontier.append(pk)
        if not found:
            # A dissolved parent (a former district) maps to where its children went.
            for child in children.get(unit.path, ()):
                for successor in successors(child):
                    found.setdefault(successor.pk, successor)
        return sorted(found.values(), key=lambda u: u.name)

    return {unit.pk: successors(unit) for unit in units}
