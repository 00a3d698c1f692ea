"""Shared fixtures: personas, a real browser, axe. Services are real: PostgreSQL and Redis when
DATABASE_URL / REDIS_URL are set (as in CI), SQLite otherwise."""

import os
import shutil
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from portal import roles
from tests.factories import UnitFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI") == "true"


def require(condition: bool, reason: str) -> None:
    """Skips on a developer's machine that lacks a service; fails in CI, where nothing may skip."""
    if not condition:
        if IN_CI:
            pytest.fail(f"CI must have this: {reason}")
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_staff(*role_names, unit=None, mfa=True, **fields):
    user = UserFactory(is_staff=True, roles=list(role_names), **fields)
    if mfa:
        TOTP.activate(user, generate_totp_secret())
    if unit is not None:
        unit.members.add(user)
    return user


@pytest.fixture
def unit_a(db):
    return UnitFactory(name="Phòng Quản lý thương mại", code="quan-ly-thuong-mai")


@pytest.fixture
def unit_b(db):
    return UnitFactory(name="Phòng Quản lý năng lượng", code="quan-ly-nang-luong")


@pytest.fixture
def officer_a(unit_a):
    return make_staff(roles.EDITOR, roles.PROCEDURES_OFFICER, unit=unit_a)


@pytest.fixture
def officer_b(unit_b):
    return make_staff(roles.EDITOR, roles.PROCEDURES_OFFICER, unit=unit_b)


@pytest.fixture
def inspector(db):
    return make_staff(roles.INSPECTOR)


@pytest.fixture
def leader(db):
    return make_staff(roles.LEADERSHIP)


@pytest.fixture
def administrator(db):
    return make_staff(roles.ADMINISTRATOR, is_superuser=True)


@pytest.fixture
def personas(db, officer_a, officer_b, inspector, leader, administrator):
    """Every persona by name; "citizen" is an anonymous visitor (None)."""
    return {
        "citizen": None,
        "officer_a": officer_a,
        "officer_b": officer_b,
        "inspector": inspector,
        "leader": leader,
        "administrator": administrator,
    }


# --- Browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    require(
        shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}"
    )
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A phone-sized page in Vietnamese; `page.goto("/path")` is relative to the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport={"width": 390, "height": 844},
        # Lets `axe` inject its script; the site's own CSP is tested on its responses.
        bypass_csp=True,
    )
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Runs axe-core with the WCAG 2.2 AA rules and returns the violations (empty when clean)."""
    require(AXE.exists(), f"axe-core at {AXE} (run: cd frontend && npm ci --ignore-scripts)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: "tag",
             values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


@pytest.fixture
def axe():
    return axe_violations
