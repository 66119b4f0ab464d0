"""The site's header and footer, rendered once and reused by every page.

They were most of the base template's work, and they are the same for every
visitor of a site in a language but for a few things: whether the visitor is
signed in and may open the administration, which menu link is current, the path
the language switch returns to, and a signed-in visitor's CSRF token. The first
three are part of the key. The last two are slots, filled for each request after
its session was checked; nothing else about the visitor goes in.

The key also holds the chrome itself (the settings, menus and links it shows, as
a value), so an edit shows at once, in every process. Each process keeps its own
copies (at most MAX_FRAGMENTS), so a page pays no cache round trip for them.
"""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lms.memory import ProcessMemory
from lms.templatetags.lms_tags import can_access_admin

from .views.pages import SiteChrome, link_is_current

MAX_FRAGMENTS = 256
# Private-use characters: no text of the site can hold them.
_CSRF_SLOT = "\ue000csrf\ue000"
_NEXT_SLOT = "\ue000next\ue000"
_fragments: ProcessMemory[str] = ProcessMemory(MAX_FRAGMENTS)


def site_header(request, chrome: SiteChrome, user) -> SafeString:
    signed_in = bool(user is not None and user.is_authenticated)
    admin_link = signed_in and can_access_admin(user)
    path = request.path if request is not None else ""
    current = tuple(link_is_current(link.url, path) for link in chrome.menu)
    match = getattr(request, "resolver_match", None)
    on_dashboard = match is not None and match.view_name == "courses:dashboard"
    key = ("header", repr(chrome), signed_in, admin_link, current, on_dashboard)
    html = _rendered(
        key,
        "includes/site_header.html",
        {
            "chrome": chrome,
            "links": [
                {"label": link.label, "url": link.url, "is_current": is_current}
                for link, is_current in zip(chrome.menu, current, strict=True)
            ],
            "signed_in": signed_in,
            "admin_link": admin_link,
            "on_dashboard": on_dashboard,
            "csrf_token_slot": _CSRF_SLOT,
            "next_slot": _NEXT_SLOT,
        },
    )
    if signed_in:
        html = html.replace(_CSRF_SLOT, get_token(request))
    next_path = request.get_full_path() if request is not None else "/"
    return mark_safe(html.replace(_NEXT_SLOT, escape(next_path)))  # noqa: S308 - our template, escaped slots


def site_footer(chrome: SiteChrome) -> SafeString:
    html = _rendered(
        ("footer", repr(chrome)), "includes/site_footer.html", {"chrome": chrome}
    )
    return mark_safe(html)  # noqa: S308 - rendered by our template, autoescaped


def _rendered(key: tuple, template_name: str, context: dict) -> str:
    return _fragments.get_or_make(
        (translation.get_language(), *key),
        lambda: render_to_string(template_name, context),
    )


def forget_fragments() -> None:
    """For tests: start from an empty memory."""
    _fragments.clear()
