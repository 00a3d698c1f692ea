"""A DOCX that unpacks to far more than any document (a zip bomb) is stored and served, but its
text is not read; reading runs in a child process with a memory limit."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal import text_extraction
from transparency import actions
from transparency.models import Attachment

from .factories import DocumentFactory
from .helpers import make_docx

pytestmark = pytest.mark.django_db

PARAGRAPH = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"


def docx_bomb(paragraphs: int) -> bytes:
    """A real DOCX whose document.xml repeats one paragraph: a few hundred KB on disk."""
    source = zipfile.ZipFile(io.BytesIO(make_docx("Phụ lục")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            if member.filename != "word/document.xml":
                bomb.writestr(member, source.read(member))
                continue
            head, tail = source.read(member).split(b"<w:body>")
            with bomb.open("word/document.xml", "w") as stream:
                stream.write(head + b"<w:body>")
                for _ in range(paragraphs):
                    stream.write(PARAGRAPH)
                stream.write(tail)
    return buffer.getvalue()


def test_it_stores_a_docx_bomb_but_never_unpacks_it():
    bomb = docx_bomb(100_000)  # 100 million characters of text
    assert len(bomb) < 1024 * 1024
    attachment = actions.attachment_add(
        document=DocumentFactory(), uploaded=SimpleUploadedFile("phu-luc.docx", bomb)
    )

    actions.attachment_extract_text(attachment_id=attachment.pk)  # what the task runs

    attachment = Attachment.objects.get(pk=attachment.pk)
    assert attachment.file.size == len(bomb)  # still served as uploaded
    assert attachment.text == "" and attachment.text_extracted_at is not None
    with pytest.raises(text_extraction.UnsafeFile):
        text_extraction.check_archive(bomb)


def test_it_caps_the_text_of_a_long_document(monkeypatch):
    monkeypatch.setattr(text_extraction, "MAX_TEXT_CHARS", 5_000)
    long_document = make_docx("\n".join(f"Điều {n}. Nội dung quy định." for n in range(2_000)))

    text = text_extraction.read_limited(text_extraction.docx_text, long_document)

    assert text.startswith("Điều 0. Nội dung quy định.")
    assert len(text) == 5_000


def _greedy(data):
    return len(bytearray(2 * text_extraction.MEMORY_LIMIT_BYTES))


def test_a_reader_that_needs_too_much_memory_ends_in_its_own_process():
    with pytest.raises(ValueError, match="memory"):
        text_extraction.read_limited(_greedy, b"")
    # This process is untouched and reads the next file as usual.
    assert text_extraction.read_limited(text_extraction.docx_text, make_docx("Phụ lục")) == (
        "Phụ lục"
    )


def _read_in_pool(_):
    return text_extraction.read_limited(text_extraction.docx_text, make_docx("Phụ lục"))


def test_it_reads_inside_a_celery_pool_process():
    import billiard

    # Celery's prefork pool runs tasks in daemonic processes, which may not start
    # multiprocessing children: the reader must still work there.
    with billiard.Pool(1) as pool:
        assert pool.map(_read_in_pool, [0]) == ["Phụ lục"]
