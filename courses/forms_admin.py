"""Forms of the admin side of courses: copying a course, assigning it."""

import re
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from courses.models import CoursePage
from courses.services import (
    LEARNERS_NOT_FOUND,
    courses_assignable_by,
    learners_assignable_by,
    learners_by_identifier,
)
from people.access import units_offered_to
from people.fields import UnitMultipleChoiceField, unit_label
from people.models import TargetGroup, User
from people.selectors import units_to_pick

UNIT_NOT_YOURS = _("You can assign only to the units you manage.")
LEARNER_SEPARATORS = re.compile(r"[\s,;]+")
YEAR = re.compile(r"(?<!\d)20\d\d(?!\d)")


class CourseCopyForm(forms.Form):
    new_title = forms.CharField(label=_("Title of the new edition"), required=False)
    new_slug = forms.CharField(
        label=_("Slug"),
        required=False,
        help_text=_("The last part of the course's address, e.g. k1-2027."),
    )
    new_code = forms.CharField(
        label=_("Code"), required=False, help_text=_("e.g. K1-2027")
    )

    @classmethod
    def initial_for(cls, course: CoursePage) -> dict:
        """Next year's edition: the last year in the title, slug and code, plus one."""
        next_year = timezone.localdate().year + 1
        title = _next_edition(course.title)
        slug = _next_edition(course.slug)
        return {
            "new_title": title if title != course.title else f"{title} ({next_year})",
            "new_slug": slug if slug != course.slug else f"{slug}-{next_year}",
            "new_code": _next_edition(course.code),
        }


def _next_edition(text: str) -> str:
    years = list(YEAR.finditer(text))
    if not years:
        return text
    last = years[-1]
    return text[: last.start()] + str(int(last.group()) + 1) + text[last.end() :]


class CourseAssignmentForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=CoursePage.objects.none()
    )
    due_date = forms.DateField(
        label=_("Due date"),
        widget=AdminDateInput,
        help_text=_("Learners are reminded by e-mail a few days before."),
    )
    learners = forms.CharField(
        label=_("Learners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Usernames or e-mail addresses, one per line (or separated by commas)."
        ),
    )
    units = UnitMultipleChoiceField(
        label=_("Everyone in these units (and the units below them)"),
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"invalid_choice": UNIT_NOT_YOURS},
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        required=False,
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "With units: only the people of those units who are in these groups. "
            "Alone: everyone in these groups whom you may assign to."
        ),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # `self.fields` holds copies of the fields declared above, typed as Field.
        course_field = cast(forms.ModelChoiceField, self.fields["course"])
        units_field = cast(UnitMultipleChoiceField, self.fields["units"])
        course_field.queryset = courses_assignable_by(user=user)
        # An assignment is a current record: today's units only.
        units = units_to_pick(among=units_offered_to(user=user)).order_by("path")
        units_field.queryset = units
        top = min((unit.depth for unit in units.only("depth")), default=1)
        # Indented by level, so the list reads as the unit tree it is. (A label
        # set on this one field: mypy allows no assigning to a method.)
        units_field.label_from_instance = lambda unit: (  # type: ignore[method-assign]
            "\u2003" * (unit.depth - top) + unit_label(unit)
        )

    def clean(self):
        cleaned = super().clean()
        course = cleaned.get("course")
        names = [n for n in LEARNER_SEPARATORS.split(cleaned.get("learners", "")) if n]
        cleaned["learner_accounts"] = []
        if course is None or not names:
            return cleaned
        found, missing = learners_by_identifier(
            identifiers=names,
            among=learners_assignable_by(user=self.user, course=course),
        )
        if missing:
            self.add_error(
                "learners",
                ValidationError(
                    LEARNERS_NOT_FOUND, params={"names": ", ".join(missing)}
                ),
            )
        cleaned["learner_accounts"] = found
        return cleaned
