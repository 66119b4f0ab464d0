"""Several requests at once, for real: threads with their own database connections.

PostgreSQL (`make test-services`, CI's second run) queues a second writer on the
row lock or the unique constraint. SQLite's shared in-memory test database
answers it "table is locked" at once where a file database would wait
(busy_timeout), and can refuse every writer of a crowd: `retrying_when_locked`
repeats the click, as the busy timeout would, so each race checks the service's
own rules on both databases.
"""

import random
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import OperationalError, connection, connections


def run_together(count: int, work: Callable[[int], Any], timeout: float = 300):
    """Start `count` threads at one barrier, `work(index)` in each; returns what
    each returned or raised, in order."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def target(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001  (reported to the test)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


def retrying_when_locked(action: Callable[[], Any], patience: float = 240):
    """`action()`, repeated while SQLite says the table is locked; any other
    error, and every error on PostgreSQL, is raised at once."""
    deadline = time.monotonic() + patience
    while True:
        try:
            return action()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.01, 0.1))
