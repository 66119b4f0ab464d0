from django.conf import settings
from django.urls import URLPattern, include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content_pages.views.pages import robots_txt

from . import page_routes, views


def _private(patterns: list[URLPattern]) -> list[URLPattern]:
    """Wagtail's document URLs, each answer marked `Cache-Control: private`: a
    teachers-only or lesson file must never be kept by a shared proxy for the
    next person who asks."""
    return [
        URLPattern(
            pattern.pattern,
            cache_control(private=True)(pattern.callback),
            pattern.default_args,
            pattern.name,
        )
        for pattern in patterns
    ]


urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(_private(wagtaildocs_urls.urlpatterns))),
    # No CSRF token on the language switch: it is in every page's header, and a
    # token there would set a cookie and make every public page uncacheable. The
    # worst a forged POST can do is switch someone's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("people.urls")),
    # verify/... (public) and learning/certificates/... (the PDF download).
    path("", include("certificates.urls")),
    path("learning/", include("courses.urls")),
    path("quizzes/", include("assessments.urls")),
    path("training/", include("training.urls")),
    # The public headline figures (small groups withheld), no login.
    path("thong-ke/", include("stats.urls")),
    path("", include("content_pages.urls")),
]

if settings.DEBUG:
    from django.urls import re_path

    from .media import serve_media

    # Images and other media for `make run`, but never documents: serve_media
    # normalises the path before refusing media/documents/ (see lms/media.py).
    # In production the front server serves media and must refuse
    # media/documents/ itself (README, "Running it in production").
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

# Wagtail's URLs, its page view first swapped for one that remembers routes under
# the content version (lms.page_routes): same pattern, same name.
urlpatterns += [
    URLPattern(pattern.pattern, page_routes.serve, pattern.default_args, pattern.name)
    if pattern.name == "wagtail_serve"
    else pattern
    for pattern in wagtail_urls.urlpatterns
]

handler403 = "lms.views.permission_denied"
handler404 = "lms.views.page_not_found"
handler500 = "lms.views.server_error"
