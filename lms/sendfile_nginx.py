"""Documents handed to nginx after Django has checked who may have them.

Wagtail's document view (and so the teachers-only and lesson-file rules that run
before it) calls ``wagtail.utils.sendfile`` with the file's path. With
``SENDFILE_BACKEND = "lms.sendfile_nginx"`` the answer carries no bytes, only an
``X-Accel-Redirect`` header naming the file under an ``internal`` nginx location
(``SENDFILE_URL``, see deploy/nginx/lms.conf): the web worker is free at once and
nginx streams the file, while a client asking for that location itself gets 404.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse


class AcceleratedResponse(HttpResponse):
    """An answer with no body: nginx gives the file's length, not Django.

    wagtail.utils.sendfile writes the file's size as Content-Length after the
    backend returns; on an empty body that would leave the proxy waiting for
    bytes that never come, so the header is not taken.
    """

    def __setitem__(self, header: str, value: str | bytes | int) -> None:
        if header.lower() != "content-length":
            super().__setitem__(header, value)


def sendfile(
    request: HttpRequest, filename: str, **kwargs: object
) -> AcceleratedResponse:
    """An empty answer whose ``X-Accel-Redirect`` names the file for nginx."""
    media_root = Path(settings.MEDIA_ROOT).resolve()
    path = Path(filename).resolve()
    if not path.is_relative_to(media_root):
        # Only files under MEDIA_ROOT have an internal location to go to.
        raise Http404
    location = getattr(settings, "SENDFILE_URL", "/protected-media").rstrip("/")
    response = AcceleratedResponse()
    response["X-Accel-Redirect"] = quote(
        f"{location}/{path.relative_to(media_root).as_posix()}"
    )
    # wagtail.utils.sendfile sets the type and the file name after this returns.
    del response["Content-Type"]
    return response
