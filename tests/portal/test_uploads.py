"""The one upload checker: document attachments and plan evidence follow the same rules."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.uploads import PNG_MAGIC, check_attachment, check_evidence


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def _zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ODS = _zip(mimetype=b"application/vnd.oasis.opendocument.spreadsheet")


@pytest.mark.parametrize(
    ("name", "content", "file_format"),
    [
        ("tien-do.xlsx", _xlsx(), "xlsx"),
        ("bang-tinh.ods", ODS, "ods"),
        ("anh-chup.png", PNG_MAGIC + b"\x00" * 32, "png"),
        ("anh-chup.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "jpg"),
        ("bien-ban.pdf", b"%PDF-1.7 minh chung", "pdf"),
    ],
)
def test_it_accepts_evidence_whose_content_matches_its_name(name, content, file_format):
    assert check_evidence(SimpleUploadedFile(name, content)) == file_format


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("tien-do.xlsx", _zip(**{"readme.txt": b"x"}), "content"),  # a ZIP, not a workbook
        ("bang-tinh.ods", _zip(mimetype=b"application/zip"), "content"),
        ("anh-chup.png", b"GIF89a", "content"),
        ("chay-ngay.exe", b"MZ\x90\x00", "extension"),
        ("bien-ban.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "too_large"),
    ],
)
def test_it_refuses_evidence_that_is_not_what_its_name_says(name, content, code):
    with pytest.raises(ValidationError) as error:
        check_evidence(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_an_attachment_is_a_document_not_a_picture_or_a_spreadsheet():
    for name, content in [("anh.png", PNG_MAGIC), ("bang.xlsx", _xlsx())]:
        with pytest.raises(ValidationError) as error:
            check_attachment(SimpleUploadedFile(name, content))
        assert error.value.code == "extension"
