"""Writes of the anticorruption app: keyword-only, each in one transaction."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError  # noqa: F401 (raised by sanitize)
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.selectors import legal_limit
from portal.storage import private

from . import crypto, receipts, sanitize
from .models import Tip, TipAttachment, TipEvent, TipMessage, TipNote
from .selectors import limit_end

FIRST_HANDLING_LIMIT = "denunciation-acceptance"
RETENTION_LIMIT = "anonymous-report-retention"


def _attach(*, tip, message, files) -> None:
    """Each (uploaded file, kind) stripped of its metadata, sealed, stored under a random name."""
    for uploaded, kind in files:
        uploaded.seek(0)
        data = sanitize.clean(uploaded.read(), kind)
        attachment = TipAttachment(
            tip=tip,
            message=message,
            name=crypto.seal_text(f"tep-dinh-kem.{'jpg' if kind == 'jpeg' else kind}"),
            kind="jpg" if kind == "jpeg" else kind,
        )
        attachment.file.save("sealed", ContentFile(crypto.seal(data)), save=False)
        attachment.save()
        _day_only(attachment.file)


def _day_only(field_file) -> None:
    """The file's times on disk say the day, not the second it arrived (as the rows do)."""
    import os
    from datetime import datetime, time

    try:
        path = field_file.path
    except NotImplementedError:
        return
    midnight = datetime.combine(timezone.localdate(), time()).timestamp()
    os.utime(path, (midnight, midnight))


@transaction.atomic
def tip_create(*, content: str, files=()) -> tuple[Tip, str]:
    """A new anonymous report; returns it with its receipt, which is never stored."""
    receipt = receipts.new_receipt()
    today = timezone.localdate()
    tip = Tip.objects.create(
        receipt_hash=receipts.receipt_hash(receipt),
        received_on=today,
        due_on=limit_end(FIRST_HANDLING_LIMIT, today),
        content=crypto.seal_text(content),
        reporter_key=crypto.reporter_public_bytes(receipts.normalise(receipt)),
    )
    _attach(tip=tip, message=None, files=files)
    return tip, receipt


def tip_from_receipt(receipt: str) -> Tip | None:
    if len(receipts.normalise(receipt)) != receipts.RECEIPT_BYTES * 8 // 5:
        return None
    return Tip.objects.filter(receipt_hash__in=receipts.receipt_hashes(receipt)).first()


def _for_reporter(tip: Tip, body: str) -> bytes:
    return crypto.seal(body.encode(), crypto.public_from_bytes(tip.reporter_key))


def reporter_thread(tip: Tip, receipt: str) -> list[dict]:
    """The messages of the report as the reporter reads them, opened with the receipt."""
    key = crypto.reporter_private_key(receipts.normalise(receipt))
    return [
        {
            "sender": message.sender,
            "sender_label": message.get_sender_display(),
            "sent_on": message.sent_on,
            "body": crypto.unseal_text(message.reporter_copy, key),
            "files": message.attachments.count(),
        }
        for message in tip.messages.all()
    ]


@transaction.atomic
def reporter_message(*, tip: Tip, body: str, files=()) -> TipMessage:
    message = TipMessage.objects.create(
        tip=tip,
        sender=TipMessage.Sender.REPORTER,
        body=crypto.seal_text(body),
        reporter_copy=_for_reporter(tip, body),
        sent_on=timezone.localdate(),
    )
    _attach(tip=tip, message=message, files=files)
    return message


@transaction.atomic
def inspector_answer(*, tip: Tip, body: str, user) -> TipMessage:
    today = timezone.localdate()
    message = TipMessage.objects.create(
        tip=tip,
        sender=TipMessage.Sender.INSPECTOR,
        body=crypto.seal_text(body),
        reporter_copy=_for_reporter(tip, body),
        sent_on=today,
        author=user,
    )
    if tip.first_answer_on is None:
        tip.first_answer_on = today
        tip.save(update_fields=["first_answer_on"])
    TipEvent.objects.create(tip=tip, actor=user, action=TipEvent.Action.ANSWER)
    return message


@transaction.atomic
def note_add(*, tip: Tip, body: str, user) -> TipNote:
    note = TipNote.objects.create(tip=tip, author=user, body=crypto.seal_text(body))
    TipEvent.objects.create(tip=tip, actor=user, action=TipEvent.Action.NOTE)
    return note


STATUS_DAY_FIELD = {
    Tip.Status.VERIFYING: "verifying_on",
    Tip.Status.REFERRED: "referred_on",
    Tip.Status.CONCLUDED: "concluded_on",
    Tip.Status.CLOSED: "closed_on",
}


@transaction.atomic
def status_change(*, tip: Tip, status: str, user, referred_to: str = "") -> None:
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    today = timezone.localdate()
    tip.status = status
    field = STATUS_DAY_FIELD.get(status)
    if field and getattr(tip, field) is None:
        setattr(tip, field, today)
    if status == Tip.Status.REFERRED:
        tip.referred_to = referred_to
        TipEvent.objects.create(
            tip=tip, actor=user, action=TipEvent.Action.REFERRAL, detail=referred_to[:300]
        )
    tip.save()
    TipEvent.objects.create(
        tip=tip, actor=user, action=TipEvent.Action.STATUS, detail=Tip.Status(status).label
    )


def destruction_due(today: date | None = None):
    """Closed or concluded reports whose retention period has ended, content not yet destroyed."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=legal_limit(RETENTION_LIMIT).value)
    return Tip.objects.filter(destroyed_on__isnull=True).filter(
        Q(closed_on__lte=cutoff) | Q(closed_on__isnull=True, concluded_on__lte=cutoff)
    )


@transaction.atomic
def tip_destroy(*, tip: Tip, user=None) -> str:
    """Destroys the report's content, messages, attachments (their files too) and notes; the
    trail keeps what was destroyed and when. Returns the trail's detail."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    counts = {
        "messages": tip.messages.count(),
        "attachments": tip.attachments.count(),
        "notes": tip.notes.count(),
    }
    files = [a.file.name for a in tip.attachments.all()]
    tip.attachments.all().delete()
    tip.messages.all().delete()
    tip.notes.all().delete()
    tip.content = b""
    tip.reporter_key = b""
    tip.destroyed_on = timezone.localdate()
    tip.save(update_fields=["content", "reporter_key", "destroyed_on"])
    # Kept as the trail's text, which inspectors read: in the portal's language, whoever (or
    # whichever nightly task) destroys it.
    with translation.override(settings.LANGUAGE_CODE):
        detail = (
            _("content, %(messages)d messages, %(attachments)d attachments, %(notes)d notes")
            % counts
        )
    TipEvent.objects.create(tip=tip, actor=user, action=TipEvent.Action.DESTROYED, detail=detail)

    def remove_files():
        for name in files:
            private().delete(name)

    transaction.on_commit(remove_files)
    return detail


def destroy_expired() -> int:
    done = 0
    for tip in destruction_due():
        tip_destroy(tip=tip)
        done += 1
    return done
