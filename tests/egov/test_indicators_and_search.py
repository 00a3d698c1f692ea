"""The e-governance indicators of the PAPI spine, and consultations in the site search."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from egov.models import Comment, Consultation, SynthesisReport
from portal.indicators import registry
from portal.periods import Quarter
from tests.egov.factories import make_comment, make_consultation

pytestmark = pytest.mark.django_db
Q3 = Quarter(2026, 3)


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(9)))


def test_the_indicators_measure_full_periods_comments_answers_and_synthesis_delay(unit_a):
    full = make_consultation(unit=unit_a, text="Điều 1. Phạm vi\nNội dung.")
    short = make_consultation(
        unit=unit_a, text="Điều 1. Phạm vi\nNội dung.", short_period_reason="Cần ban hành gấp."
    )
    Consultation.objects.filter(pk=full.pk).update(
        opens_on=date(2026, 7, 1), closes_on=date(2026, 7, 20)
    )
    Consultation.objects.filter(pk=short.pk).update(
        opens_on=date(2026, 8, 1), closes_on=date(2026, 8, 10)
    )
    assert registry.get("EG-02").compute(Q3) == 50.0

    answered = make_comment(full)
    make_comment(full)
    make_comment(full, status="unconfirmed")  # never counts
    Comment.objects.filter(status=Comment.Status.CONFIRMED).update(
        confirmed_at=_at(date(2026, 7, 5))
    )
    from egov import actions

    actions.answer_create(comments=[answered], verdict="noted", text="Ghi nhận.")
    assert registry.get("EG-03").compute(Q3) == 2
    assert registry.get("EG-04").compute(Q3) == 50.0

    SynthesisReport.objects.create(
        consultation_id=full.pk, status="done", published_at=_at(date(2026, 8, 3))
    )
    SynthesisReport.objects.create(  # a later issue of the same synthesis does not count again
        consultation_id=full.pk, status="done", published_at=_at(date(2026, 9, 3))
    )
    assert registry.get("EG-05").compute(Q3) == 14.0  # 20 July → 3 August
    assert registry.get("EG-05").compute(Quarter(2026, 2)) is None


def test_search_finds_a_published_consultation_by_its_draft_text_and_never_a_draft(
    client, unit_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published = make_consultation(unit=unit_a, title="Dự thảo quy định về chợ đầu mối")
        make_consultation(unit=unit_a, title="Dự thảo chợ chưa công bố", published=False)

    results = client.get(reverse("portal:search"), {"q": "khoang cach cua hang"}).context["results"]
    assert [entry.url for entry in results.entries] == [published.get_absolute_url()]
    assert str(results.entries[0].area_label) == "Dự thảo lấy ý kiến"
    assert published.get_absolute_url() in client.get("/sitemap.xml").content.decode()
