"""Progress of a long Celery job, shared through the cache.

The worker writes it there, not to the database, because its own transaction
is not visible to the web page until the job ends.
"""

from collections.abc import Callable

from django.core.cache import cache

PROGRESS_TIMEOUT_SECONDS = 6 * 60 * 60


def _key(kind: str, job_id: int) -> str:
    return f"{kind}:{job_id}:progress"


def job_progress_reporter(kind: str, job_id: int) -> Callable[[int, int], None]:
    """A callback the job calls with (done, total) as it goes."""

    def report(done: int, total: int) -> None:
        cache.set(
            _key(kind, job_id), {"done": done, "total": total}, PROGRESS_TIMEOUT_SECONDS
        )

    return report


def job_progress(kind: str, job_id: int) -> dict:
    """What the job last reported: {"done": …, "total": …}, or {} before it starts."""
    return cache.get(_key(kind, job_id)) or {}
