"""The version of the published content, for caches keyed by it.

What depends only on published content (an anonymous page's HTML, a page's
route, a course's outline, the site's header and footer) may be cached under a
key that carries the content version. Publishing, unpublishing, moving, saving
or deleting a page, saving a site, its settings, a view restriction or a
snippet starts a new
version, so the old entries are never read again: nothing has to be found and
deleted, on any web node.

Nothing personal is ever cached this way: a learner's enrolment, progress or
answers are read fresh for the session that asked.

The version lives in the shared cache (Redis in production) and is read once per
request (`content_version`). It is a random value, not a counter, so a version
lost to eviction or a flushed Redis can never come back equal to one that old
entries were stored with: a loss costs misses, never a stale hit.
"""

import pickle
import secrets
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

from lms.memory import ProcessMemory

T = TypeVar("T")

CONTENT_VERSION_KEY = "lms:content-version"
# A value is kept this long at most under one content version (memory, not truth).
CONTENT_CACHE_SECONDS = 60 * 60
_REQUEST_ATTRIBUTE = "_lms_content_version"
# Values kept in each process's memory (a course's facts, a listing: a few KB).
VALUES_KEPT = 1024
_kept_values: ProcessMemory[bytes] = ProcessMemory(VALUES_KEPT)


def content_version(request=None) -> str:
    """The current version; read from the cache once per request."""
    if request is not None and (known := getattr(request, _REQUEST_ATTRIBUTE, None)):
        return known
    version = cache.get(CONTENT_VERSION_KEY) or new_content_version(
        only_if_missing=True
    )
    if request is not None:
        remember_content_version(request, version)
    return version


def cached_by_version(key: str, version: str | None, read: Callable[[], T]) -> T:
    """`read()`, kept under the content version (None: fresh, nothing kept).

    Only for values that published content alone decides, never anything
    personal; None (a preview, a draft) reads fresh and keeps nothing. Kept in
    the shared cache, for every process, and pickled in this process's memory,
    which saves a cache round trip per value on every request (three or four on
    a catalogue page); each caller gets its own copy, as from the cache.
    """
    if version is None:
        return read()
    versioned_key = f"{key}:{version}"
    kept = _kept_values.get(versioned_key)
    if kept is not None:
        return pickle.loads(kept)  # noqa: S301 - pickled by this process, below
    value = cache.get(versioned_key)
    if value is None:
        value = read()
        cache.set(versioned_key, value, CONTENT_CACHE_SECONDS)
    _kept_values.put(versioned_key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


def remember_content_version(request, version: str) -> None:
    """For a caller that read the version itself (in one round trip with more)."""
    setattr(request, _REQUEST_ATTRIBUTE, version)


def new_content_version(*, only_if_missing: bool = False) -> str:
    """A version no stored entry carries (or the current one, if only_if_missing)."""
    version = secrets.token_hex(8)
    if only_if_missing:
        if not cache.add(CONTENT_VERSION_KEY, version, timeout=None):
            return cache.get(CONTENT_VERSION_KEY) or version
        return version
    cache.set(CONTENT_VERSION_KEY, version, timeout=None)
    return version


def content_changed(sender=None, instance=None, **kwargs) -> None:
    """Receiver: content that pages show has changed.

    A new version now, so this process reads its own change at once, and again
    when the transaction commits, so a request that read the old rows in between
    cannot keep them under the new version.
    """
    if instance is None or _shows_on_pages(instance):
        new_content_version()
        transaction.on_commit(new_content_version)


def _shows_on_pages(instance) -> bool:
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import BaseViewRestriction, Page, Site
    from wagtail.snippets.models import get_snippet_models

    return isinstance(
        instance, Page | Site | BaseSiteSetting | BaseViewRestriction
    ) or (type(instance) in get_snippet_models())


def connect_content_signals() -> None:
    """Connect the receivers once per process (repeated calls do nothing).

    Called by lms's ready(), so processes that publish without serving pages
    (a worker running scheduled publishing, a command) start new versions too.
    """
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid="lms-content-version")
    post_save.connect(content_changed, dispatch_uid="lms-content-version-save")
    post_delete.connect(content_changed, dispatch_uid="lms-content-version-delete")
