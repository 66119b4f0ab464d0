"""Rate limiting of certificate lookups per client address (a cache counter).

Codes carry 192 random bits, so guessing one is hopeless anyway; the limit stops
anyone from hammering the page or harvesting names. Two counters per address:
every lookup (generous, for a desk checking a pile of certificates) and lookups
of codes that do not exist (strict: that is what guessing looks like).
"""

from django.conf import settings
from django.core.cache import cache


def _keys(address: str) -> tuple[str, str]:
    return f"cert-verify:all:{address}", f"cert-verify:miss:{address}"


def _count(key: str, window: int) -> None:
    cache.add(key, 0, window)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)


def verification_is_throttled(*, address: str) -> bool:
    every, misses = _keys(address)
    return (cache.get(every) or 0) >= settings.CERTIFICATES_VERIFY_LIMIT or (
        cache.get(misses) or 0
    ) >= settings.CERTIFICATES_VERIFY_MISS_LIMIT


def verification_lookup_record(*, address: str, found: bool) -> None:
    every, misses = _keys(address)
    _count(every, settings.CERTIFICATES_VERIFY_WINDOW_SECONDS)
    if not found:
        _count(misses, settings.CERTIFICATES_VERIFY_MISS_WINDOW_SECONDS)
