from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentPagesConfig(AppConfig):
    """The public site: home, standard pages, news, the school resource library."""

    name = "content_pages"
    label = "content_pages"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """The header and footer are cached per host; any save of their settings clears it."""
        from people.access import register_role_permissions

        from .roles import ROLE_PERMISSIONS

        register_role_permissions(ROLE_PERMISSIONS)
        from django.db.models.signals import post_delete, post_save

        from .models import (
            FooterLink,
            MainMenuItem,
            ResourceLibraryPage,
            SiteSettings,
        )
        from .views.library import library_listing
        from .views.pages import site_chrome_clear

        ResourceLibraryPage.listing_view = library_listing

        def clear(**kwargs):
            site_chrome_clear()

        for model in (SiteSettings, MainMenuItem, FooterLink):
            for signal in (post_save, post_delete):
                signal.connect(
                    clear,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"chrome-{model.__name__}-{signal}",
                )
