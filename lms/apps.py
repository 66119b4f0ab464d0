from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    label = "lms"
    verbose_name = _("Platform")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Also in processes that publish without serving pages (Celery, commands).
        from .versions import connect_content_signals
        from .wagtail_admin import (
            label_page_fields,
            label_site_columns,
            name_page_search_results,
            show_times_in_local_time,
        )

        connect_content_signals()
        label_site_columns()
        label_page_fields()
        name_page_search_results()
        show_times_in_local_time()
