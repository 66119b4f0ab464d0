"""Downloads: streamed after the access check, counted, and figures for statistics."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from content_pages.models import ResourceDownload
from content_pages.selectors import resource_download_counts
from content_pages.services import resource_download_record
from people.roles import Role
from tests.content_pages.library_builders import (
    PDF_BYTES,
    make_resource,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def public(library):
    return make_resource(library, title="Áp phích", slug="ap-phich", levels=["thcs"])


@pytest.fixture
def teachers_only(library):
    return make_resource(
        library,
        title="Quy trình ứng phó",
        slug="quy-trinh",
        levels=["thpt"],
        access="teachers",
    )


def download_url(resource) -> str:
    return f"/tai-lieu/tai-ve/{resource.files.get().pk}/"


def test_anyone_downloads_a_public_file_as_an_attachment(client, public):
    response = client.get(download_url(public))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="ap-phich-1.pdf"' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES
    download = ResourceDownload.objects.get()
    assert download.resource_id == public.pk
    assert download.file_id == public.files.get().pk
    assert (download.user, download.role, download.unit) == (None, "", None)


def test_a_teachers_download_records_role_and_unit(
    client, teacher, teachers_only, commune_a
):
    client.force_login(teacher)
    response = client.get(download_url(teachers_only))
    assert response.status_code == 200
    download = ResourceDownload.objects.get()
    assert download.user == teacher
    assert download.role == Role.TEACHER
    assert download.unit == commune_a


def test_anonymous_is_sent_to_sign_in_and_nothing_is_counted(client, teachers_only):
    url = download_url(teachers_only)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"
    assert not ResourceDownload.objects.exists()


def test_a_learner_is_refused_and_learns_nothing(client, learner, teachers_only):
    client.force_login(learner)
    response = client.get(download_url(teachers_only))
    assert response.status_code == 403
    document = teachers_only.files.get().document
    assert document.filename.encode() not in response.content
    assert document.title.encode() not in response.content
    assert b"%PDF" not in response.content
    assert not ResourceDownload.objects.exists()


def test_a_file_of_an_unpublished_resource_is_not_found(client, teacher, public):
    url = download_url(public)
    public.unpublish()
    client.force_login(teacher)
    assert client.get(url).status_code == 404
    assert client.get("/tai-lieu/tai-ve/999999/").status_code == 404
    assert not ResourceDownload.objects.exists()


def test_a_missing_file_on_disk_is_not_found_not_an_error(client, public):
    document = public.files.get().document
    document.file.storage.delete(document.file.name)
    assert client.get(download_url(public)).status_code == 404


def test_downloads_only_answer_get(client, public):
    assert client.post(download_url(public)).status_code == 405


def test_download_counts_by_resource_date_level_role_and_unit(
    teacher, learner, public, teachers_only, commune_a
):
    public_file = public.files.get()
    restricted_file = teachers_only.files.get()
    resource_download_record(resource_file=public_file, user=AnonymousUser())
    resource_download_record(resource_file=public_file, user=learner)
    resource_download_record(resource_file=restricted_file, user=teacher)
    old = resource_download_record(resource_file=public_file, user=teacher)
    old.downloaded_at = timezone.now() - timedelta(days=40)
    old.save()

    by_resource = {
        row["resource_id"]: row["downloads"]
        for row in resource_download_counts(by="resource")
    }
    assert by_resource == {public.pk: 3, teachers_only.pk: 1}
    by_level = {
        row["resource__school_levels__code"]: row["downloads"]
        for row in resource_download_counts(by="school_level")
    }
    assert by_level == {"thcs": 3, "thpt": 1}
    by_role = {
        row["role"]: row["downloads"] for row in resource_download_counts(by="role")
    }
    assert by_role == {"": 1, Role.LEARNER: 1, Role.TEACHER: 2}
    by_unit = {
        row["unit_id"]: row["downloads"] for row in resource_download_counts(by="unit")
    }
    assert by_unit == {None: 1, commune_a.pk: 3}
    recent = resource_download_counts(
        by="date", start=timezone.localdate() - timedelta(days=7)
    )
    assert sum(row["downloads"] for row in recent) == 3
    assert len(resource_download_counts(by="date")) == 2


def test_download_counts_refuse_an_unknown_grouping():
    with pytest.raises(ValueError, match="Unknown grouping"):
        resource_download_counts(by="sex")


def test_download_counts_take_one_query(teacher, public, django_assert_num_queries):
    for _ in range(5):
        resource_download_record(resource_file=public.files.get(), user=teacher)
    with django_assert_num_queries(1):
        resource_download_counts(by="school_level")


def test_the_downloads_admin_lists_and_cannot_add(client, administrator, public):
    from django.urls import reverse

    resource_download_record(resource_file=public.files.get(), user=administrator)
    client.force_login(administrator)
    index = reverse("wagtailsnippets_content_pages_resourcedownload:list")
    response = client.get(index)
    assert response.status_code == 200
    assert public.title in response.content.decode()
    add = reverse("wagtailsnippets_content_pages_resourcedownload:add")
    assert client.get(add).status_code in (302, 403)


def test_the_facet_value_admin_lists_school_levels(client, administrator):
    from django.urls import reverse

    client.force_login(administrator)
    response = client.get(reverse("wagtailsnippets_content_pages_schoollevel:list"))
    assert response.status_code == 200
    assert "Trung học phổ thông" in response.content.decode()


def test_download_counts_by_topic_and_for_some_units_only(library, learner, commune_a):
    poster = make_resource(
        library, title="Tờ rơi", slug="to-roi", topics=["bao-luc-gioi", "tao-hon"]
    )
    poster_file = poster.files.get()
    resource_download_record(resource_file=poster_file, user=learner)  # commune A
    resource_download_record(resource_file=poster_file, user=AnonymousUser())
    by_topic = {
        row["resource__topics__code"]: row["downloads"]
        for row in resource_download_counts(by="topic")
    }
    assert by_topic == {"bao-luc-gioi": 2, "tao-hon": 2}
    mine = resource_download_counts(by="topic", unit_ids=[commune_a.pk])
    assert {row["resource__topics__code"]: row["downloads"] for row in mine} == {
        "bao-luc-gioi": 1,
        "tao-hon": 1,
    }
    assert resource_download_counts(by="role", unit_ids=[]) == []
