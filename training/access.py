"""Training's rules for the access contract of people.access (registered in apps.py)."""

from people.access import user_has_role
from people.models import User
from people.roles import Role


def organises_classes(user: User) -> bool:
    """A trainer organises classes for any unit, so every unit is offered to
    them (people.access.units_offered_to) when they create one."""
    return user_has_role(user, Role.TRAINER)
