"""The Content Security Policy header (lms.csp, CONTENT_SECURITY_POLICY in base).

The public site gets the strict policy: scripts only from our static files. The
admin alone allows inline scripts and styles (Wagtail's templates need them) and
keeps every other directive. The template scan keeps inline script out for good.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from lms.csp import ContentSecurityPolicyMiddleware

HEADER = "Content-Security-Policy"
PROJECT_APPS = [
    "lms",
    "people",
    "assessments",
    "courses",
    "content_pages",
    "training",
    "certificates",
    "stats",
]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
def test_public_page_has_the_strict_policy(client, home_page):
    response = client.get(home_page.url)

    assert response.status_code == 200
    policy = directives(response[HEADER])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response[HEADER]
    assert "'unsafe-eval'" not in response[HEADER]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_no_other_host_but_the_video_players(client, home_page):
    policy = directives(client.get(home_page.url)[HEADER])

    for name, values in policy.items():
        hosts = [value for value in values if "://" in value or "*" in value]
        if name == "frame-src":
            assert hosts == settings.VIDEO_PLAYER_ORIGINS
        else:
            assert hosts == [], name


@pytest.mark.django_db
def test_a_cached_public_page_keeps_its_header(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get(home_page.url)
    second = client.get(home_page.url)

    assert second.get("X-Page-Cache") == "hit"
    assert second[HEADER] == first[HEADER]
    assert "'unsafe-inline'" not in directives(second[HEADER])["script-src"]


@pytest.mark.django_db
def test_learner_pages_have_the_strict_policy(learner_client):
    for url in ["/learning/", "/accounts/profile/"]:
        response = learner_client.get(url)
        assert response.status_code == 200, url
        assert directives(response[HEADER])["script-src"] == ["'self'"], url


@pytest.mark.django_db
def test_admin_allows_inline_script_but_keeps_the_rest(client):
    response = client.get("/admin/")  # the redirect to the admin login

    policy = directives(response[HEADER])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-eval'" not in response[HEADER]


def test_report_only_policy_is_never_loosened_for_the_admin(settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    middleware = ContentSecurityPolicyMiddleware(lambda request: None)
    request = RequestFactory().get("/admin/pages/")

    response = middleware.process_response(request, HttpResponse())

    assert "'unsafe-inline'" in response[HEADER]
    report_only = directives(response["Content-Security-Policy-Report-Only"])
    assert report_only["script-src"] == ["'self'"]


def test_only_admin_paths_are_loosened():
    middleware = ContentSecurityPolicyMiddleware(lambda request: None)

    for path in ["/administration/", "/learning/admin/", "/khoa-hoc/admin/"]:
        response = middleware.process_response(
            RequestFactory().get(path), HttpResponse()
        )
        assert "'unsafe-inline'" not in response[HEADER], path


def project_templates() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return sorted(
        path
        for app in PROJECT_APPS
        for path in (base / app).rglob("templates/**/*.html")
    )


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(
    r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I
)


def test_templates_have_no_inline_script_handler_or_javascript_url():
    templates = project_templates()
    assert len(templates) > 50  # the scan sees the templates
    found = []
    for path in templates:
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, JAVASCRIPT_URL):
            found += [f"{path}: {m.group(0)[:80]}" for m in pattern.finditer(text)]
    assert found == []


def test_the_template_scan_catches_each_kind():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert INLINE_SCRIPT.search('<script nonce="x">')
    assert not INLINE_SCRIPT.search('<script src="/static/a.js" defer></script>')
    assert EVENT_HANDLER.search('<button type="button" onclick="go()">')
    assert not EVENT_HANDLER.search('<button type="button" class="once">')
    assert JAVASCRIPT_URL.search('<a href="javascript:void(0)">')
