from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from transparency import actions
from transparency.models import Document, DocumentRelation

from .factories import DocumentFactory, ExplainerFactory, QuestionFactory, draft
from .helpers import make_pdf

pytestmark = pytest.mark.django_db


def test_it_shows_the_metadata_table(client):
    document = DocumentFactory(
        kind=Document.Kind.DECREE,
        number="59/2019/NĐ-CP",
        summary="Quy định chi tiết một số điều của Luật Phòng, chống tham nhũng",
        issuer="Chính phủ",
        signer="Nguyễn Xuân Phúc",
        issued_on=date(2019, 7, 1),
        effective_on=date(2019, 8, 15),
    )
    content = client.get(document.get_absolute_url()).content.decode()
    for text in (
        "59/2019/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Nguyễn Xuân Phúc",
        "01/07/2019",
        "15/08/2019",
        "Còn hiệu lực",
        "Cập nhật lần cuối",
    ):
        assert text in content
    assert content.count("<h1") == 1
    assert 'media="print"' in content


def test_it_derives_the_legal_status_from_the_dates(client):
    today = timezone.localdate()
    cases = {
        "Chưa có hiệu lực": DocumentFactory(effective_on=today + timedelta(days=10)),
        "Hết hiệu lực": DocumentFactory(expires_on=today - timedelta(days=1)),
        "Còn hiệu lực": DocumentFactory(effective_on=today - timedelta(days=10)),
        "Hết hiệu lực một phần": DocumentFactory(legal_status="partly_expired"),
    }
    for label, document in cases.items():
        assert label in client.get(document.get_absolute_url()).content.decode()


def test_it_shows_relations_from_both_sides_but_only_public_ones(client):
    plan = DocumentFactory(kind=Document.Kind.PLAN, number="10357/KH-UBND")
    decision = DocumentFactory(number="321/QĐ-UBND")
    hidden = draft(number="2484/QĐ-UBND")
    DocumentRelation.objects.create(source=decision, kind="amends", target=plan)
    DocumentRelation.objects.create(source=hidden, kind="amends", target=plan)
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    assert "Được sửa đổi, bổ sung bởi" in plan_page and decision.get_absolute_url() in plan_page
    assert hidden.number not in plan_page
    decision_page = client.get(decision.get_absolute_url()).content.decode()
    assert "Sửa đổi" in decision_page and plan.get_absolute_url() in decision_page


def test_it_lists_attachments_with_format_and_size_and_links_explanations(client):
    document = DocumentFactory()
    attachment = actions.attachment_add(
        document=document, uploaded=ContentFile(make_pdf(), name="Toàn văn.pdf"), title="Toàn văn"
    )
    explainer = ExplainerFactory()
    explainer.documents.add(document)
    question = QuestionFactory()
    question.documents.add(document)
    content = client.get(document.get_absolute_url()).content.decode()
    assert attachment.get_absolute_url() in content
    assert "PDF, 1 KB" in content
    assert explainer.get_absolute_url() in content
    assert question.get_absolute_url() in content


def test_it_serves_the_cached_page_without_any_cookie_or_token(client, django_assert_num_queries):
    document = DocumentFactory()
    first = client.get(document.get_absolute_url())
    # From the cache, and the view is counted in Redis: not one query, not one write.
    with django_assert_num_queries(0):
        second = client.get(document.get_absolute_url())
    assert second.content == first.content
    for response in (first, second):
        assert not response.cookies
        assert "Set-Cookie" not in response
        assert b"csrfmiddlewaretoken" not in response.content
    list_page = client.get(reverse("transparency:document_list"))
    assert not list_page.cookies and b"csrfmiddlewaretoken" not in list_page.content


def test_it_serves_a_cached_page_while_the_database_is_down(client, monkeypatch):
    from django.db import connection
    from django.db.utils import OperationalError

    document = DocumentFactory(summary="Về việc công bố giá bán lẻ điện")
    first = client.get(document.get_absolute_url())

    def refuse(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(connection, "cursor", refuse)
    second = client.get(document.get_absolute_url())

    assert second.status_code == 200
    assert second.content == first.content


def test_it_never_serves_a_staff_page_from_the_cache_or_caches_it(client, officer_a):
    document = DocumentFactory(summary="Văn bản dùng thử bộ nhớ đệm")
    client.force_login(officer_a)
    staff_page = client.get(document.get_absolute_url()).content.decode()
    client.logout()
    anonymous = client.get(document.get_absolute_url()).content.decode()
    assert officer_a.email not in anonymous
    assert staff_page.count("Văn bản dùng thử bộ nhớ đệm") >= 1


def test_it_serves_attachments_as_downloads_under_their_original_name(client):
    document = DocumentFactory()
    attachment = actions.attachment_add(
        document=document, uploaded=ContentFile(make_pdf(), name="Toàn văn QĐ.pdf")
    )
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "Toa%CC%80n" in response["Content-Disposition"] or "To" in response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # Stored under a generated name, not the uploader's.
    assert "Toàn văn" not in attachment.file.name and attachment.file.name.endswith(".pdf")
