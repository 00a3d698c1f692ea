"""The statistics page reads a daily summary of the dossiers kept by the dossier actions; its
figures stay equal to a count over the dossiers themselves after receipts, results, a staff
edit that moves a dossier to another day, ratings, an import, a procedure moved to another
field, and after the nightly rebuild repairs rows changed behind the actions' back."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import tablib
from django.core.management import call_command
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from portal.periods import Quarter
from procedures import actions
from procedures.models import Channel, Dossier, DossierDay, DossierRating, SubmissionMethod
from procedures.resources import DossierResource
from procedures.tasks import rebuild_dossier_statistics
from tests.procedures.factories import ProcedureFactory, make_dossier

pytestmark = pytest.mark.django_db

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
KEYS = ("received", "early", "on_time", "late", "online", "rated")


def _at(day: date, hour=9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZONE)


def _direct(year: int) -> dict[str, dict]:
    """The year's counts by field straight from the dossiers (what the page must show)."""
    finished = Coalesce("resolved_on", "returned_on")
    rows = (
        Dossier.objects.filter(received_at__year=year)
        .annotate(finished=finished)
        .values("procedure__field")
        .annotate(
            received=Count("id"),
            early=Count("id", filter=Q(due_date__gt=F("finished"))),
            on_time=Count("id", filter=Q(due_date=F("finished"))),
            late=Count("id", filter=Q(due_date__lt=F("finished"))),
            online=Count("id", filter=Q(channel=Channel.ONLINE)),
            rated=Count("rating"),
            score=Sum(F("rating__access") + F("rating__procedure")),
        )
        .order_by()
    )
    return {row["procedure__field"]: {k: row[k] for k in KEYS} for row in rows}


def _context(client, year: int):
    """The statistics page's figures; the page cache is on, so a change must show at once."""
    response = client.get(reverse("procedures:statistics"), {"year": str(year)})
    assert response.status_code == 200
    assert response.context is not None, "the cached page was served after a change"
    return response.context


def _page(client, year: int) -> dict[str, dict]:
    context = _context(client, year)
    return {row["field"]: {k: row[k] for k in KEYS} for row in context["by_field"]}


@pytest.fixture
def procedures():
    petrol = ProcedureFactory(field="Lưu thông hàng hóa trong nước", days=5, code="2.000648")
    SubmissionMethod.objects.create(procedure=petrol, channel=Channel.ONLINE, processing_days=5)
    gas = ProcedureFactory(field="Kinh doanh khí", days=5)
    return petrol, gas


@pytest.mark.django_db(transaction=True)  # the page cache is refreshed when a change commits
def test_the_page_equals_a_count_over_the_dossiers_through_every_change(
    client, settings, unit_a, officer_a, procedures
):
    petrol, gas = procedures
    a = make_dossier(unit=unit_a, procedure=petrol, received_at=_at(date(2025, 3, 3)))
    b = make_dossier(
        unit=unit_a, procedure=petrol, channel=Channel.ONLINE, received_at=_at(date(2025, 3, 3))
    )
    c = make_dossier(unit=unit_a, procedure=gas, received_at=_at(date(2025, 5, 12)))
    assert _page(client, 2025) == _direct(2025)
    assert _direct(2025)["Lưu thông hàng hóa trong nước"]["received"] == 2

    actions.dossier_resolve(dossier=a, on=date(2025, 3, 5), result="Giấy phép", digitised=True)
    actions.dossier_return(dossier=a, on=date(2025, 3, 5))
    actions.dossier_return(dossier=b, on=b.due_date)
    actions.dossier_return(dossier=c, on=date(2025, 6, 30))
    actions.dossier_rate(
        dossier=a, rating=DossierRating(access=5, procedure=4, officers=5, results=5)
    )
    context = _context(client, 2025)
    page = {row["field"]: {k: row[k] for k in KEYS} for row in context["by_field"]}
    assert page == _direct(2025)
    assert page["Kinh doanh khí"]["late"] == 1
    assert page["Lưu thông hàng hóa trong nước"]["early"] == 1
    assert context["total"]["satisfaction"] == 93.8  # 19 of 20 points

    # A staff edit moves the dossier to another day, in another quarter: both days recounted.
    client.force_login(officer_a)
    change = reverse("admin:procedures_dossier_change", args=[c.pk])
    response = client.post(
        change,
        {
            "procedure": gas.pk,
            "unit": unit_a.pk,
            "channel": "in_person",
            "received_at_0": "10/11/2025",
            "received_at_1": "09:00",
            "applicant_kind": "person",
            "applicant_name": c.applicant_name,
            "applicant_phone": c.applicant_phone,
            "status": "returned",
            "returned_on": "30/06/2025",
            "steps-TOTAL_FORMS": "0",
            "steps-INITIAL_FORMS": "0",
            "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    context = _context(client, 2025)
    assert {row["field"]: {k: row[k] for k in KEYS} for row in context["by_field"]} == _direct(2025)
    quarters = dict(context["by_quarter"])
    assert quarters[Quarter(2025, 2)] == {}
    assert quarters[Quarter(2025, 4)]["received"] == 1

    # An import of the one-stop system's export adds one dossier and finishes another.
    headers = [
        "code", "procedure_code", "unit", "applicant_kind", "applicant_name", "applicant_phone",
        "channel", "received_at", "status", "resolved_on", "returned_on", "result_digitised",
    ]  # fmt: skip
    rows = [
        ["H17.31-250303-0001", "2.000648", unit_a.code, "business", "Công ty TNHH Minh Phát",
         "0912 345 678", "online", "03/03/2025 10:00", "returned", "04/03/2025", "04/03/2025",
         "1"],
    ]  # fmt: skip
    result = DossierResource().import_data(
        tablib.Dataset(*rows, headers=headers), dry_run=False, user=officer_a
    )
    assert not result.has_errors() and not result.has_validation_errors()
    page = _page(client, 2025)
    assert page == _direct(2025)
    assert page["Lưu thông hàng hóa trong nước"]["received"] == 3

    # The procedure moves to another field: its dossiers move with it.
    before = actions.snapshot(gas)
    gas.field = "Hóa chất"
    actions.procedure_save(procedure=gas, before=before, reason="Sửa lĩnh vực")
    page = _page(client, 2025)
    assert page == _direct(2025)
    assert "Kinh doanh khí" not in page and page["Hóa chất"]["received"] == 1


@pytest.mark.django_db(transaction=True)
def test_the_rebuild_repairs_rows_changed_behind_the_actions_back(client, unit_a, procedures):
    petrol, _gas = procedures
    for day in (date(2025, 1, 6), date(2025, 4, 7), date(2025, 4, 7)):
        dossier = make_dossier(unit=unit_a, procedure=petrol, received_at=_at(day))
        actions.dossier_return(dossier=dossier, on=dossier.due_date)
    # A correction made directly in the database (a script, a bulk update).
    Dossier.objects.filter(received_at__month=4).update(returned_on=date(2025, 12, 1))
    Dossier.objects.filter(received_at__month=4).update(resolved_on=date(2025, 12, 1))
    assert _page(client, 2025) != _direct(2025)

    assert rebuild_dossier_statistics() == DossierDay.objects.count()
    page = _page(client, 2025)
    assert page == _direct(2025)
    assert page["Lưu thông hàng hóa trong nước"]["late"] == 2

    # Running it again changes nothing; so does the command.
    rows = list(DossierDay.objects.order_by("day", "channel", "outcome").values())
    out = StringIO()
    call_command("rebuild_dossier_statistics", stdout=out)
    assert "summary rows" in out.getvalue()
    again = list(DossierDay.objects.order_by("day", "channel", "outcome").values())
    assert [{**r, "id": 0} for r in again] == [{**r, "id": 0} for r in rows]


def test_the_open_data_and_indicators_read_the_summary(unit_a, procedures):
    from procedures import selectors

    petrol, _gas = procedures
    dossier = make_dossier(
        unit=unit_a, procedure=petrol, channel=Channel.ONLINE, received_at=_at(date(2025, 2, 3))
    )
    actions.dossier_return(dossier=dossier, on=dossier.due_date)
    rows = [row for row in selectors.open_data_rows() if row[0] == str(Quarter(2025, 1))]
    assert rows == [(str(Quarter(2025, 1)), "Lưu thông hàng hóa trong nước", 1, 0, 1, 0, 1, None)]
    assert selectors.share_submitted_online(Quarter(2025, 1)) == 100.0
    DossierDay.objects.all().delete()
    assert selectors.share_submitted_online(Quarter(2025, 1)) is None


def test_a_dossier_deleted_in_the_staff_area_leaves_the_statistics(
    client, officer_a, unit_a, procedures
):
    from procedures import selectors

    petrol, _gas = procedures
    kept = make_dossier(unit=unit_a, procedure=petrol, received_at=_at(date(2025, 3, 3)))
    mistake = make_dossier(unit=unit_a, procedure=petrol, received_at=_at(date(2025, 3, 3)))
    (row,) = selectors.dossier_figures(date(2025, 1, 1), date(2025, 12, 31))
    assert row["received"] == 2

    client.force_login(officer_a)
    delete = reverse("admin:procedures_dossier_delete", args=[mistake.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert list(Dossier.objects.all()) == [kept]
    (row,) = selectors.dossier_figures(date(2025, 1, 1), date(2025, 12, 31))
    assert row["received"] == 1
    assert sum(DossierDay.objects.values_list("received", flat=True)) == 1
