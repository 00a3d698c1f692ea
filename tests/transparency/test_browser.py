import pytest
from django.core.files.base import ContentFile

from transparency import actions
from transparency.models import Document, DocumentRelation

from .conftest import make_pdf
from .factories import DocumentFactory, FieldFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def document():
    field = FieldFactory(name="Kinh doanh xăng dầu")
    decree = DocumentFactory(
        kind=Document.Kind.DECREE,
        number="83/2014/NĐ-CP",
        summary="Về kinh doanh xăng dầu",
        issuer="Chính phủ",
        fields=[field],
    )
    amending = DocumentFactory(kind=Document.Kind.DECREE, number="95/2021/NĐ-CP", fields=[field])
    DocumentRelation.objects.create(source=amending, kind="amends", target=decree)
    actions.attachment_add(document=decree, uploaded=ContentFile(make_pdf(), name="toan-van.pdf"))
    DocumentFactory.create_batch(25)
    return decree


def test_it_has_no_accessibility_violations_on_the_list(page, axe, document):
    page.goto("/van-ban/?kind=decree")
    assert page.locator("h1").inner_text() == "Văn bản"
    assert axe(page) == []
    page.goto("/van-ban/")
    assert axe(page) == []


def test_it_has_no_accessibility_violations_on_the_detail_page(page, axe, document):
    page.goto(document.get_absolute_url())
    assert "Về kinh doanh xăng dầu" in page.locator("h1").inner_text()
    assert axe(page) == []


def test_it_filters_without_javascript_on_a_phone(browser, live_server, document):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )
    page = context.new_page()
    page.goto("/van-ban/")
    page.select_option("#id_kind", "decree")
    page.get_by_role("button", name="Lọc").click()
    assert "kind=decree" in page.url
    assert page.get_by_text("2 văn bản").is_visible()
    context.close()
