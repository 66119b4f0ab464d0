"""Categories and questions: the common fields, and an editor per question type.

A question's form is two parts: the fields every question has, and an editor
for its type (options, accepted answers, pairs...) that turns rows typed by a
trainer into the `data` shape documented in assessments.question_types. The
bank service validates that shape; these forms only check what a field can.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from decimal import Decimal
from itertools import count, product
from string import ascii_lowercase
from typing import TYPE_CHECKING

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import Question, QuestionCategory
from ..qtypes import question_type, registered_types
from ..question_types import NUMERICAL_ANY
from ..services.bank import category_save
from .fields import (
    CategoryChoiceField,
    LocalDecimalField,
    NumericalAnswerField,
    rich_text_widget,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EXTRA_ROWS = 3


# --- Categories ----------------------------------------------------------------------


class QuestionCategoryForm(WagtailAdminModelForm):
    """A category with its place in the tree; moving one moves its subcategories."""

    parent = CategoryChoiceField(
        required=False,
        label=_("Parent category"),
        empty_label=_("(top level)"),
        help_text=_("Leave empty for a top-level category."),
    )

    class Meta:
        model = QuestionCategory
        fields = ["name", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = QuestionCategory.objects.exclude(
                path__startswith=self.instance.path
            ).order_by("path")
            parent = self.instance.get_parent()
            self.initial.setdefault("parent", parent.pk if parent else None)

    def save(self, commit=True):
        return category_save(category=self.instance, parent=self.cleaned_data["parent"])


class QuestionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    category = CategoryChoiceField(
        label=_("Category (and its subcategories)"),
        required=False,
        empty_label=_("All categories"),
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *Question.Type.choices],
    )
    state = forms.ChoiceField(
        label=_("Archived"),
        required=False,
        choices=[("", _("In use")), ("archived", _("Archived")), ("all", _("All"))],
    )


# --- Questions: the common part --------------------------------------------------------


class QuestionForm(forms.Form):
    category = CategoryChoiceField(label=_("Category"))
    name = forms.CharField(
        label=_("Name"),
        max_length=255,
        required=False,
        help_text=_(
            "A short name for the bank's list. Left empty: the question's start."
        ),
    )
    text = forms.CharField(label=_("Question text"), widget=rich_text_widget())
    general_feedback = forms.CharField(
        label=_("General feedback"),
        required=False,
        widget=rich_text_widget(),
        help_text=_("Shown to every learner in the review, whatever they answered."),
    )
    default_marks = LocalDecimalField(
        label=_("Default marks"),
        max_digits=6,
        decimal_places=2,
        initial=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(1000)],
    )


def question_initial(question: Question) -> dict:
    version = question.current_version
    return {
        "category": question.category_id,
        "name": question.name,
        "text": version.text if version else "",
        "general_feedback": version.general_feedback if version else "",
        "default_marks": version.default_marks if version else Decimal("1"),
    }


# --- Questions: the part of each type -----------------------------------------------------


def percent(fraction) -> Decimal:
    return (Decimal(str(fraction)) * 100).quantize(Decimal("0.001")).normalize()


def fraction(weight: Decimal | None) -> float:
    return round(float(weight or 0) / 100, 7)


def number(value: Decimal | None) -> float | int:
    """JSON has no decimals; whole numbers stay whole."""
    value = value or Decimal(0)
    return int(value) if value == value.to_integral_value() else float(value)


def letter_ids():
    """a, b, ... z, aa, ab, ...: the ids Moodle-like choice options get."""
    for size in count(1):
        for letters in product(ascii_lowercase, repeat=size):
            yield "".join(letters)


def pair_ids():
    for n in count(1):
        yield f"p{n}"


class StableIds:
    """Hands out option ids: a row keeps the id it had in the current version,
    a new row gets one never used by any version of the question.

    Regrading applies the current key to old answers by id, so an id must never
    come back meaning another option.
    """

    def __init__(self, *, current: set[str], ever_used: set[str], fresh):
        self.current = current
        self.taken = set(current) | set(ever_used)
        self.given: set[str] = set()
        self.fresh = fresh()

    def __call__(self, wanted: str) -> str:
        if wanted in self.current and wanted not in self.given:
            self.given.add(wanted)
            return wanted
        for candidate in self.fresh:
            if candidate not in self.taken and candidate not in self.given:
                self.given.add(candidate)
                return candidate
        raise AssertionError("id generators are infinite")


def weight_field(label=None):
    return LocalDecimalField(
        label=label or _("Weight (%)"),
        required=False,
        max_digits=9,
        decimal_places=5,
        min_value=-100,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
    )


class RowForm(forms.Form):
    """One row of a type's table; a row left empty is no row at all."""

    meaningful: tuple[str, ...] = ()

    def is_blank(self) -> bool:
        return all(_empty(self.cleaned_data.get(name)) for name in self.meaningful)


def _empty(value) -> bool:
    if isinstance(value, Decimal):
        return value == 0
    return value is None or not str(value).strip()


class ChoiceRowForm(RowForm):
    option_id = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Option"), required=False, max_length=2000)
    weight = weight_field()
    feedback = forms.CharField(label=_("Feedback"), required=False, max_length=2000)
    meaningful = ("text", "weight", "feedback")


class ShortAnswerRowForm(RowForm):
    text = forms.CharField(
        label=_("Accepted answer"),
        required=False,
        max_length=1000,
        help_text=_("* matches any characters."),
    )
    weight = weight_field(_("Credit (%)"))
    feedback = forms.CharField(label=_("Feedback"), required=False, max_length=2000)
    meaningful = ("text", "weight", "feedback")


class NumericalRowForm(RowForm):
    value = NumericalAnswerField(
        label=_("Answer"),
        required=False,
        max_digits=20,
        decimal_places=6,
        help_text=_("* matches any number."),
    )
    tolerance = LocalDecimalField(
        label=_("Tolerance (±)"),
        required=False,
        max_digits=20,
        decimal_places=6,
        min_value=0,
    )
    weight = weight_field(_("Credit (%)"))
    feedback = forms.CharField(label=_("Feedback"), required=False, max_length=2000)
    meaningful = ("value", "tolerance", "weight", "feedback")

    def clean(self):
        data = super().clean()
        if data.get("value") is None and not self.is_blank():
            self.add_error("value", gettext("Enter the answer as a number."))
        return data


class MatchingRowForm(RowForm):
    pair_id = forms.CharField(required=False, widget=forms.HiddenInput)
    prompt = forms.CharField(
        label=_("Prompt"),
        required=False,
        max_length=2000,
        help_text=_("Leave empty for a wrong answer offered as a distractor."),
    )
    answer = forms.CharField(label=_("Matching answer"), required=False, max_length=500)
    meaningful = ("prompt", "answer")


class TrueFalseForm(forms.Form):
    correct = forms.TypedChoiceField(
        label=_("The statement is"),
        choices=[("true", _("True")), ("false", _("False"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    feedback_true = forms.CharField(
        label=_("Feedback for the answer “True”"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    feedback_false = forms.CharField(
        label=_("Feedback for the answer “False”"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ShortAnswerOptionsForm(forms.Form):
    case_sensitive = forms.BooleanField(label=_("Case sensitive"), required=False)
    ignore_diacritics = forms.BooleanField(
        label=_("Ignore Vietnamese diacritics (“binh dang” counts as “bình đẳng”)"),
        required=False,
    )


class EssayForm(forms.Form):
    response_format = forms.ChoiceField(
        label=_("Response format"),
        choices=[("html", _("Formatted text")), ("plain", _("Plain text"))],
    )
    grader_info = forms.CharField(
        label=_("Information for graders"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What a good answer contains; graders see it, learners never do."),
    )


def row_formset(form_class):
    return forms.formset_factory(form_class, extra=EXTRA_ROWS, can_delete=True)


class TypeEditor(ABC):
    """The type-specific part of the question form: a table of rows, a small form, or both."""

    row_form: type[RowForm] | None = None
    settings_form: type[forms.Form] | None = None
    rows_heading: "StrOrPromise" = ""

    def __init__(
        self, data=None, *, saved: dict, ever_used_ids: Iterable[str] = frozenset()
    ):
        self.saved = saved or {}
        self.ever_used_ids = set(ever_used_ids)
        self.formset: forms.BaseFormSet | None = None
        self.form: forms.Form | None = None
        if self.row_form is not None:
            self.formset = row_formset(self.row_form)(
                data, initial=self.initial_rows(), prefix="rows"
            )
        if self.settings_form is not None:
            self.form = self.settings_form(
                data, initial=self.initial_settings(), prefix="settings"
            )

    def initial_rows(self) -> list[dict]:
        return []

    def initial_settings(self) -> dict:
        return {}

    def is_valid(self) -> bool:
        valid = True
        if self.formset is not None:
            valid = self.formset.is_valid() and valid
        if self.form is not None:
            valid = self.form.is_valid() and valid
        return valid

    def rows(self) -> list[dict]:
        """The rows kept: not deleted, not left empty."""
        if self.formset is None:  # an editor without a row form
            return []
        return [
            form.cleaned_data
            for form in self.formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and not form.is_blank()
        ]

    @abstractmethod
    def question_data(self) -> dict:
        """Each type's editor turns its rows into QuestionVersion.data."""


class ChoiceEditor(TypeEditor):
    row_form = ChoiceRowForm
    rows_heading = _("Options")

    def initial_rows(self):
        return [
            {
                "option_id": choice["id"],
                "text": choice.get("text", ""),
                "weight": percent(choice.get("fraction", 0)),
                "feedback": choice.get("feedback", ""),
            }
            for choice in self.saved.get("choices", [])
        ]

    def question_data(self):
        ids = StableIds(
            current={c["id"] for c in self.saved.get("choices", [])},
            ever_used=self.ever_used_ids,
            fresh=letter_ids,
        )
        return {
            "choices": [
                {
                    "id": ids(row.get("option_id") or ""),
                    "text": row["text"],
                    "fraction": fraction(row.get("weight")),
                    "feedback": row["feedback"],
                }
                for row in self.rows()
            ]
        }


class TrueFalseEditor(TypeEditor):
    settings_form = TrueFalseForm

    def initial_settings(self):
        if "correct" not in self.saved:
            return {}
        return {
            "correct": "true" if self.saved["correct"] else "false",
            "feedback_true": self.saved.get("feedback_true", ""),
            "feedback_false": self.saved.get("feedback_false", ""),
        }

    def question_data(self):
        return dict(self.form.cleaned_data)


class ShortAnswerEditor(TypeEditor):
    row_form = ShortAnswerRowForm
    settings_form = ShortAnswerOptionsForm
    rows_heading = _("Accepted answers")

    def initial_rows(self):
        return [
            {
                "text": answer.get("text", ""),
                "weight": percent(answer.get("fraction", 0)),
                "feedback": answer.get("feedback", ""),
            }
            for answer in self.saved.get("answers", [])
        ]

    def initial_settings(self):
        return {
            "case_sensitive": self.saved.get("case_sensitive", False),
            "ignore_diacritics": self.saved.get("ignore_diacritics", False),
        }

    def question_data(self):
        return {
            "answers": [
                {
                    "text": row["text"],
                    "fraction": fraction(row.get("weight")),
                    "feedback": row["feedback"],
                }
                for row in self.rows()
            ],
            **self.form.cleaned_data,
        }


class NumericalEditor(TypeEditor):
    row_form = NumericalRowForm
    rows_heading = _("Answers")

    def initial_rows(self):
        return [
            {
                "value": answer.get("value"),
                "tolerance": answer.get("tolerance") or 0,
                "weight": percent(answer.get("fraction", 0)),
                "feedback": answer.get("feedback", ""),
            }
            for answer in self.saved.get("answers", [])
        ]

    def question_data(self):
        return {
            "answers": [
                {
                    "value": row["value"]
                    if row["value"] == NUMERICAL_ANY
                    else number(row["value"]),
                    "tolerance": number(row.get("tolerance")),
                    "fraction": fraction(row.get("weight")),
                    "feedback": row["feedback"],
                }
                for row in self.rows()
            ]
        }


class MatchingEditor(TypeEditor):
    row_form = MatchingRowForm
    rows_heading = _("Pairs")

    def initial_rows(self):
        return [
            {
                "pair_id": pair["id"],
                "prompt": pair.get("prompt", ""),
                "answer": pair.get("answer", ""),
            }
            for pair in self.saved.get("pairs", [])
        ]

    def question_data(self):
        ids = StableIds(
            current={p["id"] for p in self.saved.get("pairs", [])},
            ever_used=self.ever_used_ids,
            fresh=pair_ids,
        )
        return {
            "pairs": [
                {
                    "id": ids(row.get("pair_id") or ""),
                    "prompt": row["prompt"],
                    "answer": row["answer"],
                }
                for row in self.rows()
            ]
        }


class EssayEditor(TypeEditor):
    settings_form = EssayForm

    def initial_settings(self):
        return {
            "response_format": self.saved.get("response_format", "html"),
            "grader_info": self.saved.get("grader_info", ""),
        }

    def question_data(self):
        return dict(self.form.cleaned_data)


class _Editors(Mapping):
    """Question type code -> its TypeEditor, as each type class names it (assessments.qtypes)."""

    def __getitem__(self, code: str) -> type[TypeEditor]:
        return question_type(code).editor_class()

    def __iter__(self):
        return iter([t.code for t in registered_types()])

    def __len__(self) -> int:
        return len(registered_types())


EDITORS: Mapping[str, type[TypeEditor]] = _Editors()
