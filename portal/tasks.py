"""The portal's own Celery tasks: thin wrappers that take primary keys or plain values."""

import logging
import smtplib

from celery import shared_task

from . import search
from .mail import message_from_dict, real_connection

logger = logging.getLogger(__name__)

# Errors worth another try: the mail server was down, busy or refused us for now (smtplib's
# errors and socket timeouts are all OSErrors). Refused recipients will not change by waiting.
MAIL_RETRY_ERRORS = (OSError,)
MAIL_PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused,)


@shared_task(
    name="portal.tasks.send_email",
    acks_late=True,
    autoretry_for=MAIL_RETRY_ERRORS,
    dont_autoretry_for=MAIL_PERMANENT_ERRORS,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def send_email(data: dict) -> int:
    """Sends one queued message (see portal.mail) with the real mail backend."""
    with real_connection(fail_silently=False) as connection:
        return connection.send_messages([message_from_dict(data)])


@shared_task
def rebuild_search_index(area: str | None = None) -> int:
    """Rebuilds the site search index (or one area's part of it); safe to run again."""
    return search.rebuild(area)


@shared_task
def send_outbox() -> int:
    """Sends the queued work that waited for the broker (portal.outbox)."""
    from .outbox import send_pending

    return send_pending()


@shared_task
def refresh_open_data(name: str, delay: float) -> None:
    """Sent (through the outbox) when a dataset's content changed: its files are written
    `delay` seconds later, so that the rest of a burst of changes joins the same run."""
    generate_open_data.apply_async((name,), countdown=delay)


@shared_task
def generate_open_data(name: str) -> None:
    """Writes one dataset's CSV and JSON files (portal.opendata); safe to run again."""
    from . import opendata

    opendata.mark_started(name)
    opendata.generate(name)


@shared_task
def generate_all_open_data() -> int:
    """Writes every dataset's files again (nightly): what changed without a publication, such
    as an issuer's renamed, is in tomorrow's files."""
    from . import opendata

    names = [dataset.name for dataset in opendata.registry.datasets()]
    for name in names:
        opendata.mark_started(name)
        opendata.generate(name)
    return len(names)
