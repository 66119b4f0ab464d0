"""A transactional outbox: no task is lost when the broker (Redis) is down.

`some_task.delay_on_commit(...)` (every call site in the apps) writes an
`OutboxMessage` row in the caller's own transaction, so the task exists exactly
when the records it is about exist. Once the transaction commits the row is
published at once (no retrying, short socket timeouts: a page never waits on a
dead broker) and deleted. If the broker refuses, the row stays, and
`outbox_drain()` publishes it later: the beat task `lms.tasks.drain_outbox_task`
every minute and `manage.py drain_outbox`.

Rows are published under `SELECT ... FOR UPDATE SKIP LOCKED` (PostgreSQL;
SQLite's IMMEDIATE transactions serialise writers instead), so two drains, or a
drain and the commit hook, never publish the same row both. A publish that
reached the broker just before the process died, row not yet deleted, is sent
again with the same task id: tasks are idempotent (DESIGN.md §5).

With `task_always_eager` (the test profile) nothing is queued: tasks run on
commit as Celery's DjangoTask runs them.
"""

import json
import logging
import uuid
from typing import Any

from celery import current_app
from celery.contrib.django.task import DjangoTask
from django.db import transaction
from kombu.utils.json import dumps as kombu_dumps
from kombu.utils.json import loads as kombu_loads

logger = logging.getLogger("lms.outbox")

DRAIN_BATCH = 100


def _to_json(value: Any) -> Any:
    """Plain JSON for the row, in kombu's encoding (typed values tagged)."""
    return json.loads(kombu_dumps(value))


def _from_json(value: Any) -> Any:
    return kombu_loads(json.dumps(value))


class OutboxTask(DjangoTask):
    """The app's task class (lms.celery): `*_on_commit` go through the outbox."""

    def delay_on_commit(self, *args: Any, **kwargs: Any) -> None:
        self.apply_async_on_commit(args, kwargs)

    def apply_async_on_commit(
        self,
        args: Any = None,
        kwargs: Any = None,
        **options: Any,
    ) -> None:
        if self.app.conf.task_always_eager:
            super().apply_async_on_commit(args, kwargs, **options)
            return
        message_id = outbox_message_create(
            task_name=self.name,
            args=list(args or ()),
            kwargs=dict(kwargs or {}),
            options=options,
        )
        transaction.on_commit(lambda: outbox_publish_one(message_id=message_id))


def outbox_message_create(
    *,
    task_name: str,
    args: list[Any],
    kwargs: dict[str, Any],
    options: dict[str, Any],
) -> int:
    """Write the task's row in the current transaction; its id."""
    from lms.models import OutboxMessage

    options = dict(options)
    task_id = str(options.pop("task_id", None) or uuid.uuid4())
    message = OutboxMessage.objects.create(
        task_name=task_name,
        task_id=task_id,
        args=_to_json(args),
        kwargs=_to_json(kwargs),
        options=_to_json(options),
    )
    return message.pk


def _publish(message: Any) -> None:
    """Send one row to the broker, once, without waiting for a dead one."""
    app = current_app
    args = _from_json(message.args)
    kwargs = _from_json(message.kwargs)
    options = {**_from_json(message.options), "task_id": message.task_id}
    task = app.tasks.get(message.task_name)
    # retry=False: kombu would otherwise retry the connection, holding the page.
    if task is None:
        app.send_task(message.task_name, args, kwargs, retry=False, **options)
    else:
        task.apply_async(args, kwargs, retry=False, **options)


def outbox_publish_one(*, message_id: int) -> bool:
    """Publish one row now unless a drain holds it; True when it went out.

    Run after the caller's commit: a broker that is down is logged, never
    raised, for the row keeps the task until a drain publishes it.
    """
    from lms.models import OutboxMessage

    try:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=message_id)
                .first()
            )
            if message is None:
                return False
            _publish(message)
            message.delete()
    except Exception as error:  # noqa: BLE001 - the caller's work has committed
        logger.warning(
            "task kept in the outbox (message %s): broker unavailable: %s",
            message_id,
            error,
        )
        return False
    return True


def outbox_drain(*, limit: int | None = None) -> tuple[int, int]:
    """Publish waiting rows, oldest first; (published, still waiting).

    Stops at the first refusal: the broker is down, and every other row would
    only wait for the same timeout.
    """
    from lms.models import OutboxMessage

    published = 0
    failed = False
    while not failed and (limit is None or published < limit):
        size = DRAIN_BATCH if limit is None else min(DRAIN_BATCH, limit - published)
        sent: list[int] = []
        with transaction.atomic():
            batch = list(
                OutboxMessage.objects.select_for_update(skip_locked=True).order_by(
                    "pk"
                )[:size]
            )
            if not batch:
                break
            for message in batch:
                try:
                    _publish(message)
                except Exception as error:  # noqa: BLE001 - kept for the next drain
                    logger.warning(
                        "outbox drain stopped (message %s, task %s): %s",
                        message.pk,
                        message.task_name,
                        error,
                    )
                    failed = True
                    break
                sent.append(message.pk)
            # The ones that went out leave, even when a later one was refused.
            OutboxMessage.objects.filter(pk__in=sent).delete()
        published += len(sent)
    return published, OutboxMessage.objects.count()
