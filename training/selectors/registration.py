"""Reads for registering staff in a class: the people one may still register."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from people.access import users_visible_to
from people.models import AdminUnit, TargetGroup, User
from people.selectors import unit_people_q

from ..models import Participant, TrainingClass


def people_to_register(
    *,
    training_class: TrainingClass,
    user: User,
    unit: AdminUnit | None = None,
    target_group: TargetGroup | None = None,
    search: str = "",
) -> QuerySet[User]:
    """Active accounts this user may see (people.access) that hold no
    registration in the class; someone who withdrew may be registered again.

    `unit` narrows to the people of that unit and below it (and of the former
    units merged into it), `search` to a part of the name or username.
    """
    registered = Participant.objects.filter(
        training_class=training_class, person=OuterRef("pk")
    ).exclude(status=Participant.Status.WITHDRAWN)
    people = (
        users_visible_to(user=user)
        .filter(is_active=True)
        .exclude(Exists(registered))
        .select_related("unit")
    )
    if unit is not None:
        people = people.filter(unit_people_q([unit], prefix="unit__"))
    if target_group is not None:
        people = people.filter(target_groups=target_group)
    search = search.strip()
    if search:
        people = people.filter(
            Q(full_name__icontains=search) | Q(username__icontains=search)
        )
    return people.order_by("full_name", "username")
