"""In development (`make run`) media are served by Django, but never documents:
those must go through views that check who may have them (lms/media.py)."""

import importlib

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import clear_url_caches, resolve

from lms.media import media_path_refused, normalised_media_path, serve_media

DOCUMENT_DISGUISES = [
    "documents/x.pdf",
    "/documents/x.pdf",
    "//documents/x.pdf",
    "./documents/x.pdf",
    "images/../documents/x.pdf",
    "original_images/../../documents/x.pdf",
    "documents\\x.pdf",
    "\\documents\\x.pdf",
    "images/./../documents/./x.pdf",
    "Documents/x.pdf",
    "documents",
    "documents/",
]


@pytest.fixture
def media(settings, tmp_path):
    """A MEDIA_ROOT holding one document and one image."""
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "x.pdf").write_bytes(b"%PDF-1.4 teachers only")
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "a.png").write_bytes(b"\x89PNG fake image")
    (tmp_path / "images").mkdir()
    return tmp_path


@pytest.fixture
def debug_urls(settings):
    import lms.urls

    settings.DEBUG = True
    clear_url_caches()
    importlib.reload(lms.urls)
    yield lms.urls
    settings.DEBUG = False
    clear_url_caches()
    importlib.reload(lms.urls)


@pytest.mark.parametrize("path", DOCUMENT_DISGUISES)
def test_every_spelling_of_the_documents_folder_is_refused(media, path):
    assert media_path_refused(path)
    request = RequestFactory().get("/media/" + path)
    with pytest.raises(Http404):
        serve_media(request, path)


def test_nothing_outside_media_root_is_served(media):
    outside = media.parent / "secret.txt"
    outside.write_text("not media")
    # ".." cannot climb above the root: it stays inside MEDIA_ROOT.
    assert normalised_media_path("../secret.txt") == "secret.txt"
    (media / "images" / "escape").symlink_to(outside)
    assert media_path_refused("images/escape")
    (media / "images" / "docs").symlink_to(media / "documents")
    assert media_path_refused("images/docs/x.pdf")


def test_the_media_route_goes_to_the_checking_view(debug_urls):
    match = resolve("/media//documents/x.pdf", urlconf=debug_urls)
    assert match.func is serve_media


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/media/documents/x.pdf",
        "/media//documents/x.pdf",
        "/media///documents/x.pdf",
        "/media/./documents/x.pdf",
        "/media/images/../documents/x.pdf",
        "/media/images/%2e%2e/documents/x.pdf",
        "/media/%2Fdocuments/x.pdf",
        "/media/%5Cdocuments/x.pdf",
    ],
)
def test_a_document_never_downloads_as_media(client, media, debug_urls, url):
    response = client.get(url)

    assert response.status_code == 404
    assert b"teachers only" not in b"".join(
        getattr(response, "streaming_content", [response.content])
    )


@pytest.mark.django_db
def test_an_image_is_served(client, media, debug_urls):
    response = client.get("/media/original_images/a.png")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG fake image"
    # The same file by a roundabout path is still only an image.
    assert client.get("/media//original_images/./a.png").status_code == 200
