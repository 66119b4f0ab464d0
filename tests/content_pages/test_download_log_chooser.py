"""The download log's chooser asks for the log's own permission: a trainer (an
admin user without it) gets nothing from its URLs, an administrator does."""

import json

import pytest
from django.urls import reverse

from content_pages.services import resource_download_record
from people.roles import Role
from tests.content_pages.library_builders import make_resource
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHOOSER = "wagtailsnippetchoosers_content_pages_resourcedownload"


@pytest.fixture
def download(library, teacher):
    resource = make_resource(
        library, title="Áp phích bí mật", slug="ap-phich", levels=["thcs"]
    )
    return resource_download_record(resource_file=resource.files.get(), user=teacher)


def text_of(response) -> str:
    """A chooser answers JSON with its HTML inside; a refusal is a plain page."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def chooser_urls(download):
    return [
        reverse(f"{CHOOSER}:choose"),
        reverse(f"{CHOOSER}:choose_results"),
        reverse(f"{CHOOSER}:choose_results") + "?q=phich",
        reverse(f"{CHOOSER}:chosen", args=[download.pk]),
        reverse(f"{CHOOSER}:chosen_multiple") + f"?id={download.pk}",
        reverse(f"{CHOOSER}:create"),
    ]


def test_a_trainer_gets_nothing_from_the_download_chooser(client, province, download):
    trainer = UserFactory(unit=province, roles=[Role.TRAINER])
    client.force_login(trainer)
    # An admin user: the dashboard opens for them.
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    for url in chooser_urls(download):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        body = text_of(response)
        assert "Áp phích" not in body, url
        assert download.user.username not in body, url


@pytest.mark.parametrize("is_superuser", [False, True])
def test_an_administrator_uses_the_download_chooser(
    client, province, download, is_superuser
):
    administrator = UserFactory(
        unit=province, roles=[Role.ADMINISTRATOR], is_superuser=is_superuser
    )
    client.force_login(administrator)

    choose = client.get(reverse(f"{CHOOSER}:choose"))
    assert choose.status_code == 200
    assert "Áp phích bí mật" in text_of(choose)
    chosen = client.get(reverse(f"{CHOOSER}:chosen", args=[download.pk]))
    assert chosen.status_code == 200
    assert chosen.json()["result"]["id"] == str(download.pk)
