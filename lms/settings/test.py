"""The test profile: fast hasher, eager Celery, locmem cache.

SQLite and an in-memory broker by default; CI's second run sets DATABASE_URL,
CELERY_BROKER_URL and CACHE_URL to PostgreSQL and Redis and runs the same suite.
"""

from .base import *  # noqa: F403
from .base import VAR_DIR, env, forgive_redis_down

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
# A fixed Ed25519 key for tests only (base64 of 32 raw bytes).
CERTIFICATES_SIGNING_KEY = "dGVzdC1vbmx5LWVkMjU1MTkta2V5LTMyLWJ5dGVzISE="
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# locmem by default (pytest-django forces it in the test process anyway). The
# integration tests' real Celery worker runs with these settings too and is told
# through the environment to write its mail to files the tests can read.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'test.sqlite3'}")
}
CACHES = {
    "default": forgive_redis_down(env.cache("CACHE_URL", default="locmemcache://"))
}

# Its own folder, so a collectstatic for `make run` never races WhiteNoise in tests.
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# A fault test's worker runs as production's does: follow-up tasks queued, not
# run inline (tests/integration/test_worker_killed.py).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
# The workers a fault test kills take a queue of their own, away from the
# session's worker (tests/integration/test_worker_killed.py).
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
