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
        self.register_personal_data()
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

    def register_personal_data(self):
        """What this app holds on a person, for its download and erasure."""
        from people.personal_data import register_personal_data

        from .personal_data import (
            resource_bookmarks_erase,
            resource_bookmarks_export,
            resource_downloads_erase,
            resource_downloads_export,
        )

        register_personal_data(
            "resource_downloads",
            resource_downloads_export,
            resource_downloads_erase,
            title=_("Resource downloads"),
        )
        register_personal_data(
            "resource_bookmarks",
            resource_bookmarks_export,
            resource_bookmarks_erase,
            title=_("Saved resources"),
        )
