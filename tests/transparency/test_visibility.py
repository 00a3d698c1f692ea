"""Drafts, scheduled and unpublished items never reach the public, wherever they would show."""

import csv
import io
import json
from xml.etree import ElementTree

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from portal import publishing
from portal.publishing import Publication
from transparency import actions

from .factories import (
    DocumentFactory,
    ExplainerFactory,
    FieldFactory,
    PlanningFactory,
    QuestionFactory,
    draft,
    scheduled,
)
from .helpers import make_pdf

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def hidden(db):
    field = FieldFactory(name="Điện")
    unpublished = DocumentFactory(number="7/2020/QĐ-UBND", summary="Văn bản đã gỡ", fields=[field])
    unpublished.publication = Publication.UNPUBLISHED
    unpublished.unpublish_reason = "Đăng nhầm"
    unpublished.save()
    return [
        draft(number="1/2026/QĐ-UBND", summary="Dự thảo bí mật về giá điện", fields=[field]),
        scheduled(number="2/2026/QĐ-UBND", summary="Văn bản hẹn giờ đăng", fields=[field]),
        unpublished,
    ]


@pytest.fixture
def visible(db):
    return DocumentFactory(number="3/2026/QĐ-UBND", summary="Văn bản công khai về điện")


def _assert_hidden(content: str, hidden):
    for document in hidden:
        assert document.number not in content
        assert document.summary not in content


def test_it_lists_only_published_documents(client, hidden, visible):
    content = client.get(reverse("transparency:document_list")).content.decode()
    assert visible.number in content
    _assert_hidden(content, hidden)


def test_it_answers_404_for_hidden_documents_and_their_files(client, hidden):
    for document in hidden:
        attachment = actions.attachment_add(
            document=document, uploaded=ContentFile(make_pdf(), name="toan-van.pdf")
        )
        assert client.get(document.get_absolute_url()).status_code == 404
        assert client.get(attachment.get_absolute_url()).status_code == 404


def test_it_keeps_hidden_documents_out_of_feeds(client, hidden, visible):
    for url in (
        reverse("transparency:document_feed"),
        reverse("transparency:document_field_feed", args=["dien"]),
    ):
        content = client.get(url).content.decode()
        _assert_hidden(content, hidden)
    titles = [
        e.findtext(f"{ATOM}title")
        for e in ElementTree.fromstring(  # noqa: S314
            client.get(reverse("transparency:document_feed")).content
        ).iter(f"{ATOM}entry")
    ]
    assert titles == [f"Quyết định {visible.number}: {visible.summary}"]


def test_it_keeps_hidden_documents_out_of_open_data(client, hidden, visible):
    response = client.get(reverse("portal:open_data_file", args=["van-ban", "csv"]))
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert [row["number"] for row in rows] == [visible.number]
    data = json.loads(
        b"".join(
            client.get(reverse("portal:open_data_file", args=["van-ban", "json"])).streaming_content
        )
    )
    assert [d["number"] for d in data["documents"]] == [visible.number]


def test_it_keeps_hidden_items_out_of_the_sitemap(client, hidden, visible):
    hidden_planning = PlanningFactory(publication=Publication.DRAFT, published_at=None)
    hidden_explainer = ExplainerFactory(publication=Publication.DRAFT, published_at=None)
    content = client.get("/sitemap.xml").content.decode()
    assert visible.get_absolute_url() in content
    for item in [*hidden, hidden_planning, hidden_explainer]:
        assert item.get_absolute_url() not in content


def test_it_keeps_hidden_plans_and_dissemination_off_the_public_pages(client):
    plan = draft(kind="plan", number="99/KH-SCT", summary="Kế hoạch chưa duyệt")
    planning = PlanningFactory(name="Quy hoạch chưa công bố", publication=Publication.DRAFT)
    question = QuestionFactory(question="Câu hỏi chưa trả lời xong", publication="draft")
    explainer = ExplainerFactory(title="Bài viết nháp", publication=Publication.SCHEDULED)
    plans = client.get(reverse("transparency:plan_list")).content.decode()
    assert plan.number not in plans and planning.name not in plans
    dissemination = client.get(reverse("transparency:dissemination")).content.decode()
    assert question.question not in dissemination and explainer.title not in dissemination
    for item in (planning, question, explainer):
        assert client.get(item.get_absolute_url()).status_code == 404


def test_it_lets_staff_preview_a_draft(client, officer_a, hidden):
    client.force_login(officer_a)
    response = client.get(hidden[0].get_absolute_url())
    assert response.status_code == 200
    assert (
        "không công khai" in response.content.decode() or "not public" in response.content.decode()
    )


def test_it_hides_an_unpublished_document_at_once_even_when_its_page_was_cached(
    client, django_capture_on_commit_callbacks, editor
):
    document = DocumentFactory()
    assert client.get(document.get_absolute_url()).status_code == 200  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_unpublish(item=document, user=editor, reason="Văn bản bị thay thế")
    assert client.get(document.get_absolute_url()).status_code == 404
    assert document.number not in client.get(reverse("transparency:document_list")).content.decode()
