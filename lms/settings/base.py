"""Settings shared by every environment. Environments override in dev/test/production."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

# 1. Paths ------------------------------------------------------------------
PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# 2. Apps -------------------------------------------------------------------
LOCAL_APPS = [
    "lms",
    # Named in full: people/apps.py holds two AppConfigs, so Django would not pick
    # PeopleConfig by itself and its ready() (role groups after migrate) never ran.
    "people.apps.PeopleConfig",
    "assessments",
    "courses.apps.CoursesConfig",
    "content_pages",
    "training",
    "certificates",
    "stats",
]
WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "people.apps.PeopleUsersAppConfig",  # wagtail.users with our scoped user viewset
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
]
THIRD_PARTY_APPS = [
    "django_tasks",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
]
DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
INSTALLED_APPS = LOCAL_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS + DJANGO_APPS

# 3. Middleware -------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The Content Security Policy header (below); above the page cache, so a cached
    # page keeps the header it was stored with.
    "lms.csp.ContentSecurityPolicyMiddleware",
    # Above the session: a cached public page costs one cache read (see its docstring).
    "lms.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Typed text in NFC before any view or form reads it (see its docstring).
    "lms.middleware.NormaliseInputMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's site for the host from memory (lms.page_routes): no query per GET.
    "lms.page_routes.RememberedSiteMiddleware",
    # Last, as django-axes asks: turns a locked-out login into our page (people.lockout).
    "axes.middleware.AxesMiddleware",
]
# Content Security Policy (django-csp; README "Security headers"). Scripts and
# styles come only from our static files: no inline script, no event handler
# attribute, no CDN (data for scripts goes in json_script blocks). The only other
# hosts are the video players a lesson or a library resource may embed.
VIDEO_PLAYER_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_PLAYER_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's preview frames our own pages; nobody else may frame any.
        "frame-ancestors": [SELF],
    },
}
# Wagtail's admin has inline scripts in its own templates (inline panels, date
# pickers, listings' filters) and its vendor.js inserts inline scripts and styles:
# measured in Chromium over 90 admin pages, 24 broke under the site's policy. So
# under /admin/ only, script-src and style-src also allow 'unsafe-inline' (no
# other host, no eval); every other directive stays as above (lms.csp).
ADMIN_CSP_URL_PREFIXES = ["/admin/"]
ADMIN_CSP_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}
# Seconds an anonymous visitor's copy of a public page is served from the cache
# (publishing starts afresh at once); 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=120)
ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

# 4. Templates --------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# 5. Database ---------------------------------------------------------------
# SQLite in WAL mode by default (make run); PostgreSQL through DATABASE_URL.
DATABASES = {
    # `or`: an empty DATABASE_URL (compose's ${DATABASE_URL} when unset) means unset,
    # so production can name it as missing instead of failing on a parse error here.
    "default": env.db_url_config(
        env("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'lms.sqlite3'}"
    )
}


def tune_sqlite(database: dict) -> dict:
    """WAL, a busy timeout and IMMEDIATE transactions: SQLite shared by web and worker."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(
            {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            }
        )
    return database


tune_sqlite(DATABASES["default"])
# A kept connection is checked before a request reuses it, so a restarted
# PostgreSQL costs no failed request (nothing to check with CONN_MAX_AGE 0).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def forgive_redis_down(cache: dict) -> dict:
    """Redis through lms.cache: Redis down is a cache miss, not a failed page."""
    if cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        cache["BACKEND"] = "lms.cache.ForgivingRedisCache"
    return cache


CACHES = {
    "default": forgive_redis_down(
        env.cache_url_config(
            env("CACHE_URL", default="") or f"filecache://{VAR_DIR / 'cache'}"
        )
    )
}

# 6. Auth -------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is
    # checked, on every way in (/accounts/login/, /admin/login/, /_util/login/).
    "axes.backends.AxesStandaloneBackend",
    "people.auth_backends.UsernameOrEmailBackend",
]
# Sessions read from the cache (Redis in production), written through to the DB.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGIN_URL = "people:login"
# My learning; people who work in the admin land there (people.views.LoginView).
LOGIN_REDIRECT_URL = "courses:dashboard"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# A session lasts this long after login (seconds), then the person logs in again.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
# Login lockout (django-axes, people.lockout): after LOGIN_FAILURE_LIMIT failures
# an account (whatever identifier was typed) and, separately, a client address
# are refused for LOGIN_LOCKOUT_MINUTES. Attempts live in the database, so every
# web machine sees them. A success clears only that account's failures
# (people.lockout.login_failures_clear_on_success), hence no AXES_RESET_ON_SUCCESS.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "people.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "people.lockout.lockout_address"
AXES_LOCKOUT_CALLABLE = "people.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = False
# The lockout lasts the minutes the message states, however often it is retried.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No log of every successful login (addresses are personal data): attempts only.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# Behind a reverse proxy: how many proxies append to X-Forwarded-For in front of
# the platform (nginx: 1). 0 = no proxy: the connection's address is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The admin's login form says when an account or address is locked out.
WAGTAILADMIN_USER_LOGIN_FORM = "people.auth_forms.AdminLoginForm"

# 7. I18n -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Our catalogue first; then a supplement for Wagtail admin strings that Wagtail's
# own Vietnamese catalogue lacks (most of the admin, as of Wagtail 8.0).
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

# 8. Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Uploaded account files hold personal data: kept outside MEDIA_ROOT, never served.
PRIVATE_UPLOADS_ROOT = env.path(
    "PRIVATE_UPLOADS_ROOT", default=str(VAR_DIR / "private")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ACCOUNT_IMPORT_MAX_BYTES = 10 * 1024 * 1024
ACCOUNT_IMPORT_MAX_ROWS = 20_000

# 9. Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Bồi dưỡng Bình đẳng giới Quảng Ngãi"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Slugs are ASCII, folded from Vietnamese (lms.slugs, lms.text.ascii_slug).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No third-party requests from the admin (no CDN, weak connections): no Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The platform runs in offices without internet: the dashboard must not ask
# releases.wagtail.org for new versions.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Documents are always served by Django (Wagtail's serve view, the library's
# download view), never as a direct media URL: access rules must hold.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Uploads (lms.uploads): no SVG. An SVG is an XML document that may hold <script>
# and event handlers, run by the browser when the file is opened from its URL;
# Pillow cannot re-encode it, and no sanitiser is worth that risk for pictures
# a PNG does as well. Every image is decoded and re-encoded by Pillow.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # all frames counted
WAGTAILIMAGES_IMAGE_FORM_BASE = "lms.upload_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lms.upload_forms.DocumentForm"
UPLOAD_IMAGE_MAX_FRAMES = 100
# ZIP-based files (.zip, .xlsx, .docx, .pptx, .odt) are checked from their
# directory before anything opens them: members, expanded size, and the ratio
# of expanded to compressed size (per member and overall, once above the floor).
UPLOAD_ZIP_MAX_MEMBERS = 2_000
UPLOAD_ZIP_MAX_EXPANDED_BYTES = 200 * 1024 * 1024
UPLOAD_ZIP_MAX_RATIO = 100
UPLOAD_ZIP_RATIO_FLOOR_BYTES = 1024 * 1024
WAGTAIL_PASSWORD_RESET_ENABLED = True

# Wagtail's own background work (search index, reference index, image renditions)
# goes through django-tasks, NOT Celery: leave it on the Immediate backend. Our own
# domain work (mail, imports, certificates, reports) is Celery's.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Certificates' verification (certificates.signing, certificates.services.verification).
# The Ed25519 key that signs what /verify/ states: base64 of the 32 raw private
# bytes. Development and tests set a key file or a fixed key; production must set
# the key (signing refuses to invent one). Retired public keys stay published.
CERTIFICATES_SIGNING_KEY = env("CERTIFICATES_SIGNING_KEY", default="")
CERTIFICATES_SIGNING_KEY_FILE = None
CERTIFICATES_RETIRED_PUBLIC_KEYS = env.list(
    "CERTIFICATES_RETIRED_PUBLIC_KEYS", default=[]
)
# Lookups per client address: all of them, and of codes that do not exist.
CERTIFICATES_VERIFY_LIMIT = env.int("CERTIFICATES_VERIFY_LIMIT", default=60)
CERTIFICATES_VERIFY_WINDOW_SECONDS = 60
CERTIFICATES_VERIFY_MISS_LIMIT = env.int("CERTIFICATES_VERIFY_MISS_LIMIT", default=10)
CERTIFICATES_VERIFY_MISS_WINDOW_SECONDS = 15 * 60

# 10. Celery ----------------------------------------------------------------
# make run: kombu's filesystem transport under var/broker (no server to install).
# It supports fanout, so /healthz can ping the worker. Production: Redis.
# The host name means nothing to the filesystem transport, but without one kombu
# warns "No hostname was supplied" in every process that sends a task.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://localhost/")
BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A dead Redis costs a page at most these seconds: the task waits in the
        # outbox (lms/outbox.py) and is published when Redis is back. No retry
        # of the connection (kombu's default waits ~7 s); workers and beat
        # reconnect by their own loops.
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
        "max_retries": 0,
        # An unacknowledged task (its worker was killed) goes back to the queue
        # after this many seconds; longer than any task's time limit.
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60),
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 11 * 60
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {
    # Tasks kept in the outbox while the broker was down (lms/outbox.py).
    "lms-drain-outbox": {
        "task": "lms.tasks.drain_outbox_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Learners whose assigned course is due within a few days get one e-mail.
    "course-due-date-reminders": {
        "task": "courses.tasks.send_due_date_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # Timed quiz attempts left open past their deadline are submitted as they stand.
    "quiz-submit-overdue-attempts": {
        "task": "assessments.tasks.submit_overdue_attempts_task",
        "schedule": 60.0,
    },
    # Participants below a class's attendance threshold (half its sessions held)
    # are warned once, their trainers get a summary; after the day's sessions.
    "training-low-attendance-warnings": {
        "task": "training.tasks.queue_low_attendance_warnings_task",
        "schedule": crontab(hour=19, minute=0),
    },
    # Participants of tomorrow's sessions get one reminder each (the day before).
    "training-session-reminders": {
        "task": "training.tasks.send_session_reminders_task",
        "schedule": crontab(hour=16, minute=0),
    },
    # Managers of units that have not sent a periodic report are reminded 14, 7
    # and 1 days before it is due, each reminder once.
    "stats-report-reminders": {
        "task": "stats.tasks.send_report_reminders_task",
        "schedule": crontab(hour=7, minute=30),
    },
}

# Share of a lesson's estimated time a learner must spend before marking it complete.
COURSES_LESSON_TIME_SHARE = env.float("COURSES_LESSON_TIME_SHARE", default=0.5)

# Quizzes: seconds accepted after a timed attempt's deadline (a slow phone
# network still delivers the last autosave), and the largest question file.
ASSESSMENTS_GRACE_SECONDS = env.int("ASSESSMENTS_GRACE_SECONDS", default=30)
ASSESSMENTS_MAX_IMPORT_BYTES = 5 * 1024 * 1024

# 11. Mail ------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="no-reply@localhost")

# 12. Logging ---------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "lms.audit": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "people": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
