import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from transparency.models import Attachment, Document, DocumentRelation, Explainer, Planning

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
