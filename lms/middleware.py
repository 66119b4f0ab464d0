import hashlib
import unicodedata

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from lms.areas import PERSONAL_AREA_PREFIXES
from lms.text import normalise_text
from lms.versions import (
    CONTENT_VERSION_KEY,
    content_version,
    remember_content_version,
)


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the person chose another language with the switch.

    Django's own middleware follows the browser's Accept-Language, which on many
    officials' phones and office PCs is English; the platform is Vietnamese first.
    """

    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()


def chosen_language(request) -> str:
    """The language the person chose with the switch, or Vietnamese."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# --- Text people type ---------------------------------------------------------

_FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _normalised(data: QueryDict) -> QueryDict | None:
    """A copy with every value in NFC, or None when every value already is."""
    if all(
        unicodedata.is_normalized("NFC", value)
        for values in data.lists()
        for value in values[1]
        if isinstance(value, str)
    ):
        return None
    copy = data.copy()
    for key, values in data.lists():
        copy.setlist(
            key,
            [normalise_text(v) if isinstance(v, str) else v for v in values],
        )
    copy._mutable = False
    return copy


class NormaliseInputMiddleware:
    """Every text a person types reaches the platform in NFC, whatever the keyboard.

    Unikey's combining mode and some phones send "Bình" as "Bi" + U+0300 + "nh";
    forms, search boxes, quiz answers and names all read request.GET / POST, so
    normalising them here is the one place for typed text (file imports call
    lms.text.normalise_text where the file is decoded). Costs nothing when the
    text is already NFC: no copy is made.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET and (get := _normalised(request.GET)) is not None:
            request.GET = get
        if request.method == "POST" and (request.content_type in _FORM_CONTENT_TYPES):
            post = _normalised(request.POST)
            if post is not None:
                request.POST = post
        return self.get_response(request)


# --- Anonymous page cache ---------------------------------------------------------

# The content version (lms.versions) lives in the default cache too, so one
# round trip reads the version and the copy.
PAGE_CACHE_ALIAS = "default"
# Personal, per-request or file-serving areas: never cached, whoever asks.
PAGE_CACHE_EXCLUDED_PREFIXES = (
    *PERSONAL_AREA_PREFIXES,
    "/tai-lieu/",  # downloads and bookmarks
    "/documents/",
    "/i18n/",
    "/healthz",
    "/static/",
    "/media/",
)
# Cookies that say nothing about who the visitor is. Any other (the session, the
# messages cookie) means the page may be personal: no cached copy is served.
PAGE_CACHE_NEUTRAL_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
_PERSONAL_CACHE_CONTROL = ("private", "no-store", "no-cache", "max-age=0")
_VARY_COVERED_BY_KEY = {"cookie", "accept-language"}


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors a copy of a public page rendered a moment ago.

    The public pages are the same for every visitor who is not signed in, and
    most of a page's cost is Wagtail's routing and the ORM. Placed above the
    session middleware, a hit costs one cache read. What is stored is narrow:
    the 200 answer to a GET from a visitor with no session (nor any cookie but
    the language and CSRF ones), that set no cookie, is not marked private and
    varies on nothing the key does not hold (path, query, host, scheme and the
    chosen language). A signed-in user's request skips the cache both ways.
    Copies are stored with the content version (lms.versions): publishing,
    moving or deleting a page, or saving a snippet or the site settings, starts
    a new one; PAGE_CACHE_SECONDS bounds the rest
    (0 turns the cache off).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not request_may_use_page_cache(request):
            return self.get_response(request)
        cache = caches[PAGE_CACHE_ALIAS]
        key = page_cache_key(request)
        found = cache.get_many([CONTENT_VERSION_KEY, key])
        version = found.get(CONTENT_VERSION_KEY)
        entry = found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            return cached_response(entry)
        if version is not None:
            remember_content_version(request, version)
        response = self.get_response(request)
        if request.method == "GET" and response_may_be_cached(request, response):
            if version is None:
                version = content_version(request)
            headers = list(response.items())
            cache.set(key, (version, response.content, headers), seconds)
        return response


def request_may_use_page_cache(request) -> bool:
    """An anonymous GET or HEAD outside the personal areas, without identity."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(PAGE_CACHE_EXCLUDED_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return all(name in PAGE_CACHE_NEUTRAL_COOKIES for name in request.COOKIES)


def response_may_be_cached(request, response) -> bool:
    """A complete 200 page that nothing about this visitor went into."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in _PERSONAL_CACHE_CONTROL):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v}
    if not vary <= _VARY_COVERED_BY_KEY:
        return False
    # "Vary: Cookie" comes from reading the session: fine while it stayed empty
    # (no cookie came in, none was set), which is what these checks confirm.
    session = getattr(request, "session", None)
    if session is not None and not session.is_empty():
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def page_cache_key(request) -> str:
    where = "\n".join(
        [
            request.scheme,
            request.META.get("HTTP_HOST", ""),
            chosen_language(request),
            request.get_full_path(),
        ]
    )
    return "page-cache:" + hashlib.sha256(where.encode()).hexdigest()


def cached_response(entry) -> HttpResponse:
    _version, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response
