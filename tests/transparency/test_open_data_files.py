"""Open data files are written by a task and downloaded as stored files: what they hold is the
database, a publication refreshes them, a spreadsheet runs no formula from them, and a client
that has the file gets a 304."""

import csv
import io
import json
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse

from portal import opendata
from portal.models import OutboxTask
from portal.publishing import item_publish
from transparency import actions, selectors
from transparency.models import Document
from transparency.opendata import DOCUMENT_COLUMNS

from .factories import DocumentFactory, FieldFactory, draft
from .helpers import make_pdf

pytestmark = pytest.mark.django_db

NAMES = [name for name, _description in DOCUMENT_COLUMNS]


def stored(settings, file_format: str) -> bytes:
    return (Path(settings.MEDIA_ROOT) / "opendata" / f"van-ban.{file_format}").read_bytes()


def csv_rows(raw: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_it_writes_files_that_hold_exactly_the_public_documents(settings):
    settings.SITE_URL = "https://congthuong.example.gov.vn/"
    power, chemicals = FieldFactory(name="Điện"), FieldFactory(name="Hóa chất")
    decree = DocumentFactory(
        number="113/2017/NĐ-CP",
        kind=Document.Kind.DECREE,
        summary='Quy định chi tiết Luật "Hóa chất", điều 1, 2',
        issuer="Chính phủ",
        fields=[power, chemicals],
    )
    attachment = actions.attachment_add(
        document=decree, uploaded=ContentFile(make_pdf(), name="Toàn văn.pdf")
    )
    plain = DocumentFactory(number="5/2024/QĐ-UBND")
    draft(number="9/2024/QĐ-UBND")

    opendata.generate("van-ban")

    rows = csv_rows(stored(settings, "csv"))
    assert list(rows[0]) == NAMES
    assert [row["id"] for row in rows] == [str(decree.pk), str(plain.pk)]  # no draft
    first = rows[0]
    assert first["number"] == "113/2017/NĐ-CP"
    assert first["kind"] == "decree" and first["kind_label"] == "Nghị định"
    assert first["summary"] == 'Quy định chi tiết Luật "Hóa chất", điều 1, 2'
    assert first["issuer"] == "Chính phủ" and first["signer"] == decree.signer
    assert first["issued_on"] == decree.issued_on.isoformat()
    assert first["legal_status"] == "in_force"
    assert first["fields"] == "Điện; Hóa chất"
    assert first["url"] == f"https://congthuong.example.gov.vn/van-ban/{decree.pk}/"
    assert first["attachments"] == (
        f"https://congthuong.example.gov.vn{attachment.get_absolute_url()}"
    )
    assert rows[1]["fields"] == rows[1]["attachments"] == ""

    data = json.loads(stored(settings, "json"))
    assert [c["name"] for c in data["schema"]] == NAMES
    assert [item["id"] for item in data["documents"]] == [decree.pk, plain.pk]
    assert {k: str(v) for k, v in data["documents"][0].items()} == first


def test_it_reads_the_catalog_in_batches_of_plain_values(django_assert_max_num_queries):
    for _n in range(5):
        DocumentFactory()
    # Field names, then per batch of two: documents, their fields, their attachments; and the
    # empty batch that ends it.
    with django_assert_max_num_queries(1 + 3 * 3 + 1):
        rows = list(selectors.open_data_rows(batch_size=2))
    assert len(rows) == 5 and all(isinstance(row, tuple) for row in rows)


def test_it_escapes_formulas_in_the_csv_but_not_in_the_json(client):
    DocumentFactory(summary='=HYPERLINK("http://evil.example";"Bấm vào")', signer="-5")
    DocumentFactory(summary="@SUM(A1:A2) không được chạy")

    rows = csv_rows(
        b"".join(
            client.get(reverse("portal:open_data_file", args=["van-ban", "csv"])).streaming_content
        )
    )
    assert rows[0]["summary"] == '\'=HYPERLINK("http://evil.example";"Bấm vào")'
    assert rows[0]["signer"] == "-5"  # a number stays a number
    assert rows[1]["summary"] == "'@SUM(A1:A2) không được chạy"
    data = json.loads(
        b"".join(
            client.get(reverse("portal:open_data_file", args=["van-ban", "json"])).streaming_content
        )
    )
    assert data["documents"][0]["summary"].startswith("=HYPERLINK")


def test_it_serves_the_stored_file_with_its_validators_and_answers_304(client, settings):
    DocumentFactory(number="59/2019/NĐ-CP")
    url = reverse("portal:open_data_file", args=["van-ban", "csv"])

    first = client.get(url)  # no file yet: written once, here
    body = b"".join(first.streaming_content)
    assert first.status_code == 200
    assert first["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="van-ban.csv"' in first["Content-Disposition"]
    assert int(first["Content-Length"]) == len(body) == len(stored(settings, "csv"))
    assert "59/2019/NĐ-CP" in body.decode()

    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and not again.content
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304

    DocumentFactory(number="60/2019/NĐ-CP")
    time.sleep(0.01)
    opendata.generate("van-ban")
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "60/2019/NĐ-CP" in b"".join(changed.streaming_content).decode()


def test_it_lets_the_proxy_send_the_file_when_configured(client, settings):
    settings.OPENDATA_ACCEL_REDIRECT_PREFIX = "/_noi-bo/media/"
    DocumentFactory()
    response = client.get(reverse("portal:open_data_file", args=["van-ban", "json"]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_noi-bo/media/opendata/van-ban.json"
    assert response.content == b"" and response["ETag"] and response["Last-Modified"]
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_it_asks_to_come_back_while_another_request_writes_the_first_file(client):
    cache.set("opendata:generating:van-ban", 1, 60)
    response = client.get(reverse("portal:open_data_file", args=["van-ban", "csv"]))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Tệp đang được chuẩn bị" in response.content.decode()


def test_it_says_on_the_page_when_the_files_were_generated(client):
    page = client.get(reverse("portal:open_data")).content.decode()
    assert "Các tệp được tạo lần gần nhất" not in page
    opendata.generate("van-ban")
    page = client.get(reverse("portal:open_data")).content.decode()
    assert "Các tệp được tạo lần gần nhất lúc" in page


def test_it_refreshes_the_files_after_a_publication(
    settings, tasks_in_process, django_capture_on_commit_callbacks
):
    settings.OPENDATA_REFRESH_DELAY = 0
    DocumentFactory(number="1/2024/QĐ-UBND")
    opendata.generate("van-ban")
    document = draft(number="2/2024/QĐ-UBND")
    assert "2/2024/QĐ-UBND" not in stored(settings, "csv").decode("utf-8-sig")

    with django_capture_on_commit_callbacks(execute=True):
        item_publish(item=document, user=None)

    assert "2/2024/QĐ-UBND" in stored(settings, "csv").decode("utf-8-sig")
    assert "2/2024/QĐ-UBND" in stored(settings, "json").decode()


def test_a_burst_of_publications_is_one_run_queued_in_the_outbox(tasks_through_broker):
    documents = [draft(number=f"{n}/2024/QĐ-UBND") for n in range(3)]
    for document in documents:  # the commit never happens here: the rows stay in the outbox
        item_publish(item=document, user=None)
    queued = OutboxTask.objects.filter(task="portal.tasks.refresh_open_data")
    assert [row.args[0] for row in queued] == ["van-ban"]


@pytest.mark.celery
def test_a_real_worker_writes_the_file_after_a_publication(
    celery_worker, tasks_through_broker, settings
):
    settings.OPENDATA_REFRESH_DELAY = 0.5
    document = draft(number="77/2024/QĐ-UBND")
    item_publish(item=document, user=None)  # autocommit: sent to the broker at once

    path = Path(settings.MEDIA_ROOT) / "opendata" / "van-ban.csv"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if path.exists() and "77/2024/QĐ-UBND" in path.read_text("utf-8-sig"):
            break
        time.sleep(0.3)
    else:
        pytest.fail("the worker did not write the file:\n" + celery_worker.log_path.read_text())
    rows = csv_rows(path.read_bytes())
    assert [row["id"] for row in rows] == [str(document.pk)]
