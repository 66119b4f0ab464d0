"""Forms for people: the public profile and the admin's account forms."""

from django import forms
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from .access import sees_everything, units_visible_to
from .fields import UnitChoiceField, UnitMultipleChoiceField
from .models import (
    AdminUnit,
    AdminUnitSuccession,
    Ethnicity,
    Organisation,
    TargetGroup,
    User,
)
from .roles import GRANTABLE_BY_UNIT_MANAGER
from .selectors import units_to_pick
from .services import ETHNICITY_NEEDS_CONSENT, admin_unit_save
from .validators import person_text_clean

EMAIL_IN_USE = _("Another account already uses this e-mail address.")

FULL_NAME_EMPTY = _("Write your full name as plain text.")

DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})

UNIT_FIELD_CLASSES = {
    "unit": UnitChoiceField,
    "managed_units": UnitMultipleChoiceField,
}

PROFILE_FIELDS = [
    "email",
    "full_name",
    "sex",
    "date_of_birth",
    "phone",
    "position",
    "employment_type",
    "is_leader",
    "unit",
    "organisation",
    "target_groups",
]


class PlainTextNamesMixin:
    """Names and positions are plain text: `person_text_clean` is the one rule."""

    plain_text_fields = ("full_name", "position")

    def clean(self):
        cleaned = super().clean()
        for name in self.plain_text_fields:
            if cleaned.get(name):
                try:
                    cleaned[name] = person_text_clean(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
                    continue
                if name == "full_name" and not cleaned[name]:
                    self.add_error(name, FULL_NAME_EMPTY)
        return cleaned


class ProfileForm(PlainTextNamesMixin, forms.ModelForm):
    """What a person may change about themselves, consents included."""

    data_processing_consent = forms.BooleanField(
        label=_(
            "I agree that the platform processes my personal data to manage training "
            "and to produce statistics by sex."
        ),
        required=False,
    )
    ethnicity_consent = forms.BooleanField(
        label=_(
            "I agree to record my ethnicity, sensitive personal data, only for "
            "statistics broken down by ethnicity. I can withdraw this at any time; "
            "the value is then erased."
        ),
        required=False,
    )
    ethnicity = forms.ModelChoiceField(
        queryset=Ethnicity.objects.all(), required=False, label=_("Ethnicity")
    )

    class Meta:
        model = User
        fields = [f for f in PROFILE_FIELDS if f != "is_leader"] + ["is_leader"]
        widgets = {
            "date_of_birth": DATE_INPUT,
            "target_groups": forms.CheckboxSelectMultiple,
        }
        field_classes = {"unit": UnitChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["date_of_birth"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        # Today's units, and the person's own even if it has since been dissolved.
        self.fields["unit"].queryset = units_to_pick(
            keep=[self.instance.unit_id]
        ).order_by("path")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            Q(unit__in=units_to_pick()) | Q(pk=self.instance.organisation_id)
        ).select_related("unit")
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.initial.setdefault(
            "data_processing_consent",
            self.instance.data_processing_consent_at is not None,
        )
        self.initial.setdefault(
            "ethnicity_consent", self.instance.has_ethnicity_consent
        )
        self.initial.setdefault("ethnicity", self.instance.ethnicity_id)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(EMAIL_IN_USE)
        return email

    def clean(self):
        """Unticking a consent given before withdraws it, and the ethnicity still
        shown in the list is then erased; choosing one without consent is an error."""
        cleaned = super().clean()
        if cleaned.get("ethnicity") and not cleaned.get("ethnicity_consent"):
            if self.instance.has_ethnicity_consent:
                cleaned["ethnicity"] = None
            else:
                self.add_error("ethnicity", ETHNICITY_NEEDS_CONSENT)
        return cleaned

    def profile_data(self) -> dict:
        # A ModelForm's Meta always names its fields; the stubs allow None.
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class ScopedAccountFormMixin(PlainTextNamesMixin):
    """Limit units, organisations and grantable roles to what the editor may manage."""

    profile_field_names = [*PROFILE_FIELDS, "managed_units"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        for name in ("first_name", "last_name"):
            self.fields.pop(name, None)
        if for_user is None:
            return
        visible_units = units_visible_to(user=for_user)
        # Today's units in the editor's scope, and those the account already has.
        self.fields["unit"].queryset = units_to_pick(
            among=visible_units, keep=[self.instance.unit_id]
        ).order_by("path")
        self.fields["unit"].required = True
        self.fields["organisation"].queryset = Organisation.objects.filter(
            Q(unit__in=units_to_pick(among=visible_units))
            | Q(pk=self.instance.organisation_id, unit__in=visible_units)
        )
        self.fields["date_of_birth"].widget = DATE_INPUT
        self.fields["date_of_birth"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        if not sees_everything(for_user):
            self.fields.pop("managed_units", None)
            self.fields.pop("is_superuser", None)
            self.fields["groups"].queryset = self.fields["groups"].queryset.filter(
                name__in=GRANTABLE_BY_UNIT_MANAGER
            )
        else:
            managed = (
                self.instance.managed_units.values("pk") if self.instance.pk else []
            )
            self.fields["managed_units"].queryset = units_to_pick(
                among=visible_units, keep=managed
            ).order_by("path")

    def clean_groups(self):
        """A unit manager's choice never removes roles they cannot grant."""
        groups = self.cleaned_data["groups"]
        if self.for_user is None or sees_everything(self.for_user):
            return groups
        kept = (
            self.instance.groups.exclude(name__in=GRANTABLE_BY_UNIT_MANAGER)
            if self.instance.pk
            else Group.objects.none()
        )
        return Group.objects.filter(Q(pk__in=groups) | Q(pk__in=kept))

    @property
    def profile_fields(self):
        return [self[name] for name in self.profile_field_names if name in self.fields]


class AdminUserCreationForm(ScopedAccountFormMixin, UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        field_classes = UNIT_FIELD_CLASSES
        fields = {
            User.USERNAME_FIELD,
            "is_superuser",
            "groups",
            *PROFILE_FIELDS,
            "managed_units",
        }
        widgets = {
            "groups": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }


class AdminUserEditForm(ScopedAccountFormMixin, UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        field_classes = UNIT_FIELD_CLASSES
        fields = {
            User.USERNAME_FIELD,
            "is_active",
            "is_superuser",
            "groups",
            *PROFILE_FIELDS,
            "managed_units",
        }
        widgets = {
            "groups": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }


class AdminUnitForm(WagtailAdminModelForm):
    """A unit with its place in the tree; moving a unit moves everything below it."""

    parent = UnitChoiceField(
        queryset=AdminUnit.objects.order_by("path"),
        required=False,
        label=_("Parent unit"),
        help_text=_("Leave empty for a province or centrally-run city."),
    )

    class Meta:
        model = AdminUnit
        fields = ["name", "unit_type", "code", "valid_from", "valid_to", "legal_basis"]
        widgets = {"valid_from": DATE_INPUT, "valid_to": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("valid_from", "valid_to"):
            self.fields[name].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        if self.instance.pk:
            self.fields["parent"].queryset = AdminUnit.objects.exclude(
                path__startswith=self.instance.path
            ).order_by("path")
            self.initial.setdefault(
                "parent", getattr(self.instance.get_parent(), "pk", None)
            )

    def save(self, commit=True):
        return admin_unit_save(unit=self.instance, parent=self.cleaned_data["parent"])


class OrganisationForm(WagtailAdminModelForm):
    """An organisation works today: placed in a unit in force today (or the one
    it already has, so an older record can still be edited)."""

    class Meta:
        model = Organisation
        fields = ["name", "code", "kind", "unit"]
        field_classes = {"unit": UnitChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_to_pick(
            keep=[self.instance.unit_id]
        ).order_by("path")


class AdminUnitSuccessionForm(WagtailAdminModelForm):
    """Successions link units of any period: every unit, labelled unambiguously."""

    class Meta:
        model = AdminUnitSuccession
        fields = [
            "predecessor",
            "successor",
            "effective_date",
            "is_partial",
            "legal_basis",
        ]
        field_classes = {"predecessor": UnitChoiceField, "successor": UnitChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("predecessor", "successor"):
            self.fields[name].queryset = AdminUnit.objects.order_by("path")
