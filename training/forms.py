"""Forms of the learner's training pages."""

from typing import cast

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Participant, TrainingClass
from .services.participants import (
    CONSENT_REQUIRED,
    FIRST_YEAR,
    RegistrationDetails,
    attendance_modes_offered,
)


class RegistrationForm(forms.Form):
    """The part of the registration form of DOMAIN.md §5.4 that belongs to a
    registration; the person's sex, unit and so on come from their profile."""

    attendance_mode = forms.ChoiceField(
        label=_("I will attend"), choices=Participant.Mode.choices
    )
    brings_young_child = forms.BooleanField(
        label=_("I will bring a child under 36 months"), required=False
    )
    needs_disability_support = forms.BooleanField(
        label=_("I need support for a disability"), required=False
    )
    interpreter_language = forms.CharField(
        label=_("I need an interpreter for this language"),
        required=False,
        max_length=100,
        help_text=_("An ethnic-minority language; leave empty if not needed."),
    )
    accommodation_needs = forms.CharField(
        label=_("Accommodation and travel needs"), required=False, max_length=255
    )
    previous_training_year = forms.IntegerField(
        label=_("Year of my last gender-equality training"),
        required=False,
        min_value=FIRST_YEAR,
        help_text=_("Leave empty if this is your first."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my personal data is processed to organise this class "
            "and to report on the training programme."
        ),
        error_messages={"required": CONSENT_REQUIRED},
    )

    def __init__(self, *args, training_class: TrainingClass, **kwargs):
        super().__init__(*args, **kwargs)
        modes = attendance_modes_offered(training_class)
        mode = cast(forms.ChoiceField, self.fields["attendance_mode"])
        mode.choices = [c for c in Participant.Mode.choices if c[0] in modes]
        mode.initial = modes[0]
        if len(modes) == 1:
            mode.widget = forms.HiddenInput()
        this_year = timezone.localdate().year
        self.fields["previous_training_year"].validators.append(
            MaxValueValidator(this_year)
        )
        self.fields["previous_training_year"].widget.attrs["max"] = this_year

    def details(self) -> RegistrationDetails:
        data = self.cleaned_data
        return RegistrationDetails(
            attendance_mode=data["attendance_mode"],
            brings_young_child=data["brings_young_child"],
            needs_disability_support=data["needs_disability_support"],
            interpreter_language=data["interpreter_language"],
            accommodation_needs=data["accommodation_needs"],
            previous_training_year=data["previous_training_year"],
        )
