"""Browser tests: Playwright for Python driving Debian's Chromium.

Playwright's browser download is never used (this machine has no network but
the package registries): `make e2e-deps` installs Debian's chromium and the tests
launch it by path. Without it the tests are skipped on a developer's machine and
FAIL in CI (env CI set), so a green CI always means the browser tests ran.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("LMS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI and the dev machines run as root
    "--disable-background-networking",  # no network here: don't try Google's hosts
    "--disable-component-update",
    "--disable-gpu",
    "--disable-quic",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "var" / "screenshots"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        message = f"{CHROMIUM} is missing: run `make e2e-deps` (Debian's chromium)"
        if _in_ci():
            pytest.fail(f"browser tests cannot be skipped in CI: {message}")
        pytest.skip(message)

    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Between its calls, Playwright's sync API leaves its asyncio loop marked as
    # running in this thread. Django then (1) refuses ORM calls, and (2) keeps
    # its connections in a separate, async-context store: the tests would get
    # new connection objects, without the test database's serialized contents
    # (serialized_rollback silently restores nothing) and unknown to
    # pytest-django. So: allow the (synchronous, safe) ORM calls, and put the
    # very same connection objects in that store while the browser is up.
    sync_connections = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, connection in sync_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) per test, phone-sized first."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 412, "height": 915},
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def new_page(browser, live_server):
    """A tab in a context of its own (own cookies) per person, in English.

    The interface is Vietnamese unless the language cookie says otherwise; the
    admin follows it too, since the accounts have no preferred admin language.
    """
    contexts = []

    def new_page(width=1280, height=900):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            accept_downloads=True,
        )
        context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot_dir():
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
