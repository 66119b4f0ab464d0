"""Reads about people and units. Every list, report and export of people is
scoped through `units_visible_to` / `users_visible_to`."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AdminUnit, AdminUnitSuccession, User
from .roles import Role


def user_has_role(user: User, role: Role) -> bool:
    return user.is_authenticated and user.groups.filter(name=role).exists()


def user_sees_all_units(user: User) -> bool:
    return user.is_active and (
        user.is_superuser or user_has_role(user, Role.ADMINISTRATOR)
    )


def unit_subtree_q(units, prefix: str = "") -> Q:
    """A filter matching the given units and every unit below them."""
    paths = sorted({unit.path for unit in units})
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def units_visible_to(*, user: User) -> QuerySet[AdminUnit]:
    """Which units this user may see and manage: the one answer every view uses."""
    if not user.is_authenticated or not user.is_active:
        return AdminUnit.objects.none()
    if user_sees_all_units(user):
        return AdminUnit.objects.all()
    if not user_has_role(user, Role.UNIT_MANAGER):
        return AdminUnit.objects.none()
    managed = list(user.managed_units.only("path"))
    if not managed:
        return AdminUnit.objects.none()
    return AdminUnit.objects.filter(unit_subtree_q(managed))


def users_visible_to(*, user: User) -> QuerySet[User]:
    """The accounts this user may see, edit and export."""
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    if user_sees_all_units(user):
        return User.objects.all()
    if not user_has_role(user, Role.UNIT_MANAGER):
        return User.objects.none()
    managed = list(user.managed_units.only("path"))
    if not managed:
        return User.objects.none()
    return User.objects.filter(unit_subtree_q(managed, prefix="unit__")).exclude(
        Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR)
    )


def units_current(*, on: date | None = None) -> QuerySet[AdminUnit]:
    """Units in force on a day (today by default): what a person picks as theirs now."""
    on = on or timezone.localdate()
    return AdminUnit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    )


def unit_ancestors_and_self(*, unit: AdminUnit) -> list[AdminUnit]:
    """The unit and the units above it, top first: where a record reports "as then"."""
    return [*unit.get_ancestors(), unit]


def unit_successors_on(*, unit: AdminUnit, on: date) -> list[AdminUnit]:
    """The units valid on `on` that `unit` passed into, following the succession graph.

    A unit valid on that day maps to itself. A unit with no valid descendants in
    the graph (and none of its own children mapped) maps to nothing.
    """
    if unit.is_valid_on(on):
        return [unit]
    found: dict[int, AdminUnit] = {}
    frontier = [unit.pk]
    seen = {unit.pk}
    while frontier:
        links = AdminUnitSuccession.objects.filter(
            predecessor_id__in=frontier, effective_date__lte=on
        ).select_related("successor")
        frontier = []
        for link in links:
            successor = link.successor
            if successor.pk in seen:
                continue
            seen.add(successor.pk)
            if successor.is_valid_on(on):
                found[successor.pk] = successor
            else:
                frontier.append(successor.pk)
    if not found:
        # A dissolved parent (a former district) maps to where its children went.
        for child in unit.get_children():
            for successor in unit_successors_on(unit=child, on=on):
                found.setdefault(successor.pk, successor)
    return sorted(found.values(), key=lambda u: u.name)
