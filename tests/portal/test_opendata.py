"""The open data writers: what a spreadsheet would run is escaped, what a machine reads is not."""

import csv
import io
import json

import pytest
from django.urls import reverse

from portal import opendata
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


@pytest.fixture
def grid_projects(settings, tmp_path):
    """A dataset as a new app would register it in its own opendata.py."""
    settings.MEDIA_ROOT = tmp_path
    dataset = opendata.register(
        opendata.Dataset(
            name="du-lieu-thu",
            app_label="services",
            title="Công trình lưới điện",
            columns=[("name", "Tên công trình"), ("km", "Chiều dài đường dây (km)")],
            rows=lambda: [("Đường dây 22 kV xã Tân Cương", "-5")],
            description="Mỗi dòng là một công trình.",
        )
    )
    yield dataset
    opendata.registry.unregister(dataset.name)


@pytest.mark.django_db
def test_every_registered_dataset_is_on_the_open_data_page_and_downloads(client, grid_projects):
    page = client.get(reverse("portal:open_data")).content.decode()
    assert "Công trình lưới điện" in page and "Mỗi dòng là một công trình." in page
    assert "<code>km</code>" in page
    csv_url = reverse("portal:open_data_file", args=["du-lieu-thu", "csv"])
    assert csv_url == "/du-lieu-mo/du-lieu-thu.csv" and csv_url in page

    response = client.get(csv_url)
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code == 200
    assert body.splitlines() == ["name,km", "Đường dây 22 kV xã Tân Cương,-5"]
    data = json.loads(
        b"".join(
            client.get(
                reverse("portal:open_data_file", args=["du-lieu-thu", "json"])
            ).streaming_content
        )
    )
    assert data["items"] == [{"name": "Đường dây 22 kV xã Tân Cương", "km": "-5"}]


@pytest.mark.django_db
def test_an_unknown_dataset_or_format_is_not_found(client, grid_projects):
    assert client.get("/du-lieu-mo/khong-co.csv").status_code == 404
    assert client.get("/du-lieu-mo/du-lieu-thu.xlsx").status_code == 404
