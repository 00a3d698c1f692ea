"""The open data writers: what a spreadsheet would run is escaped, what a machine reads is not."""

import csv
import io
import json

from portal.opendata import csv_lines, json_lines

ROWS = [
    {"name": "Giảm giá", "value": "-5"},
    {"name": "Tăng", "value": "+1.5"},
    {"name": "Số âm", "value": -12},
    {"name": '=HYPERLINK("http://evil.example")', "value": "-2+3+cmd|' /C calc'!A0"},
    {"name": "@SUM(A1:A2)", "value": "=1+1"},
]


def test_it_escapes_formulas_but_leaves_negative_numbers_intact():
    text = "".join(csv_lines(["name", "value"], ROWS))
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["value"] for row in rows] == [
        "-5",
        "+1.5",
        "-12",
        "'-2+3+cmd|' /C calc'!A0",
        "'=1+1",
    ]
    assert rows[0]["name"] == "Giảm giá"
    assert rows[3]["name"].startswith("'=HYPERLINK") and rows[4]["name"] == "'@SUM(A1:A2)"


def test_it_streams_one_json_object_with_the_rows_as_given():
    data = json.loads("".join(json_lines({"title": "Danh mục"}, "items", iter(ROWS))))
    assert data["title"] == "Danh mục"
    assert data["items"] == ROWS
    assert json.loads("".join(json_lines({}, "items", iter([])))) == {"items": []}
