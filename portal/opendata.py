"""Open data files (`/du-lieu-mo/`): each app registers its datasets in `<app>/opendata.py`; a
Celery task writes each one to storage as CSV and JSON (after a publication, debounced, and
nightly), and a download streams the stored file, so no request ever computes a catalog.

A dataset gives its rows as tuples in the order of its columns, read with `values_list` in
batches: no model instances, no `reverse()` per row. The CSV escapes what a spreadsheet would
run as a formula.
"""

import csv
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)

# A cell that a spreadsheet would run as a formula starts with one of these...
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ...unless it is a plain number, which machine readers must get as written ("-5", "+1.5e3").
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
FOLDER = "opendata"
# Seconds one request may spend generating a missing file while others are told to come back.
GENERATION_LOCK = 600
RETRY_AFTER = 30


def escape_formula(value) -> str:
    """The cell's text, with a leading apostrophe where a spreadsheet would otherwise run it
    as a formula (`=HYPERLINK(…)`, `-2+3+cmd|…`); numbers such as `-5` stay as they are."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


class _Echo:
    """A file whose write returns the line, for csv.writer to produce lines one by one."""

    def write(self, value):
        return value


def csv_lines(columns: list[str], rows: Iterable) -> Iterator[str]:
    """The CSV, line by line; a row is a dict keyed by column or a sequence in column order."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # the BOM: Excel then reads the file as UTF-8
    yield writer.writerow(columns)
    for row in rows:
        values = [row[column] for column in columns] if isinstance(row, dict) else row
        yield writer.writerow([escape_formula(value) for value in values])


def json_lines(header: dict, items_key: str, rows: Iterable[dict]) -> Iterator[str]:
    """One JSON object: the `header`'s keys, then `items_key` holding the rows."""
    yield "{\n"
    for key, value in header.items():
        yield f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    yield f" {json.dumps(items_key)}: ["
    separator = "\n  "
    for row in rows:
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n  "
    yield "\n ]\n}\n"


# --- The registry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """One published dataset. `rows()` yields tuples in the order of `columns`, each value
    already plain (str, int, None); it runs in a Celery task under Vietnamese, with no
    request, so addresses are built from SITE_URL. The files are `<name>.csv` and
    `<name>.json`; a publication in `app_label` refreshes them."""

    name: str
    app_label: str
    title: str
    columns: list[tuple[str, str]]  # (column, description), the published schema
    rows: Callable[[], Iterable[tuple]]
    items_key: str = "items"
    description: str = ""  # what a row is and what is left out, for the open data page

    @property
    def column_names(self) -> list[str]:
        return [name for name, _description in self.columns]

    def file_name(self, file_format: str) -> str:
        return f"{FOLDER}/{self.name}.{file_format}"


class DatasetRegistry:
    def __init__(self):
        self._datasets: dict[str, Dataset] = {}

    def register(self, dataset: Dataset) -> Dataset:
        if dataset.name in self._datasets:
            raise ImproperlyConfigured(f"An open dataset is already named {dataset.name}.")
        self._datasets[dataset.name] = dataset
        return dataset

    def unregister(self, name: str) -> None:
        self._datasets.pop(name, None)

    def get(self, name: str) -> Dataset:
        return self._datasets[name]

    def datasets(self, app_label: str | None = None) -> list[Dataset]:
        return [d for d in self._datasets.values() if app_label in (None, d.app_label)]


registry = DatasetRegistry()
register = registry.register


def autodiscover() -> None:
    autodiscover_modules("opendata", register_to=None)


# --- Writing the files ------------------------------------------------------------------------


def generate(name: str) -> None:
    """Writes the dataset's CSV and JSON files in one pass over its rows; each file replaces
    the previous one at once, so a download in progress or starting meanwhile reads a whole
    file."""
    dataset = registry.get(name)
    names = dataset.column_names
    with translation.override(settings.LANGUAGE_CODE):
        header = {
            "title": str(dataset.title),
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "schema": [{"name": n, "description": str(d)} for n, d in dataset.columns],
        }
        json_start, json_end = "".join(json_lines(header, dataset.items_key, [])).split("\n ]")
        writer = csv.writer(_Echo())
        with (
            _Replacing(dataset.file_name("csv")) as csv_file,
            _Replacing(dataset.file_name("json")) as json_file,
        ):
            csv_file.write("\ufeff" + writer.writerow(names))
            json_file.write(json_start)
            separator = "\n  "
            for row in dataset.rows():
                csv_file.write(writer.writerow([escape_formula(value) for value in row]))
                item = dict(zip(names, row, strict=True))
                json_file.write(separator + json.dumps(item, ensure_ascii=False))
                separator = ",\n  "
            json_file.write("\n ]" + json_end)


class _Replacing:
    """A text file written under a temporary name and put in place of `name` in storage when
    the block ends without an error (an atomic rename on a local disk)."""

    def __init__(self, name: str):
        self.name = name
        try:
            self.final_path = default_storage.path(name)
        except NotImplementedError:  # object storage: an upload replaces the object whole
            self.final_path = None

    def __enter__(self):
        folder = os.path.dirname(self.final_path) if self.final_path else None
        if folder:
            os.makedirs(folder, exist_ok=True)
        # In the final folder, so that the rename is atomic (same file system).
        descriptor, self.temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        self.file = open(descriptor, "w", encoding="utf-8", newline="", buffering=1 << 20)
        return self.file

    def __exit__(self, error_type, error, traceback):
        try:
            self.file.close()
            if error_type is None:
                if self.final_path:
                    os.chmod(self.temporary, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
                    os.replace(self.temporary, self.final_path)
                else:
                    default_storage.delete(self.name)
                    with open(self.temporary, "rb") as stored:
                        default_storage.save(self.name, File(stored))
        finally:
            if os.path.exists(self.temporary):
                os.unlink(self.temporary)


def refresh_later(app_label: str) -> None:
    """Called in the transaction that changes what `app_label` publishes: its datasets are
    written again OPENDATA_REFRESH_DELAY seconds after the first change of a burst (one run
    for a whole import), through the outbox so that a down broker loses nothing."""
    from . import tasks
    from .outbox import enqueue

    delay = settings.OPENDATA_REFRESH_DELAY
    for dataset in registry.datasets(app_label):
        # Taken until the task starts: later changes in the same burst join this run.
        if cache.add(_queued_key(dataset.name), 1, delay + 3600):
            enqueue(tasks.refresh_open_data, dataset.name, delay)


def _queued_key(name: str) -> str:
    return f"opendata:queued:{name}"


def mark_started(name: str) -> None:
    """The task started reading: a change from now on needs another run."""
    cache.delete(_queued_key(name))


# --- Serving the files ------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredFile:
    name: str
    size: int
    modified: datetime

    @property
    def etag(self) -> str:
        return f'"{self.size:x}-{int(self.modified.timestamp() * 1e6):x}"'


def stored_file(dataset: Dataset, file_format: str) -> StoredFile | None:
    name = dataset.file_name(file_format)
    try:
        path = default_storage.path(name)
    except NotImplementedError:
        if not default_storage.exists(name):
            return None
        return StoredFile(name, default_storage.size(name), default_storage.get_modified_time(name))
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return StoredFile(name, stat.st_size, datetime.fromtimestamp(stat.st_mtime, tz=UTC))


def generated_at(dataset: Dataset) -> datetime | None:
    """When the dataset's files were last written (the older of the two), or None."""
    times = [f.modified for f in (stored_file(dataset, fmt) for fmt in FORMATS) if f]
    return min(times) if len(times) == len(FORMATS) else None


def download(request, name: str, file_format: str):
    """The stored file, with its ETag, Last-Modified and length; 304 when the client has it.
    Behind a proxy configured for it (OPENDATA_ACCEL_REDIRECT_PREFIX) the proxy sends it.

    A file that does not exist yet (a new deployment, before the first task ran) is generated
    once, here: a download must work on a fresh site, and the nightly and publication runs keep
    it fresh after that. Requests meanwhile get a page asking them to come back."""
    try:
        dataset = registry.get(name)
    except KeyError:
        raise Http404 from None
    if file_format not in FORMATS:
        raise Http404
    found = stored_file(dataset, file_format)
    if found is None:
        if not cache.add(f"opendata:generating:{name}", 1, GENERATION_LOCK):
            return _being_prepared(request)
        try:
            generate(name)
        finally:
            cache.delete(f"opendata:generating:{name}")
        found = stored_file(dataset, file_format)
        if found is None:
            return _being_prepared(request)
    prefix = settings.OPENDATA_ACCEL_REDIRECT_PREFIX
    handle = None
    if not prefix:
        # Opened before its size and date are read: a file replaced meanwhile is still whole.
        handle = default_storage.open(found.name, "rb")
        try:
            stat = os.fstat(handle.fileno())
        except (AttributeError, OSError, ValueError):  # object storage: no file descriptor
            pass
        else:
            found = StoredFile(
                found.name, stat.st_size, datetime.fromtimestamp(stat.st_mtime, tz=UTC)
            )
    last_modified = int(found.modified.timestamp())
    not_modified = get_conditional_response(request, etag=found.etag, last_modified=last_modified)
    if not_modified is not None:
        if handle is not None:
            handle.close()
        return not_modified
    filename = f"{name}.{file_format}"
    if prefix:
        response = HttpResponse(content_type=FORMATS[file_format])
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + found.name
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=FORMATS[file_format]
        )
        response["Content-Length"] = str(found.size)
    response["ETag"] = found.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, no-cache"  # reuse it, after asking whether it changed
    return response


def _being_prepared(request):
    response = render(request, "portal/opendata_preparing.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
