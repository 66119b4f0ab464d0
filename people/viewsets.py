"""Admin viewsets for people, units, organisations and target groups."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views import bulk_actions as wagtail_user_bulk_actions
from wagtail.users.views import users as wagtail_users

from lms.spreadsheets import TitledSheetExportMixin, spreadsheet_safe_text

from .access import sees_everything, units_visible_to, users_visible_to, visible_to
from .forms import (
    AdminUnitForm,
    AdminUnitSuccessionForm,
    AdminUserCreationForm,
    AdminUserEditForm,
    OrganisationForm,
)
from .models import AdminUnit, AdminUnitSuccession, Ethnicity, Organisation, TargetGroup
from .personal_data_log import PersonalDataExportMixin


class ScopedQuerysetMixin:
    """For views that find their account through Django's SingleObjectMixin."""

    def get_queryset(self):
        return users_visible_to(user=self.request.user)


class ScopedObjectMixin:
    """For views that find their account through Wagtail's BaseObjectMixin, whose
    get_queryset() is the listing they show (log entries, references), not users."""

    def get_base_object_queryset(self):
        return users_visible_to(user=self.request.user)


class ScopedUserIndexView(
    PersonalDataExportMixin, TitledSheetExportMixin, wagtail_users.IndexView
):
    export_log_what = "accounts"
    sheet_title = _("Accounts")
    search_fields = ["username", "full_name", "email"]
    list_export = [
        "username",
        "full_name",
        "email",
        "sex",
        "date_of_birth",
        "phone",
        "position",
        "employment_type",
        "unit",
        "organisation",
    ]
    export_headings = {
        "username": _("Username"),
        "full_name": _("Full name"),
        "email": _("E-mail"),
        "sex": _("Sex"),
        "date_of_birth": _("Date of birth"),
        "phone": _("Phone"),
        "position": _("Position"),
        "employment_type": _("Employment type"),
        "unit": _("Administrative unit"),
        "organisation": _("Organisation"),
    }

    def get_base_queryset(self):
        return (
            users_visible_to(user=self.request.user)
            .select_related("wagtail_userprofile", "unit", "organisation")
            .distinct()
        )

    @property
    def columns(self):
        columns = super().columns
        columns.insert(3, Column("unit", label=_("Unit"), accessor="unit"))
        return columns

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            return queryset.order_by(self.ordering.replace("name", "full_name"))
        return super().order_queryset(queryset)

    def preprocess_field_value(self, field, value, export_format):
        # Names and positions are typed by people: no cell may start a formula
        # (Wagtail's XLSX writes text cells already; its CSV writes as is).
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe_text(value)
        return value


class ScopedUserCreateView(wagtail_users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class ScopedUserEditView(ScopedQuerysetMixin, wagtail_users.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class ScopedUserDeleteView(ScopedQuerysetMixin, wagtail_users.DeleteView):
    pass


class ScopedUserHistoryView(ScopedObjectMixin, wagtail_users.HistoryView):
    pass


class ScopedUserUsageView(ScopedObjectMixin, UsageView):
    pass


class ScopedUserBulkActionMixin:
    """Bulk actions read account ids from the query string: an id outside the
    editor's scope is "not found", on the confirmation page as on submission."""

    def get_all_objects_in_listing_query(self, parent_id):
        listed = super().get_all_objects_in_listing_query(parent_id)
        return (
            users_visible_to(user=self.request.user)
            .filter(pk__in=listed)
            .values_list("pk", flat=True)
        )

    def get_actionable_objects(self):
        objects, without_access = super().get_actionable_objects()
        requested = {obj.pk for obj in objects}
        for extra in without_access.values():
            requested.update(obj.pk for obj in extra)
        visible = set(
            users_visible_to(user=self.request.user)
            .filter(pk__in=requested)
            .values_list("pk", flat=True)
        )
        if requested - visible:
            raise Http404
        return objects, without_access


class ScopedUserDeleteBulkAction(
    ScopedUserBulkActionMixin, wagtail_user_bulk_actions.DeleteBulkAction
):
    pass


class ScopedUserSetActiveStateBulkAction(
    ScopedUserBulkActionMixin, wagtail_user_bulk_actions.SetActiveStateBulkAction
):
    pass


class ScopedUserAssignRoleBulkAction(
    ScopedUserBulkActionMixin, wagtail_user_bulk_actions.AssignRoleBulkAction
):
    """Only those who see every unit may hand out any role, in bulk or otherwise."""

    def dispatch(self, request, *args, **kwargs):
        if not sees_everything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


SCOPED_USER_BULK_ACTIONS = (
    ScopedUserDeleteBulkAction,
    ScopedUserSetActiveStateBulkAction,
    ScopedUserAssignRoleBulkAction,
)


class ScopedUserViewSet(wagtail_users.UserViewSet):
    """Wagtail's users admin where a unit manager sees only their units' people."""

    index_view_class = ScopedUserIndexView
    add_view_class = ScopedUserCreateView
    edit_view_class = ScopedUserEditView
    delete_view_class = ScopedUserDeleteView
    history_view_class = ScopedUserHistoryView
    usage_view_class = ScopedUserUsageView
    # A "copy" form would show (and on submit overwrite) any account by its id.
    copy_view_enabled = False
    create_template_name = "people/admin/users/create.html"
    edit_template_name = "people/admin/users/edit.html"

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm

    def on_register(self):
        """Put the scoped bulk actions in place of Wagtail's, as Wagtail's own
        UserViewSet.on_register adds its search area: they belong with this viewset."""
        super().on_register()
        for action_class in SCOPED_USER_BULK_ACTIONS:
            hooks.register("register_bulk_action", action_class, order=100)


def boolean_column(model, name: str) -> BooleanColumn:
    """Wagtail lists a BooleanField as the raw "True"/"False": a tick or a
    cross, read out as Có/Không, instead."""
    label = capfirst(model._meta.get_field(name).verbose_name)
    return BooleanColumn(name, label=label, sort_key=name)


class PeopleModelViewSet(ModelViewSet):
    # Wagtail's copy view hands the original row to the form, so "saving the copy"
    # overwrote the original (a unit's code and place in the tree included).
    copy_view_enabled = False


class ScopedUnitIndexView(IndexView):
    """A unit manager lists only their units and those below them."""

    def get_base_queryset(self):
        return units_visible_to(user=self.request.user)


class ScopedOrganisationIndexView(IndexView):
    def get_base_queryset(self):
        return visible_to(self.request.user, Organisation.objects.all()).select_related(
            "unit"
        )


class AdminUnitViewSet(PeopleModelViewSet):
    model = AdminUnit
    url_prefix = "people/units"
    icon = "site"
    menu_label = _("Administrative units")

    index_view_class = ScopedUnitIndexView
    list_display = ["name", "unit_type", "code", "valid_from", "valid_to"]
    list_filter = ["unit_type"]
    search_fields = ["name", "code"]
    ordering = ["path"]

    def get_form_class(self, for_update=False):
        return AdminUnitForm


class AdminUnitSuccessionViewSet(PeopleModelViewSet):
    model = AdminUnitSuccession
    url_prefix = "people/unit-successions"
    icon = "arrow-right"
    menu_label = _("Unit successions")
    form_fields = [
        "predecessor",
        "successor",
        "effective_date",
        "is_partial",
        "legal_basis",
    ]
    list_display = [
        "predecessor",
        "successor",
        "effective_date",
        boolean_column(AdminUnitSuccession, "is_partial"),
    ]

    def get_form_class(self, for_update=False):
        return AdminUnitSuccessionForm


class OrganisationViewSet(PeopleModelViewSet):
    model = Organisation
    index_view_class = ScopedOrganisationIndexView
    url_prefix = "people/organisations"
    icon = "group"
    menu_label = _("Organisations")
    form_fields = ["name", "code", "kind", "unit"]
    list_display = ["name", "code", "kind", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]

    def get_form_class(self, for_update=False):
        return OrganisationForm


class TargetGroupViewSet(PeopleModelViewSet):
    model = TargetGroup
    url_prefix = "people/target-groups"
    icon = "tag"
    menu_label = _("Target groups")
    form_fields = ["code", "name", "description"]
    list_display = ["name", "code"]


class EthnicityViewSet(PeopleModelViewSet):
    model = Ethnicity
    url_prefix = "people/ethnicities"
    icon = "list-ul"
    menu_label = _("Ethnicities")
    form_fields = ["code", "name", "other_names", "is_minority", "is_code_verified"]
    list_display = [
        "code",
        "name",
        boolean_column(Ethnicity, "is_minority"),
        boolean_column(Ethnicity, "is_code_verified"),
    ]
    list_filter = ["is_code_verified", "is_minority"]


class PeopleViewSetGroup(ViewSetGroup):
    menu_label = _("People and units")
    menu_icon = "group"
    menu_order = 300
    items = (
        AdminUnitViewSet,
        AdminUnitSuccessionViewSet,
        OrganisationViewSet,
        TargetGroupViewSet,
        EthnicityViewSet,
    )
