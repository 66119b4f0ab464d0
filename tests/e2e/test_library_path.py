"""The school resource library in Chromium through the real pages.

A teacher narrows the library to upper secondary + gender-based violence, opens
a resource and downloads its PDF, which is counted; an anonymous visitor sees
that a teachers-only resource exists and is told to sign in, with no way to
download it.
"""

import re

import pytest
from playwright.sync_api import expect

from content_pages.models import ResourceDownload
from people.roles import Role
from tests.content_pages.library_builders import make_library, make_resource
from tests.factories import UserFactory
from tests.factories.people import TEST_PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GBV_TITLE = "Giáo án: Nhận diện bạo lực trên cơ sở giới trong trường học"
RESTRICTED_TITLE = "Quy trình ứng phó bạo lực trên cơ sở giới"


@pytest.fixture
def library(home_page):
    library = make_library(home_page, title="Thư viện tài liệu giáo dục giới")
    make_resource(
        library,
        title=GBV_TITLE,
        slug="nhan-dien-bao-luc",
        levels=["thpt"],
        topics=["bao-luc-gioi"],
        formats=["giao-an"],
    )
    make_resource(
        library,
        title=RESTRICTED_TITLE,
        slug="quy-trinh-ung-pho",
        levels=["thpt", "thcs"],
        topics=["bao-luc-gioi"],
        formats=["so-tay"],
        access="teachers",
    )
    make_resource(
        library,
        title="Giáo án: Tảo hôn",
        slug="tao-hon",
        levels=["thcs"],
        topics=["tao-hon"],
        formats=["giao-an"],
    )
    return library


def site_log_in(page, user) -> None:
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(user.username)
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learning/$"))


def test_teacher_filters_opens_and_downloads(new_page, library, province, tmp_path):
    teacher_user = UserFactory(username="giaovien", unit=province, roles=[Role.TEACHER])
    teacher = new_page(width=412, height=915)
    site_log_in(teacher, teacher_user)
    teacher.goto("/thu-vien/")
    expect(teacher.get_by_role("heading", level=1)).to_have_text(library.title)

    teacher.get_by_label("School level").select_option("thpt")
    teacher.get_by_label("Topic").select_option("bao-luc-gioi")
    teacher.get_by_role("button", name="Show resources").click()
    teacher.wait_for_url(re.compile(r"/thu-vien/loc/cap-thpt/chu-de-bao-luc-gioi/$"))
    results = teacher.locator(".resource-card")
    expect(results).to_have_count(2)
    expect(teacher.get_by_role("link", name="Giáo án: Tảo hôn")).to_have_count(0)

    teacher.get_by_role("link", name=GBV_TITLE).click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text(GBV_TITLE)
    with teacher.expect_download() as download_info:
        teacher.get_by_role("link", name=re.compile(r"^Download")).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    recorded = ResourceDownload.objects.get()
    assert recorded.resource.title == GBV_TITLE
    assert recorded.user == teacher_user
    assert recorded.role == Role.TEACHER
    assert recorded.unit == province


def test_anonymous_sees_a_teachers_only_resource_but_cannot_download(new_page, library):
    visitor = new_page(width=412, height=915)
    visitor.goto("/thu-vien/loc/cap-thpt/")
    card = visitor.locator(".resource-card", has_text=RESTRICTED_TITLE)
    expect(card).to_be_visible()
    expect(card.get_by_text("Teachers only")).to_be_visible()

    card.get_by_role("link", name=RESTRICTED_TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(RESTRICTED_TITLE)
    expect(visitor.get_by_role("link", name="Sign in to download")).to_be_visible()
    expect(visitor.get_by_role("link", name=re.compile(r"^Download"))).to_have_count(0)
    html = visitor.content()
    assert "/tai-lieu/tai-ve/" not in html
    assert "/documents/" not in html

    # Following the sign-in link leads to the login page, which returns here.
    visitor.get_by_role("link", name="Sign in to download").click()
    visitor.wait_for_url(re.compile(r"/accounts/login/\?next="))
    assert not ResourceDownload.objects.exists()

    # The accessibility check (axe-core) of the library is added by its own
    # helper; it can run here on `visitor` after `visitor.goto("/thu-vien/")`.
