import pytest
from django.core.files.base import ContentFile

from portal import search
from transparency import actions
from transparency.models import Document, DocumentRelation

from .factories import DocumentFactory, FieldFactory
from .helpers import make_pdf

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


def test_it_filters_without_javascript_on_a_phone(page_without_javascript, document):
    page = page_without_javascript
    page.goto("/van-ban/")
    # The filters start closed, so that the count and the first results fit on the screen.
    assert not page.locator("#id_kind").is_visible()
    count = page.get_by_text("27 văn bản")
    assert count.bounding_box()["y"] + count.bounding_box()["height"] < 844
    page.get_by_text("Lọc văn bản").click()
    page.select_option("#id_kind", "decree")
    page.get_by_role("button", name="Lọc").click()
    assert "kind=decree" in page.url
    assert page.get_by_text("2 văn bản").is_visible()
    # Once filtered, the filters stay open to show what applies.
    assert page.locator("#id_kind").input_value() == "decree"
    assert page.locator("#id_kind").is_visible()


def test_the_filters_are_open_beside_the_results_on_a_wide_screen(page, document):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/van-ban/")
    page.wait_for_function("document.querySelector('details[data-open-on-wide-screens]').open")
    assert page.locator("#id_kind").is_visible()


def test_the_number_or_words_box_works_without_javascript(page_without_javascript, document):
    search.rebuild()
    page = page_without_javascript
    page.goto("/van-ban/?kind=decree")
    page.get_by_label("Số, ký hiệu hoặc từ khóa").fill("Nghị định số 83/2014/NĐ-CP")
    page.get_by_label("Số, ký hiệu hoặc từ khóa").press("Enter")

    assert "kind=decree" in page.url and "q=" in page.url
    assert page.get_by_text("1 văn bản").is_visible()
    assert page.locator(".app-search-results a").first.inner_text() == "Nghị định 83/2014/NĐ-CP"
