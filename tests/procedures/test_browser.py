"""The procedure pages in a real browser, checked with axe (WCAG 2.2 AA): the catalog on a
phone and a desktop, a procedure, the lookup with an error, the feedback form with the
keyboard alone, and the statistics page."""

from datetime import date

import pytest

from portal import search
from procedures import actions
from tests.procedures.factories import ProcedureFactory, make_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_catalog_and_a_procedure_are_accessible_on_phone_and_desktop(page, axe, width):
    procedure = ProcedureFactory(
        code="2.000648", name="Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu"
    )
    ProcedureFactory(name="Cấp lại Giấy chứng nhận đủ điều kiện trạm nạp LPG vào chai")
    search.rebuild()
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/thu-tuc/?q=xang+dau")
    assert page.get_by_role("heading", level=1).inner_text() == "Thủ tục hành chính"
    assert page.get_by_role("link", name=procedure.name).is_visible()
    assert axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("link", name=procedure.name).click()
    assert page.get_by_role("heading", level=1).inner_text() == procedure.name
    assert axe(page) == []
    page.get_by_role("link", name="Bản để in").click()
    assert axe(page) == []


def test_the_lookup_explains_an_error_and_shows_the_status(page, axe, unit_a):
    dossier = make_dossier(unit=unit_a, phone="0912 345 678")
    page.goto(f"/tra-cuu-ho-so/?ma={dossier.code}")
    assert page.get_by_label("Mã hồ sơ").input_value() == dossier.code
    page.get_by_label("4 số cuối của số điện thoại ghi trên Giấy tiếp nhận").fill("1111")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "Không có hồ sơ nào khớp" in page.locator(".govuk-error-summary").inner_text()
    assert axe(page) == []

    page.get_by_label("4 số cuối của số điện thoại ghi trên Giấy tiếp nhận").fill("5678")
    page.get_by_role("button", name="Tra cứu").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hồ sơ của bạn"
    assert "N*** V*** A***" in page.content()
    assert axe(page) == []


def test_the_feedback_form_works_with_the_keyboard_alone(page, axe):
    page.goto("/phan-anh-kien-nghi/")
    assert axe(page) == []
    page.get_by_label("Quy định hành chính", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("Tiêu đề").focus()
    page.keyboard.type("Quy định chưa rõ")
    page.keyboard.press("Tab")
    page.keyboard.type("Đề nghị hướng dẫn khoảng cách giữa hai cửa hàng xăng dầu.")
    page.keyboard.press("Tab")
    page.keyboard.type("Lê Minh Tuấn")
    page.keyboard.press("Tab")
    page.keyboard.type("12345")  # not a phone number
    page.keyboard.press("Enter")

    page.wait_for_selector(".govuk-error-summary")
    assert page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Nhập số điện thoại Việt Nam, ví dụ 0912 345 678"
    ]
    assert page.get_by_label("Tiêu đề").input_value() == "Quy định chưa rõ"
    assert axe(page) == []
    page.locator(".govuk-error-summary a").first.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("0912 345 678")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-panel--confirmation")
    assert "PAKN-" in page.locator(".govuk-panel__body").inner_text()
    assert axe(page) == []


def test_the_statistics_page_is_accessible(page, axe, unit_a):
    dossier = make_dossier(unit=unit_a)
    actions.dossier_return(dossier=dossier, on=date.today())
    page.goto("/thu-tuc/thong-ke/")
    assert page.locator("svg").count() >= 1
    assert axe(page) == []
