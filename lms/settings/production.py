"""Production: every secret and address comes from the environment, or it will not start."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, forgive_redis_down, tune_sqlite

REQUIRED_ENVIRONMENT = (
    "SECRET_KEY",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "ALLOWED_HOSTS",
    # Signs the certificates' verification statements (certificates.signing):
    # a key invented at start-up would make every earlier statement unverifiable.
    "CERTIFICATES_SIGNING_KEY",
)


def require_environment(names: tuple[str, ...]) -> None:
    """Refuse to start rather than invent a secret or fall back to SQLite."""
    missing = [name for name in names if not env(name, default="")]
    if missing:
        raise ImproperlyConfigured(
            "Production settings need these environment variables: "
            + ", ".join(missing)
        )


require_environment(REQUIRED_ENVIRONMENT)

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": tune_sqlite(env.db("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Each kept connection is tested (SELECT 1) before a request reuses it: after a
# PostgreSQL restart the first request reconnects instead of failing.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
# Page cache, lookup limits and job progress need a cache every process shares:
# CACHE_URL, else Redis when that is the broker, else base's file cache (one host). Never the broker URL when
# it is not Redis: django-environ cannot make a cache of amqp:// or memory://.
if not env("CACHE_URL", default="") and CELERY_BROKER_URL.startswith(
    ("redis://", "rediss://")
):
    CACHES = {"default": forgive_redis_down(env.cache_url_config(CELERY_BROKER_URL))}

# Media on storage every web node shares: a shared volume under MEDIA_ROOT (the
# default), or an S3-compatible store through django-storages (deploy/README.md).
STORAGES = {
    "default": {
        "BACKEND": env(
            "MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# 13. Security headers and cookies (`manage.py check --deploy` passes: make check-deploy)
# TLS ends at the proxy (deploy/): it says the request came over HTTPS in this
# header. Trust it only behind a proxy that sets it (SECURE_PROXY_SSL_HEADER=off
# when gunicorn faces clients itself: anyone could send the header).
_proxy_ssl_header = env("SECURE_PROXY_SSL_HEADER", default="HTTP_X_FORWARDED_PROTO")
SECURE_PROXY_SSL_HEADER = (
    None
    if _proxy_ssl_header.lower() in ("", "off", "false", "none")
    else (_proxy_ssl_header, "https")
)
# Off only for plain-http runs on 127.0.0.1 (the bench sets both to false).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
# Preload is off unless asked for: entering the browsers' list is a decision for
# whoever owns the province's domain, binds every subdomain to HTTPS, and takes
# months to undo. So its deploy warning (W021) is silenced while it is off.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
# Other sites learn the origin only, never a path (/verify/<code>/, an attempt's
# id); embedded video players refuse to play without that origin.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Old browsers; current ones follow the CSP's frame-ancestors (base settings). Wagtail
# lets its own preview frame itself (SAMEORIGIN on those views only).
X_FRAME_OPTIONS = "DENY"
# The origins a form may be posted from besides the site's own host, e.g.
# https://boiduong.quangngai.gov.vn when a second name points here.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Documents: Django checks who may have one, then nginx sends the bytes from an
# internal location (lms/sendfile_nginx.py, deploy/nginx/lms.conf). Unset, Django
# streams them itself (Wagtail's default).
if env("SENDFILE_BACKEND", default=""):
    SENDFILE_BACKEND = env("SENDFILE_BACKEND")
    SENDFILE_URL = env("SENDFILE_URL", default="/protected-media/")
