"""Local development and `make run`: SQLite, embedded broker, mail to the console."""

from .base import *  # noqa: F403
from .base import LOGGING, VAR_DIR, env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Generated once on first use; set CERTIFICATES_SIGNING_KEY to use your own.
CERTIFICATES_SIGNING_KEY_FILE = VAR_DIR / "certificates-signing.key"

# `make run`: a line for each task received and done, and one a minute from beat,
# bury what matters (the progress recalculations alone print dozens); a failing
# task still logs an error.
LOGGING = {
    **LOGGING,
    "loggers": {
        **LOGGING["loggers"],
        "celery.app.trace": {"level": "WARNING"},
        "celery.worker.strategy": {"level": "WARNING"},
        "celery.beat": {"level": "WARNING"},
    },
}
