"""PDF output shared by the reports of every area: WeasyPrint with the project's own fonts
(full TTFs with every Vietnamese glyph), a URL fetcher that can read nothing but the project's
static files, and the pieces of an administrative document's header (Decree 30/2020/NĐ-CP)."""

import gc
import mimetypes
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

from .models import DepartmentProfile

# A serif with every Vietnamese letter (Decree 30/2020/NĐ-CP asks for a Times-like face):
# Liberation Serif, metric-compatible with Times New Roman (settings.PDF_SERIF_FONTS).
PDF_FONT_FAMILY = "Liberation Serif"


# --- The URL fetcher --------------------------------------------------------------------------


class RefusedURL(ValueError):
    """A report may only load the project's own static files."""


def _static_roots() -> list[Path]:
    roots = [Path(d if isinstance(d, str | Path) else d[1]) for d in settings.STATICFILES_DIRS]
    roots += [Path(settings.STATIC_ROOT), Path(settings.PDF_FONT_DIR)]
    roots += [Path(path).parent for _weight, _style, path in settings.PDF_SERIF_FONTS]
    return [root.resolve() for root in roots]


def static_file_for(url: str) -> Path:
    """The file a report URL stands for, or RefusedURL. Only file: URLs naming a static file
    (by its /static/ path or by its place inside a static folder) pass; every network scheme
    and every other file is refused."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in {"", "localhost"}:
        raise RefusedURL(f"Refused (not a static file of the project): {url}")
    path = unquote(parts.path)
    if ".." in Path(path).parts or "\x00" in path:
        raise RefusedURL(f"Refused (path traversal): {url}")
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if path.startswith(static_prefix):
        found = finders.find(path[len(static_prefix) :])
        candidate = Path(found).resolve() if found else None
    else:
        candidate = Path(path).resolve()
        if not any(candidate.is_relative_to(root) for root in _static_roots()):
            candidate = None
    if candidate is None or not candidate.is_file():
        raise RefusedURL(f"Refused (not a static file of the project): {url}")
    return candidate


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = static_file_for(url)
            mime, _encoding = mimetypes.guess_type(path.name)
            return URLFetcherResponse(
                path.as_uri(),
                body=path.read_bytes(),
                headers={"Content-Type": mime or "application/octet-stream"},
            )

    return StaticOnlyURLFetcher


def url_fetcher():
    return _fetcher_class()(allowed_protocols={"file"})


def _remember_page_references() -> None:
    """pydyf rebuilds the tuple of every page's reference each time it is read, and WeasyPrint
    reads it once per tagged element of a PDF/UA document: quadratic, most of the time of a
    report of hundreds of pages. The tuple is kept until a page is added."""
    import pydyf

    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property) or getattr(original.fget, "remembered", False):
        return

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        kept = pdf.__dict__.get("_portal_page_references")
        if kept is None or kept[0] != count:
            kept = (count, original.fget(pdf))
            pdf.__dict__["_portal_page_references"] = kept
        return kept[1]

    page_references.remembered = True
    pydyf.PDF.page_references = property(page_references)


def write_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of `html`, which loads only static files."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    _remember_page_references()

    source = HTML(string=html, base_url="file:///", url_fetcher=url_fetcher())
    options = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False, "custom_metadata": True}
    # No collection during the layout: its millions of lasting objects would be traversed
    # again and again as they pile up. They all stay in the youngest generation, so collecting
    # that one alone frees the layout's big cycle (its styles, tens of MB) before the PDF's
    # objects pile up on top, without traversing the rest of the process.
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = source.render(font_config=FontConfiguration(), **options)
    finally:
        if collecting:
            gc.enable()
    gc.collect(0)
    return document.write_pdf(**options)


# --- The administrative header ------------------------------------------------------------------


def administrative_date(day: date) -> str:
    """ "ngày 05 tháng 01 năm 2025": days below 10 and the months 1 and 2 take a leading zero
    (Decree 30/2020/NĐ-CP, Appendix I)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return _("day %(day)s month %(month)s year %(year)s") % {
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def issuing_body(profile: DepartmentProfile) -> tuple[str, str]:
    """The two header lines of an administrative document (Decree 30/2020/NĐ-CP, Appendix I):
    the superior body, then the issuing body's own name without the province, which the
    first line already gives ("UBND tỉnh Thái Nguyên" / "Sở Công Thương")."""
    province = profile.province.strip()
    name = profile.name.strip()
    if province:
        for suffix in (f" tỉnh {province}", f" thành phố {province}", f" {province}"):
            if name.lower().endswith(suffix.lower()) and len(name) > len(suffix):
                name = name[: -len(suffix)].rstrip(" ,-–")
                break
    superior = _("PC of %(province)s province") % {"province": province} if province else ""
    return superior, name


def header_context(today: date) -> dict:
    """What `pdf/_administrative_header.html` and the fonts of a report need."""
    profile = DepartmentProfile.current()
    superior, issuer = issuing_body(profile)
    return {
        "department": profile,
        "superior_body": superior,
        "issuing_body": issuer,
        "issued_on": today,
        "issued_on_text": administrative_date(today),
        "font_family": PDF_FONT_FAMILY,
        "pdf_fonts": [
            (weight, style, path.as_uri()) for weight, style, path in settings.PDF_SERIF_FONTS
        ],
    }
