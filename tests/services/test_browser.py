"""The outage finder and the supply problem form in a real browser, checked with axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.services.factories import PlannedOutageFactory, WardFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_outage_finder_is_accessible_and_finds_a_ward_typed_without_diacritics(
    page, axe, width
):
    ward = WardFactory(name="Phường Gia Sàng")
    PlannedOutageFactory(
        wards=[ward], starts_at=timezone.now() + timedelta(days=2), reference="PC-TN-0042"
    )
    PlannedOutageFactory(wards=[WardFactory(name="Xã Đại Phúc")], reference="PC-TN-0043")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/lich-cat-dien/")
    assert axe(page) == []
    page.get_by_label("Phường, xã").fill("gia sang")
    page.get_by_role("button", name="Tra cứu lịch cắt điện").click()
    results = page.locator(".app-outages")
    assert "PC-TN-0042" in results.inner_text() and "PC-TN-0043" not in results.inner_text()
    assert axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_problem_form_works_with_the_keyboard_alone_and_explains_an_error(page, axe):
    WardFactory(name="Phường Gia Sàng")
    page.goto("/dien/bao-su-co/")
    assert axe(page) == []
    page.get_by_label("Mất điện").focus()
    page.keyboard.press("Space")
    page.get_by_label("Phường, xã").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("Số 12, tổ dân phố 5")
    page.keyboard.press("Tab")
    page.keyboard.type("Mất điện cả tổ từ sáng.")
    page.keyboard.press("Tab")  # the photo, left empty
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
    assert page.get_by_label("Mô tả sự cố").input_value() == "Mất điện cả tổ từ sáng."
    assert axe(page) == []

    page.locator(".govuk-error-summary a").first.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("0912 345 678")
    page.get_by_role("button", name="Gửi phản ánh").press("Enter")
    page.wait_for_selector(".govuk-panel--confirmation")
    assert "SCD-" in page.locator(".govuk-panel__body").inner_text()
    assert axe(page) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_the_project_list_and_detail_are_accessible_on_phone_and_desktop(page, axe, width):
    from datetime import date

    from services.models import ProjectMilestone, ProjectUpdate
    from tests.services.factories import GridProjectFactory

    ward = WardFactory(name="Phường Gia Sàng")
    project = GridProjectFactory(name="Trạm biến áp Gia Sàng 6", wards=[ward])
    GridProjectFactory(name="Đường dây 22 kV Đại Phúc", status="completed", progress=100)
    ProjectMilestone.objects.create(
        project=project, name="Khởi công", planned_on=date(2026, 3, 1), actual_on=date(2026, 3, 9)
    )
    ProjectUpdate.objects.create(
        project=project, date=date(2026, 6, 5), progress=40, text="Xong móng."
    )
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/dien/")
    assert axe(page) == []
    page.get_by_label("Phường, xã").select_option(label="Phường Gia Sàng")
    page.get_by_role("button", name="Lọc").click()
    assert page.locator(".app-search-results__title").all_inner_texts() == [
        "Trạm biến áp Gia Sàng 6"
    ]
    page.get_by_role("link", name="Trạm biến áp Gia Sàng 6").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Trạm biến áp Gia Sàng 6"
    assert axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
