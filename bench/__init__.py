"""Benchmarks of the portal's pages against its minimal page (see the README)."""

import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A well-formed CSRF secret: the middleware keeps it, and the page cache passes by a visitor who
# carries it, so the page is drawn for every request (the "rendered" and "uncached" measures).
CSRF_SECRET = "b" * 32
CSRF_COOKIE = f"csrftoken={CSRF_SECRET}"


def exported_tree(ref: str) -> Path:
    """The files of the commit `ref`, in a new temporary directory (the caller removes it): a
    baseline to serve beside this tree."""
    exported = Path(tempfile.mkdtemp(prefix="bench-baseline-"))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(exported)], input=archive, check=True)
    return exported
