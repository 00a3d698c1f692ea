"""Files for the transparency tests."""

import io

from pypdf import PdfWriter


def make_pdf(text: str = "") -> bytes:
    """A real PDF (blank page); `make_text_pdf` in the tests that need text."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
