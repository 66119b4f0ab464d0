"""The "Training classes" admin: classes with their sessions, and participants.

Every list, form choice and object lookup goes through people.access
(visible_to, units_offered_to): a trainer reaches the classes they teach, a
unit manager the classes of their units. Participants change only through
training.services.participants; the views translate requests.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from lms.admin_viewsets import ListingOnlyViewSet
from lms.permissions import PermissionRequiredMixin
from people.access import units_offered_to, user_has_role, visible_to
from people.fields import UnitChoiceFilter
from people.roles import Role

from .access import registers_others
from .forms_admin import SessionChecksMixin, SessionForm, TrainingClassForm
from .models import Participant, TrainingClass
from .services.participants import (
    DECIDE_PERMISSION,
    participant_approve,
    participant_reject,
    participant_withdraw,
)

VIEW_CLASS_PERMISSION = "training.view_trainingclass"


def classes_managed_by(user) -> QuerySet[TrainingClass]:
    """The classes this person may open in the admin."""
    return visible_to(user, TrainingClass.objects.all())


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _moment(value) -> str:
    return date_format(localtime(value), "d/m/Y H:i") if value else ""


# --- Classes --------------------------------------------------------------------


class SessionsPanel(InlinePanel):
    """Sessions edited inside their class, with SessionForm's checks."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        base = formset.get("form")
        formset["form"] = (
            type(base)(base.__name__, (SessionChecksMixin, base), {})
            if base is not None
            else SessionForm
        )
        return options


CLASS_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("status")]),
                FieldPanel("title"),
                FieldPanel("description"),
                FieldPanel("course"),
                FieldRowPanel([FieldPanel("unit"), FieldPanel("organisation")]),
                FieldPanel("target_groups"),
                FieldRowPanel([FieldPanel("mode"), FieldPanel("funding_source")]),
                FieldPanel("venue"),
                FieldPanel("meeting_url"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("trainers"),
            ],
            heading=_("Class"),
        ),
        ObjectList(
            [
                SessionsPanel(
                    "sessions",
                    heading=_("Sessions"),
                    label=_("Session"),
                    panels=[
                        FieldRowPanel(
                            [
                                FieldPanel("date"),
                                FieldPanel("starts_at"),
                                FieldPanel("ends_at"),
                            ]
                        ),
                        FieldPanel("topic"),
                        FieldPanel("place"),
                    ],
                ),
            ],
            heading=_("Sessions"),
        ),
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("capacity"),
                        FieldRowPanel(
                            [
                                FieldPanel("registration_opens_at"),
                                FieldPanel("registration_closes_at"),
                            ]
                        ),
                        FieldPanel("requires_approval"),
                    ],
                    heading=_("Registration"),
                ),
                MultiFieldPanel(
                    [
                        FieldRowPanel(
                            [
                                FieldPanel("attendance_threshold"),
                                FieldPanel("late_after_minutes"),
                            ]
                        ),
                        FieldRowPanel(
                            [FieldPanel("pre_test"), FieldPanel("post_test")]
                        ),
                    ],
                    heading=_("Attendance and completion"),
                ),
            ],
            heading=_("Registration and completion"),
        ),
    ],
    base_form_class=TrainingClassForm,
)


class TrainingClassFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TrainingClass.Status.choices
    )
    mode = django_filters.ChoiceFilter(
        label=_("Mode"), choices=TrainingClass.Mode.choices
    )
    unit = UnitChoiceFilter(
        label=_("Organising unit"),
        queryset=lambda request: units_offered_to(user=request.user),
    )

    class Meta:
        model = TrainingClass
        fields = ["status", "mode", "unit"]


def class_buttons(user, training_class: TrainingClass) -> list[Button]:
    """The pages about one class, for its row in the list and its edit page."""
    pk = training_class.pk
    buttons = [
        Button(
            gettext("Report"),
            url=reverse("training_reports:class", args=[pk]),
            icon_name="table",
            priority=0,
        ),
        Button(
            gettext("Roll-call and check-in"),
            url=reverse("training:sessions_to_mark") + "?" + urlencode({"class": pk}),
            icon_name="tick",
            priority=0,
        ),
        Button(
            gettext("Participants"),
            url=reverse("training_participants:index")
            + "?"
            + urlencode({"training_class": pk}),
            icon_name="group",
            priority=1,
        ),
        Button(
            gettext("Sign-in sheet (PDF)"),
            url=reverse("training_classes:sign_in_sheet_pdf", args=[pk]),
            icon_name="doc-full",
            priority=2,
        ),
        Button(
            gettext("Sign-in sheet (Excel)"),
            url=reverse("training_classes:sign_in_sheet_xlsx", args=[pk]),
            icon_name="download",
            priority=3,
        ),
    ]
    if user.has_perm("training.add_attendancerecord"):
        buttons.append(
            Button(
                gettext("Import a filled sign-in sheet"),
                url=reverse("training_classes:sign_in_sheet_import", args=[pk]),
                icon_name="upload",
                priority=4,
            )
        )
    if registers_others(user):
        buttons.append(
            Button(
                gettext("Register staff"),
                url=reverse("training_classes:staff_registration", args=[pk]),
                icon_name="user",
                priority=5,
            )
        )
        buttons.append(
            Button(
                gettext("Import participants"),
                url=reverse("training_classes:participant_import", args=[pk]),
                icon_name="upload",
                priority=5,
            )
        )
    return buttons


class ScopedClassMixin:
    """Someone else's class answers 404, as if it did not exist."""

    def get_queryset(self):
        return classes_managed_by(self.request.user)


class ScopedClassObjectMixin:
    """For the views that find the class through Wagtail's BaseObjectMixin."""

    def get_base_object_queryset(self):
        return classes_managed_by(self.request.user)


class TrainingClassIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            classes_managed_by(self.request.user)
            .select_related("unit")
            .annotate(
                session_count=Count("sessions", distinct=True),
                confirmed_count=Count(
                    "participants",
                    filter=Q(participants__status=Participant.Status.CONFIRMED),
                    distinct=True,
                ),
            )
        )

    def get_list_more_buttons(self, instance):
        return [
            *class_buttons(self.request.user, instance),
            *super().get_list_more_buttons(instance),
        ]


class TrainingClassCreateView(generic.CreateView):
    def save_instance(self):
        """The author is recorded, and a trainer who creates a class teaches it
        (so it stays in their list)."""
        user = self.request.user
        self.form.instance.created_by = user
        instance = super().save_instance()
        if user_has_role(user, Role.TRAINER):
            instance.trainers.add(user)
        return instance


class TrainingClassEditView(ScopedClassMixin, generic.EditView):
    def get_header_more_buttons(self):
        return [
            *class_buttons(self.request.user, self.object),
            *super().get_header_more_buttons(),
        ]


class TrainingClassDeleteView(ScopedClassMixin, generic.DeleteView):
    pass


class TrainingClassHistoryView(ScopedClassObjectMixin, generic.HistoryView):
    pass


class TrainingClassUsageView(ScopedClassObjectMixin, generic.UsageView):
    pass


class TrainingClassViewSet(ModelViewSet):
    model = TrainingClass
    name = "training_classes"
    url_prefix = "training/classes"
    icon = "calendar-alt"
    menu_label = _("Classes")
    index_view_class = TrainingClassIndexView
    add_view_class = TrainingClassCreateView
    edit_view_class = TrainingClassEditView
    delete_view_class = TrainingClassDeleteView
    history_view_class = TrainingClassHistoryView
    usage_view_class = TrainingClassUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    filterset_class = TrainingClassFilterSet
    search_fields = ["code", "title"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["-starts_on", "code"]
    list_display = [
        "code",
        "title",
        Column("unit", label=_("Organising unit"), accessor="unit"),
        Column(
            "starts_on",
            label=_("Start date"),
            accessor=lambda c: _day(c.starts_on),
            sort_key="starts_on",
        ),
        Column("mode", label=_("Mode"), accessor="get_mode_display"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("session_count", label=_("Sessions")),
        Column("confirmed_count", label=_("Confirmed participants")),
    ]
    edit_handler = CLASS_PANELS

    def get_urlpatterns(self):
        from .admin import registration as registration_views
        from .admin import sheets as sheet_views
        from .participant_import import views as import_views

        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/sign-in-sheet.pdf",
                sheet_views.SignInSheetPdfView.as_view(),
                name="sign_in_sheet_pdf",
            ),
            path(
                "<int:pk>/sign-in-sheet.xlsx",
                sheet_views.SignInSheetXlsxView.as_view(),
                name="sign_in_sheet_xlsx",
            ),
            path(
                "<int:pk>/sign-in-sheet/import/",
                sheet_views.SignInSheetImportView.as_view(),
                name="sign_in_sheet_import",
            ),
            path(
                "<int:pk>/sign-in-sheet/import/confirm/",
                sheet_views.SignInSheetConfirmView.as_view(),
                name="sign_in_sheet_confirm",
            ),
            path(
                "<int:pk>/participants/register/",
                registration_views.StaffRegistrationView.as_view(),
                name="staff_registration",
            ),
            path(
                "<int:pk>/participants/import/",
                import_views.ParticipantImportView.as_view(),
                name="participant_import",
            ),
            path(
                "<int:pk>/participants/import/confirm/",
                import_views.ParticipantImportConfirmView.as_view(),
                name="participant_import_confirm",
            ),
            path(
                "participants/import/template.xlsx",
                import_views.ParticipantImportTemplateView.as_view(),
                name="participant_import_template",
            ),
        ]


# --- Participants ----------------------------------------------------------------


def _person_name(participant: Participant) -> str:
    return participant.person.full_name or participant.person.username


def _person_unit(participant: Participant) -> str:
    return str(participant.person.unit) if participant.person.unit_id else ""


def support_needs(participant: Participant) -> str:
    """The support a participant asked for, in one line (empty when none)."""
    needs = []
    if participant.brings_young_child:
        needs.append(gettext("brings a child under 36 months"))
    if participant.needs_disability_support:
        needs.append(gettext("disability support"))
    if participant.interpreter_language:
        needs.append(
            gettext("interpreter: %(language)s")
            % {"language": participant.interpreter_language}
        )
    if participant.accommodation_needs:
        needs.append(participant.accommodation_needs)
    return "; ".join(needs)


class ParticipantFilterSet(WagtailFilterSet):
    training_class = django_filters.ModelChoiceFilter(
        label=_("Class"),
        queryset=lambda request: classes_managed_by(request.user).order_by(
            "-starts_on", "code"
        ),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Participant.Status.choices
    )

    class Meta:
        model = Participant
        fields = ["training_class", "status"]


# Which decisions a registration in each status allows.
DECISIONS = {
    "approve": (
        _("Approve"),
        (Participant.Status.PENDING,),
        participant_approve,
    ),
    "reject": (
        _("Refuse"),
        (Participant.Status.PENDING, Participant.Status.WAITING),
        participant_reject,
    ),
    "withdraw": (
        _("Withdraw"),
        (
            Participant.Status.PENDING,
            Participant.Status.CONFIRMED,
            Participant.Status.WAITING,
        ),
        participant_withdraw,
    ),
}


def participants_managed_by(user):
    return visible_to(user, Participant.objects.all())


class ParticipantIndexView(generic.IndexView):
    def get_base_queryset(self):
        return participants_managed_by(self.request.user).select_related(
            "person", "person__unit", "training_class"
        )

    def get_list_more_buttons(self, instance):
        if not self.request.user.has_perm(DECIDE_PERMISSION):
            return []
        return [
            Button(
                label,
                url=reverse(
                    "training_participants:decide", args=[instance.pk, decision]
                ),
                icon_name="tasks",
                priority=index,
            )
            for index, (decision, (label, statuses, _service)) in enumerate(
                DECISIONS.items()
            )
            if instance.status in statuses
        ]


class ParticipantDecideView(
    PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Confirm, then approve, refuse or withdraw one registration."""

    permission = DECIDE_PERMISSION
    template_name = "training/admin/participant_decide.html"
    header_icon = "group"

    @cached_property
    def participant(self) -> Participant:
        return get_object_or_404(
            participants_managed_by(self.request.user).select_related(
                "person", "training_class"
            ),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def decision(self):
        try:
            return DECISIONS[self.kwargs["decision"]]
        except KeyError:
            from django.http import Http404

            raise Http404 from None

    def get_page_title(self):
        return str(self.decision[0])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.back_url, "label": gettext("Participants")},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def back_url(self) -> str:
        return (
            reverse("training_participants:index")
            + "?"
            + urlencode({"training_class": self.participant.training_class_id})
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            participant=self.participant,
            person_name=_person_name(self.participant),
            support=support_needs(self.participant),
            back_url=self.back_url,
            **kwargs,
        )

    def post(self, request, pk, decision):
        label, _statuses, service = self.decision
        participant = self.participant
        try:
            service(participant=participant, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            text = (
                " ".join(error.messages)
                if isinstance(error, ValidationError)
                else str(error)
            )
            messages.error(request, text)
        else:
            messages.success(
                request,
                gettext("%(name)s: %(status)s.")
                % {
                    "name": _person_name(participant),
                    "status": participant.get_status_display(),
                },
            )
        return redirect(self.back_url)


class ParticipantViewSet(ListingOnlyViewSet):
    """Registrations of the classes one manages; changed only through decisions."""

    model = Participant
    name = "training_participants"
    url_prefix = "training/participants"
    icon = "group"
    menu_label = _("Participants")
    index_view_class = ParticipantIndexView
    filterset_class = ParticipantFilterSet
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["person__full_name", "person__username"]
    search_backend_name = None
    list_per_page = 100
    ordering = ["training_class", "person__full_name"]
    list_display = [
        Column(
            "person",
            label=_("Full name"),
            accessor=_person_name,
            sort_key="person__full_name",
        ),
        Column("unit", label=_("Unit"), accessor=_person_unit),
        Column("sex", label=_("Sex"), accessor="person.get_sex_display"),
        Column("training_class", label=_("Class"), accessor="training_class.code"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("support", label=_("Support needs"), accessor=support_needs),
        Column(
            "registered_at",
            label=_("Registered at"),
            accessor=lambda p: _moment(p.registered_at),
            sort_key="registered_at",
        ),
    ]

    def get_action_urlpatterns(self) -> list[URLPattern]:
        return [
            path(
                "<int:pk>/<slug:decision>/",
                ParticipantDecideView.as_view(),
                name="decide",
            ),
        ]

    def register_admin_url_finder(self):
        """No edit view, so nothing for Wagtail to link a participant to."""


class TrainingViewSetGroup(ViewSetGroup):
    menu_label = _("Training classes")
    menu_icon = "calendar-alt"
    menu_order = 260
    items = (TrainingClassViewSet, ParticipantViewSet)
