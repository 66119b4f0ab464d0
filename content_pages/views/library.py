"""The school resource library: the listing and resource pages' context, downloads,
bookmarks and "My resources".

The library page's routes and the resource page hand their work to the functions
at the top; the Django views below are mounted under /tai-lieu/. Views call
content_pages.selectors for reads and content_pages.services for writes,
nothing else.
"""

from collections.abc import Mapping
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from wagtail import hooks

from .. import selectors, services
from ..models import ResourceLibraryPage, ResourcePage
from ..selectors import FACETS, FACETS_BY_KEY, SORT_LABELS, DownloadAccess, Sort

PAGE_PARAM = "trang"
QUERY_PARAM = "q"
SORT_PARAM = "sap-xep"

BOOKMARK_SAVED = _("Saved in “My resources”.")
BOOKMARK_REMOVED = _("Removed from “My resources”.")


# --- The library page ----------------------------------------------------------


def _kept_params(*, query: str, sort: Sort) -> dict[str, str]:
    params = {}
    if query:
        params[QUERY_PARAM] = query
    if sort != Sort.NEWEST:
        params[SORT_PARAM] = str(sort)
    return params


def _with_params(url: str, params: Mapping[str, str | int]) -> str:
    return f"{url}?{urlencode(params)}" if params else url


def library_listing(request, page: ResourceLibraryPage, *, segments: str):
    """The listing at its one canonical address, or a redirect to that address.

    The filter form sends GET parameters (`?cap=thpt&chu-de=...`); they, a
    misordered path and unknown values all lead by redirect to the clean URL
    (`/thu-vien/loc/cap-thpt/chu-de-bao-luc-gioi/`), so a combination has one
    address to share, bookmark and index.
    """
    form_sent = any(facet.segment in request.GET for facet in FACETS)
    if form_sent:
        selected = selectors.library_filters_from_query(request.GET)
    else:
        selected = selectors.library_filters_from_segments(segments)
    query = " ".join(request.GET.get(QUERY_PARAM, "").split())
    sort = selectors.library_sort(request.GET.get(SORT_PARAM))
    words = selectors.library_search_words(query)
    search_ids = (
        selectors.library_search_ids(library=page, words=words) if words else None
    )
    groups = selectors.library_facet_groups(
        library=page, selected=selected, search_ids=search_ids
    )
    valid = {
        group.facet.key: selected[group.facet.key]
        for group in groups
        if selected.get(group.facet.key) in group.codes
    }
    page_url = page.get_url(request=request)
    canonical_path = page_url + selectors.library_filter_path(valid)
    kept = _kept_params(query=query, sort=sort)
    if form_sent or valid != selected or request.path != canonical_path:
        return redirect(_with_params(canonical_path, kept))

    results = selectors.library_results(
        library=page, selected=valid, search_ids=search_ids, sort=sort
    )
    resources_page = Paginator(results, selectors.LIBRARY_PAGE_SIZE).get_page(
        request.GET.get(PAGE_PARAM)
    )
    canonical_params = {PAGE_PARAM: resources_page.number}
    if resources_page.number == 1:
        canonical_params = {}
    return page.render(
        request,
        context_overrides={
            "facet_groups": groups,
            "active_filters": [
                {
                    "facet": FACETS_BY_KEY[key],
                    "name": next(
                        option.name
                        for group in groups
                        if group.facet.key == key
                        for option in group.options
                        if option.code == code
                    ),
                    "remove_url": _with_params(
                        page_url
                        + selectors.library_filter_path(
                            {k: v for k, v in valid.items() if k != key}
                        ),
                        kept,
                    ),
                }
                for key, code in valid.items()
            ],
            "clear_url": page_url,
            "query": query,
            "query_has_no_words": bool(query) and not words,
            "sort": sort,
            "sort_options": list(SORT_LABELS.items()),
            "resources_page": resources_page,
            "canonical_url": request.build_absolute_uri(
                _with_params(canonical_path, canonical_params)
            ),
            "page_param": PAGE_PARAM,
            "query_param": QUERY_PARAM,
            "sort_param": SORT_PARAM,
        },
    )


# --- A resource page -------------------------------------------------------------


# --- Downloads -------------------------------------------------------------------


@require_GET
@cache_control(private=True)
def download(request, file_id: int):
    """Stream a resource's file to whoever may have it, and count the download.

    Anyone else learns nothing about the file: the anonymous are sent to sign
    in, a signed-in user without the right gets the plain 403 page.
    """
    resource_file = selectors.downloadable_file(file_id=file_id)
    if resource_file is None:
        raise Http404
    access = selectors.download_access(
        user=request.user, access=resource_file.resource.access
    )
    if access == DownloadAccess.SIGN_IN:
        return redirect_to_login(request.get_full_path())
    if access != DownloadAccess.ALLOWED:
        raise PermissionDenied
    document = resource_file.document
    # The same checks as Wagtail's own document URL (a lesson's file is for its
    # course's people, whichever link asks for it): the hooks, not a copy of them.
    for check in hooks.get_hooks("before_serve_document"):
        refused = check(document, request)
        if isinstance(refused, HttpResponse):
            return refused
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    services.resource_download_record(resource_file=resource_file, user=request.user)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Bookmarks -------------------------------------------------------------------


@require_POST
@login_required
def bookmark_toggle(request, resource_id: int):
    resource = get_object_or_404(ResourcePage.objects.live(), pk=resource_id)
    saved = services.resource_bookmark_toggle(user=request.user, resource=resource)
    messages.success(request, BOOKMARK_SAVED if saved else BOOKMARK_REMOVED)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = resource.get_url(request=request)
    return redirect(next_url)


@require_GET
@login_required
def my_resources(request):
    resources = selectors.bookmarked_resources(user=request.user)
    resources_page = Paginator(resources, selectors.LIBRARY_PAGE_SIZE).get_page(
        request.GET.get(PAGE_PARAM)
    )
    library_page = ResourceLibraryPage.objects.live().order_by("path").first()
    return render(
        request,
        "content_pages/my_resources.html",
        {
            "resources_page": resources_page,
            "page_param": PAGE_PARAM,
            "library_url": library_page.get_url(request=request)
            if library_page
            else "",
        },
    )


urlpatterns = [
    path("tai-ve/<int:file_id>/", download, name="resource_download"),
    path("danh-dau/<int:resource_id>/", bookmark_toggle, name="resource_bookmark"),
    path("cua-toi/", my_resources, name="my_resources"),
]
