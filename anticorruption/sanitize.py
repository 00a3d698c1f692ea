"""Metadata removed from attachments before they are sealed.

A photo's EXIF (camera, time, GPS position), a PDF's document information (author, creator,
dates) and its XMP metadata can name the reporter. Images are redrawn from their pixels alone;
PDFs are rebuilt from their pages without the document information, the catalogue's XMP
stream or the pages' own metadata. Only these formats are accepted on the channel, since
others (office documents) carry metadata this module does not remove.
"""

import io

import pypdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = ("pdf", "jpg", "jpeg", "png")
PAGE_METADATA_KEYS = ("/Metadata", "/PieceInfo", "/LastModified")


def clean_image(data: bytes, kind: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as original:
            original.load()
            upright = ImageOps.exif_transpose(original)
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(_("The image cannot be read.")) from error
    if kind == "png":
        mode = "RGBA" if upright.mode in ("RGBA", "LA", "P") else "RGB"
        out_format = "PNG"
    else:
        mode = "L" if upright.mode == "L" else "RGB"
        out_format = "JPEG"
    pixels = upright.convert(mode)
    # A new image from the pixels alone: nothing of the original's info dict comes along.
    clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    clean.save(out, out_format, **({"quality": 90} if out_format == "JPEG" else {}))
    return out.getvalue()


def clean_pdf(data: bytes) -> bytes:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("Password-protected PDF files cannot be accepted."))
        writer = pypdf.PdfWriter()
        for page in reader.pages:
            added = writer.add_page(page)
            for key in PAGE_METADATA_KEYS:
                if key in added:
                    del added[key]
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    except pypdf.errors.PyPdfError as error:
        raise ValidationError(_("The PDF file cannot be read.")) from error
    return out.getvalue()


def clean(data: bytes, kind: str) -> bytes:
    if kind == "pdf":
        return clean_pdf(data)
    return clean_image(data, kind)
