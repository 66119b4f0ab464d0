"""The access contract: which permissions a role holds and which rows a person sees.

People is layer 0, so it cannot name the models or permissions of the apps above
it. Each app says so itself, in its AppConfig.ready(), the way courses registers
a quiz access rule with `assessments.access`:

- `register_role_permissions({Role.TRAINER: [("courses", "view_enrolment")]})`:
  what each role may do in that app (its `roles.py`). `role_groups_ensure` gives
  every role's group the merged declarations.
- `register_scoped_model(Enrolment, owner=("course__owner",), learner="learner")`:
  how the app's rows map to an owner, a learner and a unit. `visible_to(user,
  queryset)` then scopes any list, report, export or chooser of that model.
- `register_unit_offer_rule(rule)`: who may pick any unit in a filter or a form
  (a trainer's courses go to any unit), read by `units_offered_to`.

The rules, written once here:

1. Nobody signed out or inactive sees anything.
2. An administrator (or a superuser) sees every row.
3. Anyone else sees the rows they own (the row's `owner` lookups point at them).
4. A unit manager also sees the rows about the learners of their units (the
   `learner` lookup is in `users_visible_to`) and the rows of their units and
   those below them (the `unit` lookup).
5. A learner sees their own rows where the model says so (`learner_sees_own`).
6. An app may add a condition of its own (`extra(user)` returns a Q or None).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

from .models import AdminUnit, User
from .roles import Role

Permission = tuple[str, str]

_role_permissions: dict[str, list[Permission]] = {}


def register_role_permissions(permissions: Mapping[str, Iterable[Permission]]) -> None:
    """Declare (app_label, codename) pairs some roles hold; an app calls this
    from its ready() with the map in its own roles.py. Declarations add up."""
    for role, pairs in permissions.items():
        held = _role_permissions.setdefault(Role(role), [])
        held.extend(pair for pair in pairs if pair not in held)


def role_permissions() -> dict[Role, list[Permission]]:
    """Every role, with the permissions all apps declared for it (maybe none)."""
    return {role: list(_role_permissions.get(role, ())) for role in Role}


# --- Who is who ------------------------------------------------------------------


ROLE_NAMES_CACHE = "_role_names_cache"


def _role_names(user: User) -> frozenset[str]:
    """The names of the person's groups, read once per user object (like
    Django's own permission cache): a page asks several rules that all turn on
    the roles, and each must not cost a query. services.user_set_roles forgets
    the cache when it changes the groups."""
    names = getattr(user, ROLE_NAMES_CACHE, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, ROLE_NAMES_CACHE, names)
    return names


def forget_roles(user: User) -> None:
    """After the person's groups changed: the next question reads them again."""
    user.__dict__.pop(ROLE_NAMES_CACHE, None)


def user_has_role(user: User, role: Role) -> bool:
    return user.is_authenticated and role in _role_names(user)


def role_holders_q(role: Role) -> Q:
    """The active people who hold `role`, as a filter on users: the one way the
    apps ask "who are the trainers / unit managers" (choices, reminders)."""
    return Q(groups__name=role, is_active=True)


def user_sees_all_units(user: User) -> bool:
    """Rule 2: an administrator's scope is everything. Callers outside the
    contract ask `visible_to`, `units_offered_to` or `sees_everything`."""
    return user.is_active and (
        user.is_superuser or user_has_role(user, Role.ADMINISTRATOR)
    )


def sees_everything(user: User) -> bool:
    """Whether no row or unit is hidden from this person (rules 1 and 2): the
    question behind every "administrators may do it anywhere" check."""
    return user.is_authenticated and user_sees_all_units(user)


# --- Units and people --------------------------------------------------------------


def unit_subtree_q(units: Iterable[AdminUnit], prefix: str = "") -> Q:
    """A filter matching the given units and every unit below them."""
    paths = sorted({unit.path for unit in units})
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def _managed_units(user: User) -> list[AdminUnit] | None:
    """The units a unit manager was given, or None if this person manages none."""
    if not user_has_role(user, Role.UNIT_MANAGER):
        return None
    return list(user.managed_units.only("path")) or None


def units_visible_to(*, user: User) -> QuerySet[AdminUnit]:
    """Which units this user may see and manage: the one answer every view uses."""
    return visible_to(user, AdminUnit.objects.all())


def users_visible_to(*, user: User) -> QuerySet[User]:
    """The accounts this user may see, edit and export. A unit manager never
    reaches an administrator's account, even one recorded in their unit."""
    return visible_to(user, User.objects.all())


UnitOfferRule = Callable[[User], bool]
_unit_offer_rules: list[UnitOfferRule] = []


def register_unit_offer_rule(rule: UnitOfferRule) -> None:
    """rule(user) is True when this person may pick any unit (a trainer
    assigns and reports on their courses whatever the learner's unit)."""
    if rule not in _unit_offer_rules:
        _unit_offer_rules.append(rule)


def units_offered_to(*, user: User) -> QuerySet[AdminUnit]:
    """The units a filter or a form offers this user, in tree order: all to an
    administrator or to whom a registered rule allows, else their own units."""
    if user_sees_all_units(user) or any(rule(user) for rule in _unit_offer_rules):
        return AdminUnit.objects.order_by("path")
    return units_visible_to(user=user).order_by("path")


# --- Rows of the apps' models ------------------------------------------------------


@dataclass(frozen=True)
class ScopedModel:
    """How a model's rows map to the people and units of the contract."""

    model: type[Model]
    owner: tuple[str, ...] = ()
    learner: str | None = None
    unit: str | None = None
    learner_sees_own: bool = False
    extra_condition: Callable[[User], Q | None] | None = None
    never: Q | None = None


_scoped_models: dict[type[Model], ScopedModel] = {}


def register_scoped_model(
    model: type[Model],
    *,
    owner: Iterable[str] = (),
    learner: str | None = None,
    unit: str | None = None,
    learner_sees_own: bool = False,
    extra: Callable[[User], Q | None] | None = None,
    never: Q | None = None,
) -> None:
    """Register how `model`'s rows are scoped; an app calls this from ready().

    owner: lookups to the users who own the row (its author, a course's
    trainers); learner: the lookup to the person the row is about; unit: the
    lookup to the unit the row belongs to ("" when the row is a unit);
    learner_sees_own: the learner sees their own rows; extra(user): a further
    condition (a Q) or None; never: rows only an administrator sees.
    """
    _scoped_models[model] = ScopedModel(
        model=model,
        owner=tuple(owner),
        learner=learner,
        unit=unit,
        learner_sees_own=learner_sees_own,
        extra_condition=extra,
        never=never,
    )


def scoped_models() -> list[ScopedModel]:
    """Every registered model: what the contract's tests walk through."""
    return list(_scoped_models.values())


def _spec(model: type[Model]) -> ScopedModel:
    try:
        return _scoped_models[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered for scoping") from None


def _rows_in_units(spec: ScopedModel, managed: list[AdminUnit]) -> Q:
    prefix = f"{spec.unit}__" if spec.unit else ""
    return unit_subtree_q(managed, prefix=prefix)


def _people_in_units(managed: list[AdminUnit]) -> QuerySet[User]:
    people = _spec(User)
    rows = User.objects.filter(_rows_in_units(people, managed))
    return rows.exclude(people.never) if people.never is not None else rows


def visible_to(user: User, queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` this user may see, by the rules above."""
    spec = _spec(queryset.model)
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user_sees_all_units(user):
        return queryset
    condition = Q(pk__in=[])
    if spec.owner:
        owned = Q()
        for lookup in spec.owner:
            owned |= Q(**{lookup: user})
        # A subquery, so that an owner reached through a list (a course's
        # trainers) never repeats a row.
        condition |= Q(pk__in=spec.model._default_manager.filter(owned).values("pk"))
    if spec.learner is not None or spec.unit is not None:
        managed = _managed_units(user)
        if managed is not None and spec.learner is not None:
            condition |= Q(
                **{f"{spec.learner}__in": _people_in_units(managed).values("pk")}
            )
        if managed is not None and spec.unit is not None:
            condition |= _rows_in_units(spec, managed)
    if spec.learner is not None and spec.learner_sees_own:
        condition |= Q(**{spec.learner: user})
    if spec.extra_condition is not None:
        more = spec.extra_condition(user)
        if more is not None:
            condition |= more
    rows = queryset.filter(condition)
    return rows.exclude(spec.never) if spec.never is not None else rows
