"""The dashboard's filters (a GET form): which period, units, course, class,
target group and mode the figures cover, turned into one `StatsFilter`.

The period is a preset (this year, last year, each report template's period
this year and last) or "other dates" typed as dd/mm/yyyy. A preset wins over
typed dates unless "other dates" is chosen, so the dates the page shows are
always the ones counted; Wagtail's w-rules controller greys the date boxes out
while a preset is chosen.

Every choice a person is offered comes from the access contract: units from
`units_offered_to` (and within the units they may see), classes from
`visible_to`. Anything else is a form error, in Vietnamese, and no figures.
"""

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from people.access import units_offered_to, units_visible_to, visible_to
from people.fields import UnitChoiceField
from people.models import TargetGroup, User
from training.models import TrainingClass

from .models import ReportTemplate
from .selectors.records import NONE, OTHER_LEVEL, UNKNOWN_AGE
from .selectors.scope import StatsFilter, UnitMapping
from .selectors.training import AGE_GROUPS, LEVELS

CUSTOM = "custom"
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Beyond these years a date is a typing slip (and the age bands would overflow).
FIRST_YEAR, LAST_YEAR = 2000, 2100

DATE_INVALID = _("Enter a date as dd/mm/yyyy, e.g. 31/12/2026.")
DATES_REQUIRED = _("Type both a start and an end date (dd/mm/yyyy) for other dates.")
END_BEFORE_START = _("The end date is before the start date.")
DATE_OUT_OF_RANGE = _("Choose dates between %(first)s and %(last)s.")
UNIT_NOT_OFFERED = _("You may not see the figures of this unit.")
CLASS_NOT_OFFERED = _("You may not see the figures of this class.")
CHOICE_INVALID = _("This choice is not on the list.")

# The fields that make a set of figures; a drill-down link carries them all.
FILTER_FIELDS = (
    "period",
    "start",
    "end",
    "unit",
    "mapping",
    "course",
    "training_class",
    "target_group",
    "mode",
)


@dataclass(frozen=True)
class Preset:
    label: str
    start: dt.date
    end: dt.date
    cutoff: dt.date | None = None


def period_presets(today: dt.date | None = None) -> dict[str, Preset]:
    """This year, last year, and each report template's period for both years."""
    year = (today or timezone.localdate()).year
    presets = {
        f"year-{year}": Preset(
            str(_("This year (%(year)s)") % {"year": year}),
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
        ),
        f"year-{year - 1}": Preset(
            str(_("Last year (%(year)s)") % {"year": year - 1}),
            dt.date(year - 1, 1, 1),
            dt.date(year - 1, 12, 31),
        ),
    }
    for template in ReportTemplate.objects.order_by("name", "first_year"):
        for report_year in (year, year - 1):
            if not template.applies_to(report_year):
                continue
            period = template.period(report_year)
            presets[f"t{template.pk}-{report_year}"] = Preset(
                f"{template.name} {report_year} "
                f"({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y})",
                period.start,
                period.end,
                period.cutoff,
            )
    return presets


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": DATE_INVALID},
        widget=forms.DateInput(
            format="%d/%m/%Y",
            attrs={
                "placeholder": "dd/mm/yyyy",
                "inputmode": "numeric",
                "autocomplete": "off",
                # Wagtail's w-rules: usable only while "other dates" is chosen.
                "data-w-rules-target": "enable",
                "data-w-rules": json.dumps({"period": [CUSTOM]}),
            },
        ),
    )


class DashboardFilterForm(forms.Form):
    """The figures' filters; always bound (the defaults fill what is missing)."""

    period = forms.ChoiceField(
        label=_("Period"),
        help_text=_("Choose “Other dates” to count the dates typed below."),
    )
    start = _date_field(_("From"))
    end = _date_field(_("To"))
    unit = UnitChoiceField(
        label=_("Unit (and the units below it)"),
        queryset=None,
        required=False,
        empty_label=_("All the units you may see"),
        error_messages={"invalid_choice": UNIT_NOT_OFFERED},
    )
    mapping = forms.ChoiceField(
        label=_("Unit boundaries"),
        choices=[
            (UnitMapping.AS_THEN.value, _("As the units were then")),
            (UnitMapping.TODAY.value, _("Mapped to today's units")),
        ],
        initial=UnitMapping.AS_THEN.value,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.order_by("title"),
        required=False,
        empty_label=_("All courses"),
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    training_class: forms.ModelChoiceField[TrainingClass] = forms.ModelChoiceField(
        label=_("Class"),
        queryset=None,
        required=False,
        empty_label=_("All classes"),
        error_messages={"invalid_choice": CLASS_NOT_OFFERED},
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.order_by("name"),
        required=False,
        empty_label=_("All target groups"),
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=[("", _("All modes")), *TrainingClass.Mode.choices],
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )

    def __init__(self, data: Any = None, *, user: User, **kwargs: Any) -> None:
        self.presets = period_presets()
        super().__init__(self._with_defaults(data), **kwargs)
        fields: dict[str, Any] = self.fields
        fields["period"].choices = [
            *((key, preset.label) for key, preset in self.presets.items()),
            (CUSTOM, _("Other dates (type them below)")),
        ]
        fields["period"].error_messages["invalid_choice"] = CHOICE_INVALID
        fields["unit"].queryset = units_offered_to(user=user).filter(
            pk__in=units_visible_to(user=user).values("pk")
        )
        fields["training_class"].queryset = visible_to(
            user, TrainingClass.objects.all()
        ).order_by("-starts_on", "code")
        if self.data.get("period") != CUSTOM:  # what w-rules does in the browser
            for name in ("start", "end"):
                fields[name].widget.attrs["disabled"] = True

    def _with_defaults(self, data: Any) -> dict[str, Any]:
        """The request's filters, with this year and "as then" where missing;
        dates without a period mean "other dates" (a hand-made link)."""
        values = {name: data.get(name, "") for name in FILTER_FIELDS} if data else {}
        values = {name: value for name, value in values.items() if value}
        if "period" not in values:
            has_dates = values.get("start") or values.get("end")
            values["period"] = CUSTOM if has_dates else next(iter(self.presets))
        preset = self.presets.get(values["period"])
        if preset:  # the boxes show the dates counted (and start "other dates")
            values["start"] = f"{preset.start:%d/%m/%Y}"
            values["end"] = f"{preset.end:%d/%m/%Y}"
        values.setdefault("mapping", UnitMapping.AS_THEN.value)
        return values

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        period = cleaned.get("period")
        if period in self.presets:
            cleaned["cutoff"] = self.presets[period].cutoff
            return cleaned
        start, end = cleaned.get("start"), cleaned.get("end")
        if self.has_error("start") or self.has_error("end") or not period:
            return cleaned
        if not (start and end):
            raise forms.ValidationError(DATES_REQUIRED, code="dates_required")
        for name, day in (("start", start), ("end", end)):
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.add_error(
                    name,
                    forms.ValidationError(
                        DATE_OUT_OF_RANGE,
                        code="out_of_range",
                        params={"first": FIRST_YEAR, "last": LAST_YEAR},
                    ),
                )
        if end < start:
            self.add_error("end", forms.ValidationError(END_BEFORE_START, "order"))
        cleaned["cutoff"] = None
        return cleaned

    def stats_filter(self) -> StatsFilter:
        """The filter the figures are computed from (the form must be valid)."""
        data = self.cleaned_data
        unit, course = data.get("unit"), data.get("course")
        training_class, group = data.get("training_class"), data.get("target_group")
        return StatsFilter(
            start=data["start"],
            end=data["end"],
            cutoff=data.get("cutoff"),
            units=(unit.pk,) if unit else (),
            mapping=UnitMapping(data["mapping"]),
            course_id=course.pk if course else None,
            class_id=training_class.pk if training_class else None,
            target_group_id=group.pk if group else None,
            mode=data.get("mode") or "",
        )

    def query(self) -> dict[str, str]:
        """The filters as submitted (defaults filled in), for links that must
        count the same records: the drill-down lists."""
        return {name: str(value) for name, value in self.data.items() if value}


RECORD_KINDS = (
    "turns",
    "classes",
    "enrolments",
    "completions",
    "attempts",
    "passes",
    "certificates",
)


class RecordsForm(forms.Form):
    """Which figure's records a drill-down list shows: its kind, and the cell
    of a table it stands for (the dashboard's filters come on top)."""

    kind = forms.ChoiceField(choices=[(kind, kind) for kind in RECORD_KINDS])
    row = forms.ChoiceField(choices=[("", ""), ("unit", "unit")], required=False)
    sex = forms.ChoiceField(choices=[("", ""), *User.Sex.choices], required=False)
    group = forms.RegexField(regex=r"^(none|\d{1,9})$", required=False)
    month = forms.DateField(input_formats=["%Y-%m"], required=False)
    level = forms.ChoiceField(
        choices=[("", ""), *((level, level) for level in (*LEVELS, OTHER_LEVEL))],
        required=False,
    )
    age = forms.ChoiceField(
        choices=[
            ("", ""),
            *((band, band) for _low, _high, band in AGE_GROUPS),
            (UNKNOWN_AGE, UNKNOWN_AGE),
        ],
        required=False,
    )
    employment = forms.ChoiceField(
        choices=[("", ""), *User.EmploymentType.choices, (NONE, NONE)],
        required=False,
    )
    leaders = forms.BooleanField(required=False)
