"""Reads behind the public pages: news and legal listings, the site's header and
footer, home page sections, page descriptions for search engines, robots.txt.

The page templates reach these through `content_pages_tags`, so the page models
stay as they are and every listing keeps a fixed number of queries.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from lms.areas import PERSONAL_AREA_PREFIXES
from lms.memory import ProcessMemory
from lms.text import clean_search_query, fold_vietnamese
from lms.versions import content_changed, content_version

from ..models import (
    FooterLink,
    HomePageHighlight,
    LegalDocument,
    MainMenuItem,
    NewsPage,
    NewsTopic,
    ResourcePage,
    SiteSettings,
)

NEWS_PER_PAGE = 10
LATEST_NEWS_COUNT = 3
HIGHLIGHT_COUNT = 3
LEGAL_QUERY_MAX_LENGTH = 200
DESCRIPTION_MAX_CHARS = 160
# The specs of `includes/picture.html`: prefetched with the pages that show them,
# so a listing costs the same queries for 3 images as for 30.
PICTURE_SPECS = {
    "card": ["fill-{320x180,640x360}", "format-{avif,webp,jpeg}"],
    "wide": ["width-{480,800,1200}", "format-{avif,webp,jpeg}"],
}
OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"
# Header and footer kept per process: (content version, host, language).
SITE_CHROMES_KEPT = 64
_site_chromes: ProcessMemory["SiteChrome"] = ProcessMemory(SITE_CHROMES_KEPT)


def picture_filter_specs(size: str) -> list[str]:
    return Filter.expand_spec(PICTURE_SPECS[size])


def _images_with_renditions(size: str):
    return get_image_model().objects.prefetch_renditions(*picture_filter_specs(size))


# Site header and footer ------------------------------------------------------


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str


@dataclass(frozen=True)
class SiteChrome:
    """What the header and footer show; plain values, so it can be cached."""

    organisation_name: str = ""
    logo: dict | None = None
    menu: list[MenuLink] = field(default_factory=list)
    footer_text: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    footer_links: list[MenuLink] = field(default_factory=list)


def _in_language(obj, name: str, language: str) -> str:
    """The text `name` of `obj` in `language`, when the editor gave one.

    Vietnamese is the text itself; another language reads the optional
    `<name>_<language>` field beside it and falls back to Vietnamese when empty.
    """
    if language != settings.LANGUAGE_CODE:
        translated = getattr(obj, f"{name}_{language}", "")
        if translated:
            return translated
    return getattr(obj, name)


def _links(items, request, language: str) -> list[MenuLink]:
    links = []
    for item in items:
        if item.link_page_id:
            # An unpublished page would answer 404: leave it out of the menu.
            url = item.link_page.get_url(request) if item.link_page.live else ""
        else:
            url = item.link_url
        if url:
            links.append(MenuLink(label=_in_language(item, "label", language), url=url))
    return links


def _logo(site_settings: SiteSettings) -> dict | None:
    if site_settings.logo is None:
        return None
    rendition = site_settings.logo.get_rendition("height-96|format-png")
    return {
        "url": rendition.url,
        "width": rendition.width // 2,
        "height": rendition.height // 2,
    }


def _build_site_chrome(request, language: str) -> SiteChrome:
    site = Site.find_for_request(request)
    # Not SiteSettings.for_site(), which would write a row on a visitor's GET.
    site_settings = SiteSettings.objects.filter(site=site).first() if site else None
    if site_settings is None:
        return SiteChrome(organisation_name=SiteSettings().organisation_name)
    return SiteChrome(
        organisation_name=_in_language(site_settings, "organisation_name", language),
        logo=_logo(site_settings),
        menu=_links(
            MainMenuItem.objects.filter(settings=site_settings).select_related(
                "link_page"
            ),
            request,
            language,
        ),
        footer_text=_in_language(site_settings, "footer_text", language),
        address=_in_language(site_settings, "address", language),
        phone=site_settings.phone,
        email=site_settings.email,
        footer_links=_links(
            FooterLink.objects.filter(settings=site_settings).select_related(
                "link_page"
            ),
            request,
            language,
        ),
    )


def site_chrome(request) -> SiteChrome:
    """The header and footer of the request's site in the active language.

    Every page shows them, the login page included, which must cost no query:
    each process keeps them under the content version (lms.versions), which
    publishing a page or editing the settings, menus or footer links renews.
    """
    host = request.get_host() if request is not None else ""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return _site_chromes.get_or_make(
        (content_version(request), host, language),
        lambda: _build_site_chrome(request, language),
    )


def site_chrome_clear() -> None:
    """What the header and footer show has changed: a new content version."""
    content_changed()


def link_is_current(url: str, path: str) -> bool:
    """The menu item of the section the visitor is in (the home link only at home)."""
    if url == "/":
        return path == "/"
    return url.startswith("/") and path.startswith(url)


# News ---------------------------------------------------------------------


@dataclass(frozen=True)
class FilterLink:
    label: str
    url: str
    is_current: bool


@dataclass
class NewsListing:
    items: PaginatorPage
    year: int | None
    topic: NewsTopic | None
    year_links: list[FilterLink]
    topic_links: list[FilterLink]

    @property
    def is_filtered(self) -> bool:
        return self.year is not None or self.topic is not None


def _clean_year(value: str | None, years: list[int]) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if year in years else None


def _query(**params) -> str:
    clean = {key: value for key, value in params.items() if value}
    return f"?{urlencode(clean)}" if clean else "?"


def news_items(index_page):
    """The live, public news items of one index page, newest first."""
    return (
        NewsPage.objects.live()
        .public()
        .child_of(index_page)
        .select_related("topic")
        .prefetch_related(Prefetch("image", queryset=_images_with_renditions("card")))
        .order_by("-date", "-pk")
    )


def news_listing(*, index_page, params) -> NewsListing:
    """One page of news, by year and topic; values that match nothing are ignored.

    A page number past the end shows the last page (Paginator.get_page).
    """
    items = news_items(index_page)
    years = [day.year for day in items.dates("date", "year", order="DESC")]
    topics = list(NewsTopic.objects.filter(news__in=items).distinct())
    year = _clean_year(params.get("year"), years)
    topic = next((t for t in topics if t.slug == params.get("topic")), None)

    if year is not None:
        items = items.filter(date__year=year)
    if topic is not None:
        items = items.filter(topic=topic)
    topic_slug = topic.slug if topic else None
    year_links = [FilterLink(_("All years"), _query(topic=topic_slug), year is None)]
    year_links += [
        FilterLink(str(y), _query(year=y, topic=topic_slug), y == year) for y in years
    ]
    topic_links = [FilterLink(_("All topics"), _query(year=year), topic is None)]
    topic_links += [
        FilterLink(t.name, _query(year=year, topic=t.slug), t == topic) for t in topics
    ]
    return NewsListing(
        items=Paginator(items, NEWS_PER_PAGE).get_page(params.get("page")),
        year=year,
        topic=topic,
        year_links=year_links,
        topic_links=topic_links,
    )


def latest_news(*, limit: int = LATEST_NEWS_COUNT) -> list[NewsPage]:
    return list(
        NewsPage.objects.live()
        .public()
        .select_related("topic")
        .prefetch_related(Prefetch("image", queryset=_images_with_renditions("card")))
        .order_by("-date", "-pk")[:limit]
    )


# Legal documents ----------------------------------------------------------


@dataclass
class LegalListing:
    documents: list[LegalDocument]
    kind: str
    status: str
    query: str
    kind_choices: list
    status_choices: list

    @property
    def is_filtered(self) -> bool:
        return bool(self.kind or self.status or self.query)


def _choice(value: str | None, choices) -> str:
    return value if value is not None and value in dict(choices) else ""


def legal_document_listing(*, params) -> LegalListing:
    """Every legal document, filtered by kind, status and words (with or without
    diacritics); values that are not choices are ignored, long queries cut."""
    kind = _choice(params.get("kind"), LegalDocument.Kind.choices)
    status = _choice(params.get("status"), LegalDocument.Status.choices)
    query = " ".join((params.get("q") or "").split())[:LEGAL_QUERY_MAX_LENGTH]
    words = clean_search_query(query)
    documents = LegalDocument.objects.select_related("replaced_by", "document")
    if kind:
        documents = documents.filter(kind=kind)
    if status:
        documents = documents.filter(status=status)
    if words:
        # The folded query matches the folded copy of every document's text.
        matches = get_search_backend().search(
            fold_vietnamese(words), documents, operator="and", order_by_relevance=False
        )
        # A number ("125/2021") is one token to PostgreSQL's parser, which a
        # part of it does not match: numbers are matched as text as well.
        documents = documents.filter(
            Q(pk__in=[document.pk for document in matches]) | Q(number__icontains=words)
        )
    elif query:
        documents = documents.none()
    return LegalListing(
        documents=list(documents),
        kind=kind,
        status=status,
        query=query,
        kind_choices=LegalDocument.Kind.choices,
        status_choices=LegalDocument.Status.choices,
    )


# Home page ----------------------------------------------------------------


def home_highlights(*, home_page, limit: int = HIGHLIGHT_COUNT) -> list[ResourcePage]:
    """The resources chosen for the home page, or else the newest public ones."""
    resources = (
        ResourcePage.objects.live()
        .public()
        .prefetch_related(
            Prefetch("thumbnail", queryset=_images_with_renditions("card"))
        )
    )
    chosen_ids = list(
        HomePageHighlight.objects.filter(page=home_page)
        .order_by("sort_order")
        .values_list("resource_id", flat=True)[:limit]
    )
    if chosen_ids:
        by_id = {r.pk: r for r in resources.filter(pk__in=chosen_ids)}
        return [by_id[pk] for pk in chosen_ids if pk in by_id]
    return list(
        resources.filter(access=ResourcePage.Access.PUBLIC).order_by(
            "-first_published_at", "-pk"
        )[:limit]
    )


# Search engines -------------------------------------------------------------


@dataclass(frozen=True)
class PageSeo:
    title: str
    description: str
    og_type: str
    canonical_url: str
    image_url: str = ""


def _page_text(page) -> str:
    for name in ("search_description", "summary", "intro"):
        text = " ".join(strip_tags(str(getattr(page, name, "") or "")).split())
        if text:
            return text
    return ""


def _page_image(page):
    for name in ("image", "thumbnail"):
        image = getattr(page, name, None)
        if image is not None:
            return image
    return None


def page_seo(
    *, request, page, default_description: str, canonical_url: str = ""
) -> PageSeo:
    """Title, description, type, address and image for `<meta>` and Open Graph."""
    if not isinstance(page, Page):
        path = request.path if request is not None else "/"
        canonical = request.build_absolute_uri(path) if request is not None else path
        return PageSeo("", default_description, "website", canonical)
    description = _page_text(page) or default_description
    image = _page_image(page)
    image_url = ""
    if image is not None and request is not None:
        image_url = request.build_absolute_uri(image.get_rendition(OG_IMAGE_SPEC).url)
    url = page.get_url(request) or "/"
    return PageSeo(
        title=page.seo_title or page.title,
        description=Truncator(description).chars(DESCRIPTION_MAX_CHARS),
        og_type="article" if isinstance(page, NewsPage) else "website",
        canonical_url=canonical_url
        or (request.build_absolute_uri(url) if request is not None else url),
        image_url=image_url,
    )


ROBOTS_DISALLOWED = PERSONAL_AREA_PREFIXES


@require_GET
def robots_txt(request):
    """Let crawlers in everywhere but the back office and personal pages."""
    lines = [
        "User-agent: *",
        "Allow: /",
        # The catalogue's stable address redirects to the course pages.
        "Allow: /learning/courses/",
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED),
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
