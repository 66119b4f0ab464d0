"""A learner logs in through the real form and switches the interface to English."""

import re

import pytest
from playwright.sync_api import expect

from people.roles import Role
from tests.factories import UserFactory
from tests.factories.people import TEST_PASSWORD

# live_server makes these tests transactional: the tables are emptied after each
# one. serialized_rollback puts back what the migrations created (Wagtail's root
# page and default site, reference data) for the tests that run after.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def learner_account(commune_a):
    return UserFactory(
        username="hoa.learner",
        full_name="Nguyễn Thị Hoa",
        unit=commune_a,
        roles=[Role.LEARNER],
    )


def log_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()


def test_learner_logs_in_and_switches_profile_to_english(
    page, home_page, learner_account, screenshot_dir
):
    log_in(page, learner_account.username, TEST_PASSWORD)
    # A learner lands on My learning; the profile is opened from there.
    page.wait_for_url(re.compile(r"/learning/$"))
    page.goto("/accounts/profile/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("main h1")).to_have_text("Hồ sơ của tôi")
    expect(page.locator("input[name=full_name]")).to_have_value("Nguyễn Thị Hoa")

    # On a phone the switch is behind the header's Menu button.
    page.locator("header details.header-menu > summary").click()
    switch = page.locator("form.language-switch")
    switch.locator("select[name=language]").select_option(label="English")
    with page.expect_navigation():
        switch.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text("My profile")
    expect(page.locator("form.language-switch button[type=submit]")).to_have_text(
        "Change language"
    )
    expect(switch.locator("select[name=language] option:checked")).to_have_text(
        "English"
    )
    # Still logged in as the same person after the switch.
    expect(page.locator("input[name=full_name]")).to_have_value("Nguyễn Thị Hoa")

    page.screenshot(path=str(screenshot_dir / "profile-en.png"), full_page=True)


def test_wrong_password_keeps_the_learner_out(page, home_page, learner_account):
    log_in(page, learner_account.username, "not-the-password")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(
        page.locator("main form .errorlist, main form [role=alert]")
    ).not_to_have_count(0)
    page.goto("/accounts/profile/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/accounts/profile/$"))
