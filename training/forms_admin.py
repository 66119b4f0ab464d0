"""Admin forms of training: a class with its sessions, and the file uploads."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from assessments.models import Quiz
from lms.uploads import validate_spreadsheet_upload
from people.access import role_holders_q, units_offered_to, visible_to
from people.fields import UnitChoiceField
from people.models import Organisation, User
from people.roles import Role

SESSION_OUTSIDE_CLASS = _(
    "The session on %(date)s is outside the class's dates (%(start)s – %(end)s)."
)


def _person_label(user: User) -> str:
    return user.full_name or user.username


class TrainingClassForm(WagtailAdminModelForm):
    """A class's settings and sessions. Units, trainers, bodies and quizzes are
    offered through the access contract, so nobody picks what they cannot see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if "unit" in self.fields and user is not None:
            field = self.fields["unit"]
            self.fields["unit"] = UnitChoiceField(
                queryset=units_offered_to(user=user),
                label=field.label,
                help_text=field.help_text,
                required=True,
            )
        if "trainers" in self.fields:
            trainers = role_holders_q(Role.TRAINER)
            if self.instance.pk:
                # Someone who is no longer a trainer stays listed until unticked.
                trainers |= Q(classes_taught=self.instance)
            self.fields["trainers"].queryset = (
                User.objects.filter(trainers).distinct().order_by("full_name")
            )
            self.fields["trainers"].widget = forms.CheckboxSelectMultiple()
            self.fields["trainers"].label_from_instance = _person_label
        if "organisation" in self.fields and user is not None:
            self.fields["organisation"].queryset = visible_to(
                user, Organisation.objects.order_by("name")
            )
        for name, purpose in (
            ("pre_test", Quiz.Purpose.PRE_TEST),
            ("post_test", Quiz.Purpose.POST_TEST),
        ):
            if name in self.fields and user is not None:
                self.fields[name].queryset = visible_to(
                    user, Quiz.objects.filter(purpose=purpose)
                ).order_by("title")

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", gettext("The class must end after it starts."))
        opens, closes = (
            data.get("registration_opens_at"),
            data.get("registration_closes_at"),
        )
        if opens and closes and closes <= opens:
            self.add_error(
                "registration_closes_at",
                gettext("Registration must close after it opens."),
            )
        threshold = data.get("attendance_threshold")
        if threshold is not None and threshold > 100:
            self.add_error(
                "attendance_threshold", gettext("Write a percentage from 0 to 100.")
            )
        sessions = self.formsets.get("sessions") if hasattr(self, "formsets") else None
        if sessions is not None and starts_on and ends_on and not self.errors:
            for form in sessions.forms:
                day = form.cleaned_data.get("date") if form.is_valid() else None
                if form.cleaned_data.get("DELETE") or day is None:
                    continue
                if not starts_on <= day <= ends_on:
                    form.add_error(
                        "date",
                        SESSION_OUTSIDE_CLASS
                        % {
                            "date": day.strftime("%d/%m/%Y"),
                            "start": starts_on.strftime("%d/%m/%Y"),
                            "end": ends_on.strftime("%d/%m/%Y"),
                        },
                    )
        return data


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("The filled-in template, as Excel (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        validators=[validate_spreadsheet_upload],
    )


class SessionChecksMixin:
    """One session in the class form: it ends after it starts (said in words,
    before the database constraint would say it in English)."""

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", gettext("The session must end after it starts."))
        return data


class SessionForm(SessionChecksMixin, WagtailAdminModelForm):
    pass
