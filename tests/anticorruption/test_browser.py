"""The report form (keyboard only), the receipt page and the recruitment timeline in a real
browser, checked with axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from anticorruption.models import RecruitmentStep, Tip
from tests.anticorruption.factories import make_round, make_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_report_form_works_with_the_keyboard_alone_and_the_receipt_is_accessible(page, axe):
    page.goto("/to-giac/")
    assert page.get_by_role("heading", level=1).inner_text() == "Báo tin tham nhũng nặc danh"
    assert axe(page) == []
    assert page.context.cookies() == []

    # Sent empty: the error summary links to the field.
    page.get_by_role("button", name="Gửi tin báo").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    assert axe(page) == []
    page.locator(".govuk-error-summary a").first.press("Enter")
    page.keyboard.type("Cán bộ A nhận tiền của doanh nghiệp B để bỏ qua vi phạm ngày 3/11.")
    page.keyboard.press("Tab")  # the file input
    page.keyboard.press("Tab")  # the trap field is skipped: the send button
    page.keyboard.press("Enter")

    page.wait_for_selector(".govuk-panel--confirmation")
    receipt = page.locator("#receipt").inner_text()
    assert len(receipt.replace("-", "")) == 32
    assert axe(page) == []
    assert page.context.cookies() == []
    assert Tip.objects.count() == 1

    with page.expect_download() as download:
        page.get_by_role("button", name="Lưu mã biên nhận thành tệp").press("Enter")
    with open(download.value.path(), encoding="utf-8") as saved:
        assert receipt in saved.read()

    page.goto("/to-giac/theo-doi/")
    assert axe(page) == []
    page.get_by_label("Mã biên nhận của bạn").fill(receipt)
    page.get_by_role("button", name="Mở", exact=True).press("Enter")
    page.wait_for_selector("text=Chưa có tin nhắn")
    assert axe(page) == []
    assert page.context.cookies() == []


def test_the_recruitment_timeline_is_accessible(page, axe):
    today = timezone.localdate()
    round_ = make_round(title="Tuyển dụng viên chức Trung tâm Khuyến công năm 2026")
    make_step(round_, RecruitmentStep.Kind.NOTICE, today - timedelta(days=3), body="03 chỉ tiêu.")
    make_step(
        round_,
        RecruitmentStep.Kind.REGISTRATION,
        today - timedelta(days=3),
        closes_on=today + timedelta(days=27),
    )
    page.goto("/tuyen-dung/")
    assert axe(page) == []
    page.get_by_role("link", name=round_.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == round_.title
    assert "còn 27 ngày" in page.content()
    assert axe(page) == []
    page.goto("/to-giac/thong-ke/")
    assert axe(page) == []
