"""Outgoing mail through Celery, so that no request waits for the mail server.

`CeleryEmailBackend` is Django's EMAIL_BACKEND when a broker is configured: it turns each
message into plain JSON data and enqueues `portal.tasks.send_email` once the surrounding
transaction commits (a rolled-back request sends nothing). The task rebuilds the message and
hands it to the real backend named by CELERY_EMAIL_BACKEND (SMTP from EMAIL_URL by default).
"""

import base64
import logging
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# Attachments travel inside the broker message: larger ones belong in storage, not in Redis.
MAX_ATTACHMENT_BYTES = 1024 * 1024


class AttachmentTooLarge(ValueError):
    pass


def site_url(path: str = "") -> str:
    """The absolute address of `path` on this site, for mails and feeds (no request there)."""
    return settings.SITE_URL.rstrip("/") + path


def render_mail(template: str, context: dict) -> tuple[str, str]:
    """The subject (`<template>_subject.txt`) and body (`<template>.txt`) of a mail to a
    citizen, in the portal's language whatever the page that sent it."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def message_to_dict(message: EmailMessage) -> dict:
    """The message as JSON-serialisable data (text, addresses, alternatives, small files)."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise TypeError("MIME attachments cannot be queued; attach (filename, content, type).")
        filename, content, mimetype = attachment
        data = content.encode() if isinstance(content, str) else bytes(content)
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise AttachmentTooLarge(
                f"The attachment {filename} has {len(data)} bytes; "
                f"at most {MAX_ATTACHMENT_BYTES} can be queued."
            )
        attachments.append(
            {
                "filename": filename,
                "content": base64.b64encode(data).decode("ascii"),
                "mimetype": mimetype,
            }
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def message_from_dict(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data.get("headers") or {},
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    for attachment in data.get("attachments", []):
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


def real_connection(**kwargs):
    """A connection of the backend that really delivers mail."""
    return get_connection(backend=settings.CELERY_EMAIL_BACKEND, **kwargs)


class CeleryEmailBackend(BaseEmailBackend):
    """Queues every message as a Celery task after the current transaction commits, through
    the outbox, so that a message written while the broker is down is sent once it is back."""

    def send_messages(self, email_messages) -> int:
        from .outbox import enqueue
        from .tasks import send_email

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = message_to_dict(message)
            enqueue(send_email, data)
            count += 1
        return count
