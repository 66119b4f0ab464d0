"""Tests of a running cluster (bin/test-cluster, `make test-cluster`).

They talk to two web nodes and the nginx in front of them over HTTP, and read
the cluster's database to check what happened. Without LMS_CLUSTER_URL (the
plain suite) there is no cluster: the modules are not even collected.
"""

import os
import urllib.parse

import psycopg
import pytest

CLUSTER_URL = os.environ.get("LMS_CLUSTER_URL", "")

if not CLUSTER_URL:
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def proxy_url() -> str:
    return CLUSTER_URL


@pytest.fixture(scope="session")
def node_urls() -> list[str]:
    return os.environ["LMS_CLUSTER_NODES"].split(",")


@pytest.fixture(scope="session")
def cluster_db():
    """The cluster's own database (read to check, written never)."""
    url = urllib.parse.urlsplit(os.environ["LMS_CLUSTER_DATABASE_URL"])
    with psycopg.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username,
        dbname=url.path.lstrip("/"),
        autocommit=True,
    ) as connection:
        yield connection


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
