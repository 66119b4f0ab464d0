"""The demo library: 20+ resources over every level and topic, real PDFs, idempotent.

Seeding takes a few seconds (30 PDFs), so each test checks several things.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content_pages.models import (
    ResourceBookmark,
    ResourceDownload,
    ResourceFile,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
    SchoolLevel,
)
from people.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(home_page, province):
    UserFactory(username="teacher", unit=province, roles=[Role.TEACHER])
    call_command("seed_demo_library", verbosity=0)


def test_seed_without_a_home_page_says_what_to_run_first(db):
    with pytest.raises(CommandError, match="seed_demo_content_pages"):
        call_command("seed_demo_library", verbosity=0)


def test_seed_builds_a_published_library_over_every_level_and_topic(
    seeded, home_page, client
):
    library = ResourceLibraryPage.objects.get(slug="thu-vien")
    assert library.title == "Thư viện tài liệu giáo dục giới"
    assert library.get_parent().pk == home_page.pk
    assert library.live and library.live_revision_id is not None
    assert client.get("/thu-vien/").status_code == 200

    resources = ResourcePage.objects.live().child_of(library)
    assert resources.count() >= 20
    assert all(page.live_revision_id for page in resources)
    for facet in (SchoolLevel, ResourceTopic):
        unused = facet.objects.filter(resources__isnull=True)
        assert not unused.exists(), list(unused)
    assert resources.filter(formats__code="video").exclude(video_url="").exists()
    assert 3 <= resources.filter(access=ResourcePage.Access.TEACHERS).count() <= 4
    assert resources.filter(access=ResourcePage.Access.LOGGED_IN).count() == 2

    for resource in resources:
        assert 1 <= resource.files.count() <= 2
    for resource_file in ResourceFile.objects.select_related("document__collection"):
        document = resource_file.document
        assert document.collection.name == "Thư viện giáo dục giới"
        assert document.file_size > 500
        with document.open_file() as handle:
            assert handle.read(5) == b"%PDF-"

    response = client.get("/thu-vien/", {"q": "bao luc"})
    assert "Nhận diện bạo lực trên cơ sở giới trong trường học" in (
        response.content.decode()
    )


def test_seed_gives_the_teacher_bookmarks_and_downloads_once(seeded):
    assert ResourceBookmark.objects.filter(user__username="teacher").count() == 3
    downloads = ResourceDownload.objects.filter(user__username="teacher")
    assert downloads.count() == 4
    assert set(downloads.values_list("role", flat=True)) == {Role.TEACHER}

    counts = (
        ResourcePage.objects.count(),
        ResourceFile.objects.count(),
        ResourceDownload.objects.count(),
        ResourceBookmark.objects.count(),
    )
    call_command("seed_demo_library", verbosity=0)
    assert counts == (
        ResourcePage.objects.count(),
        ResourceFile.objects.count(),
        ResourceDownload.objects.count(),
        ResourceBookmark.objects.count(),
    )
