"""Admin: a training report as Excel (Xuất báo cáo).

Two ways in, one download view ("stats_exports:report"):

- the small form of the Statistics menu: a report template, a year, a unit
  (the template's period and cut-off for that year);
- the dashboard's own filters (period or dates, unit, mapping, course, class,
  target group, mode; stats.forms.DashboardFilterForm), so the dashboard can
  offer "this, in Excel" with its query string.

Needs stats.view_dashboard; the figures are scoped by stats.selectors.scope.
figures_scope, so a unit manager exports their own units only: asking for a unit
outside them is refused (PermissionDenied, which Wagtail's admin answers with a
redirect to its home page and a message), not emptied. Bad input shows the form again with
the reason, and no file. Every export is logged to lms.audit.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.permissions import PermissionMenuItem, PermissionRequiredMixin
from lms.text import ascii_slug
from people.access import sees_everything, units_visible_to
from people.fields import UnitChoiceField
from people.models import AdminUnit, User

from ..forms import DashboardFilterForm
from ..models import ReportTemplate
from ..selectors.dashboard import report_figures
from ..selectors.scope import StatsFilter, UnitMapping, figures_scope
from ..services.exports import report_workbook
from . import STATS_MENU_HOOK

audit_log = logging.getLogger("lms.audit")

PERMISSION = "stats.view_dashboard"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIRST_YEAR, LAST_YEAR = 2000, 2100

TEMPLATE_UNKNOWN = _("Choose a report from the list.")
YEAR_REQUIRED = _("Type the year of the report, e.g. 2026.")
YEAR_OUT_OF_RANGE = _("Type a year between %(first)s and %(last)s.")
TEMPLATE_NOT_IN_USE = _("“%(report)s” is not in use for %(year)s.")
PERIOD_NOT_STARTED = _(
    "The period of “%(report)s” %(year)s starts on %(start)s: nothing to report yet."
)
UNIT_NOT_OFFERED = _("You may not see the figures of this unit.")
CHOICE_INVALID = _("This choice is not on the list.")


@dataclass(frozen=True)
class ExportRequest:
    """What to count and what to print at the top of each sheet."""

    stats_filter: StatsFilter
    title: str
    unit: AdminUnit | None
    template: ReportTemplate | None = None
    year: int | None = None


def template_choices() -> list[tuple[str, str]]:
    """Each report once (a template has a row per recipient), by name."""
    names: dict[str, str] = {}
    for template in ReportTemplate.objects.order_by("slug", "first_year"):
        names[template.slug] = template.name  # the latest row's name
    return sorted(names.items(), key=lambda item: item[1])


def template_for(slug: str, year: int) -> ReportTemplate | None:
    """The row of a report that applies to `year` (None: none does)."""
    for template in ReportTemplate.objects.filter(slug=slug).order_by("first_year"):
        if template.applies_to(year):
            return template
    return None


class ReportExportForm(forms.Form):
    """A report template, a year and a unit: the menu's small form."""

    template = forms.ChoiceField(
        label=pgettext_lazy("report export", "Report"),
        error_messages={"invalid_choice": TEMPLATE_UNKNOWN},
    )
    year = forms.IntegerField(
        label=pgettext_lazy("report export", "Year"),
        error_messages={"required": YEAR_REQUIRED, "invalid": YEAR_REQUIRED},
    )
    unit = UnitChoiceField(
        label=_("Unit (and the units below it)"),
        queryset=None,
        required=False,
        empty_label=_("All the units you may see"),
        error_messages={"invalid_choice": UNIT_NOT_OFFERED},
    )
    mapping = forms.ChoiceField(
        label=_("Units"),
        choices=[
            (UnitMapping.AS_THEN.value, _("As the units were then")),
            (UnitMapping.TODAY.value, _("Mapped to today's units")),
        ],
        initial=UnitMapping.AS_THEN.value,
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = template_choices()
        self.template_names = dict(choices)
        cast(forms.ChoiceField, self.fields["template"]).choices = choices
        unit_field = cast(UnitChoiceField, self.fields["unit"])
        unit_field.queryset = units_visible_to(user=user).order_by("path")
        self.fields["year"].initial = timezone.localdate().year

    def clean_year(self) -> int:
        year = cast(int, self.cleaned_data["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(
                YEAR_OUT_OF_RANGE,
                code="out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        slug, year = cleaned.get("template"), cleaned.get("year")
        if not slug or year is None:
            return cleaned
        template = template_for(slug, year)
        name = self.template_names.get(slug, slug)
        if template is None:
            self.add_error(
                "year",
                forms.ValidationError(
                    TEMPLATE_NOT_IN_USE,
                    code="not_in_use",
                    params={"report": name, "year": year},
                ),
            )
            return cleaned
        period = template.period(year)
        if period.start > timezone.localdate():
            self.add_error(
                "year",
                forms.ValidationError(
                    PERIOD_NOT_STARTED,
                    code="not_started",
                    params={
                        "report": name,
                        "year": year,
                        "start": f"{period.start:%d/%m/%Y}",
                    },
                ),
            )
            return cleaned
        cleaned["report_template"] = template
        return cleaned

    def export_request(self) -> ExportRequest:
        data = self.cleaned_data
        template: ReportTemplate = data["report_template"]
        year: int = data["year"]
        period = template.period(year)
        unit = data.get("unit")
        return ExportRequest(
            stats_filter=StatsFilter(
                start=period.start,
                end=period.end,
                cutoff=period.cutoff,
                units=(unit.pk,) if unit else (),
                mapping=UnitMapping(data.get("mapping") or UnitMapping.AS_THEN),
            ),
            title=f"{template.name} {year}",
            unit=unit,
            template=template,
            year=year,
        )


def dashboard_export_request(form: DashboardFilterForm) -> ExportRequest:
    """The dashboard's filters (a valid form) as an export."""
    with translation.override(settings.LANGUAGE_CODE):  # as the workbook is
        title = pgettext("training report", "Training report")
    return ExportRequest(
        stats_filter=form.stats_filter(),
        title=title,
        unit=form.cleaned_data.get("unit"),
    )


def refuse_units_outside(user: User, query: Mapping[str, str]) -> None:
    """Refuse a unit that exists but lies outside the user's units: the forms
    never offer one, so only a hand-made link asks for it, and the answer is
    the one figures_scope gives (no figures, not an empty report)."""
    raw = query.get("unit", "")
    if not raw.isdigit() or sees_everything(user):
        return
    unit = AdminUnit.objects.filter(pk=int(raw)).first()
    if unit is not None and not units_visible_to(user=user).filter(pk=unit.pk):
        raise PermissionDenied


def scope_name(user: User, unit: AdminUnit | None) -> str:
    """What the report covers, for the sheets' heading."""
    if unit is not None:
        return unit.name
    if sees_everything(user):
        return ""  # the workbook's "the whole province"
    visible = units_visible_to(user=user)
    depths = visible.values_list("depth", flat=True)
    top = min(depths, default=None)
    return ", ".join(
        visible.filter(depth=top).order_by("path").values_list("name", flat=True)
    )


def export_filename(export: ExportRequest) -> str:
    unit = ascii_slug(export.unit.code) if export.unit else ""
    if export.template is not None:
        name = f"{ascii_slug(export.template.slug)}-{export.year}"
    else:
        f = export.stats_filter
        name = f"bao-cao-dao-tao-{f.start:%Y%m%d}-{f.end:%Y%m%d}"
    return f"{name}-{unit}.xlsx" if unit else f"{name}.xlsx"


class ExportMixin(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    permission = PERMISSION
    page_title = _("Export a report")
    header_icon = "download"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("report_url", reverse("stats_exports:report"))
        return super().get_context_data(**kwargs)


class ExportFormView(ExportMixin, TemplateView):
    """The small form: report, year, unit."""

    template_name = "stats/exports/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = cast(User, self.request.user)
        kwargs.setdefault("form", ReportExportForm(user=user))
        return super().get_context_data(**kwargs)


class ReportExportView(ExportMixin, TemplateView):
    """The workbook, or the form again with what is wrong (and no file)."""

    template_name = "stats/exports/index.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = cast(User, request.user)
        refuse_units_outside(user, request.GET)
        form: forms.Form
        if "template" in request.GET:
            form = ReportExportForm(request.GET, user=user)
        else:
            form = DashboardFilterForm(request.GET, user=user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if isinstance(form, ReportExportForm):
            export = form.export_request()
        else:
            export = dashboard_export_request(cast(DashboardFilterForm, form))
        # Raises PermissionDenied for units outside the user's (403).
        scope = figures_scope(user=user, stats_filter=export.stats_filter)
        figures = report_figures(scope)
        f = export.stats_filter
        content = report_workbook(
            figures,
            title=export.title,
            unit_name=scope_name(user, export.unit),
            period=(f.start, f.end),
            cutoff=f.cutoff,
            recipient=export.template.recipient if export.template else "",
        )
        audit_log.info(
            "statistics export: report user=%s template=%s year=%s unit=%s "
            "start=%s end=%s classes=%s",
            user.pk,
            export.template.slug if export.template else "",
            export.year or "",
            export.unit.pk if export.unit else "",
            f.start.isoformat(),
            f.end.isoformat(),
            len(figures["by_class"]),
        )
        response = HttpResponse(content, content_type=XLSX_TYPE)
        filename = export_filename(export)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


urlpatterns = [
    path("", ExportFormView.as_view(), name="index"),
    path("report/", ReportExportView.as_view(), name="report"),
]


@hooks.register("register_admin_urls")
def register_export_urls() -> list[Any]:
    return [
        path(
            "stats-exports/",
            include((urlpatterns, "stats_exports"), namespace="stats_exports"),
        )
    ]


class ExportMenuItem(PermissionMenuItem):
    permission = PERMISSION


@hooks.register(STATS_MENU_HOOK)
def register_export_menu_item() -> ExportMenuItem:
    return ExportMenuItem(
        pgettext_lazy("stats menu", "Export a report"),
        reverse("stats_exports:index"),
        name="stats-exports",
        icon_name="download",
        order=400,
    )
