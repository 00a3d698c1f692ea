"""The main menu and the site map on a 360 px phone, with and without JavaScript, and where a
signed-in officer goes from the footer and the dashboard."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from portal import roles
from tests.helpers import current_code, make_staff, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
# Sections the menu must lead to: (label, path).
SECTIONS = [
    ("Kế hoạch, quy hoạch", "/ke-hoach/"),
    ("Phổ biến pháp luật", "/pho-bien-phap-luat/"),
    ("Thủ tục hành chính", "/thu-tuc/"),
]


def _menu(page):
    return page.get_by_role("navigation", name="Danh mục")


def test_the_menu_opens_on_a_phone_and_leads_to_every_section(page, axe):
    page.set_viewport_size(PHONE)
    page.goto("/")
    menu = _menu(page)
    toggle = menu.get_by_role("button", name="Danh mục")

    assert toggle.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    for label, path in SECTIONS:
        link = menu.get_by_role("link", name=label, exact=True)
        assert link.is_visible()
        assert link.get_attribute("href") == path
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []

    menu.get_by_role("link", name="Thủ tục hành chính", exact=True).click()
    page.wait_for_url("**/thu-tuc/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thủ tục hành chính"


def test_the_menu_is_listed_without_javascript_on_a_phone(page_without_javascript):
    page = page_without_javascript
    page.set_viewport_size(PHONE)
    page.goto("/en/")
    menu = page.get_by_role("navigation", name="Menu")
    for label, path in [
        ("Plans and planning", "/en/ke-hoach/"),
        ("The law in plain words", "/en/pho-bien-phap-luat/"),
        ("Procedures", "/en/thu-tuc/"),
    ]:
        link = menu.get_by_role("link", name=label, exact=True)
        assert link.is_visible()
        assert link.get_attribute("href") == path
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_footer_leads_to_an_accessible_site_map(page, axe):
    page.set_viewport_size(PHONE)
    page.goto("/")

    page.get_by_role("contentinfo").get_by_role("link", name="Sơ đồ trang").click()
    page.wait_for_url("**/so-do-trang/")

    assert page.get_by_role("heading", level=1).inner_text() == "Sơ đồ trang"
    main = page.get_by_role("main")
    for label, path in SECTIONS:
        assert main.get_by_role("link", name=label, exact=True).get_attribute("href") == path
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []


def test_an_editor_finds_the_staff_links_and_a_clear_403(page, axe):
    secret = generate_totp_secret()
    editor = make_staff(roles.EDITOR, mfa=False)
    TOTP.activate(editor, secret)
    page.set_viewport_size(PHONE)
    sign_in(page, editor.email)
    page.get_by_label("Mã xác thực").fill(current_code(secret))
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url(f"**{reverse('portal:dashboard')}")

    footer = page.get_by_role("contentinfo")
    assert footer.get_by_role("link", name="Đăng xuất").is_visible()
    assert footer.get_by_role("link", name="Đăng nhập cán bộ").count() == 0
    main = page.get_by_role("main")
    assert main.get_by_role("link", name="Báo cáo PAPI hằng quý").count() == 0
    assert axe(page) == []
    main.get_by_role("link", name="Kế hoạch PAPI: tổng hợp").click()
    page.wait_for_url(f"**{reverse('papi:plan_overview')}")

    # The reports are leadership's: the editor gets the portal's page, not a bare 403.
    response = page.goto(reverse("papi:report_list"))
    assert response.status == 403
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", level=1).inner_text() == "Bạn không thể mở trang này"
    assert page.get_by_role("navigation", name="Danh mục").is_visible()
    assert axe(page) == []
