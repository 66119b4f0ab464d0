"""Uploaded media for `make run` (DEBUG only): images yes, documents never.

Documents are served only by Wagtail's serve view (/documents/<id>/<name>) and
the library's download view, where "signed-in users", "teachers only" and the
lesson rule are checked (WAGTAILDOCS_SERVE_METHOD = "serve_view"). A pattern on
the raw URL cannot hold that line: /media//documents/x.pdf, /media/./documents/
or /media/images/../documents/ all reach the same file. So the path is
normalised first, the way the file system will read it, and judged after.

Production never runs this view (lms/urls.py adds it under DEBUG only): there
the front server serves media/ and must refuse media/documents/ itself (nginx:
an `internal` location, reached only through X-Accel-Redirect; the example is
deploy/nginx/lms.conf). See the README, "Running it in production".
"""

import posixpath
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.static import serve


@cache
def documents_folder() -> str:
    """Where Wagtail stores document files under MEDIA_ROOT ("documents")."""
    from wagtail.documents import get_document_model

    upload_to = get_document_model()._meta.get_field("file").upload_to
    return str(upload_to).strip("/")


def normalised_media_path(path: str) -> str:
    """The path relative to MEDIA_ROOT that a request names, with back-slashes,
    repeated slashes, "." and ".." resolved ("" for MEDIA_ROOT itself).

    Anchored at "/" before normalising, so ".." can never climb above the root.
    """
    anchored = posixpath.normpath("/" + path.replace("\\", "/"))
    return anchored.lstrip("/")


def media_path_refused(path: str) -> bool:
    """Whether a development request for media/<path> must be answered "not found":
    anything in the documents folder, and anything that is not under MEDIA_ROOT
    once links are followed."""
    normal = normalised_media_path(path)
    folder = documents_folder().casefold()
    # Case-folded: a case-insensitive file system (macOS) reads Documents/ as documents/.
    if normal.casefold() == folder or normal.casefold().startswith(folder + "/"):
        return True
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / normal).resolve()
    if not target.is_relative_to(root):
        return True
    # A link inside media/ pointing into the documents folder is refused too.
    inside = target.relative_to(root).as_posix().casefold()
    return inside == folder or inside.startswith(folder + "/")


def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Serve an uploaded image (or other non-document file) in development."""
    if media_path_refused(path):
        raise Http404
    return serve(
        request, normalised_media_path(path), document_root=settings.MEDIA_ROOT
    )
