"""The one upload checker: size, extension, and content. An extension proves nothing, so the
file's first bytes (and, for containers, what is inside) must match it."""

import zipfile
from collections.abc import Callable, Collection
from pathlib import PurePath

import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


def _read_head(uploaded, size: int = 16) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head


def _is_word_97(uploaded) -> bool:
    # OLE2 is also the container of .xls, .ppt and .msg: look for Word's stream inside.
    if not _read_head(uploaded).startswith(OLE2_MAGIC):
        return False
    try:
        with olefile.OleFileIO(uploaded) as ole:
            return ole.exists("WordDocument")
    except Exception:  # olefile fails in several ways on a damaged container
        return False
    finally:
        uploaded.seek(0)


def _zip_holding(member: str, mimetype: bytes = b"") -> Callable:
    """A ZIP-based format: the archive opens and holds `member` (whose content, for
    OpenDocument's `mimetype`, must be `mimetype`)."""

    def sniff(uploaded) -> bool:
        if not _read_head(uploaded).startswith(ZIP_MAGIC):
            return False
        try:
            with zipfile.ZipFile(uploaded) as archive:
                if member not in archive.namelist():
                    return False
                return not mimetype or archive.read(member).strip() == mimetype
        except (zipfile.BadZipFile, OSError, KeyError):
            return False
        finally:
            uploaded.seek(0)

    return sniff


def _starts_with(magic: bytes) -> Callable:
    return lambda uploaded: _read_head(uploaded).startswith(magic)


# Extension -> how its content is recognised.
SNIFFERS = {
    "pdf": _starts_with(PDF_MAGIC),
    "doc": _is_word_97,
    "docx": _zip_holding("word/document.xml"),
    "xlsx": _zip_holding("xl/workbook.xml"),
    "odt": _zip_holding("mimetype", b"application/vnd.oasis.opendocument.text"),
    "ods": _zip_holding("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
    "png": _starts_with(PNG_MAGIC),
    "jpg": _starts_with(JPEG_MAGIC),
    "jpeg": _starts_with(JPEG_MAGIC),
}

DOCUMENT_FORMATS = ("pdf", "doc", "docx")
EVIDENCE_FORMATS = ("pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "jpeg")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def check_upload(uploaded, *, formats: Collection[str], max_bytes: int, wrong_type) -> str:
    """Returns the file's format (its lower-case extension), or raises ValidationError with
    the code `too_large`, `extension` (with the message `wrong_type`, which names the files
    accepted) or `content`."""
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is too large: the limit is %(limit)s MB."),
            code="too_large",
            params={"limit": max_bytes // (1024 * 1024)},
        )
    extension = PurePath(uploaded.name).suffix.lower().lstrip(".")
    if extension not in formats:
        raise ValidationError(wrong_type, code="extension")
    if not SNIFFERS[extension](uploaded):
        raise ValidationError(
            _("The file's content is not a %(format)s file."),
            code="content",
            params={"format": extension.upper()},
        )
    return extension


def max_attachment_size() -> int:
    return settings.TRANSPARENCY_MAX_ATTACHMENT_SIZE


def check_attachment(uploaded) -> str:
    """A document's attached file: PDF, DOC or DOCX."""
    return check_upload(
        uploaded,
        formats=DOCUMENT_FORMATS,
        max_bytes=max_attachment_size(),
        wrong_type=_("Only PDF, DOC and DOCX files can be attached."),
    )


def check_evidence(uploaded) -> str:
    """Evidence of a plan task's progress: a document, a spreadsheet or a picture."""
    return check_upload(
        uploaded,
        formats=EVIDENCE_FORMATS,
        max_bytes=EVIDENCE_MAX_BYTES,
        wrong_type=_("The file must be a PDF, Word, Excel, OpenDocument, JPEG or PNG file."),
    )
