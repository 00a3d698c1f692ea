from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from portal.indicators import Indicator, registry
from portal.papi import actions, selectors
from portal.papi.models import IndicatorSnapshot, IndicatorTarget
from portal.periods import Quarter
from tests.papi.helpers import add_update, fixed_indicator, make_task, registered

pytestmark = pytest.mark.django_db
Q4 = Quarter(2024, 4)


def test_it_stores_a_snapshot_with_its_inputs_for_every_registered_indicator():
    with registered(fixed_indicator(values={"2024-Q4": 87.5})):
        actions.indicator_snapshots_compute(quarter=Q4, trigger="scheduled")
        codes = set(
            IndicatorSnapshot.objects.filter(quarter="2024-Q4").values_list("code", flat=True)
        )
        assert codes == {i.code for i in registry.all()}
    snapshot = IndicatorSnapshot.objects.get(code="TEST-TR01")
    assert snapshot.value == Decimal("87.5") and snapshot.dimension == "D2"
    assert snapshot.inputs["source"] == "test" and snapshot.inputs["period_end"] == "2024-12-31"
    assert snapshot.computed_at is not None and snapshot.is_current


def test_it_records_a_recomputation_and_keeps_the_value_it_replaced(leader):
    values = {"2024-Q4": 80}
    with registered(fixed_indicator(values=values)):
        actions.indicator_snapshots_compute(quarter=Q4, trigger="scheduled", codes=["TEST-TR01"])
        values["2024-Q4"] = 92
        # The report never replaces a stored figure silently.
        actions.report_snapshots_prepare(quarter=Q4)
        current = IndicatorSnapshot.objects.current().get(code="TEST-TR01", quarter="2024-Q4")
        assert current.value == 80
        actions.indicator_snapshots_compute(
            quarter=Q4, trigger="recomputation", codes=["TEST-TR01"], user=leader,
            reason="Nhập bổ sung hồ sơ tháng 12",
        )  # fmt: skip
    rows = list(
        IndicatorSnapshot.objects.filter(code="TEST-TR01", quarter="2024-Q4").order_by("revision")
    )
    assert [(r.revision, r.value, r.is_current) for r in rows] == [
        (1, 80, False),
        (2, 92, True),
    ]
    assert rows[1].computed_by == leader and rows[1].trigger == "recomputation"
    assert rows[1].reason == "Nhập bổ sung hồ sơ tháng 12"


def test_it_keeps_going_when_one_indicator_fails():
    def broken(period):
        raise ZeroDivisionError("no dossiers")

    with registered(
        Indicator(code="TEST-BROKEN", dimension="D5", label="x", unit="", compute=broken),
        fixed_indicator(values={"2024-Q4": 1}),
    ):
        actions.indicator_snapshots_compute(quarter=Q4, trigger="scheduled")
    broken_row = IndicatorSnapshot.objects.get(code="TEST-BROKEN")
    assert broken_row.value is None and "ZeroDivisionError" in broken_row.inputs["error"]
    assert IndicatorSnapshot.objects.get(code="TEST-TR01").value == 1


def test_it_measures_the_share_of_plan_tasks_done_on_time():
    on_time = make_task(title="Đúng hạn", deadline=date(2024, 11, 29))
    add_update(on_time, date(2024, 11, 29), "done")
    late = make_task(title="Trễ hạn", deadline=date(2024, 10, 31))
    add_update(late, date(2024, 11, 4), "done")
    make_task(title="Chưa xong", deadline=date(2024, 12, 31))
    make_task(title="Quý khác", deadline=date(2024, 6, 28))
    result = registry.get("KH-D2").compute(Q4)
    assert result.value == pytest.approx(33.3)
    assert result.inputs == {"due": 3, "done_on_time": 1}
    assert registry.get("KH-D8").compute(Q4).value is None  # no task due: no figure


def test_it_uses_the_target_staff_set_for_the_year_over_the_default(leader):
    indicator = fixed_indicator(target=90)
    with registered(indicator):
        assert selectors.target_of(indicator, 2024, selectors.targets_for_year(2024)) == 90
        actions.indicator_target_set(code="TEST-TR01", year=2024, value=Decimal(95), user=leader)
        assert selectors.target_of(indicator, 2024, selectors.targets_for_year(2024)) == 95
        assert selectors.target_of(indicator, 2025, selectors.targets_for_year(2025)) == 90


def test_it_shows_the_series_and_lets_leadership_set_a_target_and_recompute(client, leader):
    values = {"2024-Q3": 70, "2024-Q4": 87.5}
    with registered(fixed_indicator(values=values)):
        for quarter in (Quarter(2024, 3), Q4):
            actions.indicator_snapshots_compute(quarter=quarter, trigger="scheduled")
        client.force_login(leader)
        url = reverse("papi:indicator_detail", args=["TEST-TR01"])
        page = client.get(url).content.decode()
        assert "<svg" in page and "87,5" in page and "70" in page
        assert (
            client.post(
                url, {"form": "target", "target-year": "2024", "target-value": "95,5"}
            ).status_code
            == 302
        )
        assert IndicatorTarget.objects.get(code="TEST-TR01", year=2024).value == Decimal("95.5")
        values["2024-Q4"] = 88
        response = client.post(
            url,
            {
                "form": "recompute",
                "recompute-quarter": "2024-Q4",
                "recompute-reason": "Sửa số liệu",
            },
        )
        assert response.status_code == 302
        assert (
            IndicatorSnapshot.objects.current().get(code="TEST-TR01", quarter="2024-Q4").value == 88
        )
        listing = client.get(reverse("papi:indicator_list"), {"nam": "2024"})
        assert listing.status_code == 200


def test_it_lets_an_officer_see_indicators_but_not_recompute(client, officer_a):
    with registered(fixed_indicator()):
        client.force_login(officer_a)
        url = reverse("papi:indicator_detail", args=["TEST-TR01"])
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"form": "recompute", "recompute-quarter": "2024-Q4", "recompute-reason": "x"}
        )
        assert response.status_code == 403
    assert not IndicatorSnapshot.objects.exists()
