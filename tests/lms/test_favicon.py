"""The site's icon: every page names it, and /favicon.ico answers, in development
(runserver's static view) and under whitenoise with hashed names (production)."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


def icon_links(body: str) -> list[str]:
    return re.findall(r'<link rel="icon" href="([^"]+)"', body)


def test_every_page_names_its_icon(client, home_page):
    for url in ("/", "/khong-co-trang-nay/", "/accounts/login/"):
        body = client.get(url).content.decode()

        assert static("lms/favicon.ico") in icon_links(body), url
        assert static("lms/favicon.svg") in icon_links(body), url


def test_favicon_ico_redirects_to_the_static_icon(client, home_page):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("lms/favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]


def test_favicon_ico_refuses_a_post(client):
    assert client.post("/favicon.ico").status_code == 405


def test_the_icon_files_are_real_images():
    with Image.open(finders.find("lms/favicon.ico")) as icon:
        assert icon.format == "ICO"
        assert (32, 32) in icon.info["sizes"]
    svg = Path(finders.find("lms/favicon.svg")).read_text(encoding="utf-8")
    assert svg.startswith("<svg ")


def test_favicon_is_served_under_whitenoise_with_hashed_names(
    settings, tmp_path, client, home_page
):
    """Production: collectstatic with the manifest storage, whitenoise serving."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    # Whitenoise reads STATIC_ROOT when its middleware is built: a new client
    # builds a new handler.
    production_client = Client()

    redirect = production_client.get("/favicon.ico")
    location = redirect["Location"]
    icon = production_client.get(location)

    assert re.fullmatch(r"/static/lms/favicon\.[0-9a-f]{12}\.ico", location)
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"
