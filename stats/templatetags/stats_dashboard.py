"""Numbers as the reports print them, and the links from a number to the
records behind it (the dashboard's drill-down lists).

Vietnamese groups thousands with a dot and writes decimals with a comma
(1.234; 25,5 %); English the other way round. The separators follow the active
language (Django's formats), with grouping always on: Django's Vietnamese
formats leave NUMBER_GROUPING unset, which would print 1234.
"""

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.numberformat import format as format_with
from django.utils.safestring import SafeString

register = template.Library()

NOTHING = "—"


def format_number(value: Any, decimals: int = 1) -> str:
    """1234 → "1.234", 25.5 → "25,5", 14.0 → "14"; None → "—"."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, float | Decimal):
        value = round(float(value), decimals)
    places = decimals if value != int(value) else None
    return format_with(
        value if places else int(value),
        decimal_sep=get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


@register.filter
def number(value: Any) -> str:
    return format_number(value)


@register.filter
def percent(value: Any) -> str:
    """25.5 → "25,5 %" (a non-breaking space, as Vietnamese prints it)."""
    if value is None:
        return NOTHING
    return f"{format_number(value)}\u00a0%"


@register.simple_tag
def records_url(
    query: dict[str, str], *, key: str = "", key_value: Any = None, **cell: Any
) -> str:
    """The drill-down list of the records behind one figure: the dashboard's
    filters (`query`), with the cell's own (unit, target group, sex...) on top;
    `key`/`key_value` name a cell whose parameter a shared table chooses."""
    params = dict(query)
    if key:
        cell[key] = key_value
    for name, value in cell.items():
        if value is None or value == "":
            params.pop(name, None)
        else:
            params[name] = str(value)
    return f"{reverse('stats:records')}?{urlencode(params)}"


@register.simple_tag
def records_link(query: dict[str, str], value: Any, **cell: Any) -> SafeString:
    """A figure, linked to its records; a zero has none to show, so no link."""
    text = format_number(value)
    if not value:
        return format_html("{}", text)
    return format_html('<a href="{}">{}</a>', records_url(query, **cell), text)
