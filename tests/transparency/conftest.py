import io

import pytest
from pypdf import PdfWriter


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}},
    }


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


@pytest.fixture
def editor(db):
    from portal import roles
    from tests.conftest import make_staff

    return make_staff(roles.EDITOR)


@pytest.fixture(autouse=True)
def _vietnamese():
    """A request to /en/ leaves English active in the thread; reverse() would then prefix /en/."""
    from django.utils import translation

    with translation.override("vi"):
        yield
