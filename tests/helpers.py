"""Helpers the tests import: what a test needs to set up or drive, as plain functions.
Fixtures stay in conftest.py; nothing is imported from a conftest or from another test file."""

import email
import email.policy
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"


def require(condition: bool, reason: str) -> None:
    """Skips on a developer's machine that lacks a service; fails in CI, where nothing may skip."""
    if not condition:
        if IN_CI:
            pytest.fail(f"CI must have this: {reason}")
        pytest.skip(reason)


def make_staff(*role_names, unit=None, mfa=True, **fields):
    user = UserFactory(is_staff=True, roles=list(role_names), **fields)
    if mfa:
        TOTP.activate(user, generate_totp_secret())
    if unit is not None:
        unit.members.add(user)
    return user


# The password of every user made by tests/factories.py.
PASSWORD = "mat-khau-thu-nghiem-2026"


def current_code(secret: str) -> str:
    """The TOTP code an authenticator app would show now. Near the end of a 30-second period
    it waits for the next one, as a person would: a code read at 29.9 s and typed after the
    period turned is refused (no tolerance is configured), which made browser sign-ins flaky."""
    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 5:
        time.sleep(left + 0.2)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def sign_in(page, email):
    """Fills in the sign-in form in the browser (the password step only)."""
    page.goto(reverse("account_login"))
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()


def sign_in_with_password(client, user, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


def broker_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping())
    except (redis.RedisError, OSError, ValueError):
        return False


MAIL_WAIT = 60  # seconds: a bound on the polling, never a timing assertion


def read_mail(outbox: Path) -> list[email.message.EmailMessage]:
    """The mails a worker delivered into `outbox` (Django's file backend), in the order they
    were written: one file per connection, named by the second, so sorted by the file's time."""
    messages = []
    for path in sorted(outbox.iterdir(), key=lambda path: (path.stat().st_mtime_ns, path.name)):
        # The file backend writes each message followed by a line of 79 dashes.
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                messages.append(email.message_from_bytes(raw, policy=email.policy.default))
    return messages


def wait_for_mail(outbox: Path, count: int, worker) -> list[email.message.EmailMessage]:
    """Polls until `count` mails are in; fails with the worker's log when they never come."""
    deadline = time.monotonic() + MAIL_WAIT
    while time.monotonic() < deadline:
        if len(messages := read_mail(outbox)) >= count:
            return messages
        time.sleep(0.2)
    pytest.fail(
        f"{count} mail(s) expected in {MAIL_WAIT} s, found {len(read_mail(outbox))}.\n"
        + worker.log_path.read_text(errors="replace")[-4000:]
    )


def subject_of(message: email.message.EmailMessage) -> str:
    # Long encoded headers are folded onto a continuation line, which starts with a space.
    return message["Subject"].strip()


VNU = ROOT / "frontend" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(pages: dict, tmp_path: Path, ok=(200, 201)) -> str:
    """The Nu HTML checker's errors on `pages` (name: response, whose status must be in `ok`),
    "" when there are none: one JVM for every page."""
    java = shutil.which("java")
    require(java is not None, "Java for the Nu HTML checker (apt-get install default-jre-headless)")
    require(VNU.exists(), f"the Nu HTML checker at {VNU} (cd frontend && npm ci --ignore-scripts)")
    files = []
    for name, response in pages.items():
        assert response.status_code in ok, name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    return (result.stdout + result.stderr).replace(f"file:{tmp_path}/", "").strip()
