"""Admin: the register of target populations (how many people of each target
group a unit has in a year), the denominator of "the share trained at least
once".

A unit manager lists, adds and edits the rows of their own units (and the
units below them) only: every list, choice and lookup goes through
people.access. Rows also come in from Excel (stats.population_import).
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from people.access import units_offered_to, visible_to
from people.fields import UnitChoiceField, UnitChoiceFilter
from people.models import TargetGroup, User

from ..models import TargetPopulation
from ..population_import.parsing import (
    FIRST_YEAR,
    LAST_YEAR,
    population_import_allowed,
)
from ..templatetags.stats_tags import grouped_number
from . import STATS_MENU_HOOK

YEAR_OUT_OF_RANGE = _("Write a year from %(first)s to %(last)s.")
SIZE_NEGATIVE = _("The number of people cannot be below 0.")
ALREADY_REGISTERED = _(
    "%(unit)s already has a figure for “%(group)s” in %(year)s: edit that row instead."
)


def populations_visible_to(user: User) -> QuerySet[TargetPopulation]:
    """The register rows this person may see and change."""
    return visible_to(user, TargetPopulation.objects.all())


class TargetPopulationForm(WagtailAdminModelForm):
    """One register row. Only the person's own units are offered; the year and
    the size are checked, and a second row for the same unit, group and year
    is refused in words (before the database constraint would)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if "unit" in self.fields and user is not None:
            field = self.fields["unit"]
            self.fields["unit"] = UnitChoiceField(
                queryset=units_offered_to(user=user),
                label=field.label,
                required=True,
            )
        if "target_group" in self.fields:
            self.fields["target_group"].queryset = TargetGroup.objects.order_by("name")
        if "year" in self.fields and not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                YEAR_OUT_OF_RANGE % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return year

    def clean_size(self):
        size = self.cleaned_data.get("size")
        if size is not None and size < 0:
            raise ValidationError(SIZE_NEGATIVE)
        return size

    def validate_unique(self):
        """The register holds one row per unit, group and year."""
        data = self.cleaned_data
        unit, group, year = data.get("unit"), data.get("target_group"), data.get("year")
        if unit is not None and group is not None and year is not None:
            clash = TargetPopulation.objects.filter(
                unit=unit, target_group=group, year=year
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    None,
                    str(ALREADY_REGISTERED)
                    % {"unit": unit, "group": group, "year": year},
                )
                return
        super().validate_unique()


class TargetPopulationFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    unit = UnitChoiceFilter(
        label=_("Unit"),
        queryset=lambda request: units_offered_to(user=request.user),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"), queryset=TargetGroup.objects.order_by("name")
    )

    class Meta:
        model = TargetPopulation
        fields = ["year", "unit", "target_group"]


class ScopedQuerysetMixin:
    """Another unit's row answers 404, as if it did not exist."""

    def get_queryset(self):
        return populations_visible_to(self.request.user)


class ScopedObjectMixin:
    """For the views that find the row through Wagtail's BaseObjectMixin."""

    def get_base_object_queryset(self):
        return populations_visible_to(self.request.user)


class EnteredByMixin:
    """Whoever saves a row is recorded as the one who entered its figure."""

    def save_instance(self):
        self.form.instance.entered_by = self.request.user
        return super().save_instance()


class TargetPopulationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return populations_visible_to(self.request.user).select_related(
            "unit", "target_group", "entered_by"
        )

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if population_import_allowed(user=self.request.user):
            buttons.append(
                HeaderButton(
                    gettext("Import from Excel"),
                    url=reverse("stats_population:import"),
                    icon_name="upload",
                )
            )
        return buttons


class TargetPopulationCreateView(EnteredByMixin, generic.CreateView):
    pass


class TargetPopulationEditView(EnteredByMixin, ScopedQuerysetMixin, generic.EditView):
    pass


class TargetPopulationDeleteView(ScopedQuerysetMixin, generic.DeleteView):
    pass


class TargetPopulationHistoryView(ScopedObjectMixin, generic.HistoryView):
    pass


class TargetPopulationUsageView(ScopedObjectMixin, generic.UsageView):
    pass


def _entered_by(row: TargetPopulation) -> str:
    person = row.entered_by
    return (person.full_name or person.username) if person else ""


class TargetPopulationViewSet(ModelViewSet):
    """In the "Statistics" menu (its hook), not in the main menu."""

    model = TargetPopulation
    name = "stats_population"
    url_prefix = "stats-population"
    icon = "group"
    menu_label = _("Target populations")
    menu_order = 400
    add_to_admin_menu = False
    menu_hook = STATS_MENU_HOOK
    index_view_class = TargetPopulationIndexView
    add_view_class = TargetPopulationCreateView
    edit_view_class = TargetPopulationEditView
    delete_view_class = TargetPopulationDeleteView
    history_view_class = TargetPopulationHistoryView
    usage_view_class = TargetPopulationUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    filterset_class = TargetPopulationFilterSet
    search_fields = ["unit__name", "unit__code", "target_group__name"]
    search_backend_name = None
    list_per_page = 100
    ordering = ["-year", "unit__path", "target_group__name"]
    list_display = [
        Column("unit", label=_("Unit"), accessor="unit", sort_key="unit__path"),
        Column("code", label=_("Unit code"), accessor="unit.code"),
        Column("target_group", label=_("Target group"), accessor="target_group"),
        Column("year", label=_("Year"), sort_key="year"),
        Column(
            "size",
            label=_("Number of people"),
            accessor=lambda row: grouped_number(row.size),
            sort_key="size",
        ),
        Column("entered_by", label=_("Entered by"), accessor=_entered_by),
        Column(
            "updated_at",
            label=_("Updated"),
            accessor=lambda row: timezone.localtime(row.updated_at).strftime(
                "%d/%m/%Y"
            ),
            sort_key="updated_at",
        ),
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit"), FieldPanel("target_group")]),
            FieldRowPanel([FieldPanel("year"), FieldPanel("size")]),
        ],
        base_form_class=TargetPopulationForm,
    )

    def get_urlpatterns(self):
        from ..population_import import views as import_views

        return [
            *super().get_urlpatterns(),
            path(
                "import/",
                import_views.PopulationImportView.as_view(),
                name="import",
            ),
            path(
                "import/confirm/",
                import_views.PopulationImportConfirmView.as_view(),
                name="import_confirm",
            ),
            path(
                "import/template.xlsx",
                import_views.PopulationImportTemplateView.as_view(),
                name="import_template",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_population_viewset():
    return TargetPopulationViewSet()
