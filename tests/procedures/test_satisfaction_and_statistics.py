"""Satisfaction ratings reached from the lookup of a finished dossier; the statistics page by
quarter and field (an SVG chart with its data table); the indicators."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from portal import indicators
from portal.periods import Quarter
from procedures import actions
from procedures.models import Channel, DossierRating, SubmissionMethod
from tests.procedures.factories import ProcedureFactory, make_dossier, make_feedback

pytestmark = pytest.mark.django_db

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _received(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=ZONE)


@pytest.fixture
def year_2025(unit_a):
    """Q1 2025: three dossiers, one early, one on time, one late; one online."""
    petrol = ProcedureFactory(field="Lưu thông hàng hóa trong nước", days=5)
    SubmissionMethod.objects.create(procedure=petrol, channel=Channel.ONLINE, processing_days=5)
    gas = ProcedureFactory(field="Kinh doanh khí", days=5)
    early = make_dossier(unit=unit_a, procedure=petrol, received_at=_received(date(2025, 3, 3)))
    actions.dossier_return(dossier=early, on=date(2025, 3, 5))
    on_time = make_dossier(
        unit=unit_a,
        procedure=petrol,
        channel=Channel.ONLINE,
        received_at=_received(date(2025, 3, 3)),
    )
    actions.dossier_return(dossier=on_time, on=on_time.due_date)
    late = make_dossier(unit=unit_a, procedure=gas, received_at=_received(date(2025, 3, 3)))
    actions.dossier_apologise(
        dossier=late, new_due_date=date(2025, 3, 20), reason="Kiểm tra thực tế."
    )
    actions.dossier_return(dossier=late, on=date(2025, 3, 20))
    actions.dossier_rate(
        dossier=early, rating=DossierRating(access=5, procedure=5, officers=5, results=5)
    )
    actions.dossier_rate(
        dossier=late, rating=DossierRating(access=1, procedure=1, officers=1, results=1)
    )
    return {"early": early, "on_time": on_time, "late": late}


def test_the_lookup_of_a_returned_dossier_leads_to_its_rating(client, unit_a):
    dossier = make_dossier(unit=unit_a, phone="0912 000 111")
    actions.dossier_return(dossier=dossier, on=date.today())
    page = client.post(
        reverse("procedures:dossier_lookup"), {"code": dossier.code, "digits": "0111"}
    ).content.decode()
    link = page.split('href="/tra-cuu-ho-so/danh-gia/')[1].split('"')[0]
    url = f"/tra-cuu-ho-so/danh-gia/{link}"
    # A missing score is reported and the rest kept.
    response = client.post(url, {"access": "4", "procedure": "5", "comment": "Nhanh gọn."})
    assert response.status_code == 200
    assert "Chọn điểm từ 1 đến 5" in response.content.decode()
    assert "Nhanh gọn." in response.content.decode()
    response = client.post(
        url,
        {"access": "4", "procedure": "5", "officers": "5", "results": "4", "comment": "Nhanh gọn."},
    )
    assert "Cảm ơn bạn đã đánh giá" in response.content.decode()
    assert dossier.rating.average == 4.5
    # Once only.
    client.post(url, {"access": "1", "procedure": "1", "officers": "1", "results": "1"})
    assert DossierRating.objects.get().access == 4


def test_a_forged_rating_link_is_refused(client):
    assert client.get("/tra-cuu-ho-so/danh-gia/123:abc/").status_code == 404


def test_the_statistics_count_early_on_time_late_online_and_satisfaction(client, year_2025):
    response = client.get(reverse("procedures:statistics"), {"year": "2025"})
    context = response.context
    first = dict(context["by_quarter"])[Quarter(2025, 1)]
    assert (first["received"], first["early"], first["on_time"], first["late"]) == (3, 1, 1, 1)
    assert first["online_share"] == 33.3
    assert first["in_time_share"] == 66.7
    assert first["satisfaction"] == 50.0  # one 5/5 and one 1/5
    fields = {row["field"]: row for row in context["by_field"]}
    assert fields["Kinh doanh khí"]["late"] == 1
    page = response.content.decode()
    assert "<svg" in page and "<table" in page
    assert "Lưu thông hàng hóa trong nước" in page


def test_the_indicators_measure_the_quarter(year_2025, unit_a):
    quarter = Quarter(2025, 1)
    values = {
        i.code: i.compute(quarter) for i in indicators.registry.all() if i.code.startswith("PR-")
    }
    assert values["PR-03"] == 66.7
    assert values["PR-04"] == 33.3
    assert values["PR-05"] == 50.0
    assert values["PR-07"] == 0.0
    make_feedback(unit=unit_a, answered=True)
    assert values["PR-06"] is None or values["PR-06"] >= 0
