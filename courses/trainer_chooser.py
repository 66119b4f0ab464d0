"""The course's "Trainers" field: trainers only, and a chooser that searches.

The field listed every account of the platform, learners included, to anyone
who opened a course in the editor. It now offers the people who hold the
trainer role (and keeps whoever is already chosen, so a trainer who lost the
role stays visible until someone unticks them, as a quiz's graders do).

Why not Wagtail's MultipleChooserPanel: it is an InlinePanel, so it needs an
orderable through model (a CourseTrainer with a ParentalKey) instead of the
ParentalManyToManyField, and Wagtail's chooser widgets hold one value each
(BaseChooser is a hidden <input>). Changing the storage would touch every
reader of `trainers` / `courses_trained` (people.access registrations of
courses and certificates, reports, copying, seeds, tests) and the revisions
already saved with a `trainers` list, whose drafts would publish with no
trainer. The lighter way keeps the M2M: the form field's choices are the
trainers (CoursePageForm), shown as ticks, plus a Wagtail ChooserViewSet for
searching them by name, username or e-mail, opened from the field in
"multiple" mode with Wagtail's own modal (ModalWorkflow and the chooser
modal's onload handlers, no new JavaScript dependency); choosing ticks them.
"""

import unicodedata

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from people.access import role_holders_q
from people.models import User
from people.roles import Role

NOT_A_TRAINER = _(
    "Only people with the trainer role can be chosen as trainers of a course "
    "(%(value)s is not one)."
)
TRAINER_CHOOSER_URL_NAME = "course_trainer_chooser:choose"


def trainer_choices(*, course=None) -> QuerySet[User]:
    """Who may be chosen as a course's trainer: active trainers, plus whoever
    the course already lists (kept visible until unticked)."""
    who = role_holders_q(Role.TRAINER)
    if course is not None and course.pk:
        who |= Q(courses_trained=course)
    return User.objects.filter(who).distinct().order_by("full_name", "username")


def trainer_search(*, query: str, queryset: QuerySet[User]) -> QuerySet[User]:
    """Trainers whose name, username or e-mail contains the words typed, in
    whichever Unicode form the keyboard sent them (NFC, as names are stored)."""
    for word in unicodedata.normalize("NFC", query or "").split():
        queryset = queryset.filter(
            Q(full_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    return queryset


def course_editor(user) -> bool:
    """May this person write courses (add or change pages in a catalogue)?
    Reviewers, who only approve, may not; nor learners."""
    from courses.models import CourseIndexPage  # the models import this module

    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    for catalogue in CourseIndexPage.objects.all():
        permissions = catalogue.permissions_for_user(user)
        if permissions.can_add_subpage() or permissions.can_edit():
            return True
    return False


def trainer_label(user: User) -> str:
    name = user.full_name or user.username
    return f"{name} ({user.username})" if user.full_name else name


class TrainersWidget(forms.CheckboxSelectMultiple):
    """The trainers as ticks, and a button opening the searching chooser."""

    template_name = "courses/widgets/trainers.html"

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        context["widget"]["chooser_url"] = reverse(TRAINER_CHOOSER_URL_NAME)
        return context

    @property
    def media(self):
        return forms.Media(
            js=[
                versioned_static("wagtailadmin/js/chooser-modal.js"),
                "courses/js/trainer-chooser.js",
            ]
        )


class CoursePageForm(WagtailAdminPageForm):
    """The course editor's form: the trainers field offers trainers only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("trainers")
        if field is not None:
            field.queryset = trainer_choices(course=self.instance)
            field.label_from_instance = trainer_label
            field.error_messages["invalid_choice"] = NOT_A_TRAINER


# --- The chooser (registered in wagtail_hooks) -------------------------------------------


class CourseEditorsOnly:
    """Every endpoint of the chooser answers course editors only, and reaches
    trainers only: no one else's name, e-mail or id."""

    def dispatch(self, request, *args, **kwargs):
        if not course_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TrainerListing:
    def get_object_list(self):
        return trainer_choices()

    def get_filter_form_class(self):
        return TrainerSearchForm


class TrainerSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name, username or e-mail"), required=False)

    @property
    def is_searching(self):
        return bool(self.is_valid() and self.cleaned_data.get("q"))

    @property
    def search_query(self):
        return self.cleaned_data.get("q") if self.is_valid() else ""

    is_filtering_by_collection = False

    def filter(self, objects):
        return trainer_search(query=self.cleaned_data.get("q", ""), queryset=objects)


class TrainerChooseView(CourseEditorsOnly, TrainerListing, chooser_views.ChooseView):
    pass


class TrainerChooseResultsView(
    CourseEditorsOnly, TrainerListing, chooser_views.ChooseResultsView
):
    pass


class TrainerChosenView(CourseEditorsOnly, chooser_views.ChosenView):
    def get_object(self, pk):
        return trainer_choices().get(pk=pk)

    def get_display_title(self, instance):
        return trainer_label(instance)

    def get_edit_item_url(self, instance):
        return None


class TrainerChosenMultipleView(CourseEditorsOnly, chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return trainer_choices().filter(pk__in=[pk for pk in pks if pk.isdigit()])

    def get_display_title(self, instance):
        return trainer_label(instance)

    def get_edit_item_url(self, instance):
        return None


class TrainerChooserViewSet(ChooserViewSet):
    model = User
    icon = "user"
    choose_one_text = _("Choose trainers")
    page_title = _("Choose trainers")
    register_widget = False  # not every ForeignKey to a person: this field only
    choose_view_class = TrainerChooseView
    choose_results_view_class = TrainerChooseResultsView
    chosen_view_class = TrainerChosenView
    chosen_multiple_view_class = TrainerChosenMultipleView
    per_page = 20

    def get_urlpatterns(self):
        # No "create" tab: accounts are made in People, by those who may.
        return [
            pattern for pattern in super().get_urlpatterns() if pattern.name != "create"
        ]
