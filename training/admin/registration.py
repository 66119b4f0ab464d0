"""Admin page to register staff in a class from a list (no file): the people the
user may see who are not registered yet, filtered, ticked and registered through
training.services.participants.participants_register_bulk."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from people.access import units_offered_to, users_visible_to
from people.fields import UnitChoiceField
from people.models import TargetGroup, User

from ..access import REGISTER_OTHERS_PERMISSIONS, registers_others
from ..selectors.registration import people_to_register
from ..services.participants import (
    NOBODY_CHOSEN,
    PEOPLE_OUT_OF_SCOPE,
    participants_register_bulk,
    places_taken,
)
from .sheets import ClassAdminPageMixin

# A unit may have hundreds of people: one page of them at a time.
PEOPLE_PER_PAGE = 100


class StaffFilterForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Unit (and the units below it)"),
        queryset=None,
        required=False,
        empty_label=_("All units"),
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.order_by("name"),
        required=False,
        empty_label=_("All target groups"),
    )
    q = forms.CharField(label=_("Name or username"), required=False, max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_offered_to(user=user)


class StaffChoiceForm(forms.Form):
    """The ticked people; only accounts the user may see are valid choices."""

    people: forms.ModelMultipleChoiceField[User] = forms.ModelMultipleChoiceField(
        queryset=None,
        error_messages={
            "required": NOBODY_CHOSEN,
            "invalid_choice": PEOPLE_OUT_OF_SCOPE,
            "invalid_pk_value": PEOPLE_OUT_OF_SCOPE,
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = users_visible_to(user=user)


def _names(people) -> str:
    return ", ".join(person.full_name or person.username for person in people)


class StaffRegistrationView(ClassAdminPageMixin, TemplateView):
    """One class: filter the people one may register, tick them, register."""

    permission = REGISTER_OTHERS_PERMISSIONS[0]
    template_name = "training/admin/staff_registration.html"
    page_title = _("Register staff")

    def dispatch(self, request, *args, **kwargs):
        if not registers_others(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def filter_form(self) -> StaffFilterForm:
        return StaffFilterForm(self.request.GET or None, user=self.request.user)

    def get_context_data(self, **kwargs):
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        people = people_to_register(
            training_class=self.training_class,
            user=self.request.user,
            unit=filters.get("unit"),
            target_group=filters.get("target_group"),
            search=filters.get("q") or "",
        )
        paginator = Paginator(people, PEOPLE_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        return super().get_context_data(
            training_class=self.training_class,
            filter_form=self.filter_form,
            places_taken=places_taken(self.training_class),
            page_obj=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
            **kwargs,
        )

    def post(self, request, pk):
        back = request.get_full_path()
        form = StaffChoiceForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["people"]))
            return redirect(back)
        try:
            result = participants_register_bulk(
                training_class=self.training_class,
                people=form.cleaned_data["people"].order_by("full_name", "username"),
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(back)
        if result.confirmed:
            messages.success(
                request,
                ngettext(
                    "%(count)s person got a place: %(names)s.",
                    "%(count)s people got a place: %(names)s.",
                    len(result.confirmed),
                )
                % {
                    "count": len(result.confirmed),
                    "names": _names(p.person for p in result.confirmed),
                },
            )
        if result.waiting:
            messages.warning(
                request,
                ngettext(
                    "The class is full: %(count)s person is on the waiting list: "
                    "%(names)s.",
                    "The class is full: %(count)s people are on the waiting list: "
                    "%(names)s.",
                    len(result.waiting),
                )
                % {
                    "count": len(result.waiting),
                    "names": _names(p.person for p in result.waiting),
                },
            )
        if result.already:
            messages.info(
                request,
                gettext("Already registered, left as they were: %(names)s.")
                % {"names": _names(result.already)},
            )
        return redirect(back)
