"""Where signing in lands, in Chromium through the real pages.

A learner who signs in from a course page comes back to it; from the home page's
"Đăng nhập để bắt đầu học" or the plain login page, they land on My learning; a
trainer lands on the admin dashboard; a `next` pointing at another site is
ignored. Never on the profile form.
"""

import re

import pytest
from playwright.sync_api import expect

from people.roles import Role
from tests.factories import UserFactory
from tests.factories.courses import make_course_tree
from tests.factories.people import TEST_PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COURSE_TITLE = "Bình đẳng giới trong gia đình"


@pytest.fixture
def course(course_index):
    course, _lessons = make_course_tree(
        course_index, title=COURSE_TITLE, slug="binh-dang-gioi-gia-dinh"
    )
    return course


@pytest.fixture
def learner_account(province):
    return UserFactory(
        username="hocvien",
        full_name="Nguyễn Thị Hoa",
        unit=province,
        roles=[Role.LEARNER],
    )


def sign_in(page, username: str) -> None:
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()


def test_learner_signing_in_from_a_course_page_comes_back_to_it(
    page, course, learner_account
):
    page.goto(course.url)
    page.get_by_role("link", name="Đăng nhập để ghi danh").click()
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))

    sign_in(page, learner_account.username)

    page.wait_for_url(re.compile(rf"{re.escape(course.url)}$"))
    expect(page.locator("main h1")).to_have_text(COURSE_TITLE)
    expect(page.get_by_role("link", name="Đăng nhập để ghi danh")).to_have_count(0)


def test_learner_from_the_home_page_link_lands_on_my_learning(
    page, home_page, course_index, learner_account
):
    page.goto("/")
    page.get_by_role("link", name="Đăng nhập để bắt đầu học").click()
    page.wait_for_url(re.compile(r"/accounts/login/$"))

    sign_in(page, learner_account.username)

    page.wait_for_url(re.compile(r"/learning/$"))
    expect(page.locator("input[name=full_name]")).to_have_count(0)


def test_learner_from_the_plain_login_page_lands_on_my_learning(
    page, home_page, course_index, learner_account
):
    page.goto("/accounts/login/")

    sign_in(page, learner_account.username)

    page.wait_for_url(re.compile(r"/learning/$"))


def test_trainer_lands_on_the_admin_dashboard(page, home_page, province):
    trainer = UserFactory(username="giangvien", unit=province, roles=[Role.TRAINER])
    page.goto("/accounts/login/")

    sign_in(page, trainer.username)

    page.wait_for_url(re.compile(r"/admin/$"))


def test_a_next_to_another_site_is_ignored(
    page, home_page, course_index, learner_account
):
    page.goto("/accounts/login/?next=https://evil.example/")

    sign_in(page, learner_account.username)

    page.wait_for_url(re.compile(r"/learning/$"))
    assert "evil.example" not in page.url
