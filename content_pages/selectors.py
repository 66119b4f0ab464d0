"""Reads of the school resource library (its writes are in services.py).

The listing (facets with counts, search, sort), a resource's files and related
resources, bookmarks and download figures. The access rule (who may download
what) lives here once, used by the download view, the resource page and
Wagtail's own document URL (see library_admin.py).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from lms.text import clean_search_query, fold_vietnamese
from people.models import User
from people.roles import Role

from .models import (
    Audience,
    ResourceBookmark,
    ResourceDownload,
    ResourceFile,
    ResourceFormat,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
    SchoolLevel,
)
from .models.library import FacetValue

LIBRARY_PAGE_SIZE = 12
# Longer queries are cut: no one types more, and the FTS query grows with each word.
SEARCH_QUERY_MAX_CHARS = 200
FILTER_PREFIX = "loc"

# Who passes a "teachers only" resource. Trainers write and teach these
# materials and administrators answer for the site, so both pass too.
TEACHER_ROLES = (Role.TEACHER, Role.TRAINER, Role.ADMINISTRATOR)

if TYPE_CHECKING:
    from django.http import QueryDict
    from django_stubs_ext import StrOrPromise
    from wagtail.documents.models import AbstractDocument
    from wagtail.query import PageQuerySet


# --- Facets and filters -----------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    """One of the library's filters; `segment` names it in the clean URL."""

    key: str
    segment: str
    model: type[FacetValue]
    field: str
    label: "StrOrPromise"


# The fixed order of the facets in every URL: one combination, one address.
FACETS: tuple[Facet, ...] = (
    Facet("level", "cap", SchoolLevel, "school_levels", _("School level")),
    Facet("topic", "chu-de", ResourceTopic, "topics", _("Topic")),
    Facet("format", "dang", ResourceFormat, "formats", _("Format")),
    Facet("audience", "doi-tuong", Audience, "audiences", _("Audience")),
)
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}


class Sort(StrEnum):
    NEWEST = "moi-nhat"
    TITLE = "ten"
    DOWNLOADS = "tai-nhieu"


SORT_LABELS = {
    Sort.NEWEST: _("Newest first"),
    Sort.TITLE: _("Title A–Z"),
    Sort.DOWNLOADS: _("Most downloaded"),
}


@dataclass(frozen=True)
class FacetOption:
    code: str
    name: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    facet: Facet
    options: list[FacetOption]

    @property
    def codes(self) -> set[str]:
        return {option.code for option in self.options}


def library_filters_from_segments(segments: str) -> dict[str, str]:
    """The facet values named in a clean URL's path ("cap-thpt/chu-de-tao-hon/").

    Only the shape is checked here (the codes are checked against the database
    by the listing); a segment that names no facet is dropped.
    """
    selected: dict[str, str] = {}
    for part in segments.split("/"):
        for facet in FACETS:
            prefix = f"{facet.segment}-"
            if part.startswith(prefix) and facet.key not in selected:
                code = part[len(prefix) :]
                if re.fullmatch(r"[-a-z0-9]{1,50}", code):
                    selected[facet.key] = code
                break
    return selected


def library_filters_from_query(params: "QueryDict") -> dict[str, str]:
    """The facet values of the filter form (GET `cap=thpt&chu-de=...`)."""
    selected = {}
    for facet in FACETS:
        code = str(params.get(facet.segment, "")).strip()
        if code and re.fullmatch(r"[-a-z0-9]{1,50}", code):
            selected[facet.key] = code
    return selected


def library_filter_path(selected: dict[str, str]) -> str:
    """The clean sub-path of a combination, facets always in FACETS order."""
    parts = [
        f"{facet.segment}-{selected[facet.key]}"
        for facet in FACETS
        if selected.get(facet.key)
    ]
    if not parts:
        return ""
    return f"{FILTER_PREFIX}/{'/'.join(parts)}/"


def library_search_words(query: str) -> str:
    """The query as the search backend gets it: cleaned, folded, bounded.

    It goes through the one query cleaner every search box uses
    (`lms.text.clean_search_query`), then folding lets "bạo lực" and "bao luc"
    both find the folded text indexed with each resource. A query of symbols
    only becomes no search at all.
    """
    return fold_vietnamese(
        clean_search_query(query, max_length=SEARCH_QUERY_MAX_CHARS)
    ).lower()


def library_sort(value: str | None) -> Sort:
    try:
        return Sort(value or Sort.NEWEST)
    except ValueError:
        return Sort.NEWEST


# --- Listing ---------------------------------------------------------------------


def library_resources_base(*, library: ResourceLibraryPage) -> "PageQuerySet":
    # Wagtail's PageQuerySet (untyped): the listing uses its search() and
    # defer_streamfields().
    return ResourcePage.objects.live().child_of(library)


def library_search_ids(*, library: ResourceLibraryPage, words: str) -> list[int]:
    """Ids of the library's resources matching every word (one query)."""
    results = library_resources_base(library=library).search(
        words, operator="and", order_by_relevance=False
    )
    return [page.pk for page in results]


def _matching(
    *,
    library: ResourceLibraryPage,
    selected: dict[str, str],
    search_ids: list[int] | None,
    skip: str | None = None,
) -> "PageQuerySet":
    resources = library_resources_base(library=library)
    if search_ids is not None:
        resources = resources.filter(pk__in=search_ids)
    for facet in FACETS:
        code = selected.get(facet.key)
        if code and facet.key != skip:
            resources = resources.filter(**{f"{facet.field}__code": code})
    return resources


def library_facet_groups(
    *,
    library: ResourceLibraryPage,
    selected: dict[str, str],
    search_ids: list[int] | None,
) -> list[FacetGroup]:
    """Every value of every facet, each counted as faceted search counts it.

    A value's count is the number of resources that match the search, the
    selections in the OTHER facets, and this value: what the visitor gets by
    choosing it. One query per facet, whatever the number of resources.
    """
    groups = []
    for facet in FACETS:
        others = _matching(
            library=library, selected=selected, search_ids=search_ids, skip=facet.key
        )
        values = (
            # The generic model's manager: a facet model is named by its class.
            facet.model._default_manager.annotate(
                resource_count=Count(
                    "resources",
                    filter=Q(resources__in=others.values("pk")),
                    distinct=True,
                )
            )
            .order_by("sort_order", "name")
            .values_list("code", "name", "resource_count")
        )
        groups.append(
            FacetGroup(
                facet=facet,
                options=[
                    FacetOption(code, name, count, selected.get(facet.key) == code)
                    for code, name, count in values
                ],
            )
        )
    return groups


def library_results(
    *,
    library: ResourceLibraryPage,
    selected: dict[str, str],
    search_ids: list[int] | None,
    sort: Sort,
) -> QuerySet[ResourcePage]:
    """The listing's resources, sorted; pages of it load their facet names in bulk."""
    resources = _matching(library=library, selected=selected, search_ids=search_ids)
    if sort == Sort.TITLE:
        resources = resources.order_by("title", "pk")
    elif sort == Sort.DOWNLOADS:
        resources = resources.annotate(download_count=Count("downloads")).order_by(
            "-download_count", "title", "pk"
        )
    else:
        resources = resources.order_by("-first_published_at", "-pk")
    return resources.defer_streamfields().prefetch_related("school_levels", "formats")


# --- A resource ------------------------------------------------------------------


def resource_file_list(*, resource: ResourcePage) -> list[ResourceFile]:
    return list(resource.files.select_related("document").order_by("sort_order"))


def resource_facets(
    *, resource: ResourcePage
) -> list[tuple["StrOrPromise", list[str]]]:
    """Each facet's label with the resource's values for it (one query per facet)."""
    return [
        (facet.label, [value.name for value in getattr(resource, facet.field).all()])
        for facet in FACETS
    ]


def resource_related(*, resource: ResourcePage, limit: int = 3) -> list[ResourcePage]:
    """Other live resources of the same library sharing a topic, newest first."""
    topic_ids = resource.topics.values("pk")
    return list(
        ResourcePage.objects.live()
        .sibling_of(resource, inclusive=False)
        .filter(
            pk__in=ResourcePage.topics.through.objects.filter(
                resourcetopic_id__in=topic_ids
            ).values("resourcepage_id")
        )
        .order_by("-first_published_at", "-pk")
        .defer_streamfields()
        .prefetch_related("school_levels", "formats")[:limit]
    )


VIDEO_PATTERNS = (
    (
        re.compile(
            r"^https?://(?:www\.|m\.)?(?:youtube\.com/watch\?(?:.*&)?v=|youtu\.be/"
            r"|youtube\.com/embed/)([\w-]{11})"
        ),
        "https://www.youtube-nocookie.com/embed/{}",
    ),
    (
        re.compile(r"^https?://(?:www\.)?vimeo\.com/(\d+)"),
        "https://player.vimeo.com/video/{}",
    ),
)


def video_embed_url(url: str) -> str:
    """The player address of a YouTube or Vimeo link, or "" for any other link.

    Worked out from the link itself: asking the provider (oEmbed) needs a network
    the server may not have; other links are shown as plain links.
    """
    for pattern, player in VIDEO_PATTERNS:
        match = pattern.match(url or "")
        if match:
            return player.format(match.group(1))
    return ""


# --- Access ----------------------------------------------------------------------


class DownloadAccess(StrEnum):
    ALLOWED = "allowed"
    SIGN_IN = "sign_in"
    TEACHERS_ONLY = "teachers_only"


ACCESS_STRICTNESS = {
    ResourcePage.Access.PUBLIC: 0,
    ResourcePage.Access.LOGGED_IN: 1,
    ResourcePage.Access.TEACHERS: 2,
}


def user_passes_teachers_only(user: User) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name__in=TEACHER_ROLES).exists()


def download_access(*, user: User, access: str) -> DownloadAccess:
    """May this user download a resource with this access? If not, why not."""
    if access == ResourcePage.Access.PUBLIC:
        return DownloadAccess.ALLOWED
    if not (user.is_authenticated and user.is_active):
        return DownloadAccess.SIGN_IN
    if access == ResourcePage.Access.LOGGED_IN or user_passes_teachers_only(user):
        return DownloadAccess.ALLOWED
    return DownloadAccess.TEACHERS_ONLY


def document_access(*, user: User, document: "AbstractDocument") -> DownloadAccess:
    """The access to a Wagtail document: the strictest of the resources using it.

    A document no resource uses is not the library's business (ALLOWED here;
    Wagtail's collection restrictions still apply).
    """
    accesses = set(
        ResourceFile.objects.filter(document=document).values_list(
            "resource__access", flat=True
        )
    )
    if not accesses:
        return DownloadAccess.ALLOWED
    strictest = max(accesses, key=lambda access: ACCESS_STRICTNESS.get(access, 2))
    return download_access(user=user, access=strictest)


def downloadable_file(*, file_id: int) -> ResourceFile | None:
    """A file of a live resource, with its document and resource (one query)."""
    return (
        ResourceFile.objects.select_related("document", "resource")
        .filter(pk=file_id, resource__live=True)
        .first()
    )


# --- Downloads -------------------------------------------------------------------


DOWNLOAD_GROUPINGS = {
    "resource": ("resource_id", "resource__title"),
    "date": ("day",),
    "school_level": ("resource__school_levels__code", "resource__school_levels__name"),
    "topic": ("resource__topics__code", "resource__topics__name"),
    "role": ("role",),
    "unit": ("unit_id", "unit__name"),
}


def resource_download_counts(
    *,
    by: str,
    start: date | None = None,
    end: date | None = None,
    unit_ids: Iterable[int] | None = None,
) -> list[dict[str, Any]]:
    """Downloads counted in the database, grouped by resource, date, school level,
    topic, role or unit, between two days (inclusive), by the people of the
    given units if any (the statistics pass a unit manager's). For the statistics.

    By school level (or topic) a resource for two levels counts once for each.
    """
    if by not in DOWNLOAD_GROUPINGS:
        raise ValueError(f"Unknown grouping: {by}")
    downloads = ResourceDownload.objects.all()
    if unit_ids is not None:
        downloads = downloads.filter(unit_id__in=unit_ids)
    if start:
        downloads = downloads.filter(downloaded_at__date__gte=start)
    if end:
        downloads = downloads.filter(downloaded_at__date__lte=end)
    if by == "date":
        downloads = downloads.annotate(day=TruncDate("downloaded_at"))
    keys = DOWNLOAD_GROUPINGS[by]
    return list(downloads.values(*keys).annotate(downloads=Count("pk")).order_by(*keys))


# --- Bookmarks -------------------------------------------------------------------


def resource_is_bookmarked(*, user: User, resource: ResourcePage) -> bool:
    if not user.is_authenticated:
        return False
    return ResourceBookmark.objects.filter(user=user, resource=resource).exists()


def bookmarked_resources(*, user: User) -> QuerySet[ResourcePage]:
    """The live resources this user saved, most recently saved first."""
    return (
        ResourcePage.objects.live()
        .filter(bookmarks__user=user)
        .order_by("-bookmarks__created_at", "-pk")
        .defer_streamfields()
        .prefetch_related("school_levels", "formats")
    )


def resource_page_context(*, resource: ResourcePage, user: User) -> dict[str, Any]:
    """What a resource page shows: files with a download button only for those
    who may download (the others see why, and no file address)."""
    access = download_access(user=user, access=resource.access)
    return {
        "download_access": access,
        "can_download": access == DownloadAccess.ALLOWED,
        "files": resource_file_list(resource=resource),
        "facets": resource_facets(resource=resource),
        "video_embed_url": video_embed_url(resource.video_url),
        "related_resources": resource_related(resource=resource),
        "is_bookmarked": resource_is_bookmarked(user=user, resource=resource),
    }
