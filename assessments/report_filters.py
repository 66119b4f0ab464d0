"""Filters that apps above assessments add to the quiz reports.

training registers "by class" in its ready(): every quiz report (the attempts
list and its export, the item analysis, the knowledge gain) can be limited to
the participants of one class, through assessments.admin.reports'
ReportFilterForm. The quiz engine never imports training; it asks each
registered filter which values this user may choose and whose attempts a
chosen value keeps.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from people.models import User

ReportFilterChoices = Callable[[User, Any], Iterable[tuple[str, str]]]
ReportFilterLearners = Callable[[User, str], QuerySet[User]]


@dataclass(frozen=True)
class ReportFilter:
    """A choice offered above a quiz report.

    `key` is the query-string parameter and form field name; `choices(user,
    quiz)` the (value, label) pairs this user may pick (only what they may
    see); `learners(user, value)` the people whose attempts the value keeps.
    A value that is not among the user's choices is refused by the form, so
    `learners` is only called with a value the user was offered.
    """

    key: str
    label: str | Promise
    choices: ReportFilterChoices
    learners: ReportFilterLearners


_filters: dict[str, ReportFilter] = {}


def register_report_filter(report_filter: ReportFilter) -> None:
    """Offer `report_filter` on the quiz reports; registering its key again
    replaces it (ready() may run twice in tests)."""
    _filters[report_filter.key] = report_filter


def report_filters() -> list[ReportFilter]:
    """The registered filters, in the order they were first registered."""
    return list(_filters.values())
