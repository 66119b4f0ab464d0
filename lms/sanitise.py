"""The one HTML sanitiser for untrusted input, built on nh3 (Ammonia).

Not bleach: its 6.4.0 release says it is no longer maintained, security fixes
included. Trainers' rich text goes through Wagtail's own whitelisting instead.
"""

import html as html_lib

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "ul",
        "ol",
        "li",
        "blockquote",
        "a",
        "code",
        "pre",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_html(html: str) -> str:
    """Keep a small set of formatting tags; drop scripts, styles, events and bad links."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def plain_text(html: str) -> str:
    """All markup removed: for names and other fields that are never HTML.

    The result is text, not HTML: nh3 escapes what it keeps ("&" as "&amp;"), and
    a name stored that way would show "&amp;" once the template escapes it again.
    Never mark the result safe.
    """
    return html_lib.unescape(nh3.clean(html or "", tags=set(), attributes={}))
