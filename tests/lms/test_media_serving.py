"""In development (`make run`) media are served by Django, but never documents:
those must go through views that check who may have them."""

import importlib

import pytest
from django.urls import Resolver404, clear_url_caches, resolve
from django.views.static import serve as static_serve


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


def test_images_are_served_but_documents_are_not(debug_urls):
    match = resolve("/media/images/banner.width-800.webp", urlconf=debug_urls)
    assert match.func is static_serve
    assert match.kwargs["path"] == "images/banner.width-800.webp"
    try:
        match = resolve("/media/documents/giao-an.pdf", urlconf=debug_urls)
    except Resolver404:
        return
    # Only Wagtail's page catch-all may answer (with a 404): never the file.
    assert match.func is not static_serve
