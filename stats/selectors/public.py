"""The province-wide headline published on the site (no login).

Built without a person: the scope covers every unit (`unit_ids=None`) and is
never derived from a request's user, so no visitor can widen or narrow it.
Every count of people passes through the small-cell rule (stats.suppression)
before it leaves this module: a withheld cell is None. The result is the same
for every visitor, so it is cached for a few minutes per year.
"""

import datetime as dt
from typing import Any, TypedDict

from django.conf import settings
from django.core.cache import cache

from ..suppression import small_cell_threshold, suppress_row
from .online import certificates_headline, online_headline
from .scope import FiguresScope, StatsFilter, held_classes, participant_turns
from .training import sex_split

CACHE_KEY = "stats:public-figures:v1:{year}"
DEFAULT_CACHE_SECONDS = 300


class SexSplit(TypedDict):
    """A count of people in total, women and men; None where withheld."""

    total: int | None
    women: int | None
    men: int | None


class PublicFigures(TypedDict):
    year: int
    classes: int
    turns: SexSplit
    people: SexSplit
    certificates: SexSplit
    completions: SexSplit
    threshold: int


def public_scope(*, year: int) -> FiguresScope:
    """Every unit, the whole calendar year: the same for everyone."""
    period = StatsFilter(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    return FiguresScope(filter=period, unit_ids=None)


def public_headline(*, year: int) -> dict[str, Any]:
    """The raw counts behind the public headline (four queries); never shown
    as they are, see `public_figures`."""
    scope = public_scope(year=year)
    turns = participant_turns(scope).aggregate(**sex_split())
    online = online_headline(scope)
    return {
        "classes": held_classes(scope).count(),
        **turns,
        **{k: v for k, v in online.items() if k.startswith("completions")},
        **certificates_headline(scope),
    }


def _safe_split(figures: dict[str, Any], name: str, threshold: int) -> SexSplit:
    row = {
        "total": figures[name],
        "women": figures[f"{name}_women"],
        "men": figures[f"{name}_men"],
    }
    safe = suppress_row(row, parts=["women", "men"], total="total", threshold=threshold)
    return SexSplit(total=safe["total"], women=safe["women"], men=safe["men"])


def public_figures(*, year: int) -> PublicFigures:
    """The public headline of `year`, small cells withheld, cached."""
    key = CACHE_KEY.format(year=year)
    cached: PublicFigures | None = cache.get(key)
    if cached is not None:
        return cached
    threshold = small_cell_threshold()
    raw = public_headline(year=year)
    figures = PublicFigures(
        year=year,
        classes=raw["classes"],
        turns=_safe_split(raw, "turns", threshold),
        people=_safe_split(raw, "people", threshold),
        certificates=_safe_split(raw, "certificates", threshold),
        completions=_safe_split(raw, "completions", threshold),
        threshold=threshold,
    )
    seconds = int(
        getattr(settings, "STATS_PUBLIC_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
    )
    cache.set(key, figures, seconds)
    return figures


def public_figures_recent(*, today: dt.date) -> list[PublicFigures]:
    """What the public page and the home page show: this year's headline
    (to date) and last year's."""
    return [public_figures(year=year) for year in (today.year, today.year - 1)]
