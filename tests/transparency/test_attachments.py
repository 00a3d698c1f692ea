import io
import struct
import zipfile
from pathlib import Path

import olefile
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal import publishing
from portal.publishing import Publication
from portal.uploads import OLE2_MAGIC
from transparency import actions, doc_text
from transparency.demo import render_pdf
from transparency.models import Attachment

from .factories import DocumentFactory
from .helpers import make_docx, make_pdf

pytestmark = pytest.mark.django_db

# Word 97–2003 files written by LibreOffice from our own text.
FILES = Path(__file__).parent / "files"
WORD_97 = (FILES / "cong-van-kiem-tra.doc").read_bytes()
# The same container without Word's stream, as a spreadsheet (.xls) is.
NOT_WORD_97 = WORD_97.replace(
    "WordDocument".encode("utf-16-le"), "WorkbookData".encode("utf-16-le")
)


def _add(name: str, content: bytes):
    return actions.attachment_add(
        document=DocumentFactory(), uploaded=SimpleUploadedFile(name, content)
    )


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bao-cao.exe", b"MZ\x90\x00" + b"\x00" * 100, "extension"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "extension"),
        ("khong-co-duoi", make_pdf(), "extension"),
        # Spoofed: the extension says PDF or Word, the bytes say otherwise.
        ("toan-van.pdf", b"<html><script>alert(1)</script></html>", "content"),
        ("toan-van.pdf", make_docx("Văn bản"), "content"),
        ("toan-van.docx", make_pdf(), "content"),
        ("toan-van.doc", make_pdf(), "content"),
        ("toan-van.doc", OLE2_MAGIC + b"\x00" * 504, "content"),
        ("bang-tinh.doc", NOT_WORD_97, "content"),
        ("toan-van.docx", b"PK\x03\x04 not really a zip", "content"),
    ],
)
def test_it_rejects_wrong_and_spoofed_files(name, content, code):
    with pytest.raises(ValidationError) as error:
        _add(name, content)
    assert error.value.code == code
    assert not Attachment.objects.exists()


def test_it_rejects_a_zip_that_is_not_a_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "x")
    with pytest.raises(ValidationError) as error:
        _add("hop-dong.docx", buffer.getvalue())
    assert error.value.code == "content"


def test_it_rejects_an_oversized_file(settings):
    settings.TRANSPARENCY_MAX_ATTACHMENT_SIZE = 1024
    with pytest.raises(ValidationError) as error:
        _add("lon.pdf", b"%PDF-1.7\n" + b"0" * 2048)
    assert error.value.code == "too_large"
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "file_format"),
    [
        ("Toàn văn.PDF", make_pdf(), "pdf"),
        ("Phụ lục.docx", make_docx("Phụ lục"), "docx"),
        ("Công văn cũ.doc", WORD_97, "doc"),
    ],
)
def test_it_accepts_pdf_doc_and_docx_under_a_generated_name(name, content, file_format):
    attachment = _add(name, content)
    assert attachment.format == file_format
    assert attachment.size == len(content)
    assert attachment.original_name == name
    assert attachment.file.name.startswith("documents/")
    assert name.rsplit(".", 1)[0] not in attachment.file.name


def test_it_extracts_the_text_of_a_pdf_in_a_task_after_commit(
    tasks_in_process, django_capture_on_commit_callbacks
):
    pdf = render_pdf("Quyết định số 321/QĐ-UBND", ["Sửa đổi kế hoạch số hóa hồ sơ xăng dầu"])
    with django_capture_on_commit_callbacks() as callbacks:
        attachment = _add("qd.pdf", pdf)
    attachment.refresh_from_db()
    assert attachment.text_extracted_at is None  # nothing read before the commit
    for callback in callbacks:
        callback()
    attachment.refresh_from_db()
    assert "xăng dầu" in attachment.text
    assert attachment.text_extracted_at is not None


def test_it_extracts_the_text_of_a_docx():
    attachment = _add("phu-luc.docx", make_docx("Danh mục cửa hàng bán lẻ xăng dầu"))
    actions.attachment_extract_text(attachment_id=attachment.pk)
    attachment.refresh_from_db()
    assert attachment.text.strip() == "Danh mục cửa hàng bán lẻ xăng dầu"


def test_it_extracts_the_text_of_a_word_97_doc_with_its_table():
    attachment = _add("cong-van.doc", WORD_97)
    actions.attachment_extract_text(attachment_id=attachment.pk)
    attachment.refresh_from_db()
    assert [line for line in attachment.text.splitlines() if line] == [
        "SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN",
        "Về việc kiểm tra hoạt động kinh doanh xăng dầu trên địa bàn tỉnh",
        "Cửa hàng",
        "Kết quả kiểm tra",
        "Số 12 phường Phan Đình Phùng",
        "Đạt yêu cầu",
        "Đề nghị các đơn vị báo cáo kết quả trước ngày 15/12/2026.",
    ]


def _as_word_stores_latin_text(path: Path) -> None:
    """LibreOffice stores text in UTF-16; Word stores a piece of Latin text one byte per
    character ("compressed", Windows-1252). Rewrites the file's single piece that way."""
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        table_name = "1Table" if word[11] & 0x02 else "0Table"
        table = bytearray(ole.openstream(table_name).read())
        _characters, clx, _size = doc_text._fib(bytes(word))
        assert table[clx] == 0x02  # the piece table comes first: two CPs, then one PCD
        first_cp, last_cp, _flags, fc = struct.unpack_from("<IIHI", table, clx + 5)
        length = last_cp - first_cp
        text = word[fc : fc + 2 * length].decode("utf-16-le")
        word[fc : fc + length] = text.encode("cp1252")
        struct.pack_into("<I", table, clx + 5 + 8 + 2, (2 * fc) | doc_text.COMPRESSED)
        ole.write_stream("WordDocument", bytes(word))
        ole.write_stream(table_name, bytes(table))


def test_it_reads_the_one_byte_text_word_writes_for_latin_text(tmp_path):
    path = tmp_path / "latin.doc"
    path.write_bytes((FILES / "latin.doc").read_bytes())
    before = doc_text.doc_text(path.read_bytes())
    _as_word_stores_latin_text(path)
    assert path.read_bytes() != (FILES / "latin.doc").read_bytes()
    assert (
        doc_text.doc_text(path.read_bytes())
        == before
        == (
            "Plain Latin text only: petroleum trading inspection, 2026.\n"
            "Second paragraph – with an en dash and “quotes”."
        )
    )


def test_it_drops_word_field_codes_and_keeps_their_results():
    text = "Trang \x13 PAGE \\* MERGEFORMAT \x142\x15 của \x13 NUMPAGES \x145\x15\r"
    assert doc_text._plain(text) == "Trang 2 của 5"


def test_it_survives_a_damaged_file_when_extracting():
    attachment = _add("hong.pdf", b"%PDF-1.4 garbage")
    actions.attachment_extract_text(attachment_id=attachment.pk)
    attachment.refresh_from_db()
    assert attachment.text == "" and attachment.text_extracted_at is not None


def test_it_keeps_files_out_of_public_media_and_serves_them_only_through_the_view(client, settings):
    draft = DocumentFactory(publication=Publication.DRAFT)
    attachment = actions.attachment_add(
        document=draft, uploaded=ContentFile(make_pdf(), name="du-thao.pdf")
    )
    private_root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])

    assert (private_root / attachment.file.name).exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))  # nothing under /media/
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018  (private files have no public URL)
    download = reverse("transparency:attachment_download", args=[draft.pk, attachment.pk])
    assert client.get(download).status_code == 404  # a draft's file
    publishing.item_publish(item=draft, user=None)
    assert client.get(download).status_code == 200


def test_the_migration_moves_files_already_in_public_media(settings):
    import importlib

    from django.apps import apps
    from django.core.files.storage import default_storage

    migration = importlib.import_module("transparency.migrations.0009_attachment_private_storage")
    attachment = actions.attachment_add(
        document=DocumentFactory(), uploaded=ContentFile(make_pdf(), name="cu.pdf")
    )
    private_root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    # As an earlier release stored it.
    default_storage.save(attachment.file.name, ContentFile(make_pdf()))
    (private_root / attachment.file.name).unlink()

    migration.to_private(apps, None)

    assert (private_root / attachment.file.name).exists()
    assert not default_storage.exists(attachment.file.name)
