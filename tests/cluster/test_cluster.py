"""Two web nodes and two workers behave as one platform (bin/test-cluster).

Nothing a request needs may live in one process's memory: the session, the
cache, the files and the work queued for Celery are shared through PostgreSQL,
Redis and the media folder.
"""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

PASSWORD = "Demo@2026"


class Visitor:
    """A browser-less visitor with its own cookies, on any node."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )

    def get(self, url: str):
        response = self.opener.open(url, timeout=30)
        return response.status, response.geturl(), response.read(), response.headers

    def log_in(self, base_url: str, username: str) -> None:
        self.get(base_url + "/accounts/login/")
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        data = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        self.opener.open(
            urllib.request.Request(base_url + "/accounts/login/", data=data),  # noqa: S310
            timeout=30,
        ).read()
        assert any(c.name == "sessionid" for c in self.jar), f"{username} not in"


def one(db, sql: str, *params):
    row = db.execute(sql, params).fetchone()
    assert row is not None, sql
    return row


def test_the_proxy_spreads_requests_over_both_nodes(proxy_url, node_urls):
    served_by = set()
    for _ in range(12):
        status, _url, _body, headers = Visitor().get(proxy_url + "/healthz")
        assert status == 200
        served_by.add(headers["X-Served-By"])
    assert served_by == {url.removeprefix("http://") for url in node_urls}


def test_a_session_made_on_one_node_is_good_on_the_other(node_urls, cluster_db):
    node_a, node_b = node_urls
    (course_title,) = one(
        cluster_db,
        "SELECT p.title FROM wagtailcore_page p JOIN courses_coursepage c "
        "ON c.page_ptr_id = p.id WHERE c.code = %s",
        "K1-2026",
    )
    visitor = Visitor()
    visitor.log_in(node_a, "hocvien02")

    status, final_url, body, _headers = visitor.get(node_b + "/learning/")

    assert status == 200
    assert "/accounts/login/" not in final_url
    assert b'action="/accounts/logout/"' in body  # signed in on node B
    assert course_title.encode() in body  # and it is this learner's own page


def test_the_learner_journey_in_a_browser_through_the_proxy(
    chromium, proxy_url, cluster_db
):
    course_path, course_depth, course_title = one(
        cluster_db,
        "SELECT p.path, p.depth, p.title FROM wagtailcore_page p "
        "JOIN courses_coursepage c ON c.page_ptr_id = p.id WHERE c.code = %s",
        "K1-2026",
    )
    (lesson_url,) = one(
        cluster_db,
        "SELECT url_path FROM wagtailcore_page WHERE path LIKE %s AND depth = %s "
        "AND live ORDER BY path LIMIT 1",
        course_path + "%",
        course_depth + 2,
    )
    (course_url,) = one(
        cluster_db, "SELECT url_path FROM wagtailcore_page WHERE path = %s", course_path
    )
    (quiz_id,) = one(
        cluster_db, "SELECT id FROM assessments_quiz WHERE reference = %s", "ON-TAP"
    )
    site_root = course_url.split("/")[1]  # the home page's slug starts url_path

    def public(url_path: str) -> str:
        return proxy_url + url_path.removeprefix(f"/{site_root}")

    context = chromium.new_context()
    page = context.new_page()
    served_by = set()
    page.on(
        "response",
        lambda response: served_by.add(response.headers.get("x-served-by")),
    )
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(proxy_url + "/accounts/login/")
        page.fill("input[name=username]", "hocvien03")
        page.fill("input[name=password]", PASSWORD)
        page.click("form:has(input[name=password]) button[type=submit]")
        page.wait_for_url(re.compile(r"/learning/"))

        for url in (proxy_url + "/learning/", public(course_url), public(lesson_url)):
            response = page.goto(url)
            assert response.status == 200, url
            assert page.url == url, f"{url} sent to {page.url}"
        assert course_title[:20] in page.content() or page.title()

        page.goto(f"{proxy_url}/quizzes/{quiz_id}/")
        # The demo may have left this learner an attempt to continue.
        begin = page.locator(
            "form[action$='/start/'] button[type=submit], "
            "a.button[href*='/quizzes/attempt/']"
        )
        assert begin.count(), page.locator("main").inner_text()
        begin.first.click()
        page.wait_for_url(re.compile(r"/quizzes/attempt/\d+/"))
        for _ in range(20):
            finish = page.locator("button[name=goto][value=finish]")
            if finish.count():
                finish.first.click()
                break
            page.locator("button[name=goto]:not([class])").first.click()
            page.wait_for_load_state()
        page.wait_for_url(re.compile(r"/review/"))
    finally:
        context.close()
    served_by.discard(None)
    assert len(served_by) == 2, served_by


def test_a_certificate_issued_through_one_node_downloads_through_the_other(
    chromium, node_urls, proxy_url, cluster_db
):
    node_a, node_b = node_urls
    rule_id, holder_id, holder = one(
        cluster_db,
        "SELECT r.id, u.id, u.username FROM certificates_certificaterule r, "
        "people_user u WHERE u.username LIKE 'hocvien%%' AND NOT EXISTS ("
        "SELECT 1 FROM certificates_certificate c WHERE c.rule_id = r.id "
        "AND c.holder_id = u.id) ORDER BY r.id, u.username LIMIT 1",
    )

    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(node_a + "/admin/login/")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", PASSWORD)
        page.click("form:has(input[name=password]) button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))
        page.goto(node_a + "/admin/certificates/issued/issue/")
        page.select_option("select[name=rule]", str(rule_id))
        page.select_option("select[name=holder]", str(holder_id))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/admin/certificates/issued/$"))
    finally:
        context.close()

    (certificate_id,) = one(
        cluster_db,
        "SELECT id FROM certificates_certificate WHERE rule_id = %s AND holder_id = %s",
        rule_id,
        holder_id,
    )
    # A worker on either node renders the PDF into the shared media folder.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        (pdf,) = one(
            cluster_db,
            "SELECT pdf FROM certificates_certificate WHERE id = %s",
            certificate_id,
        )
        if pdf:
            break
        time.sleep(1)
    else:
        pytest.fail("no worker rendered the certificate's PDF within 90 s")

    learner = Visitor()
    learner.log_in(node_b, holder)
    for base in (node_b, proxy_url):
        status, _url, body, headers = learner.get(
            f"{base}/learning/certificates/{certificate_id}/pdf/"
        )
        assert status == 200
        assert body.startswith(b"%PDF"), base
        assert headers["Content-Type"] == "application/pdf"


def test_a_teachers_only_document_is_checked_by_django_and_sent_by_nginx(
    node_urls, proxy_url, cluster_db
):
    document_id, file_name = one(
        cluster_db,
        "SELECT d.id, d.file FROM content_pages_resourcefile f "
        "JOIN content_pages_resourcepage r ON r.page_ptr_id = f.resource_id "
        "JOIN wagtaildocs_document d ON d.id = f.document_id "
        "WHERE r.access = 'teachers' ORDER BY d.id LIMIT 1",
    )
    path = f"/documents/{document_id}/{file_name.rsplit('/', 1)[-1]}"
    teacher = Visitor()
    teacher.log_in(proxy_url, "teacher")

    # A node answers with the internal address only, no bytes...
    request = urllib.request.Request(node_urls[0] + path)  # noqa: S310
    cookie = "; ".join(f"{c.name}={c.value}" for c in teacher.jar)
    request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=30) as direct:  # noqa: S310
        assert direct.headers["X-Accel-Redirect"] == f"/protected-media/{file_name}"
        assert direct.read() == b""
    # ...which nginx follows: the teacher gets the file through the proxy.
    status, _url, body, headers = teacher.get(proxy_url + path)
    assert status == 200
    assert body.startswith(b"%PDF")
    assert "X-Accel-Redirect" not in headers

    # Nobody reaches the file around Django: not a learner, not by its media
    # path, not by the internal location.
    learner = Visitor()
    learner.log_in(proxy_url, "hocvien04")
    for visitor, url in (
        (learner, proxy_url + path),
        (Visitor(), f"{proxy_url}/media/{file_name}"),
        (Visitor(), f"{proxy_url}/media//{file_name}"),
        (Visitor(), f"{proxy_url}/protected-media/{file_name}"),
    ):
        with pytest.raises(urllib.error.HTTPError) as refused:
            visitor.get(url)
        assert refused.value.code in (403, 404), url
