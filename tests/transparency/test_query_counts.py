"""The list and a document's page, rendered (not from the page cache), in a fixed and small
number of queries: what a visitor with a cookie, or the first visitor after a publication, waits
for."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from portal.publishing import item_publish
from transparency import actions
from transparency.models import DocumentRelation

from .factories import (
    DocumentFactory,
    ExplainerFactory,
    FieldFactory,
    PlanningFactory,
    QuestionFactory,
    draft,
)
from .helpers import make_pdf

pytestmark = pytest.mark.django_db

# A visitor who has posted a form carries a CSRF cookie: the page is rendered for them.
RENDERED = {"csrftoken": "x" * 32}


@pytest.fixture
def rendered_client(client):
    client.cookies.load(RENDERED)
    return client


def test_the_list_reads_the_filter_choices_in_one_query_and_the_page_in_one(
    rendered_client, django_assert_num_queries
):
    fields = [FieldFactory(name=name) for name in ("Điện", "Hóa chất", "Kinh doanh rượu")]
    DocumentFactory.create_batch(25, fields=fields)
    DocumentFactory(issuer="Bộ Công Thương")
    # Cold: the filter choices (fields and issuers together) and the department profile too.
    with django_assert_num_queries(4):
        first = rendered_client.get(reverse("transparency:document_list"))
    assert "Bộ Công Thương" in first.content.decode()
    # Then only the page: its rows, each with its fields' ids. The count is kept until a
    # publication.
    with django_assert_num_queries(1):
        response = rendered_client.get(reverse("transparency:document_list"), {"page": 2})
    assert len(response.context["page"].object_list) == 6
    page = response.content.decode()
    assert "26 văn bản" in page and "Điện, Hóa chất, Kinh doanh rượu" in page


def test_the_count_follows_a_publication_at_once(
    rendered_client, django_capture_on_commit_callbacks
):
    DocumentFactory.create_batch(21, kind="decision")  # more than a page: the list counts
    filtered = {"kind": "decision"}
    for query in ({}, filtered):
        page = rendered_client.get(reverse("transparency:document_list"), query)
        assert "21 văn bản" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        item_publish(item=draft(kind="decision"))

    for query in ({}, filtered):
        page = rendered_client.get(reverse("transparency:document_list"), query)
        assert "22 văn bản" in page.content.decode()


def test_a_plain_documents_page_reads_only_what_it_shows(
    rendered_client, django_assert_num_queries
):
    document = DocumentFactory(fields=[FieldFactory(name="Điện")])
    rendered_client.get(reverse("transparency:document_list"))  # the profile is now cached
    # First the public consultations adopted as documents and the procedures citing documents
    # (egov and procedures link back through the kernel, without transparency knowing either
    # app), each read once by the process until a change.
    with django_assert_num_queries(3):
        rendered_client.get(document.get_absolute_url())
    # Then the document, which of its lists exist and its fields' ids: one query.
    with django_assert_num_queries(1):
        response = rendered_client.get(document.get_absolute_url())
    content = response.content.decode()
    assert "Điện" in content and "Văn bản liên quan" not in content


def test_a_full_documents_page_reads_each_list_once(rendered_client, django_assert_num_queries):
    document = DocumentFactory(fields=[FieldFactory(name="Điện")])
    other = DocumentFactory(number="12/2025/QĐ-UBND")
    DocumentRelation.objects.create(source=document, kind="amends", target=other)
    DocumentRelation.objects.create(source=DocumentFactory(), kind="guides", target=document)
    actions.attachment_add(document=document, uploaded=ContentFile(make_pdf(), name="Toàn văn.pdf"))
    ExplainerFactory().documents.add(document)
    QuestionFactory().documents.add(document)
    PlanningFactory(decision=document)
    rendered_client.get(reverse("transparency:document_list"))
    rendered_client.get(document.get_absolute_url())  # the tables of links from other apps
    with django_assert_num_queries(7):  # the document and its six lists (relations both ways)
        response = rendered_client.get(document.get_absolute_url())
    content = response.content.decode()
    assert "12/2025/QĐ-UBND" in content and "Toàn văn" in content


def test_a_new_issuer_shows_in_the_filters_as_soon_as_its_document_is_published(
    rendered_client, django_capture_on_commit_callbacks
):
    DocumentFactory(issuer="Bộ Công Thương")
    assert "Ủy ban nhân dân tỉnh" not in (
        rendered_client.get(reverse("transparency:document_list")).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        item_publish(item=draft(issuer="Ủy ban nhân dân tỉnh"))

    page = rendered_client.get(reverse("transparency:document_list")).content.decode()
    assert '<option value="Ủy ban nhân dân tỉnh">Ủy ban nhân dân tỉnh</option>' in page


def test_an_issuer_or_a_field_the_process_has_not_read_yet_is_still_named(rendered_client, editor):
    """The rows name issuers, and a document's page its fields, from what each process keeps
    until a publication; what came since without one (a document saved straight to the
    database, a field first given to a draft) is read with the page instead of left out."""
    DocumentFactory(issuer="Bộ Công Thương")
    rendered_client.get(reverse("transparency:document_list"))  # the process reads them
    DocumentFactory(issuer="Bộ Tài chính", number="99/2026/TT-BTC")
    page = rendered_client.get(reverse("transparency:document_list")).content.decode()
    row = page[page.index("99/2026/TT-BTC") :]
    assert "Bộ Tài chính" in row[: row.index("</li>")]

    preview = draft(fields=[FieldFactory(name="Công nghiệp hỗ trợ")])
    rendered_client.force_login(editor)
    page = rendered_client.get(preview.get_absolute_url()).content.decode()
    assert "Công nghiệp hỗ trợ" in page
