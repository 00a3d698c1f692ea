"""The reception calendar and the booking form in a real browser, checked with axe."""

import pytest

from tests.accountability.factories import SessionFactory
from tests.accountability.helpers import future_weekday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_calendar_list_and_month_are_accessible_on_phone_and_desktop(page, axe, width):
    day = future_weekday(3)
    SessionFactory(planned_date=day, date=day, delegate="Bà Phạm Thu Hà")
    SessionFactory(planned_date=day, date=day, status="cancelled", notice="Tạm hoãn.")
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/tiep-cong-dan/")
    assert page.get_by_role("heading", level=1).inner_text() == "Lịch tiếp công dân"
    assert axe(page) == []

    page.goto(f"/tiep-cong-dan/thang/{day.year}/{day.month}/")
    assert axe(page) == []
    # The seven days fit the screen: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name=f"{day:%d/%m/%Y}").first.click()
    assert page.url.endswith("#phien-" + page.url.rsplit("-", 1)[1])


def test_the_booking_form_works_with_the_keyboard_alone_and_explains_an_error(page, axe):
    session = SessionFactory()

    page.goto(f"/tiep-cong-dan/dat-lich/?phien={session.pk}")
    assert axe(page) == []
    page.get_by_label("Kiến nghị").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Kiến nghị sửa chữa đường điện hạ thế khu dân cư.")
    page.keyboard.press("Tab")
    page.keyboard.type("Trần Thị Hoa")
    page.keyboard.press("Tab")
    page.keyboard.type("12345")  # not a phone number
    page.keyboard.press("Tab")  # the email, left empty
    page.keyboard.press("Tab")  # the trap field is skipped: the privacy notice's link
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the consent box
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_selector(".govuk-error-summary")
    assert page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Nhập số điện thoại Việt Nam, ví dụ 0912 345 678"
    ]
    assert page.get_by_label("Tóm tắt nội dung").input_value().startswith("Kiến nghị sửa chữa")
    assert axe(page) == []

    page.locator(".govuk-error-summary a").first.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("0912 345 678")
    page.get_by_role("button", name="Gửi đăng ký").press("Enter")
    page.wait_for_selector(".govuk-panel--confirmation")
    assert "TCD-" in page.locator(".govuk-panel__body").inner_text()
    assert axe(page) == []


def test_the_reception_log_ledger_is_accessible_to_the_officer_who_keeps_it(page, axe, unit_a):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.urls import reverse

    from portal import roles
    from tests.accountability.factories import VisitFactory
    from tests.helpers import current_code, make_staff, sign_in

    secret = generate_totp_secret()
    officer = make_staff(roles.RECEPTION_OFFICER, unit=unit_a, mfa=False)
    TOTP.activate(officer, secret)
    visit = VisitFactory(unit=unit_a, visitor_name="Nguyễn Thị Lan", people=3)
    sign_in(page, officer.email)
    page.get_by_label("Mã xác thực").fill(current_code(secret))
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url(f"**{reverse('portal:dashboard')}")

    page.get_by_role("link", name="Sổ tiếp công dân tháng này (để in)").click()
    page.wait_for_url(f"**/so-tiep-cong-dan/{visit.visited_on.year}/{visit.visited_on.month}/")
    assert "Nguyễn Thị Lan (3 người)" in page.locator("table").inner_text()
    assert axe(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_dialogue_pages_are_accessible_on_phone_and_desktop(page, axe, width):
    from tests.accountability.factories import DialogueFactory, QuestionFactory

    dialogue = DialogueFactory(title="Đối thoại với doanh nghiệp về xúc tiến thương mại")
    QuestionFactory(dialogue=dialogue, answer="Sở hỗ trợ 50% chi phí gian hàng.")
    QuestionFactory(dialogue=dialogue)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/doi-thoai/")
    assert axe(page) == []
    page.get_by_role("link", name=dialogue.title).click()
    page.wait_for_url(f"**/doi-thoai/{dialogue.slug}/")
    assert "Sở hỗ trợ 50% chi phí gian hàng." in page.content()
    assert axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="Gửi câu hỏi").click()
    assert axe(page) == []
    page.goto("/doi-thoai/tra-cuu/")
    assert axe(page) == []


def test_the_complaint_form_works_with_the_keyboard_alone_and_explains_an_error(page, axe):
    page.goto("/tiep-cong-dan/gui-don/")
    assert axe(page) == []
    page.get_by_label("Khiếu nại", exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Khiếu nại quyết định không cấp giấy phép bán lẻ rượu")
    page.keyboard.press("Tab")
    page.keyboard.type("Ngày 02/11 Sở có văn bản không cấp giấy phép cho cửa hàng tôi.")
    page.keyboard.press("Tab")
    page.keyboard.type("Phạm Văn Khoa")
    page.keyboard.press("Tab")
    page.keyboard.type("Tổ 4, phường Phan Đình Phùng, tỉnh Thái Nguyên")
    page.keyboard.press("Tab")  # the phone, left empty
    page.keyboard.press("Tab")  # the email, left empty
    page.keyboard.press("Tab")  # the trap field is skipped: the privacy notice's link
    page.keyboard.press("Tab")  # the consent box, left unticked
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_selector(".govuk-error-summary")
    assert page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Đánh dấu vào ô để đồng ý với thông báo về xử lý dữ liệu cá nhân"
    ]
    assert page.get_by_label("Nội dung", exact=True).input_value().startswith("Ngày 02/11")
    assert axe(page) == []

    page.locator(".govuk-error-summary a").first.press("Enter")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Gửi đơn").press("Enter")
    page.wait_for_selector(".govuk-panel--confirmation")
    assert "KN-" in page.locator(".govuk-panel__body").inner_text()
    assert axe(page) == []


def test_the_explanation_form_explains_an_error_accessibly(page, axe):
    page.goto("/giai-trinh/gui-yeu-cau/")
    assert axe(page) == []
    page.get_by_role("button", name="Gửi yêu cầu").press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    assert axe(page) == []
