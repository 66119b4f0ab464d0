"""The download log in the admin reads in Vietnamese: labelled fields, roles by
their label, files by their title (migration content_pages 0005)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection, Page

from content_pages.models import ResourceDownload
from content_pages.services import resource_download_record
from people.roles import Role
from tests.content_pages.library_builders import make_resource
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

migration = import_module(
    "content_pages.migrations.0005_download_log_labels_and_vietnamese_names"
)


@pytest.fixture
def download(library, teacher):
    resource = make_resource(
        library, title="Áp phích", slug="ap-phich", levels=["thcs"]
    )
    return resource_download_record(resource_file=resource.files.get(), user=teacher)


def test_the_download_log_names_its_fields_role_and_file_in_vietnamese(
    client, administrator, download
):
    client.force_login(administrator)
    inspect = reverse(
        "wagtailsnippets_content_pages_resourcedownload:inspect", args=[download.pk]
    )
    body = " ".join(client.get(inspect).content.decode().split())

    for label in ("Tài liệu", "Tệp", "Người dùng", "Vai trò", "Đơn vị"):
        assert f"<dt>{label}</dt>" in body or f">{label}<" in body, label
    assert "Giáo viên" in body
    assert "ResourceFile object" not in body
    assert str(download.file) in body


def test_a_file_is_named_by_its_title_else_its_documents(download):
    file = download.file
    assert str(file) == (file.title or file.document.title)
    file.title = "Áp phích khổ A3"
    assert str(file) == "Áp phích khổ A3"


def test_a_role_is_shown_by_its_label_in_english_too(download):
    assert download.role == Role.TEACHER
    with translation.override("en"):
        assert download.get_role_display() == "Teacher"


def test_the_download_log_is_not_for_a_trainer(client, province, download):
    client.force_login(UserFactory(unit=province, roles=[Role.TRAINER]))
    inspect = reverse(
        "wagtailsnippets_content_pages_resourcedownload:inspect", args=[download.pk]
    )
    response = client.get(inspect)

    assert response.status_code in (302, 403)
    assert "Áp phích" not in response.content.decode()


def test_the_migration_renames_stored_roles_and_the_roots(download):
    ResourceDownload.objects.filter(pk=download.pk).update(role="Teachers")
    Page.objects.filter(depth=1).update(title="Root", draft_title="Root")
    Collection.objects.filter(depth=1).update(name="Root")

    migration.to_vietnamese(apps, None)

    download.refresh_from_db()
    assert download.role == Role.TEACHER
    root = Page.get_first_root_node()
    assert (root.title, root.draft_title) == ("Gốc", "Gốc")
    assert Collection.get_first_root_node().name == "Gốc"
    migration.to_english(apps, None)
    assert Collection.get_first_root_node().name == "Root"
    assert ResourceDownload.objects.get(pk=download.pk).role == "Teachers"


def test_root_page_and_collection_are_named_goc_after_migrate():
    assert Page.get_first_root_node().title == "Gốc"
    assert Collection.get_first_root_node().name == "Gốc"


def test_the_download_detail_shows_the_time_in_the_provinces_time_zone(
    client, administrator, download
):
    from datetime import UTC, datetime

    ResourceDownload.objects.filter(pk=download.pk).update(
        downloaded_at=datetime(2026, 12, 6, 21, 28, tzinfo=UTC)
    )
    download.refresh_from_db()
    assert str(download).endswith("07/12/2026 04:28")
    assert download.resource.title in str(download)

    client.force_login(administrator)
    inspect = reverse(
        "wagtailsnippets_content_pages_resourcedownload:inspect", args=[download.pk]
    )
    body = client.get(inspect).content.decode()
    assert "04:28" in body
    assert "21:28" not in body
