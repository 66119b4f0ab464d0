"""Corrections to Wagtail's own admin that no template or catalogue can make."""

from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy


def label_site_columns() -> None:
    """Wagtail's sites list labels three columns from their attribute names
    ("Port", "Site name", "Root page"), in English whatever the language:
    label them with the fields' (translated) verbose names instead."""
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


def label_page_fields() -> None:
    """Wagtail's page-permission and workflow forms declare their page field
    without a label, so Django names it "Page" from the attribute, untranslated;
    the page-permission checkboxes are named by Permission.__str__ ("Wagtail
    core | page | Can add page", stored English): use Wagtail's own translated
    long labels, as its collection permission forms already do."""
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Page
    from wagtail.users.forms import PagePermissionsForm

    for form in (PagePermissionsForm, WorkflowPageForm):
        form.base_fields["page"].label = capfirst(Page._meta.verbose_name)
    long_labels = {codename: label for codename, _short, label in Page.permission_types}
    PagePermissionsForm.base_fields["permissions"].label_from_instance = (
        lambda permission: long_labels.get(permission.codename, str(permission))
    )


def name_page_search_results() -> None:
    """Wagtail's page search gives its result count no model name ("1-20 of 75
    None"): name them after a number, which in Vietnamese takes no plural
    ("75 trang", not Wagtail's "75 các trang")."""
    from wagtail.admin.views.pages.search import SearchView

    SearchView.verbose_name = pgettext_lazy("after a number", "page")
    SearchView.verbose_name_plural = pgettext_lazy("after a number", "pages")


def show_times_in_local_time() -> None:
    """Wagtail's inspect views print a date-time with `|localize`, which formats
    the stored UTC value before the template could convert it: a download at
    04:28 in Quảng Ngãi showed as 21:28 the day before. Every inspect view gets
    the platform's time zone (Asia/Ho_Chi_Minh) instead."""
    from django.db import models
    from django.utils import formats, timezone
    from django.utils.html import conditional_escape
    from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class

    class LocalDateTimeDisplay(BaseFieldDisplay):
        def render_html(self, parent_context=None):
            if self.value is None:
                return None
            local = (
                timezone.localtime(self.value)
                if timezone.is_aware(self.value)
                else self.value
            )
            return conditional_escape(formats.localize(local))

    register_display_class(models.DateTimeField, display_class=LocalDateTimeDisplay)
