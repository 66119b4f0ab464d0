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
        self.register_personal_data()
        self.connect_login_lockout()

    def connect_login_lockout(self):
        """A successful login clears that account's failed logins (people.lockout)."""
        from django.contrib.auth.signals import user_logged_in

        from .lockout import login_failures_clear_on_success

        user_logged_in.connect(
            login_failures_clear_on_success, dispatch_uid="people_login_lockout_clear"
        )

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

    def register_personal_data(self):
        """People's own sections come first, so their eraser runs last."""
        from .personal_data import register_personal_data
        from .personal_data_services import (
            consents_export,
            erasure_requests_export,
            profile_erase,
            profile_export,
        )

        register_personal_data(
            "profile", profile_export, profile_erase, title=_("Profile")
        )
        register_personal_data("consents", consents_export, title=_("Consents"))
        register_personal_data(
            "erasure_requests", erasure_requests_export, title=_("Erasure requests")
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
