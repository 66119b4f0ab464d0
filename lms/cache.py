"""A Redis cache that lets pages render while Redis is down.

Django's RedisCache raises when Redis is unreachable, and sessions are read
through the cache (cached_db), so every page would fail with Redis. This one
treats a connection error as a miss (reads) or a no-op (writes), logs a warning
at most once a minute, and then leaves Redis alone for a few seconds, so a dead
server costs a page one short timeout at most rather than one per cache call.

A write that failed may have left an older value in Redis (a session that was
logged out, a page cache version): the keys are remembered, in this process, and
deleted as soon as Redis answers again, so no stale copy outlives the outage
(bounded; a process restarted meanwhile forgets them, see README "When a service
fails").
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("lms.cache")

UNAVAILABLE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
# After a failure, calls skip Redis for this long (seconds).
PAUSE_SECONDS = 5.0
WARNING_INTERVAL_SECONDS = 60.0
MAX_STALE_KEYS = 10_000
DEFAULT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


class _Outage:
    """What this process knows about one server's outage (shared by threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.paused_until = 0.0
        self.warned_at = -WARNING_INTERVAL_SECONDS
        self.stale_keys: set[str] = set()


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class _ForgivingClient:
    """Wraps Django's RedisCacheClient: each call answers even when Redis does not."""

    def __init__(self, client: Any, location: str) -> None:
        self._client = client
        self._location = location
        self._outage = _outage_for(location)

    def _failed(self, error: BaseException | None, keys: Iterable[str]) -> None:
        outage = self._outage
        now = time.monotonic()
        with outage.lock:
            room = MAX_STALE_KEYS - len(outage.stale_keys)
            if room > 0:
                outage.stale_keys.update(list(keys)[:room])
            if error is None:
                return
            outage.paused_until = now + PAUSE_SECONDS
            warn = now - outage.warned_at >= WARNING_INTERVAL_SECONDS
            if warn:
                outage.warned_at = now
        if warn:
            logger.warning(
                "cache at %s unavailable, served as a miss: %s", self._location, error
            )

    def _forget_stale(self) -> None:
        outage = self._outage
        with outage.lock:
            keys = list(outage.stale_keys)
            outage.stale_keys.clear()
        if keys:
            try:
                self._client.delete_many(keys)
            except UNAVAILABLE_ERRORS as error:
                self._failed(error, keys)
                raise
            logger.info(
                "cache at %s back; %d stale keys deleted", self._location, len(keys)
            )

    def _call(
        self,
        call: Callable[[], Any],
        failed: Callable[[], Any],
        written: Iterable[str] = (),
    ) -> Any:
        if time.monotonic() < self._outage.paused_until:
            self._failed(None, written)
            return failed()
        try:
            if self._outage.stale_keys:
                self._forget_stale()
            return call()
        except UNAVAILABLE_ERRORS as error:
            self._failed(error, written)
            return failed()

    def add(self, key: str, value: Any, timeout: Any) -> bool:
        return self._call(
            lambda: self._client.add(key, value, timeout), lambda: False, [key]
        )

    def get(self, key: str, default: Any) -> Any:
        return self._call(lambda: self._client.get(key, default), lambda: default)

    def set(self, key: str, value: Any, timeout: Any) -> None:
        self._call(lambda: self._client.set(key, value, timeout), lambda: None, [key])

    def touch(self, key: str, timeout: Any) -> bool:
        return self._call(lambda: self._client.touch(key, timeout), lambda: False)

    def delete(self, key: str) -> bool:
        return self._call(lambda: self._client.delete(key), lambda: False, [key])

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        keys = list(keys)
        return self._call(lambda: self._client.get_many(keys), dict)

    def has_key(self, key: str) -> bool:
        return self._call(lambda: self._client.has_key(key), lambda: False)

    def incr(self, key: str, delta: int) -> int:
        def missing() -> int:
            # What Django's caches say of a key that is not there.
            raise ValueError(f"Key '{key}' not found")

        return self._call(lambda: self._client.incr(key, delta), missing, [key])

    def set_many(self, data: dict[str, Any], timeout: Any) -> None:
        self._call(
            lambda: self._client.set_many(data, timeout), lambda: None, list(data)
        )

    def delete_many(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        self._call(lambda: self._client.delete_many(keys), lambda: None, keys)

    def clear(self) -> bool:
        return self._call(self._client.clear, lambda: False)


class _OneClientPerPool(RedisCacheClient):
    """Django's client makes a new redis.Redis for every cache call, copying its
    table of response callbacks each time: measured, a read took 220 µs that
    way against 130 µs with one client, four or five times on every signed-in
    page. A redis.Redis is
    safe to share between threads (it takes a connection from the pool only
    while a command runs), so one per pool is kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # django-stubs omits it
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = super().get_client(key, write=write)
        return client


class ForgivingRedisCache(RedisCache):
    """Django's RedisCache, but Redis being down is a miss, never an error."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = _OneClientPerPool

    @property
    def _cache(self) -> Any:
        client = self.__dict__.get("_forgiving_client")
        if client is None:
            # Attributes RedisCache.__init__ sets (django-stubs does not list them).
            servers = self.__dict__["_servers"]
            real = self.__dict__["_class"](servers, **self.__dict__["_options"])
            client = _ForgivingClient(real, ",".join(servers))
            self.__dict__["_forgiving_client"] = client
        return client
