"""Website quality: the checks the scheduled job runs over the whole portal.

* Links: the portal's own pages are requested in-process (Django's test client, no network),
  starting from the home page and the sitemap and following every internal link; each internal
  link and picture is requested once and is broken when it answers 404, 410 or a server error.
  Links written in the stored text of published items (markdown, the pages' rich text) are
  checked the same way, so the result names the item that holds the link.
* Files: every stored file of every model exists in its storage.
* Pages not updated: the department's pages not edited for `EGOV_STALE_PAGE_MONTHS` months.
* HTML: the main pages are validated with the Nu HTML checker when Java and its jar are there;
  otherwise the run records why it skipped that part.

Each problem keeps the address of the admin page where staff fix it.
"""

import logging
import re
import shutil
import subprocess
import tempfile
from collections import deque
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.signals import request_finished
from django.db import close_old_connections, models, transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.models import JobStatus
from portal.navigation import menu
from portal.outbox import enqueue
from portal.publishing import publishable_models
from portal.search.index import SearchEntry
from portal.viewcounts import INTERNAL_CHECK_AGENT

from .models import QualityProblem, QualityRun, StaticPage

logger = logging.getLogger(__name__)

BROKEN_STATUSES = {404, 410}
# Never crawled: the staff area, the sign-in pages, the other language's copy of each page,
# and the static files (served by the web server, not by Django).
SKIPPED_PREFIXES = ("/quan-tri/", "/tai-khoan/", "/en/", "/static/", "/media/")
MAX_PROBLEMS_PER_KIND = 1000
# A link in stored text: an HTML attribute or a markdown link.
STORED_LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"'\s]+)["']|\]\(\s*<?([^)\s>]+)""")


def _is_broken(status: int) -> bool:
    return status in BROKEN_STATUSES or status >= 500


def own_host() -> str:
    hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in ("*", "")]
    return hosts[0] if hosts else "localhost"


class _Links(HTMLParser):
    """The targets of a page's links and pictures."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = {"a": "href", "img": "src", "area": "href"}.get(tag)
        if wanted:
            for name, value in attrs:
                if name == wanted and value:
                    self.found.append(value.strip())


def page_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.found


def internal_path(href: str, base_path: str = "/") -> str | None:
    """The path (and query) an href leads to on this portal, or None for another site, a
    mail or phone link, or a link within the page."""
    if not href or href.startswith("#"):
        return None
    parts = urlsplit(urljoin(f"https://{own_host()}{base_path}", href))
    if parts.scheme not in ("http", "https"):
        return None
    if parts.hostname and parts.hostname not in {own_host(), *settings.ALLOWED_HOSTS}:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _skipped(path: str) -> bool:
    return path.startswith(SKIPPED_PREFIXES)


def change_url(obj) -> str:
    """The admin page where staff edit `obj` (or the object it belongs to, for a row edited
    inline), or "" when the admin has none."""
    seen = set()
    while obj is not None and type(obj) not in seen:
        model = type(obj)
        seen.add(model)
        if admin.site.is_registered(model):
            try:
                return reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
                )
            except NoReverseMatch:
                return ""
        parent = next(
            (
                f
                for f in model._meta.get_fields()
                if isinstance(f, models.ForeignKey) and admin.site.is_registered(f.related_model)
            ),
            None,
        )
        obj = getattr(obj, parent.name) if parent else None
    return ""


def _project_models():
    """The models of the portal's own apps (not Django's or a library's), without the copies
    the change history keeps."""
    base = str(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if not config.path.startswith(base) or "site-packages" in config.path:
            continue
        for model in config.get_models():
            if not model.__name__.startswith("Historical"):
                yield model


class Checker:
    """One run: the pages, links and files it has seen, and the problems it records."""

    def __init__(self, run: QualityRun):
        self.run = run
        self.client = Client(SERVER_NAME=own_host(), HTTP_USER_AGENT=INTERNAL_CHECK_AGENT)
        self.status: dict[str, int] = {}
        self.problems: list[QualityProblem] = []
        self.reported: set[tuple[str, str]] = set()
        self.holders = self._holders()

    def _holders(self) -> dict[str, tuple[int, str]]:
        """{page path: (content type id, object id)} of every public item of the search index,
        to name the object behind a page."""
        return {
            urlsplit(url).path: (ct, oid)
            for url, ct, oid in SearchEntry.objects.values_list(
                "url", "content_type_id", "object_id"
            )
        }

    def _holder_of(self, page: str):
        found = self.holders.get(urlsplit(page).path)
        if found is None:
            return None
        model = ContentType.objects.get_for_id(found[0]).model_class()
        return model._default_manager.filter(pk=found[1]).first() if model else None

    def add(self, kind, *, page="", target="", detail="", holder=None) -> None:
        if sum(1 for p in self.problems if p.kind == kind) >= MAX_PROBLEMS_PER_KIND:
            return
        self.problems.append(
            QualityProblem(
                run=self.run,
                kind=kind,
                page=page[:500],
                target=target[:500],
                detail=str(detail)[:500],
                holder=str(holder)[:300] if holder is not None else "",
                fix_url=change_url(holder) if holder is not None else "",
            )
        )

    # --- Requests --------------------------------------------------------------------------

    def get(self, path: str):
        response = self.client.get(path, secure=True)
        if response.streaming:
            # A download: its status is enough. Closing it must not close the database
            # connection as the end of a real request would.
            request_finished.disconnect(close_old_connections)
            try:
                response.close()
            finally:
                request_finished.connect(close_old_connections)
        return response

    def _final_status(self, path: str, response) -> int:
        """The status a visitor ends with (after one redirect)."""
        status = response.status_code
        if status in (301, 302, 303, 307, 308):
            target = internal_path(response.get("Location", ""), path)
            if target and target != path and not _skipped(target):
                return self.get(target).status_code
            return 200  # to the sign-in page, another site or the other language
        return status

    def check(self, path: str) -> int:
        """The status a visitor gets at `path`, requested once a run."""
        if path not in self.status:
            self.status[path] = self._final_status(path, self.get(path))
        return self.status[path]

    def broken(self, path: str) -> bool:
        return _is_broken(self.check(path))

    # --- Checks ----------------------------------------------------------------------------

    def seeds(self) -> list[str]:
        found = ["/"]
        sitemap = self.get(reverse("sitemap"))
        if sitemap.status_code == 200:
            for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode()):
                path = internal_path(loc.strip())
                if path and not _skipped(path):
                    found.append(path)
        return found

    def crawl(self) -> None:
        """Follows internal links from the home page and the sitemap, at most
        `EGOV_QUALITY_MAX_DEPTH` clicks away (the sitemap already lists every published item,
        and endless sequences such as a calendar's next month stop there). Each page is
        requested once: a link to a page waiting in the queue is judged when the page is."""
        limit = getattr(settings, "EGOV_QUALITY_MAX_PAGES", 3000)
        max_depth = getattr(settings, "EGOV_QUALITY_MAX_DEPTH", 2)
        sitemap = reverse("sitemap")
        queue, referrers, seen = deque(), {}, set()
        for path in self.seeds():
            if path not in seen:
                queue.append((path, 0))
                seen.add(path)
                referrers[path] = [] if path == "/" else [sitemap]
        while queue and self.run.pages_checked < limit:
            page, depth = queue.popleft()
            response = self.get(page)
            self.status[page] = self._final_status(page, response)
            for referrer in referrers.pop(page, ()):
                if _is_broken(self.status[page]):
                    self.report_broken(referrer, page, self.status[page])
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            self.run.pages_checked += 1
            for href in page_links(response.content.decode(errors="replace")):
                target = internal_path(href, page)
                if target is None or _skipped(target):
                    continue
                if target in referrers:  # waiting in the queue
                    referrers[target].append(page)
                elif (
                    target not in seen
                    and depth < max_depth
                    and "?" not in target  # filtered and paged copies are checked, not crawled
                ):
                    queue.append((target, depth + 1))
                    seen.add(target)
                    referrers[target] = [page]
                elif self.broken(target):
                    self.report_broken(page, target, self.status[target])
        # Pages left in the queue when the page limit stopped the crawl: their status only.
        for target, pages in referrers.items():
            for page in pages:
                if self.broken(target):
                    self.report_broken(page, target, self.status[target])
        self.run.links_checked = len(self.status)

    def report_broken(self, page: str, target: str, status: int, holder=None) -> None:
        key = (urlsplit(page).path, target)
        if key in self.reported:
            return
        self.reported.add(key)
        if holder is None:
            holder = self._holder_of(page)
        self.add(
            QualityProblem.Kind.BROKEN_LINK,
            page=page,
            target=target,
            detail=_("Answers %(status)s") % {"status": status},
            holder=holder,
        )

    def stored_links(self) -> None:
        """Links written in the stored text of published items."""
        for model in publishable_models():
            text_fields = [f.name for f in model._meta.fields if isinstance(f, models.TextField)]
            if not text_fields or not hasattr(model, "get_absolute_url"):
                continue
            for obj in model.objects.public().iterator(chunk_size=500):
                page = obj.get_absolute_url()
                for name in text_fields:
                    for match in STORED_LINK.finditer(getattr(obj, name) or ""):
                        target = internal_path(match.group(1) or match.group(2), page)
                        if target and not _skipped(target) and self.broken(target):
                            self.report_broken(page, target, self.status[target], holder=obj)

    def files(self) -> None:
        for model in _project_models():
            for field in model._meta.fields:
                if not isinstance(field, models.FileField):
                    continue
                rows = model._default_manager.exclude(**{field.name: ""}).exclude(
                    **{f"{field.name}__isnull": True}
                )
                for obj in rows.iterator():
                    stored = getattr(obj, field.name)
                    self.run.files_checked += 1
                    if not stored.storage.exists(stored.name):
                        self.add(
                            QualityProblem.Kind.MISSING_FILE,
                            page=_page_of(obj),
                            target=stored.name,
                            detail=_("The stored file of “%(field)s” is missing.")
                            % {"field": field.verbose_name},
                            holder=obj,
                        )

    def stale_pages(self) -> None:
        months = getattr(settings, "EGOV_STALE_PAGE_MONTHS", 12)
        limit = timezone.now() - timedelta(days=round(months * 30.44))
        for page in StaticPage.objects.public().filter(updated_at__lt=limit):
            self.add(
                QualityProblem.Kind.STALE_PAGE,
                page=page.get_absolute_url(),
                detail=_("Last updated on %(date)s")
                % {"date": timezone.localtime(page.updated_at).strftime("%d/%m/%Y")},
                holder=page,
            )

    def main_pages(self) -> list[str]:
        found = ["/"]
        for entry in menu():
            try:
                found.append(reverse(entry.url_name))
            except NoReverseMatch:
                continue
        found += [p.get_absolute_url() for p in StaticPage.objects.public()]
        return list(dict.fromkeys(found))

    def html(self) -> None:
        java = shutil.which("java")
        jar = Path(
            getattr(
                settings,
                "EGOV_VNU_JAR",
                settings.BASE_DIR / "frontend/node_modules/vnu-jar/build/dist/vnu.jar",
            )
        )
        if java is None:
            self.run.html_skipped_reason = _("Java is not installed on the server.")
            return
        if not jar.is_file():
            self.run.html_skipped_reason = _("The Nu HTML checker (vnu.jar) is not installed.")
            return
        with tempfile.TemporaryDirectory() as folder:
            files = {}
            for number, page in enumerate(self.main_pages()):
                response = self.get(page)
                if response.status_code == 200:
                    path = Path(folder) / f"{number}.html"
                    path.write_bytes(response.content)
                    files[str(path)] = page
            if not files:
                return
            try:
                result = subprocess.run(  # noqa: S603 (fixed program, our own files)
                    [java, "-jar", str(jar), "--errors-only", "--format", "gnu", *files],
                    capture_output=True,
                    text=True,
                    timeout=getattr(settings, "EGOV_VNU_TIMEOUT", 300),
                    check=False,
                )
            except subprocess.TimeoutExpired:
                self.run.html_skipped_reason = _("The Nu HTML checker took too long.")
                return
        self.run.html_checked = True
        for line in (result.stdout + result.stderr).splitlines():
            match = re.match(
                r'"?file:(?P<file>[^":]+)"?:(?P<where>[\d.\-]+): (?P<message>.*)', line
            )
            if match and match["file"] in files:
                self.add(
                    QualityProblem.Kind.INVALID_HTML,
                    page=files[match["file"]],
                    detail=f"{match['where']}: {match['message']}",
                    holder=self._holder_of(files[match["file"]]),
                )


def _page_of(obj) -> str:
    try:
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    except (NoReverseMatch, AttributeError, ValueError):
        return ""


def run_check(*, run_id: int) -> QualityRun:
    """Runs every check for the run `run_id` and stores what it found. Idempotent: a run
    already done or failed is left alone."""
    run = QualityRun.objects.get(pk=run_id)
    if run.status in (JobStatus.DONE, JobStatus.FAILED):
        return run
    run.status = JobStatus.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at"])
    checker = Checker(run)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            checker.stored_links()
            checker.crawl()
            checker.files()
            checker.stale_pages()
            checker.html()
    except Exception as error:
        logger.exception("The website quality check %s failed", run.pk)
        run.status = JobStatus.FAILED
        run.error = str(error)[:2000]
    else:
        run.status = JobStatus.DONE
    kinds = QualityProblem.Kind
    counted = [p.kind for p in checker.problems]
    run.broken_links = counted.count(kinds.BROKEN_LINK)
    run.missing_files = counted.count(kinds.MISSING_FILE)
    run.stale_pages = counted.count(kinds.STALE_PAGE)
    run.html_errors = counted.count(kinds.INVALID_HTML)
    run.finished_at = timezone.now()
    with transaction.atomic():
        QualityProblem.objects.bulk_create(checker.problems)
        run.save()
    return run


def start_run(*, user=None) -> QualityRun:
    """Queues a check (after the commit); returns its run."""
    from .tasks import check_site_quality

    run = QualityRun.objects.create(status=JobStatus.QUEUED)
    enqueue(check_site_quality, run.pk)
    return run
