"""Every write of the transparency app. Views, the admin, imports and tasks call these."""

import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.caching import bump_content_version
from portal.outbox import enqueue
from portal.search import index_object
from portal.text_extraction import MAX_TEXT_CHARS, docx_text, pdf_text, read_limited

from . import tasks
from .doc_text import doc_text
from .forms import check_attachment
from .models import Attachment, Document, DocumentViewCount, Publication

logger = logging.getLogger(__name__)

PAGE_NAMESPACE = "transparency"
PUBLISH_PERMISSION = "transparency.publish_document"


def _after_commit(obj) -> None:
    """Public pages and the search index follow the object once the transaction commits."""

    def refresh():
        bump_content_version(PAGE_NAMESPACE)
        index_object(obj)

    transaction.on_commit(refresh)


def _check_can_publish(user) -> None:
    if user is not None and not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only editors can publish or unpublish."))


def _record(obj, user, reason: str) -> None:
    obj._change_reason = reason
    if user is not None and user.is_authenticated:
        obj._history_user = user


@transaction.atomic
def item_save(*, item, user=None, reason: str = "") -> None:
    """Saves a document, planning, explainer or question edited by staff."""
    _record(item, user, reason)
    item.save()
    _after_commit(item)


@transaction.atomic
def item_publish(*, item, user=None, at: datetime | None = None) -> None:
    """Publishes now, or schedules the publication when `at` is in the future.
    `user` None means the system (the scheduled-publication task)."""
    _check_can_publish(user)
    now = timezone.now()
    if at is not None and at > now:
        item.publication = Publication.SCHEDULED
        item.publish_at = at
        _record(item, user, _("Publication scheduled"))
    else:
        item.publication = Publication.PUBLISHED
        item.published_at = item.publish_at if item.publish_at and item.publish_at <= now else now
        item.publish_at = None
        item.unpublish_reason = ""
        _record(item, user, _("Published"))
    item.save()
    _after_commit(item)


@transaction.atomic
def item_unpublish(*, item, user=None, reason: str) -> None:
    _check_can_publish(user)
    if not reason.strip():
        raise ValidationError(_("Give the reason for unpublishing."))
    item.publication = Publication.UNPUBLISHED
    item.publish_at = None
    item.unpublish_reason = reason.strip()
    _record(item, user, _("Unpublished: %(reason)s") % {"reason": reason.strip()})
    item.save()
    _after_commit(item)


def publish_due_items() -> int:
    """Publishes every scheduled item whose time has come; returns how many."""
    from .models import Explainer, Planning, Question

    count = 0
    for model in (Document, Planning, Explainer, Question):
        for pk in model.objects.due().values_list("pk", flat=True):
            with transaction.atomic():
                item = model.objects.select_for_update().get(pk=pk)
                if item.publication == Publication.SCHEDULED:
                    item_publish(item=item, user=None)
                    count += 1
    return count


@transaction.atomic
def attachment_add(
    *, document: Document, uploaded, title: str = "", is_full_text: bool = True, user=None
) -> Attachment:
    file_format = check_attachment(uploaded)
    attachment = Attachment(
        document=document,
        title=title,
        original_name=uploaded.name.rsplit("/", 1)[-1][:255],
        format=file_format,
        size=uploaded.size,
        is_full_text=is_full_text,
    )
    attachment.file.save(uploaded.name, uploaded, save=False)
    attachment.save()
    enqueue(tasks.extract_attachment_text, attachment.pk)
    _after_commit(document)
    return attachment


@transaction.atomic
def attachment_update(*, attachment: Attachment) -> None:
    """Saves a staff edit of an attachment's title or full-text flag."""
    attachment.save(update_fields=["title", "is_full_text"])
    _after_commit(attachment.document)


@transaction.atomic
def attachment_delete(*, attachment: Attachment) -> None:
    """Removes the attachment and its file; the document's search entry drops its text."""
    document = attachment.document
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.delete(save=False))
    _after_commit(document)


def extract_text(attachment: Attachment) -> str:
    with attachment.file.open("rb") as handle:
        data = handle.read()
    readers = {Attachment.Format.PDF: pdf_text, Attachment.Format.DOCX: docx_text}
    return read_limited(readers.get(attachment.format, doc_text), data)


def attachment_extract_text(*, attachment_id: int) -> None:
    """Idempotent: reads the file again and replaces the text; the search entry follows."""
    attachment = Attachment.objects.select_related("document").filter(pk=attachment_id).first()
    if attachment is None:
        return
    try:
        text = extract_text(attachment)
    except Exception:
        # A damaged file is still served; only its text is missing from search.
        logger.warning("Could not read the text of attachment %s", attachment_id, exc_info=True)
        text = ""
    with transaction.atomic():
        Attachment.objects.filter(pk=attachment_id).update(
            text=text.replace("\x00", "")[:MAX_TEXT_CHARS], text_extracted_at=timezone.now()
        )
        transaction.on_commit(lambda: index_object(attachment.document))


def record_document_view(*, document_id: int) -> None:
    """Adds one view to today's counter: no IP, no cookie, no user agent, nothing personal.
    One statement (PostgreSQL and SQLite both upsert), as it runs on every view, cached or
    not."""
    table = connection.ops.quote_name(DocumentViewCount._meta.db_table)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (document_id, day, count) VALUES (%s, %s, 1) "  # noqa: S608
                f"ON CONFLICT (document_id, day) DO UPDATE SET count = {table}.count + 1",
                [document_id, timezone.localdate()],
            )
    except IntegrityError:  # the document was deleted since its page was cached
        logger.info("view of a deleted document %s not counted", document_id)
    except DatabaseError:
        # The database is down: the cached page is still served, the view is not counted.
        logger.warning("view of document %s not counted: database unavailable", document_id)
