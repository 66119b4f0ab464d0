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


class PeopleUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our profile fields and unit scoping."""

    user_viewset = "people.viewsets.ScopedUserViewSet"
