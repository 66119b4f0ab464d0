"""Fields the back office's forms share: local decimals, categories, rich text."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea

from ..models import QuestionCategory
from ..question_types import NUMERICAL_ANY

if TYPE_CHECKING:
    pass

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul"]


# --- Shared fields -------------------------------------------------------------------


class LocalDecimalField(forms.DecimalField):
    """A number typed the Vietnamese way ("2,5") or the English way ("2.5")."""

    default_error_messages = {"invalid": _("Enter a number, such as 2 or 2,5.")}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)


class NumericalAnswerField(LocalDecimalField):
    """A number, or Moodle's catch-all "*" that matches any number."""

    default_error_messages = {
        "invalid": _("Enter a number, such as 2 or 2,5, or * for any number.")
    }

    def to_python(self, value):
        if isinstance(value, str) and value.strip() == NUMERICAL_ANY:
            return NUMERICAL_ANY
        return super().to_python(value)

    def validate(self, value):
        if value != NUMERICAL_ANY:
            super().validate(value)

    def run_validators(self, value):
        if value != NUMERICAL_ANY:
            super().run_validators(value)


def rich_text_widget():
    return DraftailRichTextArea(features=RICH_TEXT_FEATURES)


def category_labels() -> dict[int, str]:
    """ "Top/Sub/Leaf" for every category, from one query (path_name asks per row)."""
    labels: dict[int, str] = {}
    by_path: dict[str, str] = {}
    step = QuestionCategory.steplen
    for pk, path, name in QuestionCategory.objects.order_by("path").values_list(
        "pk", "path", "name"
    ):
        parent = by_path.get(path[:-step], "")
        label = f"{parent}/{name}" if parent else name
        by_path[path] = label
        labels[pk] = label
    return labels


class CategoryChoiceField(forms.ModelChoiceField):
    """Categories by their full path, ordered as the tree."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", QuestionCategory.objects.order_by("path"))
        super().__init__(**kwargs)
        self.labels: dict[int, str] | None = None

    def label_from_instance(self, obj):
        if self.labels is None:
            self.labels = category_labels()
        return self.labels.get(obj.pk, obj.name)
