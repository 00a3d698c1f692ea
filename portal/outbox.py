"""Queued work that survives a broker outage (the transactional outbox pattern).

`enqueue(task, *args)` replaces `transaction.on_commit(lambda: task.delay(*args))`: it writes an
`OutboxTask` row in the caller's transaction, and sends it after the commit. A send that the
broker refuses leaves the row, which `send_pending()` sends later: every minute from beat, and
whenever a worker starts. Tasks sent this way must be idempotent (they may, rarely, run twice).
"""

import logging
from datetime import timedelta

from celery import current_app
from django.db import connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from .models import OutboxTask

logger = logging.getLogger(__name__)

# A fresh row is sent by its own request after the commit; the sweep leaves it that long.
SWEEP_GRACE = timedelta(seconds=10)
SWEEP_BATCH = 500


def enqueue(task, *args, **kwargs) -> None:
    """Sends `task(*args, **kwargs)` to the broker once the current transaction commits."""
    if current_app.conf.task_always_eager:
        # No broker (the embedded default): nothing can be down, run it after the commit.
        transaction.on_commit(lambda: task.apply_async(args, kwargs))
        return
    row = OutboxTask.objects.create(task=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: send(row.pk))


def send(pk: int) -> bool:
    """Publishes one waiting row and deletes it; False if it is gone or the broker refused."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Deleting a sent row need not wait for the disk: after a crash the row is back
            # and the sweep sends it again, which the tasks here must bear anyway. The request
            # that queued it (a comment form, a mail) answers that much sooner.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        row = OutboxTask.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        if row is None:  # already sent by the sweep, or being sent right now
            return False
        try:
            current_app.tasks[row.task].apply_async(row.args, row.kwargs)
        except (OperationalError, OSError) as error:
            row.attempts += 1
            row.last_error = f"{type(error).__name__}: {error}"[:1000]
            row.save(update_fields=["attempts", "last_error"])
            logger.warning("Broker refused %s; it waits in the outbox: %s", row, error)
            return False
        row.delete()
        return True


def send_pending() -> int:
    """Sends every row older than the grace period, oldest first; returns how many went."""
    due = OutboxTask.objects.filter(created_at__lte=timezone.now() - SWEEP_GRACE)
    sent = 0
    for pk in due.order_by("pk").values_list("pk", flat=True)[:SWEEP_BATCH]:
        if not send(pk):
            break  # the broker is still down: the next sweep tries again
        sent += 1
    return sent
