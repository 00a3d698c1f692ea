"""Open data files (`/du-lieu-mo/`): CSV and JSON written row by row as they are sent, so a
catalog of any size never sits in memory. Every app's open data uses these writers."""

import csv
import json
import re
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

# A cell that a spreadsheet would run as a formula starts with one of these...
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ...unless it is a plain number, which machine readers must get as written ("-5", "+1.5e3").
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


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


def csv_lines(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # the BOM: Excel then reads the file as UTF-8
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([escape_formula(row[column]) for column in columns])


def csv_response(columns: list[str], rows: Iterable[dict], *, filename: str):
    response = StreamingHttpResponse(
        csv_lines(columns, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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


def json_response(header: dict, items_key: str, rows: Iterable[dict]):
    return StreamingHttpResponse(
        json_lines(header, items_key, rows), content_type="application/json; charset=utf-8"
    )
