"""Redis down: the cache (lms/cache.py) answers as a miss and pages still render."""

import logging

import pytest
import redis
from django.core.cache import caches
from django.urls import reverse

from lms import cache as lms_cache
from lms.cache import ForgivingRedisCache
from lms.settings.base import forgive_redis_down

# A port nothing listens on: every connection is refused at once.
DEAD_REDIS = "redis://127.0.0.1:6390/15"


@pytest.fixture(autouse=True)
def _fresh_outages(monkeypatch):
    monkeypatch.setattr(lms_cache, "_outages", {})


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "lms.cache.ForgivingRedisCache", "LOCATION": DEAD_REDIS}
    }
    # A page served from the cache would not touch Redis's absence.
    settings.PAGE_CACHE_SECONDS = 120
    return caches["default"]


def test_redis_urls_get_the_forgiving_backend_and_others_stay():
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }
    assert forgive_redis_down(redis_cache)["BACKEND"] == (
        "lms.cache.ForgivingRedisCache"
    )
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    assert forgive_redis_down(dict(locmem)) == locmem


def test_every_call_answers_as_a_miss_when_redis_is_down(dead_cache, caplog):
    assert isinstance(dead_cache, ForgivingRedisCache)
    with caplog.at_level(logging.WARNING, logger="lms.cache"):
        assert dead_cache.get("k") is None
        assert dead_cache.get("k", "default") == "default"
        dead_cache.set("k", 1)
        assert dead_cache.add("k", 1) is False
        assert dead_cache.get_many(["a", "b"]) == {}
        assert dead_cache.set_many({"a": 1}) == []
        assert dead_cache.delete("k") is False
        dead_cache.delete_many(["a", "b"])
        assert dead_cache.has_key("k") is False
        assert dead_cache.touch("k") is False
        with pytest.raises(ValueError):
            dead_cache.incr("k")
    # One warning, not one per call.
    warnings = [r for r in caplog.records if r.name == "lms.cache"]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage()


def test_django_redis_cache_alone_would_fail(settings):
    """The case lms.cache exists for: Django's own backend raises."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
        }
    }
    with pytest.raises(redis.exceptions.ConnectionError):
        caches["default"].get("k")


@pytest.mark.django_db
def test_pages_render_with_redis_down(dead_cache, home_page, course_index, learner):
    from django.test import Client

    anonymous = Client()
    assert anonymous.get("/").status_code == 200
    # The catalogue is the course index page (a redirect leads to it).
    catalogue = anonymous.get(reverse("courses:catalogue"), follow=True)
    assert catalogue.status_code == 200
    assert catalogue.redirect_chain

    signed_in = Client()
    signed_in.force_login(learner)  # the session goes to the database only
    response = signed_in.get(reverse("courses:dashboard"))
    assert response.status_code == 200
    assert response.wsgi_request.user == learner


@pytest.mark.django_db
def test_pages_fail_with_djangos_own_backend_on_a_dead_redis(
    settings, home_page, client
):
    """The same page with Django's backend: the failure lms.cache prevents."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
        }
    }
    settings.PAGE_CACHE_SECONDS = 120
    with pytest.raises(redis.exceptions.ConnectionError):
        client.get("/")


class FlakyClient:
    """Django's Redis client stand-in: down until told otherwise."""

    def __init__(self) -> None:
        self.down = True
        self.data: dict[str, object] = {}
        self.deleted: list[list[str]] = []

    def _check(self) -> None:
        if self.down:
            raise redis.exceptions.ConnectionError("Error 111 connecting")

    def get(self, key, default):
        self._check()
        return self.data.get(key, default)

    def set(self, key, value, timeout):
        self._check()
        self.data[key] = value

    def delete(self, key):
        self._check()
        return self.data.pop(key, None) is not None

    def delete_many(self, keys):
        self._check()
        self.deleted.append(sorted(keys))
        for key in keys:
            self.data.pop(key, None)


def test_keys_written_during_the_outage_are_deleted_when_redis_is_back(monkeypatch):
    """A session logged out while Redis was down must not come back from Redis."""
    monkeypatch.setattr(lms_cache, "PAUSE_SECONDS", 0.0)
    backend = ForgivingRedisCache("redis://127.0.0.1:6390/15", {})
    flaky = FlakyClient()
    flaky.down = False
    monkeypatch.setattr(backend, "_class", lambda *args, **kwargs: flaky)
    backend.set("session", "signed in")
    key = backend.make_key("session")
    assert flaky.data == {key: "signed in"}

    flaky.down = True
    assert backend.delete("session") is False  # the logout, Redis unreachable
    assert backend.get("session") is None

    flaky.down = False
    assert backend.get("session") is None  # not the stale "signed in"
    assert flaky.deleted == [[key]]
    assert backend.get("other") is None
    assert flaky.deleted == [[key]]  # once


def test_after_a_failure_redis_is_left_alone_for_a_pause(monkeypatch):
    backend = ForgivingRedisCache("redis://127.0.0.1:6390/15", {})
    flaky = FlakyClient()
    monkeypatch.setattr(backend, "_class", lambda *args, **kwargs: flaky)
    calls = []
    original = flaky.get

    def counting_get(key, default):
        calls.append(key)
        return original(key, default)

    flaky.get = counting_get
    assert backend.get("a") is None
    assert backend.get("b") is None
    assert len(calls) == 1  # the second call did not wait on a dead server


def test_one_redis_client_serves_every_call(dead_cache):
    """Django's client makes a redis.Redis per call; lms.cache keeps one per pool."""
    client = dead_cache._cache._client

    assert client.get_client() is client.get_client()
    assert client.get_client(write=True) is client.get_client()
