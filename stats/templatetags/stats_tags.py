"""Statistics other apps' pages show: `{% load stats_tags %}`.

The home page (content_pages) shows `{% public_figures %}`, the province-wide
headline with small groups withheld, without importing stats. `grouped_number`
writes a count as the reader's language does (1.234 in Vietnamese).
"""

from django import template
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.numberformat import format as number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ..selectors.public import public_figures_recent

register = template.Library()


@register.filter
def grouped_number(value) -> str:
    """A whole number with the thousands separator of the active language
    (Django's Vietnamese format sets the separator but no grouping)."""
    if value is None or value == "":
        return ""
    return number_format(
        value,
        decimal_sep=get_format("DECIMAL_SEPARATOR"),
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


@register.filter
def public_cell(value) -> SafeString:
    """A published count, or "–" where the small-cell rule withheld it."""
    if value is None:
        return format_html(
            '<span aria-hidden="true">–</span><span class="visually-hidden">{}</span>',
            gettext("not published"),
        )
    return format_html("{}", grouped_number(value))


@register.inclusion_tag("stats/tags/public_figures.html")
def public_figures():
    """The province-wide headline for the home page, with a link to the page."""
    years = public_figures_recent(today=timezone.localdate())
    return {"years": years, "threshold": years[0]["threshold"]}
