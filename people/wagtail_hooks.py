from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import import_urls
from .access import sees_everything, users_visible_to
from .account_import import IMPORT_PERMISSION
from .lockout_views import LoginLockoutViewSet
from .models import User
from .personal_data_viewsets import PersonalDataViewSetGroup
from .viewsets import PeopleViewSetGroup


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()


@hooks.register("register_admin_viewset")
def register_personal_data_viewsets():
    return PersonalDataViewSetGroup()


@hooks.register("before_bulk_action")
def keep_user_bulk_actions_in_scope(
    request, action_type, objects, action_class_instance
):
    """Bulk actions on users take ids from the request: hold them to the same scope."""
    if action_class_instance.model is not User or sees_everything(request.user):
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


class ImportAccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_account_import_urls():
    return [path("people/account-imports/", include(import_urls))]


@hooks.register("register_admin_menu_item")
def register_account_import_menu_item():
    return ImportAccountsMenuItem(
        _("Import accounts"),
        reverse("people_account_imports:index"),
        name="import-accounts",
        icon_name="upload",
        order=310,
    )


@hooks.register("register_admin_viewset")
def register_login_lockout_viewset():
    return LoginLockoutViewSet()
