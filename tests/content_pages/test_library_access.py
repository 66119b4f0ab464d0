"""Who may download a resource's files, on its page and at Wagtail's document URL.

A visitor who may not download sees that the files exist, and why they cannot
have them, but never a link that would fetch them.
"""

import pytest

from content_pages.models import ResourceFile
from content_pages.selectors import DownloadAccess, document_access, download_access
from people.roles import Role
from tests.content_pages.library_builders import make_resource
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_and_uncached")]


@pytest.fixture
def trainer(province):
    return UserFactory(username="trainer", unit=province, roles=[Role.TRAINER])


@pytest.fixture
def teachers_only(library):
    return make_resource(
        library, title="Quy trình ứng phó", slug="quy-trinh", access="teachers"
    )


@pytest.fixture
def signed_in_only(library):
    return make_resource(
        library, title="Sổ tay cha mẹ", slug="so-tay", access="logged_in"
    )


@pytest.fixture
def public(library):
    return make_resource(library, title="Áp phích", slug="ap-phich")


def document_url(resource):
    return resource.files.get().document.url


def assert_nothing_leaks(html, resource):
    document = resource.files.get().document
    assert "/tai-lieu/tai-ve/" not in html
    assert "/documents/" not in html
    assert document.filename not in html


# --- The rule ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "access", "expected"),
    [
        ("anonymous", "public", DownloadAccess.ALLOWED),
        ("anonymous", "logged_in", DownloadAccess.SIGN_IN),
        ("anonymous", "teachers", DownloadAccess.SIGN_IN),
        ("learner", "logged_in", DownloadAccess.ALLOWED),
        ("learner", "teachers", DownloadAccess.TEACHERS_ONLY),
        ("unit_manager", "teachers", DownloadAccess.TEACHERS_ONLY),
        ("teacher", "teachers", DownloadAccess.ALLOWED),
        ("trainer", "teachers", DownloadAccess.ALLOWED),
        ("administrator", "teachers", DownloadAccess.ALLOWED),
    ],
)
def test_download_access_by_role(request, who, access, expected):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    assert download_access(user=user, access=access) == expected


def test_an_inactive_teacher_is_not_a_teacher(teacher):
    teacher.is_active = False
    assert download_access(user=teacher, access="teachers") != DownloadAccess.ALLOWED


def test_a_shared_document_follows_its_strictest_resource(
    learner, library, public, teachers_only
):
    shared = teachers_only.files.get().document
    ResourceFile.objects.create(resource=public, document=shared)
    assert document_access(user=learner, document=shared) == (
        DownloadAccess.TEACHERS_ONLY
    )


# --- The resource page -------------------------------------------------------


def test_anonymous_sees_a_teachers_only_file_exists_but_is_told_to_sign_in(
    client, teachers_only
):
    response = client.get(teachers_only.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tệp 1" in html
    assert "Teachers only" in html
    assert "Sign in to download" in html
    assert "/accounts/login/?next=/thu-vien/quy-trinh/" in html.replace("%2F", "/")
    assert_nothing_leaks(html, teachers_only)


def test_a_learner_is_told_the_file_is_only_for_teachers(
    client, learner, teachers_only
):
    client.force_login(learner)
    html = client.get(teachers_only.url).content.decode()
    assert "Only for teachers" in html
    assert "Sign in to download" not in html
    assert_nothing_leaks(html, teachers_only)


@pytest.mark.parametrize("who", ["teacher", "trainer", "administrator"])
def test_teachers_trainers_and_administrators_get_the_download_button(
    request, client, teachers_only, who
):
    client.force_login(request.getfixturevalue(who))
    html = client.get(teachers_only.url).content.decode()
    file_id = teachers_only.files.get().pk
    assert f'href="/tai-lieu/tai-ve/{file_id}/"' in html


def test_signed_in_only_files_ask_the_anonymous_to_sign_in(
    client, learner, signed_in_only
):
    html = client.get(signed_in_only.url).content.decode()
    assert "Sign in to download" in html
    assert_nothing_leaks(html, signed_in_only)
    client.force_login(learner)
    html = client.get(signed_in_only.url).content.decode()
    assert "/tai-lieu/tai-ve/" in html


def test_public_files_are_for_everyone(client, public):
    html = client.get(public.url).content.decode()
    assert f"/tai-lieu/tai-ve/{public.files.get().pk}/" in html
    assert "PDF" in html


def test_resource_page_shows_facets_video_and_related(client, library):
    resource = make_resource(
        library,
        title="Câu chuyện của Lan",
        levels=["thpt"],
        topics=["bao-luc-gioi"],
        formats=["video"],
        audiences=["hoc-sinh"],
        subject="Hoạt động trải nghiệm 10",
        video_url="https://www.youtube.com/watch?v=BDG2026demo",
    )
    related = [
        make_resource(library, title=f"Liên quan {n}", topics=["bao-luc-gioi"])
        for n in range(4)
    ]
    other = make_resource(library, title="Chủ đề khác", topics=["tao-hon"])
    html = client.get(resource.url).content.decode()
    assert "Trung học phổ thông" in html
    assert "Hoạt động trải nghiệm 10" in html
    assert 'src="https://www.youtube-nocookie.com/embed/BDG2026demo"' in html
    assert 'href="https://www.youtube.com/watch?v=BDG2026demo"' in html
    assert sum(f">{page.title}</a>" in html for page in related) == 3
    assert f">{other.title}</a>" not in html


def test_a_video_link_that_is_not_a_known_player_is_a_plain_link(client, library):
    resource = make_resource(
        library, title="Video", video_url="https://example.org/video.mp4", files=0
    )
    html = client.get(resource.url).content.decode()
    assert "<iframe" not in html
    assert 'href="https://example.org/video.mp4"' in html


def test_resource_page_queries_do_not_grow_with_files_and_related(
    client, teacher, library
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(teacher)

    def count(resource):
        client.get(resource.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(resource.url)
        return len(queries)

    small = make_resource(library, title="Nhỏ", topics=["tao-hon"], files=1)
    make_resource(library, title="Một tài liệu cùng chủ đề", topics=["tao-hon"])
    big = make_resource(
        library,
        title="Lớn",
        levels=["thcs", "thpt"],
        topics=["bao-luc-gioi"],
        files=2,
    )
    for number in range(4):
        make_resource(
            library,
            title=f"Cùng chủ đề {number}",
            levels=["thpt"],
            topics=["bao-luc-gioi"],
        )
    assert count(small) == count(big)


# --- Wagtail's document URL --------------------------------------------------


def test_anonymous_is_sent_to_sign_in_at_the_document_url(client, teachers_only):
    response = client.get(document_url(teachers_only))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert b"%PDF" not in response.content


def test_a_learner_is_refused_at_the_document_url(client, learner, teachers_only):
    client.force_login(learner)
    response = client.get(document_url(teachers_only))
    assert response.status_code == 403
    assert b"%PDF" not in response.content
    # (The address the learner typed is echoed by the language switch; the
    # file's own title is not.)
    assert teachers_only.files.get().document.title.encode() not in response.content


def test_a_teacher_gets_the_file_at_the_document_url(client, teacher, teachers_only):
    client.force_login(teacher)
    response = client.get(document_url(teachers_only))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Never kept by a shared proxy for the next person who asks.
    assert "private" in response["Cache-Control"]


def test_a_public_document_is_served_to_anyone(client, public):
    response = client.get(document_url(public))
    assert response.status_code == 200


def test_documents_are_served_through_django_not_media(settings, public):
    """A document's address is Wagtail's serve view, never a /media/ file URL."""
    assert not document_url(public).startswith(settings.MEDIA_URL)
    assert getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) in (None, "serve_view")
