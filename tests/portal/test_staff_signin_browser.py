"""Staff sign-in with MFA in a real browser, each screen checked with axe (WCAG 2.2 AA)."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    generate_totp_secret,
)
from django.urls import reverse

from portal import roles
from portal.accounts import mfa_enrolment_token
from tests.helpers import PASSWORD, current_code, make_staff, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_signs_in_staff_with_password_and_totp_code(page, axe, unit_a):
    secret = generate_totp_secret()
    officer = make_staff(roles.EDITOR, unit=unit_a, mfa=False)
    TOTP.activate(officer, secret)

    page.goto(reverse("account_login"))
    assert page.locator("h1").inner_text() == "Đăng nhập cán bộ"
    assert axe(page) == []

    sign_in(page, officer.email)
    page.wait_for_url(f"**{reverse('mfa_authenticate')}")
    assert page.locator("h1").inner_text() == "Xác thực hai bước"
    assert axe(page) == []

    page.get_by_label("Mã xác thực").fill(current_code(secret))
    page.get_by_role("button", name="Tiếp tục").click()

    page.wait_for_url(f"**{reverse('portal:dashboard')}")
    assert page.locator("h1").inner_text() == "Trang làm việc của cán bộ"
    assert unit_a.name in page.locator("main").inner_text()
    assert axe(page) == []


def test_it_shows_errors_on_the_sign_in_page_accessibly(page, axe):
    page.goto(reverse("account_login"))
    page.locator("main").get_by_role("button", name="Đăng nhập").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_login"
    assert axe(page) == []


def test_it_sends_staff_without_totp_to_set_it_up(page, axe):
    officer = make_staff(roles.EDITOR, mfa=False)

    sign_in(page, officer.email)
    # The password alone opens only the page that asks for the administrator's set-up link.
    page.wait_for_url(f"**{reverse('portal:mfa_enrolment_required')}")
    assert page.locator("h1").inner_text() == "Thiết lập xác thực hai bước"
    assert axe(page) == []

    page.goto(reverse("portal:mfa_enrolment_start", args=[mfa_enrolment_token(officer)]))
    # allauth confirms the password before any MFA change.
    page.wait_for_url(f"**{reverse('account_reauthenticate')}**")
    assert axe(page) == []
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Xác nhận").click()

    page.wait_for_url(f"**{reverse('mfa_activate_totp')}")
    assert page.locator("h1").inner_text() == "Thiết lập xác thực hai bước"
    qr = page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")
    # The inline SVG loads under the CSP (a blocked image has no natural width).
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert axe(page) == []

    page.get_by_text("Tôi không quét được mã QR").click()
    secret = page.locator(".app-secret-key").inner_text().strip()
    page.get_by_label("Mã từ ứng dụng xác thực").fill(current_code(secret))
    page.get_by_role("button", name="Kích hoạt").click()

    page.wait_for_url(lambda url: reverse("mfa_activate_totp") not in url)
    page.goto(reverse("portal:dashboard"))
    assert page.locator("h1").inner_text() == "Trang làm việc của cán bộ"
