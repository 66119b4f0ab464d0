"""Site search at /tim-kiem/: everything a visitor may see, grouped by kind."""

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from content_pages.search import site_search
from lms.text import SEARCH_QUERY_MAX_LENGTH

NOTHING_TO_SEARCH = _(
    "Type one or more words to search for: letters or numbers, not only symbols."
)
QUERY_SHORTENED = _(
    "Your search was long, so only its first %(limit)s characters were used."
)


@require_safe
def search_results(request):
    """The search form, and its results once a query is given.

    Any text is answered with a page: what cannot be searched (only symbols) gets
    a message, never an error.
    """
    raw_query = request.GET.get("q", "")
    searched = bool(raw_query.strip())
    outcome = site_search(
        raw_query=raw_query,
        kind=request.GET.get("kind", ""),
        page_number=request.GET.get("page"),
        user=request.user,
        request=request,
    )
    context = {
        "search": outcome,
        "searched": searched,
        "form_query": raw_query.strip()[:SEARCH_QUERY_MAX_LENGTH],
        "notice": (
            QUERY_SHORTENED % {"limit": SEARCH_QUERY_MAX_LENGTH}
            if outcome.was_shortened
            else ""
        ),
        "problem": NOTHING_TO_SEARCH if searched and not outcome.query else "",
    }
    return render(request, "content_pages/search/results.html", context)


urlpatterns = [path("", search_results, name="search")]
