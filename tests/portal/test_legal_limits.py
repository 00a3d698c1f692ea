"""Legal time limits as data: seeded from LEGAL.md, read by code, shown with their citation."""

import pytest
from django.template import Context, Template

from portal.models import LegalLimit
from portal.reference_data import LEGAL_LIMITS
from portal.selectors import forget_legal_limit, legal_limit

pytestmark = pytest.mark.django_db


def test_the_table_is_seeded_with_the_consultation_minimum_and_the_reception_and_complaint_rows():
    codes = set(LegalLimit.objects.values_list("code", flat=True))
    assert {code for code, *_rest in LEGAL_LIMITS} <= codes
    minimum = legal_limit("consultation-minimum")
    assert (minimum.value, minimum.unit, minimum.verified) == (20, "calendar_days", False)
    answer = legal_limit("reception-answer")
    assert (answer.value, answer.unit, answer.verified) == (10, "working_days", True)
    assert "Luật Tiếp công dân số 42/2013/QH13" in answer.citation


def test_an_unknown_code_is_an_error_not_a_silent_default():
    with pytest.raises(LookupError):
        legal_limit("khong-co")


def test_a_corrected_value_shows_once_the_cache_is_told():
    assert legal_limit("complaint-resolution-first").value == 30
    LegalLimit.objects.filter(code="complaint-resolution-first").update(value=45)
    assert legal_limit("complaint-resolution-first").value == 30  # cached
    forget_legal_limit("complaint-resolution-first")
    assert legal_limit("complaint-resolution-first").value == 45


def test_the_citation_is_shown_and_an_unchecked_value_says_so():
    template = Template("{% load portal_tags %}{% legal_limit_source limit %}")
    unchecked = template.render(Context({"limit": legal_limit("consultation-minimum")}))
    assert "20 ngày lịch theo Nghị định số 78/2025/NĐ-CP" in unchecked
    assert "chưa đối chiếu với văn bản" in unchecked
    checked = template.render(Context({"limit": legal_limit("reception-answer")}))
    assert "10 ngày làm việc theo Khoản 1 Điều 28" in checked
    assert "chưa đối chiếu" not in checked


@pytest.mark.django_db(transaction=True)
def test_every_apps_declared_limits_are_back_after_the_database_is_flushed():
    """An app declares its rows in legal_limits.py; a page that reads one (the staff
    dashboard reads the outage notice) must find it after any migrate or flush."""
    from django.core.management import call_command

    from portal.discovery import declarations
    from portal.models import LegalLimit

    declared = {
        row[0] for _app, rows in declarations("legal_limits", "LEGAL_LIMITS") for row in rows
    }
    assert {"power-outage-notice", "feedback-handling", "denunciation-extension"} <= declared
    call_command("flush", interactive=False, verbosity=0)

    assert declared <= set(LegalLimit.objects.values_list("code", flat=True))
