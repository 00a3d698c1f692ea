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


def test_the_list_reads_the_filter_choices_in_one_query_and_the_page_in_two(
    rendered_client, django_assert_num_queries
):
    fields = [FieldFactory(name=name) for name in ("Điện", "Hóa chất", "Kinh doanh rượu")]
    DocumentFactory.create_batch(25, fields=fields)
    DocumentFactory(issuer="Bộ Công Thương")
    # Cold: the filter choices (fields and issuers together) and the department profile too.
    with django_assert_num_queries(5):
        first = rendered_client.get(reverse("transparency:document_list"))
    assert "Bộ Công Thương" in first.content.decode()
    # Then only the page: its rows and their fields. The count is kept until a publication.
    with django_assert_num_queries(2):
        response = rendered_client.get(reverse("transparency:document_list"), {"page": 2})
    assert len(response.context["page"].object_list) == 6
    assert "26 văn bản" in response.content.decode()


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
    # The document with which of its lists exist, its fields, the public consultation it came
    # from and the procedures based on it (egov and procedures link back through the kernel,
    # without transparency knowing either app): nothing else to read.
    with django_assert_num_queries(4):
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
    with django_assert_num_queries(10):  # the eight lists, the consultation and the procedures
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
