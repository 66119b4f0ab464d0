"""The anonymous page cache: public pages served from the cache to visitors
without a session, never a personal page, never to a signed-in user; and the
long cache lifetime of hashed static files in production."""

import json

import pytest
from django.contrib import messages
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.views.decorators.cache import cache_control, never_cache

from content_pages.models import StandardPage
from lms.middleware import request_may_use_page_cache
from people.roles import Role
from tests.factories import UserFactory
from tests.lms.test_settings import production_env, run_python

pytestmark = pytest.mark.django_db

HIT = "X-Page-Cache"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 120


def get(client, url, **kwargs):
    """The response and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    return response, len(queries)


def is_hit(response) -> bool:
    return response.get(HIT) == "hit"


@pytest.fixture
def about_page(home_page):
    return home_page.add_child(
        instance=StandardPage(
            title="Giới thiệu", slug="gioi-thieu", intro="Ban vì sự tiến bộ."
        )
    )


# --- Public pages ------------------------------------------------------------------


def test_anonymous_visitor_gets_the_cached_copy_without_a_query(client, home_page):
    first, _queries = get(client, "/")
    assert first.status_code == 200 and not is_hit(first)
    second, queries = get(client, "/")
    assert is_hit(second)
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_each_language_has_its_own_copy(client, home_page):
    get(client, "/")
    client.cookies["django_language"] = "en"
    english, _queries = get(client, "/")
    assert not is_hit(english)
    assert '<html lang="en">' in english.content.decode()
    again, queries = get(client, "/")
    assert is_hit(again) and queries == 0
    assert '<html lang="en">' in again.content.decode()


def test_query_string_is_part_of_the_key(client, about_page):
    get(client, about_page.url)
    other, _queries = get(client, about_page.url + "?page=2")
    assert not is_hit(other)


def test_head_is_answered_from_the_get_copy(client, home_page):
    get(client, "/")
    response = client.head("/")
    assert is_hit(response)


def test_signed_in_user_never_gets_the_anonymous_copy(client, home_page, learner):
    get(client, "/")
    client.force_login(learner)
    response, queries = get(client, "/")
    assert not is_hit(response)
    assert queries > 0


def test_signed_in_users_pages_are_never_stored(client, home_page, learner):
    client.force_login(learner)
    get(client, "/")
    get(client, "/")
    client.logout()
    client.cookies.clear()
    anonymous, queries = get(client, "/")
    assert not is_hit(anonymous)
    assert queries > 0


def test_teachers_only_resource_page_is_not_served_to_a_teacher_from_cache(
    client, home_page
):
    from content_pages.models import ResourceLibraryPage, ResourcePage

    library = home_page.add_child(
        instance=ResourceLibraryPage(title="Thư viện", slug="thu-vien")
    )
    resource = library.add_child(
        instance=ResourcePage(
            title="Giáo án",
            slug="giao-an",
            summary="Cho giáo viên.",
            access=ResourcePage.Access.TEACHERS,
        )
    )
    get(client, resource.url)
    assert is_hit(get(client, resource.url)[0])  # the anonymous copy exists
    teacher = UserFactory(username="giaovien", roles=[Role.TEACHER])
    client.force_login(teacher)
    response, _queries = get(client, resource.url)
    assert response.status_code == 200
    assert not is_hit(response)


@pytest.mark.parametrize(
    "path",
    [
        "/tai-lieu/tai-ve/1/",
        "/tai-lieu/cua-toi/",
        "/accounts/login/",
        "/learning/",
        "/quizzes/attempt/1/",
        "/admin/",
        "/documents/1/luat.pdf",
        "/healthz",
    ],
)
def test_personal_and_file_areas_are_never_cached(rf, path):
    assert not request_may_use_page_cache(rf.get(path))


def test_publishing_a_page_serves_the_new_version_at_once(client, about_page):
    get(client, about_page.url)
    assert is_hit(get(client, about_page.url)[0])
    about_page.title = "Giới thiệu chung"
    about_page.save_revision().publish()
    response, _queries = get(client, about_page.url)
    assert not is_hit(response)
    assert "Giới thiệu chung" in response.content.decode()


def test_unpublishing_a_page_removes_it_at_once(client, about_page):
    get(client, about_page.url)
    about_page.unpublish()
    assert get(client, about_page.url)[0].status_code == 404


def test_a_session_cookie_skips_the_cache(client, home_page):
    get(client, "/")
    client.cookies["sessionid"] = "not-a-real-session"
    response, _queries = get(client, "/")
    assert not is_hit(response)


def test_a_messages_cookie_skips_the_cache(client, home_page):
    get(client, "/")
    client.cookies["messages"] = "anything"
    assert not is_hit(get(client, "/")[0])


# --- What a response must be to be stored (views of this module) -----------------


def plain(request):
    return HttpResponse("public")


def sets_a_cookie(request):
    response = HttpResponse("with a cookie")
    response.set_cookie("seen", "1")
    return response


def adds_a_message(request):
    messages.info(request, "Saved.")
    return HttpResponse("message pending")


@cache_control(private=True)
def private(request):
    return HttpResponse("private")


@never_cache
def never(request):
    return HttpResponse("never")


def writes_the_session(request):
    request.session["visited"] = True
    return HttpResponse("session written")


def reads_the_session(request):
    return HttpResponse(f"visited: {request.session.get('visited', False)}")


def reads_the_user(request):
    return HttpResponse(f"signed in: {request.user.is_authenticated}")


def uses_a_csrf_token(request):
    return HttpResponse(f"<input value='{get_token(request)}'>")


def varies_on_the_browser(request):
    response = HttpResponse("for this browser")
    response["Vary"] = "User-Agent"
    return response


def not_found(request):
    return HttpResponse("gone", status=404)


urlpatterns = [
    path("plain/", plain),
    path("cookie/", sets_a_cookie),
    path("message/", adds_a_message),
    path("private/", private),
    path("never/", never),
    path("session-write/", writes_the_session),
    path("session-read/", reads_the_session),
    path("user/", reads_the_user),
    path("csrf/", uses_a_csrf_token),
    path("vary/", varies_on_the_browser),
    path("missing/", not_found),
]


def served_twice(client, url) -> bool:
    client.get(url)
    client.cookies.clear()
    return is_hit(client.get(url))


@pytest.mark.urls(__name__)
def test_a_plain_public_response_is_cached(client):
    assert served_twice(client, "/plain/")


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url",
    [
        "/cookie/",
        "/message/",
        "/private/",
        "/never/",
        "/session-write/",
        "/csrf/",
        "/vary/",
        "/missing/",
    ],
)
def test_personal_or_unfinished_responses_are_not_cached(client, url):
    assert not served_twice(client, url)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/session-read/", "/user/"])
def test_reading_an_empty_session_still_allows_the_cache(client, url):
    """Django answers "Vary: Cookie" once the session is read; with no session
    cookie the session was empty and the answer is every anonymous visitor's."""
    first = client.get(url)
    assert "Cookie" in first["Vary"]
    assert is_hit(client.get(url))


@pytest.mark.urls(__name__)
def test_a_post_is_never_answered_from_the_cache(client):
    client.get("/plain/")
    assert not is_hit(client.post("/plain/"))


@pytest.mark.urls(__name__)
def test_cache_off_when_seconds_is_zero(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert not served_twice(client, "/plain/")


# --- Static files --------------------------------------------------------------------


def production_static_storage(tmp_path) -> dict:
    result = run_python(
        production_env(tmp_path),
        "-c",
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['staticfiles']))",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hashed_static_files_are_cached_for_years_in_production(
    tmp_path, settings, client
):
    storage = production_static_storage(tmp_path)
    assert storage["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": storage}
    # Only the platform's own files: collecting Wagtail's admin would take long.
    settings.STATICFILES_FINDERS = [
        "django.contrib.staticfiles.finders.FileSystemFinder"
    ]
    settings.STATICFILES_DIRS = [settings.PROJECT_DIR / "static"]
    call_command("collectstatic", "--no-input", verbosity=0)
    from django.templatetags.static import static

    url = static("lms/site.css")
    assert url != "/static/lms/site.css"  # a content hash in the name

    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"


def test_language_switch_needs_no_csrf_token(home_page):
    """The switch is in every page's header; a token there would set a cookie and
    keep every public page out of the cache."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    home, _queries = get(client, "/")
    assert '<html lang="en">' in home.content.decode()
    assert "csrftoken" not in home.cookies
