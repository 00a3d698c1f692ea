"""Helpers the e-governance tests import."""

import shutil
import subprocess

from tests.helpers import require


def pdf_text(file_field, tmp_path) -> str:
    """The text of a stored PDF, read back with pdftotext, on one line."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    path = tmp_path / "out.pdf"
    with file_field.open("rb") as handle:
        path.write_bytes(handle.read())
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())
