"""The staff account screens (allauth) in the portal's look and in Vietnamese."""

import html
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from portal import roles
from portal.accounts import mfa_enrolment_token
from tests.helpers import PASSWORD, make_staff

# allauth's English, as it would show if our Vietnamese catalog missed a string.
ENGLISH = [
    "Sign In",
    "Sign in",
    "Password",
    "Forgot your password?",
    "Email",
    "Code",
    "Authenticator App",
    "Authenticator code",
    "Two-Factor Authentication",
    "Activate",
    "Deactivate",
    "Recovery Codes",
    "Generate",
    "Cancel",
    "Confirm Access",
    "There is a problem",
    "This field is required",
    "not correct",
]


def visible_text(response) -> str:
    """The page's text as a reader sees it: no tags, no scripts, entities decoded."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    # The language switch names English in English, on purpose.
    content = re.sub(r'<a [^>]*lang="en"[^>]*>.*?</a>', " ", content, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", content))


def assert_vietnamese(response, *expected):
    text = visible_text(response)
    english = [phrase for phrase in ENGLISH if re.search(rf"\b{re.escape(phrase)}\b", text)]
    assert not english, f"English left on {response.request['PATH_INFO']}: {english}"
    for phrase in expected:
        assert phrase in text


def assert_one_h1(response):
    assert response.content.decode().count("<h1") == 1


@pytest.fixture
def officer(db):
    return make_staff(roles.EDITOR, mfa=False)


@pytest.mark.django_db
def test_it_shows_the_sign_in_page_in_vietnamese_with_govuk_markup(client):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert_one_h1(response)
    assert_vietnamese(response, "Đăng nhập cán bộ", "Mật khẩu", "Quên mật khẩu?")
    content = response.content.decode()
    assert '<label class="govuk-label" for="id_login">' in content
    assert 'class="govuk-input"' in content
    assert 'aria-describedby="id_password_helptext"' in content
    assert "placeholder" not in content
    # Sign-up is closed: no invitation to sign up.
    assert reverse("account_signup") not in content


@pytest.mark.django_db
def test_it_lists_the_sign_in_errors_in_a_summary_linking_to_each_field(client, officer):
    response = client.post(reverse("account_login"), {"login": "", "password": ""})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="govuk-error-summary"' in content
    assert '<a href="#id_login">' in content
    assert '<a href="#id_password">' in content
    assert 'id="id_login_error"' in content
    assert 'aria-describedby="id_login_error"' in content
    assert_vietnamese(response, "Có lỗi cần sửa", "Lỗi:")

    response = client.post(reverse("account_login"), {"login": officer.email, "password": "sai"})
    assert_vietnamese(response, "Địa chỉ thư điện tử hoặc mật khẩu không đúng.")


@pytest.mark.django_db
def test_it_asks_for_the_code_in_vietnamese(client, officer):
    TOTP.activate(officer, generate_totp_secret())
    client.post(reverse("account_login"), {"login": officer.email, "password": PASSWORD})

    response = client.get(reverse("mfa_authenticate"))

    assert response.status_code == 200
    assert_one_h1(response)
    assert_vietnamese(response, "Xác thực hai bước", "Mã xác thực", "Tiếp tục", "Hủy")

    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert_vietnamese(response, "Mã xác thực không đúng.")


@pytest.mark.django_db
def test_it_shows_the_totp_set_up_in_vietnamese_with_its_qr_code(client, officer):
    client.post(reverse("account_login"), {"login": officer.email, "password": PASSWORD})
    link = reverse("portal:mfa_enrolment_start", args=[mfa_enrolment_token(officer)])
    response = client.get(link, follow=True)
    # allauth confirms the password before MFA changes: that page is Vietnamese too.
    assert_one_h1(response)
    assert_vietnamese(response, "Xác nhận quyền truy cập", "Mật khẩu")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    assert_one_h1(response)
    assert_vietnamese(
        response, "Thiết lập xác thực hai bước", "Mã từ ứng dụng xác thực", "Kích hoạt"
    )
    content = response.content.decode()
    # The QR code is an inline data URI, which the CSP's img-src allows.
    assert 'src="data:image/svg+xml;base64,' in content
    assert "data:" in response.headers["Content-Security-Policy"].split("img-src")[1]
    assert 'alt="Mã QR để thêm tài khoản vào ứng dụng xác thực"' in content
    assert response.context["form"].secret in content


@pytest.mark.django_db
def test_it_shows_mfa_management_in_vietnamese(client):
    officer = make_staff(roles.EDITOR)
    client.force_login(officer)

    response = client.get(reverse("mfa_index"))

    assert response.status_code == 200
    assert_one_h1(response)
    assert_vietnamese(response, "Xác thực hai bước", "Ứng dụng xác thực", "Mã dự phòng", "Tắt")


@pytest.mark.django_db
def test_it_shows_password_pages_in_vietnamese(client):
    response = client.get(reverse("account_reset_password"))
    assert_one_h1(response)
    assert_vietnamese(response, "Đặt lại mật khẩu")

    officer = make_staff(roles.EDITOR)
    client.force_login(officer)
    response = client.get(reverse("account_change_password"))
    assert_one_h1(response)
    assert_vietnamese(response, "Đổi mật khẩu", "Mật khẩu hiện tại", "Mật khẩu mới")


@pytest.mark.django_db
def test_it_shows_the_closed_sign_up_in_vietnamese(client):
    response = client.get(reverse("account_signup"))
    assert_one_h1(response)
    assert_vietnamese(response, "Không mở đăng ký")


@pytest.mark.django_db
def test_it_shows_the_officer_their_roles_units_and_sections(client, leader, unit_a, officer_a):
    unit_a.members.add(leader)
    client.force_login(leader)

    response = client.get(reverse("portal:dashboard"))

    assert response.status_code == 200
    assert_one_h1(response)
    content = response.content.decode()
    assert leader.get_full_name() in content
    assert "Lãnh đạo Sở" in content
    assert unit_a.name in content
    # Leadership reads units and scores, and may add neither.
    assert reverse("admin:portal_unit_changelist") in content
    assert reverse("admin:portal_unit_add") not in content
    assert reverse("admin:auth_user_changelist") not in content
    assert reverse("mfa_index") in content


@pytest.mark.django_db
def test_it_links_the_admin_index_to_the_dashboard(client, leader):
    client.force_login(leader)
    response = client.get(reverse("admin:index"))
    assert reverse("portal:dashboard") in response.content.decode()


@pytest.mark.django_db
def test_it_shows_the_import_button_only_with_the_permission(client, leader, administrator):
    client.force_login(leader)
    content = client.get(reverse("admin:portal_officialscore_changelist")).content.decode()
    assert reverse("admin:portal_officialscore_import") not in content
    assert reverse("admin:portal_officialscore_export") in content

    client.force_login(administrator)
    content = client.get(reverse("admin:portal_officialscore_changelist")).content.decode()
    assert reverse("admin:portal_officialscore_import") in content
    assert "Nhập dữ liệu" in content


@pytest.mark.django_db
def test_it_keeps_english_under_the_english_prefix(client):
    response = client.get("/en" + reverse("account_login"))

    text = visible_text(response)
    assert "Staff sign-in" in text
    assert "Password" in text
    with pytest.raises(AssertionError, match="English left"):
        assert_vietnamese(response)
