"""Everything the dashboard, the Excel export and a submitted report show, from
one scope: the same numbers wherever they are printed."""

from typing import Any

from .online import (
    certificates_headline,
    completion_by_course,
    knowledge_gain,
    online_headline,
    quiz_headline,
)
from .population import population_trained
from .scope import FiguresScope
from .training import (
    training_headline,
    turns_by_age_group,
    turns_by_class,
    turns_by_employment_type,
    turns_by_level,
    turns_by_month,
    turns_by_target_group,
)
from .units import turns_by_unit


def headline_figures(scope: FiguresScope) -> dict[str, Any]:
    return {
        "training": training_headline(scope),
        "online": online_headline(scope),
        "quizzes": quiz_headline(scope),
        "knowledge": knowledge_gain(scope),
        "certificates": certificates_headline(scope),
    }


def report_figures(scope: FiguresScope) -> dict[str, Any]:
    """The headline and every table, as plain data (what a submission freezes)."""
    return {
        **headline_figures(scope),
        "by_unit": turns_by_unit(scope),
        "by_level": turns_by_level(scope),
        "by_target_group": turns_by_target_group(scope),
        "by_employment_type": turns_by_employment_type(scope),
        "by_age_group": turns_by_age_group(scope),
        "by_month": turns_by_month(scope),
        "by_class": turns_by_class(scope),
        "by_course": completion_by_course(scope),
        "population": population_trained(scope, year=scope.filter.end.year),
    }
