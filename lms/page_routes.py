"""Wagtail's page routing, remembered under the content version.

For every page request Wagtail finds the site for the host, the site's root page
and its class, the page for the path (content_pages' HomePage.route), then the
view restrictions of the page and its ancestors: six queries and most of a
signed-in page's time before the page's own work starts. All of it is published
content, so each process remembers it under the content version (lms.versions):
the site, which page the path leads to, and the page's restrictions. A hit costs
one query, the page itself, fetched fresh by its primary key.

What is remembered is never personal: restrictions are rows, checked against the
request that asked, every time (Wagtail's before_serve_page hook). Only plain
routes are remembered, a live page with no sub-route; a miss, a 404, a page
that routes further (RoutablePageMixin) or a changed page go through Wagtail's
own routing as before.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from lms.memory import ProcessMemory
from lms.prepared import PrimaryKeyLookup
from lms.versions import content_version

# Routes remembered per process: every page of a province's site many times over.
MAX_ROUTES = 5000


@dataclass(frozen=True)
class Route:
    site: Site
    page_id: int
    content_type_id: int
    restrictions: tuple[PageViewRestriction, ...]


_routes: ProcessMemory[Route] = ProcessMemory(MAX_ROUTES)


def serve(request, path: str):
    """Wagtail's serve view, with the route taken from memory when it can be."""
    route = _remembered(request, path)
    if route is not None:
        page = _fetch(route)
        if page is not None and page.live:
            request._wagtail_site = route.site
            request._wagtail_route_for_request = RouteResult(page)
            page.get_view_restrictions = lambda: list(route.restrictions)
            return wagtail_views.serve(request, path)
    response = wagtail_views.serve(request, path)
    _remember(request, path)
    return response


def _key(request, path: str) -> tuple:
    hostname = split_domain_port(request._get_raw_host())[0]
    return (content_version(request), hostname, request.get_port(), path)


def _remembered(request, path: str) -> Route | None:
    return _routes.get(_key(request, path))


def _remember(request, path: str) -> None:
    """Keep the route Wagtail just found, if it is a plain one (see the module)."""
    result = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None:
        return
    page, args, kwargs = result
    if args or kwargs or not page.live:
        return
    route = Route(
        site=site,
        page_id=page.pk,
        content_type_id=page.content_type_id,
        restrictions=tuple(page.get_view_restrictions()),
    )
    _routes.put(_key(request, path), route)


_page_lookups: dict[type, PrimaryKeyLookup] = {}


def _fetch(route: Route) -> Page | None:
    """The page, fresh, by SQL built once per page type (lms.prepared)."""
    model = ContentType.objects.get_for_id(route.content_type_id).model_class()
    if model is None:
        return None
    lookup = _page_lookups.get(model)
    if lookup is None:
        lookup = _page_lookups[model] = PrimaryKeyLookup(model)
    return lookup.get(route.page_id)


MAX_SITES = 64
_sites: ProcessMemory[Site] = ProcessMemory(MAX_SITES)
# The sites' root paths by content version: the current one and the last few.
_root_paths: ProcessMemory[list] = ProcessMemory(4)


class RememberedSiteMiddleware:
    """Wagtail's site for a GET's host, and the sites' root paths, from memory
    under the content version.

    Views that are not pages (My learning, a quiz) still build page URLs, and
    Wagtail looks the site up for them with a query. A site Wagtail found is
    remembered when the response goes out; the next GET for that host starts
    with it. A miss costs nothing: Wagtail looks as before. Every page URL also
    needs the sites' root paths, which Wagtail reads from the shared cache once
    per request (a round trip to Redis on every page): those Wagtail read are
    remembered the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET":
            return self.get_response(request)
        key = _site_key(request)
        version = key[0]
        site = _sites.get(key)
        if site is not None:
            request._wagtail_site = site
        root_paths = _root_paths.get(version)
        if root_paths is not None:
            request._wagtail_cached_site_root_paths = root_paths
        response = self.get_response(request)
        found = getattr(request, "_wagtail_site", None)
        if site is None and found is not None:
            _sites.put(key, found)
        # Where Wagtail's Page._get_site_root_paths kept them, if a URL needed them.
        found_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
        if root_paths is None and found_paths is not None:
            _root_paths.put(version, found_paths)
        return response


def _site_key(request) -> tuple:
    hostname = split_domain_port(request._get_raw_host())[0]
    return (content_version(request), hostname, request.get_port())


def forget_routes() -> None:
    """For tests: start from an empty memory."""
    _routes.clear()
    _sites.clear()
    _root_paths.clear()
