"""With SENDFILE_BACKEND = "lms.sendfile_nginx", Django checks and nginx sends.

The teachers-only rule still runs first; an allowed download answers with an
X-Accel-Redirect to the internal location and no bytes, a refused one with
neither.
"""

from pathlib import Path

import pytest
from wagtail.utils.sendfile import _get_sendfile

from lms.sendfile_nginx import sendfile
from people.roles import Role
from tests.content_pages.library_builders import make_resource
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_and_uncached")]


@pytest.fixture
def through_nginx(settings):
    settings.SENDFILE_BACKEND = "lms.sendfile_nginx"
    settings.SENDFILE_URL = "/protected-media/"
    _get_sendfile.clear()  # Wagtail keeps the backend it loaded first
    yield
    _get_sendfile.clear()


@pytest.fixture
def teachers_only(library):
    return make_resource(
        library, title="Quy trình ứng phó", slug="quy-trinh", access="teachers"
    )


def test_a_teacher_gets_an_internal_redirect_and_no_bytes(
    client, commune_a, teachers_only, through_nginx
):
    document = teachers_only.files.get().document
    client.force_login(UserFactory(unit=commune_a, roles=[Role.TEACHER]))

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{document.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert document.filename in response["Content-Disposition"]
    assert response.get("Content-Length") in (None, "0")


def test_a_refused_learner_gets_no_internal_redirect(
    client, learner, teachers_only, through_nginx
):
    client.force_login(learner)

    response = client.get(teachers_only.files.get().document.url)

    assert response.status_code == 403
    assert not response.has_header("X-Accel-Redirect")


def test_a_file_outside_media_root_is_never_named(settings, tmp_path, rf):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.SENDFILE_URL = "/protected-media/"
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    escaping = Path(settings.MEDIA_ROOT) / ".." / "secret.txt"

    from django.http import Http404

    with pytest.raises(Http404):
        sendfile(rf.get("/"), str(outside))
    with pytest.raises(Http404):
        sendfile(rf.get("/"), str(escaping))


def test_a_vietnamese_file_name_is_quoted(settings, tmp_path, rf):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.SENDFILE_URL = "/protected-media"
    (tmp_path / "documents").mkdir()
    name = tmp_path / "documents" / "sổ tay.pdf"
    name.write_bytes(b"%PDF-1.4")

    response = sendfile(rf.get("/"), str(name))

    assert response["X-Accel-Redirect"] == (
        "/protected-media/documents/s%E1%BB%95%20tay.pdf"
    )
