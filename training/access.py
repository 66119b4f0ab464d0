"""Training's rules for the access contract of people.access (registered in apps.py)."""

from people.access import user_has_role
from people.models import User
from people.roles import Role


def organises_classes(user: User) -> bool:
    """A trainer organises classes for any unit, so every unit is offered to
    them (people.access.units_offered_to) when they create one."""
    return user_has_role(user, Role.TRAINER)


# Registering other people in a class (a unit's staff, from a list or an Excel
# file) needs the permission to register and to see the accounts of one's units;
# which accounts and which classes, people.access decides.
REGISTER_OTHERS_PERMISSIONS = ("training.add_participant", "people.view_user")


def registers_others(user: User) -> bool:
    """Whether this person may register other people in the classes they manage."""
    return all(user.has_perm(permission) for permission in REGISTER_OTHERS_PERMISSIONS)
