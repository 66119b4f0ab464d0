from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    name = "people"
    label = "people"
    verbose_name = _("People and units")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="people_role_groups")
        self.register_access()
        self.connect_account_import_tasks()

    def connect_account_import_tasks(self):
        """An upload is checked, and a confirmed import applied, in the background."""
        from .signals import account_import_confirmed, account_import_uploaded
        from .tasks import queue_account_import_apply, queue_account_import_check

        account_import_uploaded.connect(
            queue_account_import_check, dispatch_uid="people_account_import_check"
        )
        account_import_confirmed.connect(
            queue_account_import_apply, dispatch_uid="people_account_import_apply"
        )

    def register_access(self):
        """People's roles, and accounts and units scoped by the unit managed."""
        from django.db.models import Q

        from .access import register_role_permissions, register_scoped_model
        from .models import AccountImport, AdminUnit, Organisation, User
        from .roles import ROLE_PERMISSIONS, Role

        register_role_permissions(ROLE_PERMISSIONS)
        register_scoped_model(AdminUnit, unit="")
        register_scoped_model(
            User,
            unit="unit",
            never=Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR),
        )
        register_scoped_model(Organisation, unit="unit")
        register_scoped_model(AccountImport, owner=("uploaded_by",))


class PeopleUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our profile fields and unit scoping."""

    user_viewset = "people.viewsets.ScopedUserViewSet"
