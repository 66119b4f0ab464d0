"""Site search: one query over the pages of every registered source (courses and
public lesson outlines, resources, news, standard pages) and legal documents,
grouped by kind.

Both sides are folded (`lms.text.fold_vietnamese`): every page type indexes a
`search_folded` text, and the query is folded before it is searched, so a query
typed with or without diacritics finds the same pages on SQLite and PostgreSQL.

Pages of other apps (courses) take part through `lms.search_sources`, which those
apps fill in their `AppConfig.ready()`: this app may not import them, and the
rule of who sees a course outline stays with courses.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from lms.search_sources import (
    PageRef,
    SearchHit,
    SearchKind,
    SearchSource,
    search_sources,
)
from lms.text import SEARCH_QUERY_MAX_LENGTH, clean_search_query, fold_vietnamese

from .models import LegalDocument, LegalDocumentIndexPage, NewsPage, ResourcePage

__all__ = ["HITS_PER_PAGE", "SearchHit", "SiteSearch", "site_search"]

# Enough for any query people type here; a word found everywhere stops at this.
MAX_HITS_PER_SOURCE = 300
HITS_PER_PAGE = 20
HITS_PER_KIND_PREVIEW = 3


class Kind:
    RESOURCES = "resources"
    NEWS = "news"
    PAGES = "pages"
    LEGAL = "legal"


# This app's own kinds; a registered source places its kinds among them by position.
SITE_KINDS = (
    SearchKind(Kind.RESOURCES, _("School resources"), position=30),
    SearchKind(Kind.NEWS, _("News and events"), position=40),
    SearchKind(Kind.PAGES, _("Pages"), position=50),
    SearchKind(Kind.LEGAL, _("Legal documents"), position=60),
)
# This app's page types; any other of its own is listed under Kind.PAGES.
SITE_PAGES = SearchSource(
    name="content_pages",
    page_types={
        "content_pages.resourcepage": Kind.RESOURCES,
        "content_pages.newspage": Kind.NEWS,
    },
    kinds=SITE_KINDS,
)
SITE_APP_LABEL = "content_pages"
# Found through the page they list, never as a result of their own.
SKIPPED_PAGE_TYPES = {"wagtailcore.page"}


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: Promise | str
    count: int


@dataclass
class SiteSearch:
    """What the results page needs: counts per kind and the hits to show."""

    query: str
    was_shortened: bool = False
    counts: list[KindCount] = field(default_factory=list)
    kind: str = ""
    results_page: PaginatorPage | None = None  # one kind, paginated
    previews: list[tuple[KindCount, list[SearchHit]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(count.count for count in self.counts)


def _sources() -> list[SearchSource]:
    return [SITE_PAGES, *search_sources()]


def _kinds(sources: list[SearchSource]) -> dict[str, SearchKind]:
    """Every kind of every source, in the order the results page lists them."""
    kinds = sorted(
        (kind for source in sources for kind in source.kinds),
        key=lambda kind: kind.position,
    )
    return {kind.name: kind for kind in kinds}


def site_search(
    *, raw_query: str, kind: str, page_number: str | None, user, request=None
) -> SiteSearch:
    """Search everything a visitor may see; one kind paginated, or a preview of each.

    The query count does not grow with the number of hits: one search of the
    pages and one of the legal documents, the queries of the sources'
    visibility rules (one for the courses of the lessons found), and one per
    page type among the hits shown.
    """
    sources = _sources()
    kinds = _kinds(sources)
    query = clean_search_query(raw_query)
    outcome = SiteSearch(
        query=query,
        was_shortened=len(raw_query.strip()) > SEARCH_QUERY_MAX_LENGTH,
        kind=kind if kind in kinds else "",
    )
    if not query:
        return outcome
    folded = fold_vietnamese(query)
    refs = _page_refs(folded, user=user, sources=sources)
    legal = list(_legal_documents(folded))
    grouped: dict[str, list] = defaultdict(list)
    for ref in refs:
        grouped[ref.kind].append(ref)
    grouped[Kind.LEGAL] = legal
    outcome.counts = [
        KindCount(name, kind_.label, len(grouped[name]))
        for name, kind_ in kinds.items()
        if grouped[name]
    ]
    if outcome.kind:
        paginator = Paginator(grouped[outcome.kind], HITS_PER_PAGE)
        outcome.results_page = paginator.get_page(page_number)
        shown = {outcome.kind: list(outcome.results_page.object_list)}
    else:
        shown = {
            count.kind: grouped[count.kind][:HITS_PER_KIND_PREVIEW]
            for count in outcome.counts
        }
    hits = _hits(shown, kinds=kinds, request=request)
    if outcome.results_page is not None:
        outcome.results_page.object_list = hits[outcome.kind]
    else:
        outcome.previews = [(count, hits[count.kind]) for count in outcome.counts]
    return outcome


def _page_refs(
    folded_query: str, *, user, sources: list[SearchSource]
) -> list[PageRef]:
    """Live, public pages matching the folded query, most relevant first, that
    their source lets `user` see.

    A page type that no source claims is not listed (but this app's own, under
    Kind.PAGES).
    """
    pages = (
        Page.objects.live()
        .public()
        .only("id", "path", "depth", "title", "url_path", "content_type_id")
    )
    found = list(pages.search(folded_query, operator="and")[:MAX_HITS_PER_SOURCE])
    source_of_type = {
        page_type: source for source in sources for page_type in source.page_types
    }
    refs_by_source: dict[str, list[PageRef]] = defaultdict(list)
    refs = []
    for page in found:
        label = _page_type_label(page.content_type_id)
        if label in SKIPPED_PAGE_TYPES or page.depth <= 1:
            continue
        source = source_of_type.get(label)
        if source is None and label.startswith(SITE_APP_LABEL + "."):
            source = SITE_PAGES
        if source is None:
            continue
        ref = PageRef(page, source.page_types.get(label, Kind.PAGES))
        refs.append(ref)
        refs_by_source[source.name].append(ref)
    hidden: set[int] = set()
    for source in sources:
        if source.visible is None or not refs_by_source[source.name]:
            continue
        found_refs = refs_by_source[source.name]
        kept = source.visible(found_refs, user=user, folded_query=folded_query)
        kept_ids = {id(ref) for ref in kept}
        hidden.update(id(ref) for ref in found_refs if id(ref) not in kept_ids)
    return [ref for ref in refs if id(ref) not in hidden]


def _page_type_label(content_type_id: int) -> str:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def _legal_documents(folded_query: str) -> QuerySet[LegalDocument]:
    # LegalDocument is indexed but has no searchable manager: ask the backend.
    documents = LegalDocument.objects.select_related("document")
    return get_search_backend().search(folded_query, documents, operator="and")[
        :MAX_HITS_PER_SOURCE
    ]


def _hits(
    shown: dict[str, list], *, kinds: dict[str, SearchKind], request
) -> dict[str, list[SearchHit]]:
    """The hits to show, with their type's own fields (one query per page type)."""
    specific = _specific_pages(
        [
            ref.page
            for kind, refs in shown.items()
            if kind != Kind.LEGAL and kinds[kind].present is None
            for ref in refs
        ]
    )
    hits: dict[str, list[SearchHit]] = {}
    for kind, items in shown.items():
        present = kinds[kind].present
        if kind == Kind.LEGAL:
            hits[kind] = _legal_hits(items, request=request)
        elif present is not None:
            hits[kind] = [present(ref, request=request) for ref in items]
        else:
            hits[kind] = [
                _page_hit(ref, specific.get(ref.page.pk, ref.page), request=request)
                for ref in items
            ]
    return hits


def _specific_pages(pages: list[Page]) -> dict[int, Page]:
    """The pages as their own types, one query per type (their type is known)."""
    ids_by_type: dict[int, list[int]] = defaultdict(list)
    for page in pages:
        ids_by_type[page.content_type_id].append(page.pk)
    specific = {}
    for content_type_id, ids in ids_by_type.items():
        model_class = ContentType.objects.get_for_id(content_type_id).model_class()
        if model_class is None:  # a page type removed from the code
            continue
        # The content types are the pages' own, so each is a Page model.
        model = cast("type[Page]", model_class)
        for page in model.objects.filter(pk__in=ids).defer_streamfields():
            specific[page.pk] = page
    return specific


def _page_hit(ref: PageRef, page: Page, *, request) -> SearchHit:
    return SearchHit(
        kind=ref.kind,
        title=page.title,
        url=page.get_url(request),
        summary=_summary(page),
        date=page.date if isinstance(page, NewsPage) else None,
        access=(
            page.get_access_display()
            if isinstance(page, ResourcePage)
            and page.access != ResourcePage.Access.PUBLIC
            else ""
        ),
    )


def _summary(page: Page) -> str:
    """The page's own summary or introduction, as plain text (intros may be rich)."""
    text = getattr(page, "summary", "") or getattr(page, "intro", "")
    return strip_tags(str(text or page.search_description or ""))


def _legal_hits(documents: list[LegalDocument], *, request) -> list[SearchHit]:
    """Each document links to its file, or to the legal documents page without one."""
    index_url = ""
    if any(document.document is None for document in documents):
        index = LegalDocumentIndexPage.objects.live().public().first()
        index_url = index.get_url(request) if index else ""
    return [
        SearchHit(
            kind=Kind.LEGAL,
            title=document.title,
            url=document.document.url if document.document else index_url,
            summary=document.summary,
            date=document.issued_on,
            reference=document.number,
        )
        for document in documents
    ]
