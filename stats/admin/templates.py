"""Admin: the report templates (which reports the province asks for, to whom,
over which days, by when). Data, not constants: the receiving body changed in
2025, so each template holds the years it applies to.

Administrators add and edit them; unit managers see them (list and inspect
only, through the model's permissions in stats/roles.py).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import ReportTemplate
from ..population_import.parsing import FIRST_YEAR, LAST_YEAR
from . import STATS_MENU_HOOK

YEAR_OUT_OF_RANGE = _("Write a year from %(first)s to %(last)s.")
LAST_YEAR_BEFORE_FIRST = _("The last year cannot be before the first year.")
PERIOD_ENDS_BEFORE_START = _(
    "The period ends before it starts: tick “period starts in the previous year” "
    "if it runs over the new year."
)
NO_SUCH_DAY = _("There is no day %(day)s in month %(month)s.")
SLUG_TAKEN = _(
    "Another template with the short name “%(slug)s” starts in %(year)s; change "
    "one of them."
)
IN_USE = _(
    "“%(name)s” cannot be deleted: units have submitted reports for it. Set its "
    "last year instead."
)

# The longest month each day may fall in (29 February: a leap year's report).
MONTH_LENGTHS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
DATES = (
    ("period_start_day", "period_start_month"),
    ("period_end_day", "period_end_month"),
    ("cutoff_day", "cutoff_month"),
    ("due_day", "due_month"),
)


def _day_month(day: int, month: int) -> str:
    return f"{day:02d}/{month:02d}"


def period_label(template: ReportTemplate) -> str:
    start = _day_month(template.period_start_day, template.period_start_month)
    end = _day_month(template.period_end_day, template.period_end_month)
    if template.starts_in_previous_year:
        return gettext("%(start)s (previous year) – %(end)s") % {
            "start": start,
            "end": end,
        }
    return f"{start} – {end}"


def years_label(template: ReportTemplate) -> str:
    return f"{template.first_year} – {template.last_year or ''}".rstrip()


class ReportTemplateForm(WagtailAdminModelForm):
    """A template's dates and years, checked in words."""

    def clean(self):
        data = super().clean()
        for day_field, month_field in DATES:
            day, month = data.get(day_field), data.get(month_field)
            if day and month and 1 <= month <= 12 and day > MONTH_LENGTHS[month - 1]:
                self.add_error(
                    day_field,
                    NO_SUCH_DAY % {"month": month, "day": day},
                )
        for name in ("first_year", "last_year"):
            year = data.get(name)
            if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
                self.add_error(
                    name, YEAR_OUT_OF_RANGE % {"first": FIRST_YEAR, "last": LAST_YEAR}
                )
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", LAST_YEAR_BEFORE_FIRST)
        start = (data.get("period_start_month"), data.get("period_start_day"))
        end = (data.get("period_end_month"), data.get("period_end_day"))
        if (
            None not in start
            and None not in end
            and not data.get("starts_in_previous_year")
            and end < start
        ):
            self.add_error("period_end_day", PERIOD_ENDS_BEFORE_START)
        return data

    def validate_unique(self):
        """One template per short name and first year, said in words."""
        slug, first = self.cleaned_data.get("slug"), self.cleaned_data.get("first_year")
        if slug and first:
            clash = ReportTemplate.objects.filter(slug=slug, first_year=first).exclude(
                pk=self.instance.pk
            )
            if clash.exists():
                self.add_error("slug", SLUG_TAKEN % {"slug": slug, "year": first})
                return
        super().validate_unique()


class ReportTemplateDeleteView(generic.DeleteView):
    """A template with submitted reports is kept (the reports point at it)."""

    def form_valid(self, form):
        if self.object.submissions.exists():
            messages.error(self.request, IN_USE % {"name": self.object.name})
            return redirect(self.edit_url_name, self.object.pk)
        return super().form_valid(form)


class ReportTemplateInspectView(generic.InspectView):
    def get_starts_in_previous_year_display_value(self):
        return gettext("Yes") if self.object.starts_in_previous_year else gettext("No")

    def get_last_year_display_value(self):
        return self.object.last_year or "–"


class ReportTemplateViewSet(ModelViewSet):
    """In the "Statistics" menu (its hook), not in the main menu."""

    model = ReportTemplate
    name = "stats_templates"
    url_prefix = "stats-templates"
    icon = "doc-empty"
    menu_label = _("Report templates")
    menu_order = 500
    add_to_admin_menu = False
    menu_hook = STATS_MENU_HOOK
    delete_view_class = ReportTemplateDeleteView
    inspect_view_class = ReportTemplateInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False
    search_fields = ["name", "slug", "recipient"]
    search_backend_name = None
    ordering = ["slug", "first_year"]
    list_display = [
        "name",
        "slug",
        "recipient",
        Column("period", label=_("Period"), accessor=period_label),
        Column(
            "cutoff",
            label=_("Data cut-off"),
            accessor=lambda t: _day_month(t.cutoff_day, t.cutoff_month),
        ),
        Column(
            "due",
            label=_("Due"),
            accessor=lambda t: _day_month(t.due_day, t.due_month),
        ),
        Column("years", label=_("Years"), accessor=years_label),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("slug"), FieldPanel("recipient")]),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("period_start_day"),
                            FieldPanel("period_start_month"),
                        ]
                    ),
                    FieldPanel("starts_in_previous_year"),
                    FieldRowPanel(
                        [FieldPanel("period_end_day"), FieldPanel("period_end_month")]
                    ),
                ],
                heading=_("Period"),
            ),
            FieldRowPanel([FieldPanel("cutoff_day"), FieldPanel("cutoff_month")]),
            FieldRowPanel([FieldPanel("due_day"), FieldPanel("due_month")]),
            FieldRowPanel([FieldPanel("first_year"), FieldPanel("last_year")]),
        ],
        base_form_class=ReportTemplateForm,
    )


@hooks.register("register_admin_viewset")
def register_report_template_viewset():
    return ReportTemplateViewSet()
