"""The "Learning" admin: learners' progress (with export), course assignments,
requests to approve, and copying a course for its next edition.

Every list is built from the scoped reads in courses/reports.py and every
change goes through courses.services; the views only translate requests.
"""

from datetime import date
from typing import TYPE_CHECKING, cast

import django_filters
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format as format_date
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from lms.admin_viewsets import ListingOnlyViewSet
from lms.permissions import PermissionMenuItem, PermissionRequiredMixin
from lms.spreadsheets import TitledSheetExportMixin, spreadsheet_safe_text
from people.access import units_offered_to
from people.fields import UnitChoiceFilter
from people.models import User
from people.personal_data_log import PersonalDataExportMixin

from .forms_admin import CourseAssignmentForm, CourseCopyForm
from .models import CourseAssignment, CoursePage, Enrolment
from .reports import (
    courses_reportable_to,
    enrolment_report,
    enrolment_requests_visible_to,
    enrolments_in_units,
    enrolments_visible_to,
)
from .services import (
    ASSIGN_PERMISSION,
    DECIDE_PERMISSION,
    course_assignment_create,
    course_assignment_progress,
    course_assignments_visible_to,
    course_copy,
    course_copy_allowed,
    enrolment_request_decide,
)

REPORT_PERMISSION = "courses.view_enrolment"
ASSIGNMENTS_PER_PAGE = 50
REQUESTS_PER_PAGE = 50


# --- Learners' progress ----------------------------------------------------------


class EnrolmentReportFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        queryset=lambda request: courses_reportable_to(user=request.user),
    )
    unit = UnitChoiceFilter(
        label=_("Unit (and the units below it)"),
        queryset=lambda request: units_offered_to(user=request.user),
        method="filter_unit",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Enrolment.Status.choices
    )

    class Meta:
        model = Enrolment
        fields = ["course", "unit", "status"]

    def filter_unit(self, queryset, name, value):
        return enrolments_in_units(queryset, units=[value])


def _learner_name(enrolment: Enrolment) -> str:
    return enrolment.learner.get_full_name() or enrolment.learner.username


def _day(moment) -> str:
    """dd/mm/yyyy in the platform's time zone, or nothing."""
    return format_date(localtime(moment), "d/m/Y") if moment else ""


def _local_date(moment) -> date | None:
    """The day in the platform's time zone (Wagtail would write UTC times)."""
    return localtime(moment).date() if moment else None


def _learner_unit(enrolment: Enrolment) -> str:
    return str(enrolment.learner.unit) if enrolment.learner.unit_id else ""


class EnrolmentReportIndexView(
    PersonalDataExportMixin, TitledSheetExportMixin, IndexView
):
    export_log_what = "enrolments"
    """Who is taking which course and how far they got; exported to Excel/CSV.

    Exports hold personal data: each is logged to lms.audit.
    """

    export_fields = {
        "learner": (_("Full name"), _learner_name),
        "unit": (_("Unit"), _learner_unit),
        "sex": (_("Sex"), lambda e: e.learner.get_sex_display()),
        "course": (_("Course"), lambda e: e.course.title),
        "code": (_("Code"), lambda e: e.course.code),
        "status": (_("Status"), lambda e: e.get_status_display()),
        "progress": (_("Progress (%)"), lambda e: e.progress_percent),
        "due_date": (_("Due date"), lambda e: e.due_date),
        "last_activity": (
            _("Last activity"),
            lambda e: _local_date(e.last_activity_at),
        ),
        "completed": (_("Completed on"), lambda e: _local_date(e.completed_at)),
    }

    def get_base_queryset(self):
        return enrolment_report(user=self.request.user)

    def get_page_title(self):
        return gettext("Learners' progress")

    def to_row_dict(self, item):
        return {key: read(item) for key, (_label, read) in self.export_fields.items()}

    def get_heading(self, queryset, field):
        return str(self.export_fields[field][0])

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_CSV and isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe_text(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        # Wagtail stores such cells as text already; the quote prefix also keeps
        # them text when someone edits the cell in Excel.
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if spreadsheet_safe_text(cell.value) != cell.value:
                cell.quotePrefix = True
            elif isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
            yield cell


class EnrolmentReportViewSet(ListingOnlyViewSet):
    model = Enrolment
    name = "course_progress"
    url_prefix = "learning/progress"
    icon = "clipboard-list"
    menu_label = _("Learners' progress")
    index_view_class = EnrolmentReportIndexView
    filterset_class = EnrolmentReportFilterSet
    # Rows are people's records, not content: no reference index, no edit links.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["learner__full_name", "learner__username"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["course__title", "learner__full_name"]
    list_display = [
        Column(
            "learner",
            label=_("Full name"),
            accessor=_learner_name,
            sort_key="learner__full_name",
        ),
        Column("unit", label=_("Unit"), accessor=_learner_unit),
        Column("sex", label=_("Sex"), accessor="learner.get_sex_display"),
        Column(
            "course",
            label=_("Course"),
            accessor="course.title",
            sort_key="course__title",
        ),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column(
            "progress",
            label=_("Progress (%)"),
            accessor="progress_percent",
            sort_key="progress",
        ),
        Column(
            "last_activity_at",
            label=_("Last activity"),
            accessor=lambda e: _day(e.last_activity_at),
            sort_key="last_activity_at",
        ),
        Column(
            "completed_at",
            label=_("Completed on"),
            accessor=lambda e: _day(e.completed_at),
            sort_key="completed_at",
        ),
    ]
    list_export = list(EnrolmentReportIndexView.export_fields)
    export_filename = "tien-do-hoc-tap"

    def register_admin_url_finder(self):
        """No edit view, so nothing for Wagtail to link an enrolment to."""

    def get_permissions_to_register(self):
        """ "Can view" is what opens the report, so groups may be given it."""
        content_type = ContentType.objects.get_for_model(Enrolment)
        return Permission.objects.filter(
            content_type=content_type,
            codename__in=["view_enrolment", "change_enrolment"],
        )


# --- Course assignments ----------------------------------------------------------------


class AssignPermissionMixin(PermissionRequiredMixin):
    permission = ASSIGN_PERMISSION


class AssignmentViewMixin(AssignPermissionMixin, WagtailAdminTemplateMixin):
    header_icon = "calendar-check"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("course_assignments:index"),
                "label": gettext("Course assignments"),
            },
            {"url": "", "label": self.get_page_title()},
        ]


if TYPE_CHECKING:
    # The mixin is put before a Django View, whose request and URL kwargs it reads.
    _ViewBase = View
else:
    _ViewBase = object


class VisibleAssignmentMixin(_ViewBase):
    """Someone else's assignment answers 404, as if it did not exist."""

    @cached_property
    def object(self) -> CourseAssignment:
        # The Wagtail admin lets only signed-in people in.
        user = cast(User, self.request.user)
        return get_object_or_404(
            course_assignments_visible_to(user=user),
            pk=self.kwargs["pk"],
        )


class AssignmentIndexView(AssignmentViewMixin, TemplateView):
    template_name = "courses/admin/assignments/index.html"
    page_title = _("Course assignments")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_header_buttons(self):
        return [
            HeaderButton(
                gettext("Assign a course"),
                url=reverse("course_assignments:add"),
                icon_name="plus",
            )
        ]

    def get_context_data(self, **kwargs):
        assignments = course_assignments_visible_to(user=self.request.user)
        page = Paginator(assignments, ASSIGNMENTS_PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        return super().get_context_data(
            page=page, assignments=page.object_list, **kwargs
        )


class AssignmentCreateView(AssignmentViewMixin, FormView):
    template_name = "courses/admin/assignments/create.html"
    page_title = _("Assign a course")
    form_class = CourseAssignmentForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"course": self.request.GET.get("course")}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            assignment = course_assignment_create(
                course=data["course"],
                assigned_by=self.request.user,
                due_date=data["due_date"],
                learners=data["learner_accounts"],
                units=list(data["units"]),
                target_groups=list(data["target_groups"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error("course", str(error))
            return self.form_invalid(form)
        return redirect("course_assignments:detail", pk=assignment.pk)


class AssignmentDetailView(VisibleAssignmentMixin, AssignmentViewMixin, TemplateView):
    template_name = "courses/admin/assignments/detail.html"

    def get_page_title(self):
        return str(self.object.course)

    def get_context_data(self, **kwargs):
        assignment = self.object
        return super().get_context_data(
            assignment=assignment,
            progress=course_assignment_progress(assignment=assignment),
            progress_url=reverse("course_assignments:progress", args=[assignment.pk]),
            report_url=reverse("course_progress:index")
            + "?"
            + urlencode({"course": assignment.course_id}),
            units=assignment.units.all(),
            target_groups=assignment.target_groups.all(),
            learner_count=assignment.learners.count(),
            Status=CourseAssignment.Status,
            **kwargs,
        )


class AssignmentProgressView(VisibleAssignmentMixin, AssignPermissionMixin, View):
    def get(self, request, pk):
        return JsonResponse(course_assignment_progress(assignment=self.object))


class AssignmentsMenuItem(PermissionMenuItem):
    permission = ASSIGN_PERMISSION


class CourseAssignmentViewSet(ViewSet):
    name = "course_assignments"
    url_prefix = "learning/assignments"
    icon = "calendar-check"
    menu_label = _("Course assignments")
    menu_item_class = AssignmentsMenuItem

    def get_urlpatterns(self):
        return [
            path("", AssignmentIndexView.as_view(), name="index"),
            path("new/", AssignmentCreateView.as_view(), name="add"),
            path("<int:pk>/", AssignmentDetailView.as_view(), name="detail"),
            path(
                "<int:pk>/progress/", AssignmentProgressView.as_view(), name="progress"
            ),
        ]


# --- Requests to approve -----------------------------------------------------------------


class DecidePermissionMixin(PermissionRequiredMixin):
    permission = DECIDE_PERMISSION


class RequestIndexView(DecidePermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/requests/index.html"
    page_title = _("Requests to approve")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        requests = enrolment_requests_visible_to(user=self.request.user)
        courses = courses_reportable_to(user=self.request.user).filter(
            pk__in=requests.values("course_id")
        )
        course = courses.filter(pk=self.request.GET.get("course") or None).first()
        if course is not None:
            requests = requests.filter(course=course)
        page = Paginator(requests, REQUESTS_PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        return super().get_context_data(
            page=page,
            requests=page.object_list,
            courses=courses,
            course=course,
            extra_query=urlencode({"course": course.pk}) if course else "",
            **kwargs,
        )


class RequestDecideView(DecidePermissionMixin, View):
    def post(self, request, pk):
        enrolment = get_object_or_404(
            enrolments_visible_to(user=request.user).select_related(
                "learner", "course"
            ),
            pk=pk,
        )
        approve = request.POST.get("decision") == "approve"
        try:
            enrolment_request_decide(
                enrolment=enrolment, approve=approve, decided_by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            values = {
                "name": _learner_name(enrolment),
                "title": enrolment.course.title,
            }
            if approve:
                message = gettext("%(name)s may now take “%(title)s”.") % values
            else:
                message = gettext("The request of %(name)s was refused.") % values
            messages.success(request, message)
        url = reverse("enrolment_requests:index")
        course = request.POST.get("course")
        return redirect(f"{url}?{urlencode({'course': course})}" if course else url)


class RequestsMenuItem(PermissionMenuItem):
    permission = DECIDE_PERMISSION


class EnrolmentRequestViewSet(ViewSet):
    name = "enrolment_requests"
    url_prefix = "learning/requests"
    icon = "tasks"
    menu_label = _("Requests to approve")
    menu_item_class = RequestsMenuItem

    def get_urlpatterns(self):
        return [
            path("", RequestIndexView.as_view(), name="index"),
            path("<int:pk>/decide/", RequestDecideView.as_view(), name="decide"),
        ]


# --- Copying a course --------------------------------------------------------------------


class CourseCopyView(WagtailAdminTemplateMixin, FormView):
    template_name = "courses/admin/copy.html"
    form_class = CourseCopyForm
    header_icon = "copy"

    @cached_property
    def course(self) -> CoursePage:
        course = get_object_or_404(CoursePage, pk=self.kwargs["pk"])
        # The Wagtail admin lets only signed-in people in.
        user = cast(User, self.request.user)
        if not course_copy_allowed(user=user, course=course):
            raise PermissionDenied
        return course

    def dispatch(self, request, *args, **kwargs):
        self.course  # noqa: B018 (refuses before any form is shown)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Copy “%(title)s”") % {"title": self.course.title}

    def get_breadcrumbs_items(self):
        parent = self.course.get_parent()
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[parent.pk]),
                "label": parent.title,
            },
            {
                "url": reverse("wagtailadmin_explore", args=[self.course.pk]),
                "label": self.course.title,
            },
            {"url": "", "label": gettext("Copy for a new edition")},
        ]

    def get_initial(self):
        return CourseCopyForm.initial_for(self.course)

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            copy = course_copy(
                course=self.course,
                user=self.request.user,
                new_title=data["new_title"],
                new_slug=data["new_slug"],
                new_code=data["new_code"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext(
                "“%(title)s” was copied with its modules and lessons, as a draft. "
                "Edit it, then submit it for review."
            )
            % {"title": copy.title},
        )
        return redirect("wagtailadmin_explore", copy.pk)


class CourseCopyViewSet(ViewSet):
    """Reached from a course's buttons in the page explorer; no menu item."""

    name = "course_copy"
    url_prefix = "learning/copy"

    def get_urlpatterns(self):
        return [path("<int:pk>/", CourseCopyView.as_view(), name="copy")]


class LearningViewSetGroup(ViewSetGroup):
    menu_label = _("Learning")
    menu_icon = "glasses"
    menu_order = 250
    items = (EnrolmentReportViewSet, CourseAssignmentViewSet, EnrolmentRequestViewSet)
