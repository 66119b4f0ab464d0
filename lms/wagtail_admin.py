"""Corrections to Wagtail's own admin that no template or catalogue can make."""

from django.utils.text import capfirst


def label_site_columns() -> None:
    """Wagtail's sites list labels three columns from their attribute names
    ("Port", "Site name", "Root page"), in English whatever the language:
    label them with the fields' (translated) verbose names instead."""
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
