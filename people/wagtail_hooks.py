from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .models import User
from .selectors import user_sees_all_units, users_visible_to
from .viewsets import PeopleViewSetGroup


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()


@hooks.register("before_bulk_action")
def keep_user_bulk_actions_in_scope(
    request, action_type, objects, action_class_instance
):
    """Bulk actions on users take ids from the request: hold them to the same scope."""
    if action_class_instance.model is not User or user_sees_all_units(request.user):
        return None
    if action_type == "assign_role":
        raise PermissionDenied
    visible = set(
        users_visible_to(user=request.user)
        .filter(pk__in=[obj.pk for obj in objects])
        .values_list("pk", flat=True)
    )
    if any(obj.pk not in visible for obj in objects):
        raise PermissionDenied
    return None
