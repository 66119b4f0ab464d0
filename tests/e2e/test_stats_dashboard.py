"""The statistics dashboard in Chromium, in Vietnamese: an administrator opens
it, changes the period, reads a figure, follows it to the records behind it;
the page is looked at on a 1280 px screen and a 375 px phone (screenshots in
var/screenshots/stats-*.png).

The data is the small province counted by hand in tests/stats/conftest.py.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.people import TEST_PASSWORD
from tests.stats.conftest import world  # noqa: F401  (the fixture)

from .axe import assert_no_serious_violations

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def vietnamese_page(new_page, live_server, width, height=900):
    page = new_page(width, height)
    page.context.add_cookies(
        [{"name": "django_language", "value": "vi", "url": live_server.url}]
    )
    return page


def admin_sign_in(page, user) -> None:
    page.goto("/admin/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(user.username)
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def screenshot_whole(page, path) -> None:
    """The admin scrolls inside its own layout: grow the window to the page."""
    size = page.viewport_size
    height = page.evaluate("document.querySelector('main').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(height, 600)})
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(size)


def headline_turns(page):
    return page.locator("#headline-training .stats-card__main").first.locator(
        ".stats-big"
    )


def test_dashboard_period_figure_and_records(
    new_page,
    live_server,
    screenshot_dir,
    world,  # noqa: F811
):
    page = vietnamese_page(new_page, live_server, 1280)
    admin_sign_in(page, world.administrator)

    page.get_by_role("button", name="Thống kê").click()
    page.get_by_role("link", name="Bảng số liệu").click()
    page.wait_for_url(re.compile(r"/admin/stats/$"))
    expect(page.locator("h1")).to_contain_text("Bảng số liệu")
    # This year (2026): K2026A and K2026B, four turns.
    expect(headline_turns(page)).to_have_text("4")
    # The date boxes wait until "other dates" is chosen.
    expect(page.locator("input[name=start]")).to_be_disabled()

    page.locator("select[name=period]").select_option("custom")
    expect(page.locator("input[name=start]")).to_be_enabled()
    page.locator("input[name=start]").fill("01/01/2022")
    page.locator("input[name=end]").fill("31/12/2026")
    page.get_by_role("button", name="Xem số liệu").click()
    page.wait_for_url(re.compile(r"period=custom"))
    expect(page.locator(".stats-period")).to_contain_text("01/01/2022 – 31/12/2026")
    expect(headline_turns(page)).to_have_text("6")
    expect(page.locator("#chart-units")).to_be_visible()
    expect(page.locator("#table-units")).to_contain_text(str(world.tinh_khe))
    expect(page.locator("#headline-training")).to_contain_text("25,5")
    assert_no_serious_violations(page)
    screenshot_whole(page, screenshot_dir / "stats-dashboard.png")

    headline_turns(page).get_by_role("link", name="6").click()
    page.wait_for_url(re.compile(r"/admin/stats/records/"))
    rows = page.locator("#records tbody tr")
    expect(rows).to_have_count(6)
    expect(page.locator("#records")).to_contain_text("Phạm Thị Lan")
    expect(page.locator("#records")).to_contain_text("K2022")
    expect(page.locator(".stats-count")).to_contain_text("6 bản ghi")
    screenshot_whole(page, screenshot_dir / "stats-records.png")

    phone = vietnamese_page(new_page, live_server, 375, 800)
    admin_sign_in(phone, world.administrator)
    phone.goto("/admin/stats/?period=custom&start=01/01/2022&end=31/12/2026")
    expect(headline_turns(phone)).to_have_text("6")
    # Nothing wider than the phone but the tables, which scroll inside themselves.
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
    screenshot_whole(phone, screenshot_dir / "stats-dashboard-375.png")
