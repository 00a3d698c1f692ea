"""Issuing bodies are records: one per body, chosen from a list, migrated from the free text
that documents held before."""

import io
import json

import pytest
import tablib
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from tests.helpers import make_staff
from transparency.models import Document, Issuer
from transparency.resources import DocumentExportResource, DocumentResource

from .factories import DocumentFactory, IssuerFactory

BEFORE = [("transparency", "0004_status_filter_indexes")]
AFTER = [("transparency", "0007_issuer_required")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_one_record_per_body_and_keeps_every_document():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldDocument = old.get_model("transparency", "Document")
    rows = [
        ("59/2019/NĐ-CP", "Chính phủ"),
        ("83/2014/NĐ-CP", "Chính phủ"),
        ("28/2004/QH11", "Quốc hội"),
        ("10/KH-UBND", "Ủy ban nhân dân  tỉnh Thái Nguyên "),  # stray spaces
        ("11/KH-UBND", "Ủy ban nhân dân tỉnh Thái Nguyên"),
        # The same number under two spellings of one body: neither may be lost.
        ("12/KH-UBND", "Ủy ban nhân dân tỉnh Thái Nguyên"),
        ("12/KH-UBND", " Ủy ban nhân dân tỉnh Thái Nguyên"),
    ]
    for number, issuer in rows:
        OldDocument.objects.create(kind="plan", number=number, summary="Trích yếu", issuer=issuer)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    NewDocument = new.get_model("transparency", "Document")
    NewIssuer = new.get_model("transparency", "Issuer")

    assert NewDocument.objects.count() == len(rows)
    names = dict(NewDocument.objects.values_list("number", "issuer__name").order_by("number"))
    assert names["59/2019/NĐ-CP"] == names["83/2014/NĐ-CP"] == "Chính phủ"
    assert names["10/KH-UBND"] == names["11/KH-UBND"] == "Ủy ban nhân dân tỉnh Thái Nguyên"
    assert NewDocument.objects.filter(number="12/KH-UBND").count() == 2
    assert NewIssuer.objects.filter(name="Ủy ban nhân dân tỉnh Thái Nguyên").count() == 1
    assert NewIssuer.objects.count() == 4  # three bodies and the clashing spelling

    # Back to the latest state for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_the_document_list_filters_and_shows_the_issuer_by_name(client):
    DocumentFactory(number="1/2024/NĐ-CP", issuer="Chính phủ")
    DocumentFactory(number="2/2024/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Thái Nguyên")

    page = client.get(reverse("transparency:document_list"), {"issuer": "Chính phủ"})

    assert [d.number for d in page.context["page"].object_list] == ["1/2024/NĐ-CP"]
    assert "Chính phủ" in page.content.decode()


@pytest.mark.django_db
def test_import_finds_the_issuer_by_name_or_short_name_and_export_writes_its_name():
    ministry = IssuerFactory(name="Bộ Công Thương", short_name="BCT")
    dataset = tablib.Dataset(headers=["number", "kind", "summary", "issuer", "issued_on"])
    dataset.append(["15/2017/TT-BCT", "Thông tư", "Hướng dẫn", "bộ công  thương", "2017-08-31"])
    dataset.append(["16/2017/TT-BCT", "Thông tư", "Hướng dẫn", "BCT", "2017-09-01"])
    dataset.append(["5/2024/QĐ-UBND", "Quyết định", "Công bố", "UBND tỉnh Cao Bằng", ""])

    result = DocumentResource().import_data(dataset, dry_run=False, raise_errors=True)

    assert not result.has_validation_errors()
    assert Document.objects.filter(issuer=ministry).count() == 2
    assert Issuer.objects.filter(name="UBND tỉnh Cao Bằng").count() == 1
    exported = DocumentExportResource().export()
    assert set(exported["issuer"]) == {"Bộ Công Thương", "UBND tỉnh Cao Bằng"}


@pytest.mark.django_db
def test_the_editor_chooses_the_issuer_from_a_list_in_vietnamese_order(client):
    for name in ["Ủy ban nhân dân tỉnh Thái Nguyên", "Chính phủ", "Bộ Công Thương", "Quốc hội"]:
        IssuerFactory(name=name)
    client.force_login(make_staff("editor"))

    page = client.get(reverse("admin:transparency_document_add")).content.decode()

    select = page[page.index('<select name="issuer"') :]
    select = select[: select.index("</select>")]
    positions = [
        select.index(name)
        for name in ["Bộ Công Thương", "Chính phủ", "Quốc hội", "Ủy ban nhân dân tỉnh Thái Nguyên"]
    ]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_the_demo_names_each_body_once_and_the_province_of_the_demo():
    call_command("seed_demo", stdout=io.StringIO())
    names = set(Issuer.objects.values_list("name", flat=True))
    assert not any("chưa rõ" in name or "UBND" in name for name in names)
    plan = Document.objects.get(number="10357/KH-UBND")
    assert plan.issuer.name == "Ủy ban nhân dân tỉnh Thái Nguyên"
    assert plan.issuer.short_name == "UBND tỉnh Thái Nguyên"
    chair = Document.objects.get(number="5595/QĐ-UBND").issuer
    assert chair.name == "Chủ tịch Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert chair.short_name == "Chủ tịch UBND TP. Hồ Chí Minh"
    assert Issuer.objects.get(name="Chính phủ").short_name == "CP"


@pytest.mark.django_db
def test_the_page_feed_and_open_data_name_the_issuer(client):
    document = DocumentFactory(number="59/2019/NĐ-CP", issuer="Chính phủ")

    page = client.get(document.get_absolute_url()).content.decode()
    feed = client.get(reverse("transparency:document_feed")).content.decode()
    data = json.loads(
        b"".join(
            client.get(reverse("portal:open_data_file", args=["van-ban", "json"])).streaming_content
        )
    )

    assert "Chính phủ" in page
    assert "<name>Chính phủ</name>" in feed
    assert data["documents"][0]["issuer"] == "Chính phủ"
