import csv
import io
import json
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from transparency.opendata import DOCUMENT_COLUMNS as OPEN_DATA_COLUMNS

from .factories import DocumentFactory, FieldFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_it_publishes_a_valid_atom_feed_newest_first(client):
    old = DocumentFactory(number="1/2024/QĐ-UBND")
    new = DocumentFactory(number="2/2024/QĐ-UBND")
    old.published_at = old.published_at.replace(year=old.published_at.year - 1)
    old.save()
    response = client.get(reverse("transparency:document_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") and root.findtext(f"{ATOM}id")
    entries = list(root.iter(f"{ATOM}entry"))
    assert [
        e.find(f"{ATOM}link").get("href").endswith(new.get_absolute_url()) for e in entries
    ] == [
        True,
        False,
    ]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")


def test_it_has_a_feed_per_field(client):
    power = FieldFactory(name="Điện")
    petrol = FieldFactory(name="Kinh doanh xăng dầu")
    in_power = DocumentFactory(fields=[power])
    DocumentFactory(fields=[petrol])
    root = ElementTree.fromstring(  # noqa: S314
        client.get(reverse("transparency:document_field_feed", args=[power.slug])).content
    )
    entries = list(root.iter(f"{ATOM}entry"))
    assert len(entries) == 1 and in_power.number in entries[0].findtext(f"{ATOM}title")
    assert "Điện" in root.findtext(f"{ATOM}title")
    assert client.get("/van-ban/feed/khong-co/").status_code == 404


def test_it_serves_a_csv_that_excel_and_the_csv_module_read_back(client):
    field = FieldFactory(name="Hóa chất")
    DocumentFactory(number="113/2017/NĐ-CP", summary='Luật "Hóa chất", điều 1, 2', fields=[field])
    DocumentFactory(summary="=1+1 không được chạy như công thức")
    response = client.get(reverse("portal:open_data_file", args=["van-ban", "csv"]))
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [name for name, _d in OPEN_DATA_COLUMNS]
    first = next(r for r in rows if r["number"] == "113/2017/NĐ-CP")
    assert first["summary"] == 'Luật "Hóa chất", điều 1, 2'
    assert first["fields"] == "Hóa chất"
    assert first["legal_status"] == "in_force"
    assert first["url"].startswith("http")
    assert any(r["summary"].startswith("'=1+1") for r in rows)


def test_it_serves_json_with_its_schema(client):
    DocumentFactory(number="59/2019/NĐ-CP")
    data = json.loads(
        b"".join(
            client.get(reverse("portal:open_data_file", args=["van-ban", "json"])).streaming_content
        )
    )
    assert [c["name"] for c in data["schema"]] == [name for name, _d in OPEN_DATA_COLUMNS]
    assert data["documents"][0]["number"] == "59/2019/NĐ-CP"
    assert set(data["documents"][0]) == {name for name, _d in OPEN_DATA_COLUMNS}


def test_it_describes_the_schema_on_the_open_data_page(client):
    content = client.get(reverse("portal:open_data")).content.decode()
    for name, _description in OPEN_DATA_COLUMNS:
        assert f"<code>{name}</code>" in content
    assert reverse("portal:open_data_file", args=["van-ban", "csv"]) in content


def test_it_lists_documents_in_the_sitemap(client):
    document = DocumentFactory()
    content = client.get("/sitemap.xml").content.decode()
    assert document.get_absolute_url() in content
