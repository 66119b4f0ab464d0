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
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
# The login throttle needs a cache every process shares: CACHE_URL, else Redis when
# that is the broker, else base's file cache (one host). Never the broker URL when
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

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Documents: Django checks who may have one, then nginx sends the bytes from an
# internal location (lms/sendfile_nginx.py, deploy/nginx/lms.conf). Unset, Django
# streams them itself (Wagtail's default).
if env("SENDFILE_BACKEND", default=""):
    SENDFILE_BACKEND = env("SENDFILE_BACKEND")
    SENDFILE_URL = env("SENDFILE_URL", default="/protected-media/")
