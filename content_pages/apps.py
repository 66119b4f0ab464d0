from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentPagesConfig(AppConfig):
    """The public site: home, standard pages, news, the school resource library."""

    name = "content_pages"
    label = "content_pages"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"
