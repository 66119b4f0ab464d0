"""Answering a quiz attempt page as a learner would: shared by the load benches.

No locust here: bench/exam_start.py uses it with plain threads (locust patches
the standard library with gevent when imported).
"""

import re
from html import unescape

_INPUT = re.compile(r"<input\b[^>]*>", re.I)
_SELECT = re.compile(
    r"<select\b[^>]*\bname=\"([^\"]+)\"[^>]*>(.*?)</select>", re.I | re.S
)
_TEXTAREA = re.compile(r"<textarea\b[^>]*\bname=\"([^\"]+)\"", re.I)
_OPTION = re.compile(r"<option\b[^>]*\bvalue=\"([^\"]+)\"", re.I)
_ATTRIBUTE = re.compile(r"(\w[\w-]*)=\"([^\"]*)\"")
_FORM_ACTION = re.compile(r"<form\b[^>]*\baction=\"([^\"]*/save/[^\"]*)\"", re.I)
# The "Next page" button (the page links and "Previous page" carry a class).
NEXT_PAGE = re.compile(r"<button type=\"submit\" name=\"goto\" value=\"(\d+)\">")


def attempt_form(html: str) -> tuple[str, dict[str, str]]:
    """The attempt page's save address and an answer for every question on it."""
    action = _FORM_ACTION.search(html)
    if not action:
        raise ValueError("no attempt form on the page")
    fields: dict[str, str] = {}
    for tag in _INPUT.findall(html):
        attributes = dict(_ATTRIBUTE.findall(tag))
        name = attributes.get("name")
        kind = attributes.get("type", "text").lower()
        if not name or kind in ("submit", "button"):
            continue
        if kind == "hidden":
            fields[name] = unescape(attributes.get("value", ""))
        elif kind in ("radio", "checkbox"):
            fields.setdefault(name, unescape(attributes.get("value", "on")))
        else:
            fields.setdefault(name, "1")
    for name, options in _SELECT.findall(html):
        values = _OPTION.findall(options)
        if values:
            fields.setdefault(name, unescape(values[0]))
    for name in _TEXTAREA.findall(html):
        fields.setdefault(name, "Bình đẳng giới là trách nhiệm của mọi người.")
    return unescape(action.group(1)), fields
