"""The PAPI plan tracker and report pages in a real browser, signed in with TOTP like staff are,
each page checked with axe (WCAG 2.2 AA) on a phone-sized screen."""

from datetime import date

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from portal import roles
from portal.papi.models import PlanTask
from tests.helpers import current_code, make_staff, sign_in

from .helpers import add_update, make_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(page, unit_a):
    """An administrator of unit A past the TOTP step, on a page with two tasks of that unit."""
    secret = generate_totp_secret()
    administrator = make_staff(roles.ADMINISTRATOR, unit=unit_a, mfa=False, is_superuser=True)
    TOTP.activate(administrator, secret)
    late = make_task(unit=unit_a, title="Công khai danh mục cửa hàng xăng dầu")
    done = make_task(dimension="D3", unit=unit_a, title="Tổ chức đối thoại với doanh nghiệp")
    add_update(done, date(2024, 5, 2), PlanTask.Status.DONE, note="Đã tổ chức hội nghị")
    sign_in(page, administrator.email)
    page.get_by_label("Mã xác thực").fill(current_code(secret))
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url(f"**{reverse('portal:dashboard')}")
    return {"late": late, "done": done}


def heading(page) -> str:
    return page.locator("h1").inner_text()


def test_the_plan_pages_are_accessible(page, axe, signed_in):
    late = signed_in["late"]
    page.goto(reverse("papi:plan_overview") + "?nam=2024")
    assert "PAPI" in heading(page)
    assert late.title in page.locator("main").inner_text()
    assert axe(page) == []

    page.goto(reverse("papi:plan_task_list"))
    assert axe(page) == []
    page.get_by_role("link", name=late.title).click()
    page.wait_for_url(f"**{late.get_absolute_url()}")
    assert heading(page) == late.title
    assert axe(page) == []

    page.goto(reverse("papi:plan_task_edit", args=[late.pk]))
    assert axe(page) == []


def test_a_progress_update_with_errors_is_explained_accessibly_then_saved(page, axe, signed_in):
    task = signed_in["late"]
    page.goto(task.get_absolute_url())
    page.get_by_role("button", name="Ghi nhận cập nhật").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert axe(page) == []
    first_error = summary.get_by_role("link").first
    target = first_error.get_attribute("href").lstrip("#")
    assert target.startswith("id_")
    first_error.click()
    assert page.evaluate("document.activeElement.id") == target

    page.get_by_label("Ngày cập nhật").fill("03/06/2024")
    page.get_by_label("Đang thực hiện").check()
    page.get_by_label("Tiến độ (%)").fill("60")
    page.get_by_label("Kết quả thực hiện").fill("Đã đăng 40 cửa hàng lên cổng")
    page.get_by_role("button", name="Ghi nhận cập nhật").click()

    page.wait_for_url(f"**{task.get_absolute_url()}")
    assert "Đã ghi nhận cập nhật tiến độ." in page.locator("main").inner_text()
    assert "Đã đăng 40 cửa hàng lên cổng" in page.locator("main").inner_text()
    assert axe(page) == []


def test_the_indicator_and_report_pages_are_accessible(page, axe, signed_in):
    page.goto(reverse("papi:indicator_list"))
    assert axe(page) == []
    page.locator("main table a").first.click()
    page.wait_for_load_state()
    assert page.locator("main svg, main table").count() >= 1
    assert axe(page) == []

    page.goto(reverse("papi:report_list"))
    assert axe(page) == []

    page.goto(reverse("papi:report_preview", args=["2024-Q2"]))
    assert "Quý 2/2024" in page.locator("main").inner_text()
    assert axe(page) == []


def test_chart_labels_are_never_clipped(page):
    """Every label of a quarterly chart lies inside the SVG, the last one too."""
    from django.utils import translation

    from portal.charts import line_chart
    from portal.periods import Quarter

    quarters = [Quarter(2025, 4), *(Quarter(2026, n) for n in (1, 2, 3))]
    with translation.override("vi"):
        svg = line_chart(
            [("Tỷ lệ văn bản công bố đúng hạn", [(q, 80) for q in quarters])],
            title="TR01",
            axis=quarters,
            label=lambda q: q.label,
        )
    page.set_content(f"<!DOCTYPE html><html><body style='margin:0'>{svg}</body></html>")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('svg text')].map(t => {
            const b = t.getBBox(); return [t.textContent, b.x, b.x + b.width]; })"""
    )
    assert [text for text, *_ in boxes if text.startswith("Quý")][-1] == "Quý 3/2026"
    assert all(left >= 0 and right <= 640 for _text, left, right in boxes), boxes


def test_papi_chart_labels_are_readable_on_a_phone(page, axe):
    from portal.models import DepartmentProfile

    DepartmentProfile.objects.create(
        name="Sở Công Thương tỉnh Thái Nguyên", province="Thái Nguyên", papi_province="Thái Nguyên"
    )
    page.goto(reverse("portal:papi_scores"))
    assert page.viewport_size["width"] == 390
    # The rendered size of each label: its font size times the SVG's scale on the screen.
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('main svg text')].map(t =>
            parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a)"""
    )
    assert len(sizes) > 50
    assert min(sizes) >= 12, min(sizes)
    assert axe(page) == []
