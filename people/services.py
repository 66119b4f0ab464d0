"""Writes about people: roles, profile and consents, login lockouts."""

from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.trees import tree_node_save

from .access import forget_roles, role_permissions
from .models import AdminUnit, Ethnicity, User
from .roles import Role

ETHNICITY_NEEDS_CONSENT = _(
    "Ethnicity is recorded only with your explicit consent: tick the consent box "
    "or leave ethnicity empty."
)


def role_groups_ensure() -> None:
    """Create the role groups and give them the permissions every app declared
    for them (people.access.register_role_permissions) (idempotent).

    Runs from post_migrate, possibly before Django has made the permissions of
    the apps it names, so it makes them first rather than granting nothing.
    """
    declared = role_permissions()
    app_labels = {label for perms in declared.values() for label, _c in perms}
    for app_label in sorted(app_labels):
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    for role, permissions in declared.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for app_label, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                wanted.append(permission)
        group.permissions.add(*wanted)


@transaction.atomic
def user_set_roles(*, user: User, roles: list[Role]) -> None:
    groups = [Group.objects.get_or_create(name=role)[0] for role in roles]
    user.groups.add(*groups)
    forget_roles(user)


@transaction.atomic
def profile_update(
    *,
    user: User,
    data: dict,
    ethnicity: Ethnicity | None,
    ethnicity_consent: bool,
    data_processing_consent: bool,
) -> User:
    """Save a person's own profile and consents.

    Withdrawing the ethnicity consent erases the recorded ethnicity at once.
    """
    if ethnicity is not None and not ethnicity_consent:
        raise ValidationError({"ethnicity": ETHNICITY_NEEDS_CONSENT})
    now = timezone.now()
    target_groups = data.pop("target_groups", None)
    for field, value in data.items():
        setattr(user, field, value)
    if ethnicity_consent:
        if user.ethnicity_consent_at is None:
            user.ethnicity_consent_at = now
        user.ethnicity = ethnicity
    else:
        user.ethnicity_consent_at = None
        user.ethnicity = None
    if data_processing_consent:
        user.data_processing_consent_at = user.data_processing_consent_at or now
    else:
        user.data_processing_consent_at = None
    user.full_clean(exclude=["password", "username"])
    user.save()
    if target_groups is not None:
        user.target_groups.set(target_groups)
    return user


@transaction.atomic
def ethnicity_consent_withdraw(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(ethnicity=None, ethnicity_consent_at=None)
    user.ethnicity = None
    user.ethnicity_consent_at = None


def login_failures_clear(*, username: str = "", address: str = "") -> int:
    """Forget the failed logins recorded against one account (by its username)
    or, for an administrator lifting a lockout, from one client address; how
    many records went. Never both at once: a success clears its own account
    only, so failures against other accounts from that address still count."""
    if bool(username) == bool(address):
        raise ValueError("Give exactly one of username and address.")
    attempts = AccessAttempt.objects.all()
    if username:
        attempts = attempts.filter(username=username)
    else:
        attempts = attempts.filter(ip_address=address)
    deleted, _by_model = attempts.delete()
    return deleted


def admin_unit_save(*, unit: AdminUnit, parent: AdminUnit | None) -> AdminUnit:
    """Create or update a unit at its place in the tree (lms.trees)."""
    return tree_node_save(node=unit, parent=parent)
