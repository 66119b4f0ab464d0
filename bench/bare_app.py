"""The reference for the machine's limit: the smallest Django app there is.

One view returning a small HttpResponse, no database, no middleware, no
templates. bench/run.py serves it with the same gunicorn and worker count as
the platform, so "ratio to bare" says how much of the machine the platform's own
work takes:

    gunicorn --chdir bench bare_app:application
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-app-not-secret",  # noqa: S106 - serves one fixed string
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
)


def hello(request):
    return HttpResponse(b"Hello from a bare Django view.\n", content_type="text/plain")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
