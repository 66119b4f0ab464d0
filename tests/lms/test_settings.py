"""Production refuses to start without its secrets and passes the deploy checks.

Each case runs in a fresh interpreter, since settings are read once per process.
"""

import base64
import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

BASE_DIR = settings.BASE_DIR
REQUIRED = [
    "SECRET_KEY",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "ALLOWED_HOSTS",
    "CERTIFICATES_SIGNING_KEY",
]


def production_env(tmp_path, **overrides):
    """A clean environment: nothing inherited but PATH, and every required key
    given (an empty string counts as missing and also hides a local .env)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "CELERY_BROKER_URL": "memory://",
        "ALLOWED_HOSTS": "boiduong.example.gov.vn",
        "CERTIFICATES_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    }
    env.update(overrides)
    return env


def run_python(env, *args):
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_import_in_a_cleaned_environment(tmp_path):
    if (BASE_DIR / ".env").exists():
        pytest.skip("a local .env would supply what the cleaned environment lacks")
    env = production_env(tmp_path)
    for name in REQUIRED:
        del env[name]

    result = run_python(env, "-c", "import lms.settings.production")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for name in REQUIRED:
        assert name in result.stderr


def test_production_treats_empty_variables_as_missing(tmp_path):
    env = production_env(tmp_path, **dict.fromkeys(REQUIRED, ""))

    result = run_python(env, "-c", "import lms.settings.production")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for name in REQUIRED:
        assert name in result.stderr


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_names_the_one_missing_variable(tmp_path, missing):
    env = production_env(tmp_path, **{missing: ""})

    result = run_python(env, "-c", "import lms.settings.production")

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured")
    assert missing in last_line
    for other in set(REQUIRED) - {missing}:
        assert other not in last_line


def test_production_passes_check_deploy_with_no_warnings(tmp_path):
    env = production_env(tmp_path)

    result = run_python(
        env, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )

    assert result.returncode == 0, result.stdout + result.stderr
    # Only the HSTS preload warning is silenced, while preload is off (argued there).
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_production_with_preload_asked_for_silences_nothing(tmp_path):
    env = production_env(tmp_path, SECURE_HSTS_PRELOAD="true")

    result = run_python(
        env, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_check_deploy_fails_when_a_protection_is_off(tmp_path):
    # The CI step can fail: plain cookies are a deploy warning.
    env = production_env(tmp_path, SECURE_COOKIES="false")

    result = run_python(
        env, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )

    assert result.returncode != 0
    assert "security.W012" in result.stderr
    assert "security.W016" in result.stderr


def read_production_settings(env):
    script = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({"
        "'DEBUG': s.DEBUG, 'SECRET_KEY': s.SECRET_KEY, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS,"
        "'ENGINE': s.DATABASES['default']['ENGINE'],"
        "'BROKER': s.CELERY_BROKER_URL,"
        "'CACHE': s.CACHES['default']['BACKEND'],"
        "'STATIC': s.STORAGES['staticfiles']['BACKEND'],"
        "'SESSION_COOKIE_SECURE': s.SESSION_COOKIE_SECURE,"
        "'CSRF_COOKIE_SECURE': s.CSRF_COOKIE_SECURE,"
        "'HSTS': s.SECURE_HSTS_SECONDS, 'SSL_REDIRECT': s.SECURE_SSL_REDIRECT,"
        "'HSTS_SUBDOMAINS': s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        "'HSTS_PRELOAD': s.SECURE_HSTS_PRELOAD,"
        "'PROXY_SSL_HEADER': s.SECURE_PROXY_SSL_HEADER,"
        "'REFERRER_POLICY': s.SECURE_REFERRER_POLICY,"
        "'X_FRAME_OPTIONS': s.X_FRAME_OPTIONS,"
        "'NOSNIFF': s.SECURE_CONTENT_TYPE_NOSNIFF,"
        "'CSRF_TRUSTED_ORIGINS': s.CSRF_TRUSTED_ORIGINS,"
        "'MIDDLEWARE': s.MIDDLEWARE}))"
    )
    result = run_python(env, "-c", script)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_takes_its_values_from_the_environment_only(tmp_path):
    env = production_env(tmp_path)

    values = read_production_settings(env)

    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == env["SECRET_KEY"]
    assert values["ALLOWED_HOSTS"] == ["boiduong.example.gov.vn"]
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["BROKER"] == "memory://"
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SSL_REDIRECT"] is True
    assert values["HSTS"] >= 60 * 60 * 24 * 365
    assert "Manifest" in values["STATIC"]


def test_production_security_headers_by_default(tmp_path):
    values = read_production_settings(production_env(tmp_path))

    assert values["HSTS"] == 60 * 60 * 24 * 365
    assert values["HSTS_SUBDOMAINS"] is True
    assert values["HSTS_PRELOAD"] is False
    assert values["PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["NOSNIFF"] is True
    assert values["CSRF_TRUSTED_ORIGINS"] == []
    assert "lms.csp.ContentSecurityPolicyMiddleware" in values["MIDDLEWARE"]


def test_production_security_switches_come_from_the_environment(tmp_path):
    env = production_env(
        tmp_path,
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="true",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_SCHEME",
        CSRF_TRUSTED_ORIGINS="https://boiduong.example.gov.vn,https://lms.example.vn",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
    )

    values = read_production_settings(env)

    assert values["HSTS_SUBDOMAINS"] is False
    assert values["HSTS_PRELOAD"] is True
    assert values["PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_SCHEME", "https"]
    assert values["CSRF_TRUSTED_ORIGINS"] == [
        "https://boiduong.example.gov.vn",
        "https://lms.example.vn",
    ]
    assert values["SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is False


def test_production_trusts_no_proxy_header_when_told_there_is_none(tmp_path):
    env = production_env(tmp_path, SECURE_PROXY_SSL_HEADER="off")

    assert read_production_settings(env)["PROXY_SSL_HEADER"] is None


def test_production_caches_in_redis_when_redis_is_the_broker(tmp_path):
    env = production_env(tmp_path, CELERY_BROKER_URL="redis://127.0.0.1:6379/0")

    # Django's RedisCache, made to serve a miss when Redis is down (lms/cache.py).
    assert read_production_settings(env)["CACHE"] == "lms.cache.ForgivingRedisCache"


def test_production_cache_shared_by_processes_with_another_broker(tmp_path):
    # The login throttle counts failures in the cache: never per-process memory.
    env = production_env(tmp_path, CELERY_BROKER_URL="memory://")

    assert "locmem" not in read_production_settings(env)["CACHE"].lower()


def test_base_settings_keep_debug_off_and_no_secret(tmp_path):
    result = run_python(
        production_env(
            tmp_path, DJANGO_SETTINGS_MODULE="lms.settings.base", SECRET_KEY=""
        ),
        "-c",
        "from lms.settings import base; print(base.DEBUG, repr(base.SECRET_KEY))",
    )

    assert result.stdout.split() == ["False", "''"]


def test_test_profile_runs_celery_eagerly_and_fast():
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert settings.CELERY_TASK_EAGER_PROPAGATES is True
    assert settings.PASSWORD_HASHERS == [
        "django.contrib.auth.hashers.MD5PasswordHasher"
    ]
    assert settings.DEBUG is False
