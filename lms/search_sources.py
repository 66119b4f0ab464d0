"""The registry of site-search sources: how an app's pages take part in the site search.

The site search lives in `content_pages`, which may not import `courses` (they are
independent apps of the same layer, and neither may import the other). So the
registry sits here, below both: an app registers its source in its
`AppConfig.ready()` and `content_pages.search` reads the registry.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from lms.text import fold_vietnamese


@dataclass(frozen=True)
class SearchHit:
    """One result as the results page shows it."""

    kind: str
    title: str
    url: str
    summary: str = ""
    date: dt.date | None = None
    course_title: str = ""  # a lesson's course: where the link goes
    access: str = ""  # who may download a resource that is not for everyone
    reference: str = ""  # a legal document's number


@dataclass
class PageRef:
    """A page found by the search, before its type's own fields are loaded.

    `target` is the page a hit links to instead of its own (a lesson's course),
    set by the source's visibility rule.
    """

    page: Any  # wagtail.models.Page, with only its tree and title fields loaded
    kind: str
    target: Any = None


@dataclass(frozen=True)
class SearchKind:
    """A group of results (a tab of the results page).

    `position` orders the groups on the page. `present`, when given, builds the
    hit from the reference alone (no query for the page's own fields), for
    pages that must show only their title.
    """

    name: str
    label: Promise | str
    position: int
    present: Callable[..., SearchHit] | None = None


@dataclass(frozen=True)
class SearchSource:
    """An app's pages in the site search.

    - What it searches: `page_types` maps a page type label ("courses.lessonpage")
      to the kind it is listed under. Its pages are found by the site's one page
      search, so a source adds no search query; a page type no source claims is
      not searched (content_pages lists its own page types).
    - Its visibility rule: `visible(refs, user=..., folded_query=...)` returns the
      references `user` may see among those found, and may set their `target`.
      Without it, the page search's own rule (live and public pages) is enough.
    - Its presentation: `kinds`, with their labels, order and, for some, their
      own way of presenting a hit.
    """

    name: str
    page_types: Mapping[str, str]
    kinds: tuple[SearchKind, ...] = ()
    visible: Callable[..., list[PageRef]] | None = None


_sources: dict[str, SearchSource] = {}


def register_search_source(source: SearchSource) -> None:
    """Add (or replace) a source under its name: registering twice is harmless,
    which `ready()` may do when the app registry is set up more than once."""
    _sources[source.name] = source


def unregister_search_source(name: str) -> None:
    """Take a source out of the search (used by tests)."""
    _sources.pop(name, None)


def search_sources() -> list[SearchSource]:
    """The registered sources, in the order they were first registered."""
    return list(_sources.values())


def title_matches(title: str, folded_query: str) -> bool:
    """Every word of the query is in the title, with or without diacritics."""
    folded_title = fold_vietnamese(title).lower()
    return all(term in folded_title for term in folded_query.lower().split())
