"""Unit pickers: one label and one way of fetching it, for every form and filter.

Units are versioned, so a list of units holds several "Xã Tịnh Khê" and two
"Tỉnh Quảng Ngãi" (before and after 1/7/2025). Every label names the parent and,
for a unit not in force today, its validity, e.g. "Xã Tịnh Khê (thành phố thuộc
tỉnh Quảng Ngãi, đến 30/06/2025)". Which units a picker offers is the caller's queryset
(`people.selectors.units_to_pick` for current records); the parent comes in the
same query (`units_with_parent`), so a longer list costs no more queries.
"""

from collections import Counter
from datetime import date
from typing import Any

import django_filters
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext

from .models import AdminUnit
from .selectors import units_with_parent

UNIT_TYPE_LABELS = dict(AdminUnit.UnitType.choices)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def unit_label(unit: AdminUnit, *, today: date | None = None) -> str:
    """The unambiguous name of a unit: type and name, parent, validity."""
    today = today or timezone.localdate()
    details = []
    if hasattr(unit, "parent_name"):
        parent_name, parent_type = unit.parent_name, unit.parent_unit_type
    else:  # not fetched with units_with_parent: one query
        parent = unit.get_parent()
        parent_name = parent.name if parent else None
        parent_type = parent.unit_type if parent else None
    if parent_name:
        parent_type_label = str(UNIT_TYPE_LABELS.get(parent_type, ""))
        details.append(f"{_lower_first(parent_type_label)} {parent_name}".strip())
    if unit.valid_to and unit.valid_to < today:
        details.append(
            gettext("until %(date)s") % {"date": unit.valid_to.strftime("%d/%m/%Y")}
        )
    elif unit.valid_from and unit.valid_from > today:
        details.append(
            gettext("from %(date)s") % {"date": unit.valid_from.strftime("%d/%m/%Y")}
        )
    return f"{unit} ({', '.join(details)})" if details else str(unit)


class UnitChoiceIterator(ModelChoiceIterator):
    """Labels as `unit_label`; two units the label cannot tell apart (two units
    of the same name, type and parent in force together, a data slip) also
    show their code, so no two choices ever read the same."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = list(self.queryset)
        labels = [self.field.label_from_instance(unit) for unit in units]
        counts = Counter(labels)
        for unit, label in zip(units, labels, strict=True):
            if counts[label] > 1:
                label = f"{label} – {unit.code}"
            yield self.choice(unit)[0], label


class UnitLabelsMixin:
    """Fetch the parents with the choices and label each unit unambiguously."""

    iterator: type[ModelChoiceIterator[Any]] = UnitChoiceIterator

    def _get_queryset(self):
        return self._queryset

    def _set_queryset(self, queryset):
        if queryset is not None:
            queryset = units_with_parent(queryset)
        super()._set_queryset(queryset)

    queryset = property(_get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return unit_label(obj)


class UnitChoiceField(UnitLabelsMixin, forms.ModelChoiceField):
    pass


class UnitMultipleChoiceField(UnitLabelsMixin, forms.ModelMultipleChoiceField):
    pass


class UnitChoiceFilterField(UnitLabelsMixin, django_filters.fields.ModelChoiceField):
    pass


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    """A report's unit filter (former units allowed, labelled as such)."""

    field_class = UnitChoiceFilterField
