import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.periods import Quarter
from transparency.models import (
    Attachment,
    Document,
    DocumentRelation,
    Explainer,
    Field,
    Issuer,
    Planning,
    Question,
)

pytestmark = pytest.mark.django_db


def test_it_seeds_the_documents_of_the_plan_with_pdfs_and_can_run_again():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Document.objects.count(), Attachment.objects.count(), Planning.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (
        Document.objects.count(),
        Attachment.objects.count(),
        Planning.objects.count(),
    ) == counts
    for number in ("59/2019/NĐ-CP", "7201/KH-UBND", "10357/KH-UBND", "321/QĐ-UBND", "2484/QĐ-UBND"):
        document = Document.objects.public().get(number=number)
        attachment = document.attachments.get()
        assert attachment.format == "pdf" and attachment.file.read(5) == b"%PDF-"
    assert Document.objects.public().count() >= 90
    assert DocumentRelation.objects.filter(target__number="10357/KH-UBND").count() == 2
    assert Explainer.objects.public().exists()


def test_the_demo_has_documents_that_have_ceased_to_have_effect(client):
    call_command("seed_demo", stdout=io.StringIO())
    expired = client.get(reverse("transparency:document_list"), {"status": "expired"})
    numbers = {d.number for d in expired.context["page"].object_list}
    assert {"28/2004/QH11", "68/2017/NĐ-CP", "94/2012/NĐ-CP", "61/2018/NĐ-CP"} <= numbers
    old = Document.objects.get(number="68/2017/NĐ-CP")
    page = client.get(old.get_absolute_url()).content.decode()
    assert "Hết hiệu lực" in page and "Được thay thế bởi" in page and "32/2024/NĐ-CP" in page


def seed_and_index(django_capture_on_commit_callbacks):
    # The search index follows each publication once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())


def test_dissemination_and_plannings_carry_their_own_dates_and_kind(
    client, django_capture_on_commit_callbacks
):
    seed_and_index(django_capture_on_commit_callbacks)
    today = timezone.localdate()
    items = [*Question.objects.all(), *Explainer.objects.all(), *Planning.objects.all()]
    days = [item.published_at.date() for item in items]
    assert today not in days and len(set(days)) == len(items)
    assert all(day > today - timedelta(days=365) for day in days)

    for query, label in [
        ("giải trình", "Hỏi đáp pháp luật"),
        ("cửa hàng bán lẻ xăng dầu", "Phổ biến pháp luật"),
        ("cụm công nghiệp", "Quy hoạch"),
    ]:
        results = client.get(reverse("portal:search"), {"q": query}).context["results"]
        labels = {str(e.area_label) for e in results.entries if "/van-ban/" not in e.url}
        assert label in labels, query
        assert "Văn bản" not in labels, query

    response = client.get("/")  # the first visit renders it; the next would be the cached copy
    home, latest = response.content.decode(), response.context["latest"]
    assert latest and all(
        str(item.context) != "Văn bản" for item in latest if "/van-ban/" not in item.url
    )
    # Each of the latest entries shows the kind it is (the other apps' newest items come first).
    assert all(str(item.context) in home for item in latest)


def test_the_departments_own_documents_are_found_by_the_province(
    client, django_capture_on_commit_callbacks
):
    seed_and_index(django_capture_on_commit_callbacks)
    own = Document.objects.public().filter(issuer__name="Sở Công Thương tỉnh Thái Nguyên")
    assert own.filter(kind=Document.Kind.PLAN).exists()
    assert own.filter(kind=Document.Kind.DECISION).exists()
    assert all(d.signer and d.effective_on for d in own)
    quarter_start = Quarter.containing(timezone.localdate()).start
    assert own.filter(issued_on__gte=quarter_start - timedelta(days=30)).exists()

    results = client.get(reverse("portal:search"), {"q": "Thái Nguyên"}).context["results"]
    found = {e.url for e in results.entries}
    assert {d.get_absolute_url() for d in own} & found


def test_key_documents_carry_their_signer_and_effective_date(client):
    call_command("seed_demo", stdout=io.StringIO())
    decree = Document.objects.get(number="59/2019/NĐ-CP")
    assert decree.signer == "Nguyễn Xuân Phúc"
    assert decree.effective_on.isoformat() == "2019-08-15"
    page = client.get(decree.get_absolute_url()).content.decode()
    assert "Người ký" in page and "Nguyễn Xuân Phúc" in page and "15/08/2019" in page
    plan = Document.objects.get(number="10357/KH-UBND")
    assert plan.signer and plan.effective_on == plan.issued_on


def test_overlapping_fields_are_merged_also_in_an_earlier_demo():
    legacy = Field.objects.create(name="Kiểm soát TTHC", slug="kiem-soat-tthc")
    earlier = Document.objects.create(
        kind=Document.Kind.DECISION,
        number="1/QĐ-UBND",
        summary="Công bố thủ tục",
        issuer=Issuer.objects.create(name="Chính phủ"),
    )
    earlier.fields.add(legacy)

    call_command("seed_demo", stdout=io.StringIO())

    names = set(Field.objects.values_list("name", flat=True))
    assert not names & {"Kiểm soát TTHC", "Cải cách hành chính, kiểm soát TTHC", "Tố cáo"}
    assert {"Kiểm soát thủ tục hành chính", "Cải cách hành chính", "Khiếu nại, tố cáo"} <= names
    assert [f.name for f in earlier.fields.all()] == ["Kiểm soát thủ tục hành chính"]
