"""System checks stop a misconfigured portal before it serves a page."""

import shutil

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings
from fontTools import subset

from portal.indicators import Indicator, registry

REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
}
LOCMEM_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def errors(check_id: str, *, deploy: bool = False) -> list[str]:
    return [e.msg for e in run_checks(include_deployment_checks=deploy) if e.id == check_id]


def test_it_passes_with_the_shipped_fonts_and_indicators():
    assert errors("portal.E001") == []
    assert errors("portal.E002") == []


def test_it_reports_a_missing_pdf_font(tmp_path):
    with override_settings(PDF_FONT_DIR=tmp_path):
        messages = errors("portal.E001")
    assert len(messages) == len(settings.PDF_FONTS)
    assert all("is missing" in m for m in messages)


def test_it_reports_a_missing_serif_for_administrative_documents(tmp_path):
    serif = [
        (weight, style, tmp_path / path.name) for weight, style, path in settings.PDF_SERIF_FONTS
    ]
    with override_settings(PDF_SERIF_FONTS=serif):
        messages = errors("portal.E001")
    assert len(messages) == len(serif)
    assert all("LiberationSerif" in m and "is missing" in m for m in messages)


def test_it_reports_a_pdf_font_without_vietnamese_letters(tmp_path):
    for name in settings.PDF_FONTS:
        shutil.copy(settings.PDF_FONT_DIR / name, tmp_path / name)
    # Cut one font down to ASCII, as a "latin" web-font subset would be.
    latin_only = tmp_path / settings.PDF_FONTS[0]
    options = subset.Options()
    subsetter = subset.Subsetter(options)
    font = subset.load_font(str(latin_only), options)
    subsetter.populate(unicodes=range(0x20, 0x7F))
    subsetter.subset(font)
    subset.save_font(font, str(latin_only), options)

    with override_settings(PDF_FONT_DIR=tmp_path):
        [message] = errors("portal.E001")
    assert settings.PDF_FONTS[0] in message
    assert "lacks Vietnamese letters" in message
    assert "đ" in message


def make_indicator(code: str, dimension: str = "D1") -> Indicator:
    return Indicator(code=code, dimension=dimension, label=code, unit="%", compute=lambda p: 0)


@pytest.fixture
def test_indicators():
    codes = []

    def register(indicator):
        codes.append(indicator.code)
        registry.register(indicator)

    yield register
    for code in codes:
        registry.unregister(code)


def test_it_reports_a_duplicate_indicator_code(test_indicators):
    test_indicators(make_indicator("ZZ-TEST-01"))
    test_indicators(make_indicator("ZZ-TEST-01", "D2"))

    assert errors("portal.E002") == ["The indicator code ZZ-TEST-01 is registered more than once."]


def test_it_reports_an_indicator_outside_the_papi_dimensions(test_indicators):
    test_indicators(make_indicator("ZZ-TEST-02", "D9"))

    [message] = errors("portal.E002")
    assert "ZZ-TEST-02" in message
    assert "'D9'" in message


def test_it_requires_a_shared_cache_in_production():
    with override_settings(PRODUCTION=True, CACHES=LOCMEM_CACHE):
        assert len(errors("portal.E003", deploy=True)) == 1
    with override_settings(PRODUCTION=True, CACHES=REDIS_CACHE):
        assert errors("portal.E003", deploy=True) == []
    with override_settings(PRODUCTION=False, CACHES=LOCMEM_CACHE):
        assert errors("portal.E003", deploy=True) == []


def test_it_requires_a_broker_in_production():
    with override_settings(PRODUCTION=True, CELERY_BROKER_URL="", CELERY_TASK_ALWAYS_EAGER=True):
        assert len(errors("portal.E004", deploy=True)) == 1
    with override_settings(
        PRODUCTION=True, CELERY_BROKER_URL="redis://redis:6379/0", CELERY_TASK_ALWAYS_EAGER=False
    ):
        assert errors("portal.E004", deploy=True) == []
    with override_settings(PRODUCTION=False, CELERY_BROKER_URL="", CELERY_TASK_ALWAYS_EAGER=True):
        assert errors("portal.E004", deploy=True) == []


def test_it_requires_an_mfa_encryption_key_in_production():
    with override_settings(PRODUCTION=True, MFA_ENCRYPTION_KEY=[]):
        assert len(errors("portal.E005", deploy=True)) == 1
    with override_settings(PRODUCTION=True, MFA_ENCRYPTION_KEY=["a-key-of-its-own"]):
        assert errors("portal.E005", deploy=True) == []
    with override_settings(PRODUCTION=False, MFA_ENCRYPTION_KEY=[]):
        assert errors("portal.E005", deploy=True) == []
