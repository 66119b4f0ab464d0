"""Site search: one query over courses, public lesson outlines, resources, news,
standard pages and legal documents, grouped by kind.

Both sides are folded (`lms.text.fold_vietnamese`): every page type indexes a
`search_folded` text, and the query is folded before it is searched, so a query
typed with or without diacritics finds the same pages on SQLite and PostgreSQL.

Course, module and lesson pages belong to `courses`, which this app may not
import: they are told apart by their content type's label, and a course's
`is_outline_public` is read from the page itself.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from lms.text import SEARCH_QUERY_MAX_LENGTH, clean_search_query, fold_vietnamese

from .models import LegalDocument, LegalDocumentIndexPage, NewsPage, ResourcePage

# Enough for any query people type here; a word found everywhere stops at this.
MAX_HITS_PER_SOURCE = 300
HITS_PER_PAGE = 20
HITS_PER_KIND_PREVIEW = 3


class Kind:
    COURSES = "courses"
    LESSONS = "lessons"
    RESOURCES = "resources"
    NEWS = "news"
    PAGES = "pages"
    LEGAL = "legal"


KIND_LABELS: dict[str, Promise] = {
    Kind.COURSES: _("Courses"),
    Kind.LESSONS: _("Lessons in course outlines"),
    Kind.RESOURCES: _("School resources"),
    Kind.NEWS: _("News and events"),
    Kind.PAGES: _("Pages"),
    Kind.LEGAL: _("Legal documents"),
}
KIND_BY_PAGE_TYPE = {
    "courses.coursepage": Kind.COURSES,
    "courses.modulepage": Kind.LESSONS,
    "courses.lessonpage": Kind.LESSONS,
    "content_pages.resourcepage": Kind.RESOURCES,
    "content_pages.newspage": Kind.NEWS,
}
COURSE_PAGE_TYPE = ("courses", "coursepage")
# Found through the page they list, never as a result of their own.
SKIPPED_PAGE_TYPES = {"wagtailcore.page"}


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


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: Promise
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


@dataclass
class _PageRef:
    """A page found by the search, before its type's own fields are loaded."""

    page: Page
    kind: str
    course: Page | None = None


def site_search(
    *, raw_query: str, kind: str, page_number: str | None, user, request=None
) -> SiteSearch:
    """Search everything a visitor may see; one kind paginated, or a preview of each.

    The query count does not grow with the number of hits: one search per
    source, one query for the courses of the lessons found, and one per page
    type among the hits shown.
    """
    query = clean_search_query(raw_query)
    outcome = SiteSearch(
        query=query,
        was_shortened=len(raw_query.strip()) > SEARCH_QUERY_MAX_LENGTH,
        kind=kind if kind in KIND_LABELS else "",
    )
    if not query:
        return outcome
    folded = fold_vietnamese(query)
    refs = _page_refs(folded, user=user)
    legal = list(_legal_documents(folded))
    grouped: dict[str, list] = defaultdict(list)
    for ref in refs:
        grouped[ref.kind].append(ref)
    grouped[Kind.LEGAL] = legal
    outcome.counts = [
        KindCount(name, label, len(grouped[name]))
        for name, label in KIND_LABELS.items()
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
    hits = _hits(shown, request=request)
    if outcome.results_page is not None:
        outcome.results_page.object_list = hits[outcome.kind]
    else:
        outcome.previews = [(count, hits[count.kind]) for count in outcome.counts]
    return outcome


def _page_refs(folded_query: str, *, user) -> list[_PageRef]:
    """Live, public pages matching the folded query, most relevant first.

    Lessons and modules are kept only when their title matches (their body is
    for enrolled learners, so a match inside it must not reveal them) and their
    course is live with an outline this visitor may see.
    """
    pages = (
        Page.objects.live()
        .public()
        .only("id", "path", "depth", "title", "url_path", "content_type_id")
    )
    found = list(pages.search(folded_query, operator="and")[:MAX_HITS_PER_SOURCE])
    refs = []
    for page in found:
        label = _page_type_label(page.content_type_id)
        if label in SKIPPED_PAGE_TYPES or page.depth <= 1:
            continue
        refs.append(_PageRef(page, KIND_BY_PAGE_TYPE.get(label, Kind.PAGES)))
    lessons = [ref for ref in refs if ref.kind == Kind.LESSONS]
    if lessons:
        _attach_courses(lessons, user=user)
    terms = folded_query.lower().split()
    return [
        ref
        for ref in refs
        if ref.kind != Kind.LESSONS
        or (ref.course is not None and _title_matches(ref.page.title, terms))
    ]


def _page_type_label(content_type_id: int) -> str:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def _attach_courses(lessons: list[_PageRef], *, user) -> None:
    """Set each lesson's course when it is live and its outline is shown to `user`."""
    ancestor_paths = {
        ref.page.path[:end]
        for ref in lessons
        for end in range(Page.steplen, len(ref.page.path), Page.steplen)
    }
    course_type = ContentType.objects.get_by_natural_key(*COURSE_PAGE_TYPE)
    course_model = course_type.model_class()
    # No .public(): a view restriction on a course covers its lessons, and these
    # lessons passed it already.
    courses = {
        course.path: course
        for course in course_model.objects.live()
        .filter(path__in=ancestor_paths)
        .only("id", "path", "title", "url_path", "is_outline_public")
    }
    for ref in lessons:
        course = next(
            (courses[path] for path in courses if ref.page.path.startswith(path)),
            None,
        )
        if course is not None and (user.is_authenticated or course.is_outline_public):
            ref.course = course


def _title_matches(title: str, terms: list[str]) -> bool:
    folded_title = fold_vietnamese(title).lower()
    return all(term in folded_title for term in terms)


def _legal_documents(folded_query: str) -> QuerySet[LegalDocument]:
    # LegalDocument is indexed but has no searchable manager: ask the backend.
    documents = LegalDocument.objects.select_related("document")
    return get_search_backend().search(folded_query, documents, operator="and")[
        :MAX_HITS_PER_SOURCE
    ]


def _hits(shown: dict[str, list], *, request) -> dict[str, list[SearchHit]]:
    """The hits to show, with their type's own fields (one query per page type)."""
    specific = _specific_pages(
        [
            ref.page
            for kind, refs in shown.items()
            if kind not in (Kind.LEGAL, Kind.LESSONS)
            for ref in refs
        ]
    )
    hits: dict[str, list[SearchHit]] = {}
    for kind, items in shown.items():
        if kind == Kind.LEGAL:
            hits[kind] = _legal_hits(items, request=request)
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
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # a page type removed from the code
            continue
        for page in model.objects.filter(pk__in=ids).defer_streamfields():
            specific[page.pk] = page
    return specific


def _page_hit(ref: _PageRef, page: Page, *, request) -> SearchHit:
    if ref.kind == Kind.LESSONS:
        # The title only: a lesson opens for enrolled learners, its course for all.
        return SearchHit(
            kind=ref.kind,
            title=page.title,
            url=ref.course.get_url(request),
            course_title=ref.course.title,
        )
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
