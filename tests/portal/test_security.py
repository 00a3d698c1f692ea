"""Security behaviour a reviewer (or an attacker) would check first: headers, cookies,
production settings, the staff sign-in with MFA, closed sign-up, secrets at rest, audit history."""

import base64
import os
import secrets
import subprocess
import sys
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    generate_totp_secret,
)
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from portal import roles
from portal.accounts import MFAAdapter
from portal.models import Unit
from tests.helpers import PASSWORD, ROOT, current_code, make_staff, sign_in_with_password

# --- Headers and cookies ----------------------------------------------------------------------


@pytest.mark.django_db
def test_it_sends_the_security_headers_on_a_public_page(client):
    response = client.get(reverse("portal:home"))

    assert response.status_code == 200
    csp = {
        directive.split()[0]: directive.split()[1:]
        for directive in response.headers["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    assert csp["default-src"] == ["'self'"]
    assert "'self'" in csp["script-src"]
    assert any(source.startswith("'nonce-") for source in csp["script-src"])
    assert "'unsafe-inline'" not in csp["script-src"] + csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_it_refuses_powerful_browser_features_on_every_page(client):
    for path in (reverse("portal:home"), "/khong-co-trang-nay/"):
        policy = client.get(path).headers["Permissions-Policy"]
        assert {"camera=()", "microphone=()", "geolocation=()"} <= set(policy.split(", "))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["portal:dashboard", "portal:home", "account_email", "account_change_password"]
)
def test_it_never_lets_a_signed_in_page_be_stored(client, officer_a, url_name):
    client.force_login(officer_a)
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_it_lets_anonymous_public_pages_be_stored(client):
    assert "no-store" not in client.get(reverse("portal:home")).headers.get("Cache-Control", "")


@pytest.mark.django_db
def test_it_gives_each_page_its_own_script_nonce(client):
    first = client.get(reverse("portal:home")).headers["Content-Security-Policy"]
    second = client.get(reverse("portal:home")).headers["Content-Security-Policy"]
    assert first != second


@pytest.mark.django_db
def test_it_sets_the_session_cookie_httponly_and_samesite_lax(client, officer_a):
    response = sign_in_with_password(client, officer_a)

    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


# --- Production settings ----------------------------------------------------------------------


def run_production(code: str, **env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {*UNSAFE_IN_PRODUCTION, "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    environment.update(DJANGO_ENV="production", DJANGO_SETTINGS_MODULE="portal.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# Set for the browser tests in this process; a real deployment has neither.
UNSAFE_IN_PRODUCTION = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
SETUP = "import django; django.setup(); from django.conf import settings; "
GOOD_KEY = secrets.token_urlsafe(64)


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = run_production(SETUP, ALLOWED_HOSTS="portal.example.vn")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_to_start_in_production_with_the_development_key():
    result = run_production(
        SETUP,
        SECRET_KEY="django-insecure-development-only-never-use-in-production",
        ALLOWED_HOSTS="portal.example.vn",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_to_start_in_production_without_allowed_hosts():
    result = run_production(SETUP, SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_it_marks_cookies_secure_and_sets_hsts_in_production():
    result = run_production(
        SETUP + "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SESSION_COOKIE_HTTPONLY, settings.SECURE_HSTS_SECONDS, settings.DEBUG)",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="portal.example.vn",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "31536000", "False"]


def test_it_passes_the_deployment_checks_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {*UNSAFE_IN_PRODUCTION, "DATABASE_URL"}
            },
            "DJANGO_ENV": "production",
            "SECRET_KEY": GOOD_KEY,
            "MFA_ENCRYPTION_KEY": secrets.token_urlsafe(64),
            # Any 32 bytes are an X25519 public key (the anonymous channel's, anticorruption.W001).
            "ANTICORRUPTION_PUBLIC_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "ALLOWED_HOSTS": "portal.example.vn",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- Staff sign-in ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_asks_for_the_totp_code_after_the_password(client, db):
    secret = generate_totp_secret()
    officer = make_staff(roles.EDITOR, mfa=False)
    TOTP.activate(officer, secret)

    response = sign_in_with_password(client, officer)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("mfa_authenticate")
    # The password alone opens nothing.
    assert client.get(reverse("portal:dashboard")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert client.get(reverse("portal:dashboard")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.headers["Location"] == reverse("portal:dashboard")
    assert client.get(reverse("portal:dashboard")).status_code == 200


@pytest.mark.django_db
def test_it_refuses_the_login_form_after_repeated_bad_passwords(client, officer_a):
    for _attempt in range(5):
        response = sign_in_with_password(client, officer_a, password="sai-mat-khau-123")
        assert response.status_code == 200

    # Even the right password is refused now: allauth's login_failed limit.
    response = sign_in_with_password(client, officer_a)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors
    assert "mfa_authenticate" not in response.content.decode()


@pytest.mark.django_db
def test_it_keeps_sign_up_closed(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert response.templates[0].name == "account/signup_closed.html"

    client.post(
        reverse("account_signup"),
        {
            "email": "ke-la@example.com",
            "password1": "Mat-khau-rat-dai-2026",
            "password2": "Mat-khau-rat-dai-2026",
        },
    )
    assert not get_user_model().objects.filter(email="ke-la@example.com").exists()


@pytest.mark.django_db
def test_it_sends_the_admin_login_to_the_allauth_sign_in(client):
    response = client.get(reverse("admin:login") + "?next=/quan-tri/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.django_db
def test_it_refuses_the_admin_login_page_to_a_signed_in_non_staff_account(client):
    user = make_staff(mfa=True)
    user.is_staff = False
    user.save()
    client.force_login(user)

    assert client.get(reverse("admin:login")).status_code == 403
    assert client.get(reverse("portal:dashboard")).status_code == 403


@pytest.mark.django_db
def test_it_sends_staff_without_totp_to_set_it_up_before_any_staff_page(client):
    officer = make_staff(roles.EDITOR, mfa=False)
    client.force_login(officer)

    for url in [reverse("portal:dashboard"), reverse("admin:index"), reverse("portal:home")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"] == reverse("portal:mfa_enrolment_required"), url
    page = client.get(reverse("portal:mfa_enrolment_required"))
    assert page.status_code == 200
    assert "quản trị viên" in page.content.decode()


@pytest.mark.django_db
def test_it_lets_the_password_alone_neither_enrol_totp_nor_change_the_email(client):
    officer = make_staff(roles.EDITOR, mfa=False)
    sign_in_with_password(client, officer)

    for url in [reverse("mfa_activate_totp"), reverse("account_email"), reverse("mfa_index")]:
        assert client.get(url).headers["Location"] == reverse("portal:mfa_enrolment_required"), url
    client.post(reverse("account_email"), {"action_add": "", "email": "ke-gian@example.com"})
    assert not officer.emailaddress_set.filter(email="ke-gian@example.com").exists()
    assert not Authenticator.objects.filter(user=officer).exists()


def hand_over_enrolment_link(admin_client, officer) -> str:
    """The administrator's action in the user admin; returns the link it shows."""
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "hand_over_mfa_enrolment", "_selected_action": [officer.pk]},
        follow=True,
    )
    [message] = [str(m) for m in response.context["messages"]]
    assert officer.email in message
    return message.split(": ", 1)[1].removeprefix("http://testserver")


@pytest.mark.django_db
def test_it_lets_a_new_officer_set_up_totp_with_the_link_the_administrator_hands_over(
    client, administrator
):
    officer = make_staff(roles.EDITOR, mfa=False)
    admin_client = Client()
    admin_client.force_login(administrator)
    link = hand_over_enrolment_link(admin_client, officer)

    # The officer opens the link, signs in with the password and lands in the set-up.
    response = client.get(link)
    assert response.headers["Location"].startswith(reverse("account_login"))
    response = client.post(
        response.headers["Location"], {"login": officer.email, "password": PASSWORD}, follow=True
    )
    # allauth asks for the password once more before changing MFA.
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("portal:dashboard")).status_code == 200


@pytest.mark.django_db
def test_it_refuses_a_set_up_link_of_another_account_or_from_before_a_password_change(
    client, administrator
):
    officer, other = make_staff(roles.EDITOR, mfa=False), make_staff(roles.EDITOR, mfa=False)
    admin_client = Client()
    admin_client.force_login(administrator)
    link_for_other = hand_over_enrolment_link(admin_client, other)
    link_for_officer = hand_over_enrolment_link(admin_client, officer)
    officer.set_password("mat-khau-moi-sau-khi-dat-lai-2026")
    officer.save()

    client.force_login(officer)
    for link in (link_for_other, link_for_officer):
        response = client.get(link)
        assert response.status_code == 400
        assert "không dùng được" in response.content.decode()
    assert client.get(reverse("mfa_activate_totp")).status_code == 302


def stored_totp_secret(user) -> str:
    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]


@pytest.mark.django_db
def test_it_keeps_totp_working_when_the_secret_key_is_rotated(settings, client):
    settings.MFA_ENCRYPTION_KEY = ["mfa-key-kept-apart-from-the-secret-key"]
    secret = generate_totp_secret()
    officer = make_staff(roles.EDITOR, mfa=False)
    TOTP.activate(officer, secret)

    settings.SECRET_KEY = secrets.token_urlsafe(64)

    sign_in_with_password(client, officer)
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.headers["Location"] == reverse("portal:dashboard")


@pytest.mark.django_db
def test_it_rotates_the_mfa_key_without_locking_anyone_out(settings):
    # A site that started without MFA_ENCRYPTION_KEY: secrets use the SECRET_KEY-derived key.
    settings.MFA_ENCRYPTION_KEY = []
    secret = generate_totp_secret()
    officer = make_staff(roles.EDITOR, mfa=False)
    TOTP.activate(officer, secret)
    written_before = stored_totp_secret(officer)

    # The operator sets a key: old secrets still decrypt; the command rewrites them.
    settings.MFA_ENCRYPTION_KEY = ["first-mfa-key"]
    assert MFAAdapter().decrypt(written_before) == secret
    call_command("rotate_mfa_key", stdout=StringIO())
    assert stored_totp_secret(officer) != written_before

    # A new key in front, rotate, drop the old key and the old SECRET_KEY: still the same secret.
    settings.MFA_ENCRYPTION_KEY = ["second-mfa-key", "first-mfa-key"]
    call_command("rotate_mfa_key", stdout=StringIO())
    settings.MFA_ENCRYPTION_KEY = ["second-mfa-key"]
    settings.SECRET_KEY = secrets.token_urlsafe(64)
    assert MFAAdapter().decrypt(stored_totp_secret(officer)) == secret


@pytest.mark.django_db
def test_it_has_no_account_after_migrations_alone():
    assert get_user_model().objects.count() == 0


# --- Audit history ----------------------------------------------------------------------------


def test_it_shows_history_for_every_portal_and_papi_model_in_the_admin():
    # Staff edit these; snapshots and report jobs are records that only the system writes, each
    # already stamped with who asked for it and when, and read-only in the admin; so are the
    # officers' two-step verifications, which allauth writes when an officer sets one up.
    written_by_the_system = {
        "papi.IndicatorSnapshot",
        "papi.ReportJob",
        "portal.StaffAuthenticator",
    }
    portal_admins = {
        model._meta.label: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"portal", "papi"}
        and model._meta.label not in written_by_the_system
    }
    assert portal_admins
    assert not [
        label for label, a in portal_admins.items() if not isinstance(a, SimpleHistoryAdmin)
    ]
    for label in written_by_the_system:
        model_admin = next(a for m, a in admin.site._registry.items() if m._meta.label == label)
        assert not model_admin.has_add_permission(RequestFactory().get("/"))


@pytest.mark.django_db
def test_it_records_who_changed_a_unit_in_the_admin(client, administrator, unit_a):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:portal_unit_change", args=[unit_a.pk]),
        {
            "name": "Phòng Quản lý thương mại và xuất nhập khẩu",
            "code": unit_a.code,
            "email": "",
            "phone": "",
            "order": 3,
            "members": [],
        },
    )
    assert response.status_code == 302

    latest = Unit.history.filter(id=unit_a.pk).latest()
    assert latest.history_user == administrator
    assert latest.name == "Phòng Quản lý thương mại và xuất nhập khẩu"
    assert client.get(reverse("admin:portal_unit_history", args=[unit_a.pk])).status_code == 200


# --- Behind the reverse proxy -----------------------------------------------------------------

PROXY = {"REMOTE_ADDR": "10.0.0.2"}


def through_proxy(visitor: str) -> dict:
    return {**PROXY, "HTTP_X_FORWARDED_FOR": visitor}


@pytest.mark.django_db
def test_it_locks_out_only_the_visitor_who_failed_to_sign_in_behind_the_proxy(
    client, settings, officer_a, officer_b
):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = through_proxy("203.0.113.7")
    for _attempt in range(6):
        client.post(
            reverse("account_login"),
            {"login": officer_a.email, "password": "sai-mat-khau-123"},
            **attacker,
        )

    # Another officer behind the same proxy signs in as usual.
    response = client.post(
        reverse("account_login"),
        {"login": officer_b.email, "password": PASSWORD},
        **through_proxy("198.51.100.20"),
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("mfa_authenticate")


@pytest.mark.django_db
def test_it_ignores_a_forged_forwarded_address_without_a_trusted_proxy(rf, settings):
    from portal.proxies import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "198.51.100.20"
    # One trusted proxy: the visitor is the last address it appended, whatever came before.
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **PROXY)
    assert client_ip(request) == "203.0.113.7"


@pytest.mark.django_db
def test_it_answers_a_tripped_search_limit_with_the_429_page_for_that_visitor_only(
    client, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    flooder = through_proxy("203.0.113.7")
    statuses = [client.get(reverse("portal:search"), **flooder).status_code for _ in range(121)]

    assert statuses[:120] == [200] * 120
    response = client.get(reverse("portal:search"), **flooder)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    assert "<html" in response.content.decode() and 'lang="vi"' in response.content.decode()
    # Everyone else behind the proxy still searches.
    assert client.get(reverse("portal:search"), **through_proxy("198.51.100.20")).status_code == 200


@pytest.mark.django_db
def test_it_answers_too_many_sign_in_attempts_with_the_429_page(client):
    for _attempt in range(30):
        client.post(reverse("account_login"), {"login": "ai@example.com", "password": "x"})

    response = client.post(reverse("account_login"), {"login": "ai@example.com", "password": "x"})
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"


@pytest.mark.django_db
def test_it_prints_the_first_administrators_set_up_link(client):
    administrator = make_staff(roles.ADMINISTRATOR, mfa=False, is_superuser=True)
    output = StringIO()
    call_command("mfa_enrolment_link", administrator.email.upper(), stdout=output)

    client.force_login(administrator)
    response = client.get(output.getvalue().strip())
    assert response.headers["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_an_administrator_resets_a_lost_authenticator_without_seeing_its_secret(
    client, administrator, officer_a
):
    from portal.models import StaffAuthenticator

    authenticator = StaffAuthenticator.objects.get(user=officer_a)
    client.force_login(administrator)
    url = reverse("admin:portal_staffauthenticator_change", args=[authenticator.pk])
    content = client.get(url).content.decode()
    assert officer_a.email in content and "Ứng dụng xác thực (TOTP)" in content
    assert authenticator.data["secret"] not in content

    response = client.post(
        reverse("admin:portal_staffauthenticator_delete", args=[authenticator.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=officer_a).exists()
