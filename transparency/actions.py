"""Every write of the transparency app. Views, the admin, imports and tasks call these; an
item's own fields and its publication are written by `portal.publishing`."""

import logging

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from portal import viewcounts
from portal.outbox import enqueue
from portal.publishing import check_can_change, refresh_after_commit
from portal.search import index_object
from portal.text_extraction import MAX_TEXT_CHARS, docx_text, pdf_text, read_limited
from portal.uploads import check_attachment

from . import tasks
from .doc_text import doc_text
from .models import Attachment, Document, DocumentViewCount

logger = logging.getLogger(__name__)


@transaction.atomic
def attachment_add(
    *, document: Document, uploaded, title: str = "", is_full_text: bool = True, user=None
) -> Attachment:
    """`user` None is the system (demo data); staff change a live document's files only
    with the publish permission."""
    check_can_change(user, document)
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
    refresh_after_commit(document)
    return attachment


@transaction.atomic
def attachment_update(*, attachment: Attachment, user=None) -> None:
    """Saves a staff edit of an attachment's title or full-text flag."""
    check_can_change(user, attachment.document)
    attachment.save(update_fields=["title", "is_full_text"])
    refresh_after_commit(attachment.document)


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user=None) -> None:
    """Removes the attachment and its file; the document's search entry drops its text."""
    document = attachment.document
    check_can_change(user, document)
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.delete(save=False))
    refresh_after_commit(document)


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


VIEWS = "transparency.document"  # the documents' namespace in portal.viewcounts


def record_document_view(*, request, document_id: int) -> None:
    """Counts the visitor's view in Redis (once a day, never staff): nothing is written to the
    database here, so a page served from the cache stays a read. `document_views_flush` adds
    the counts to the daily counters."""
    viewcounts.record(request, VIEWS, document_id)


def document_views_flush() -> int:
    """Adds the views counted in Redis since the last run to the daily counters (no IP, no
    cookie, nothing personal); returns how many views. Counts of documents deleted meanwhile
    are dropped; if the database refuses, the counts go back to Redis for the next run."""
    counts = viewcounts.take_pending(VIEWS)
    if not counts:
        return 0
    table = connection.ops.quote_name(DocumentViewCount._meta.db_table)
    try:
        with transaction.atomic():
            ids = {pk for pk, _day in counts}
            existing = set(Document.objects.filter(pk__in=ids).values_list("pk", flat=True))
            rows = [(pk, day, n) for (pk, day), n in sorted(counts.items()) if pk in existing]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} (document_id, day, count) "  # noqa: S608
                    f"VALUES (%s, %s, %s) ON CONFLICT (document_id, day) "
                    f"DO UPDATE SET count = {table}.count + EXCLUDED.count",
                    rows,
                )
    except DatabaseError:
        viewcounts.give_back(VIEWS, counts)
        raise
    return sum(n for _pk, _day, n in rows)
