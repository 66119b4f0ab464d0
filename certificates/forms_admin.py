"""Admin forms of certificates: issuing bodies, templates and rules, validated."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import CertificateRule
from .placeholders import validate_body, validate_number_pattern

GRADE_BANDS_NOT_A_LIST = _(
    'Write the grades as a list of [threshold, "grade"] pairs, '
    'e.g. [[0, "Đạt"], [70, "Khá"], [85, "Giỏi"]].'
)
GRADE_BAND_BROKEN = _(
    'Grade %(index)s is not a [threshold, "grade"] pair with a threshold '
    "from 0 to 100 and a name."
)
GRADE_BANDS_NOT_RISING = _(
    "Thresholds must rise from one grade to the next (%(previous)s, then %(threshold)s)."
)
GRADE_BANDS_START_AT_ZERO = _(
    "The first grade starts at 0, so that every passing score has a grade."
)
RULE_COURSE_OR_CLASS = _("Choose a course or a class, not both.")
CONDITION_NEEDS_COURSE = _("“%(condition)s” applies to a course.")
CONDITION_NEEDS_CLASS = _("“%(condition)s” applies to a class.")
QUIZ_AND_SCORE_NEEDED = _("Choose the final quiz and the minimum score.")
SCORE_OUT_OF_RANGE = _("The minimum score is a percentage from 0 to 100.")


def clean_grade_bands(value: object) -> list[list[object]]:
    """[[0, "Đạt"], [70, "Khá"], ...]: thresholds 0–100 rising from 0, names given."""
    if value in (None, "", []):
        return []
    if not isinstance(value, list):
        raise ValidationError(GRADE_BANDS_NOT_A_LIST, code="grade_bands")
    bands: list[list[object]] = []
    previous: Decimal | None = None
    for index, band in enumerate(value, start=1):
        broken = ValidationError(
            GRADE_BAND_BROKEN, code="grade_band", params={"index": index}
        )
        if not isinstance(band, list | tuple) or len(band) != 2:
            raise broken
        threshold, name = band
        if isinstance(threshold, bool) or not isinstance(threshold, int | float | str):
            raise broken
        try:
            number = Decimal(str(threshold))
        except InvalidOperation:
            raise broken from None
        if not number.is_finite() or not 0 <= number <= 100:
            raise broken
        if not isinstance(name, str) or not name.strip():
            raise broken
        if previous is None and number != 0:
            raise ValidationError(GRADE_BANDS_START_AT_ZERO, code="grade_bands_zero")
        if previous is not None and number <= previous:
            raise ValidationError(
                GRADE_BANDS_NOT_RISING,
                code="grade_bands_rising",
                params={"previous": previous, "threshold": number},
            )
        previous = number
        bands.append([threshold, name.strip()])
    return bands


class IssuingBodyForm(WagtailAdminModelForm):
    def clean_number_pattern(self):
        pattern = self.cleaned_data["number_pattern"]
        validate_number_pattern(pattern)
        return pattern


class CertificateTemplateForm(WagtailAdminModelForm):
    def clean_body(self):
        body = self.cleaned_data["body"]
        validate_body(body)
        return body


class CertificateRuleForm(WagtailAdminModelForm):
    def clean_grade_bands(self):
        return clean_grade_bands(self.cleaned_data.get("grade_bands"))

    def clean(self):
        cleaned = super().clean()
        course, training_class = cleaned.get("course"), cleaned.get("training_class")
        if (course is None) == (training_class is None):
            raise ValidationError(RULE_COURSE_OR_CLASS, code="course_or_class")
        condition = cleaned.get("condition")
        Condition = CertificateRule.Condition
        label = {"condition": Condition(condition).label} if condition else {}
        if condition == Condition.COURSE_COMPLETE and course is None:
            self.add_error(
                "condition", ValidationError(CONDITION_NEEDS_COURSE, params=label)
            )
        if condition in (Condition.CLASS_COMPLETE, Condition.POST_TEST_PASSED) and (
            training_class is None
        ):
            self.add_error(
                "condition", ValidationError(CONDITION_NEEDS_CLASS, params=label)
            )
        if condition == Condition.MIN_QUIZ_SCORE and (
            cleaned.get("quiz") is None or cleaned.get("min_score") is None
        ):
            self.add_error("quiz", ValidationError(QUIZ_AND_SCORE_NEEDED))
        min_score = cleaned.get("min_score")
        if min_score is not None and not 0 <= min_score <= 100:
            self.add_error("min_score", ValidationError(SCORE_OUT_OF_RANGE))
        return cleaned
