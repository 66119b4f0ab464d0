"""Scores in templates, through the one formatter of assessments.display.

`{{ attempt.percentage|percentage }}` gives "37,5 %" (Vietnamese) or "37.5%"
(English); `{{ attempt.score|score }}` gives "2,5". Templates of courses load
these too, so a score reads the same on the lesson page as on the quiz page.
"""

from django import template

from ..display import format_percentage, format_score

register = template.Library()


@register.filter
def percentage(value) -> str:
    return format_percentage(value)


@register.filter
def score(value) -> str:
    return format_score(value)
