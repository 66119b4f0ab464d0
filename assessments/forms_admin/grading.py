"""Marks and a comment for a manually graded answer."""

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


# --- Grading ---------------------------------------------------------------------------


class GradeForm(forms.Form):
    marks = forms.CharField(
        label=_("Marks"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
    )
    comment = forms.CharField(
        label=_("Comment for the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, max_marks: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_marks = max_marks
        self.fields["marks"].help_text = gettext("From 0 to %(max)s.") % {
            "max": _marks_text(max_marks)
        }

    def clean_marks(self):
        text = self.cleaned_data["marks"].strip().replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            marks = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                gettext("Enter the marks as a number, such as 3 or 2,5.")
            ) from None
        if not marks.is_finite() or marks < 0 or marks > self.max_marks:
            raise ValidationError(
                gettext("Marks must be between 0 and %(max)s.")
                % {"max": _marks_text(self.max_marks)}
            )
        if marks != marks.quantize(Decimal("0.01")):
            raise ValidationError(gettext("Give the marks with at most two decimals."))
        return marks


def _marks_text(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")
