"""The reception log (sổ tiếp công dân): each unit records and reads only its own visits, in
the staff area, the monthly ledger and the XLSX export."""

from io import BytesIO

import openpyxl
import pytest
from django.contrib import admin
from import_export.formats.base_formats import XLSX

from accountability.models import Visit
from accountability.resources import VisitResource
from portal import roles
from tests.accountability.factories import VisitFactory
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db

ADD = "/quan-tri/accountability/visit/add/"


@pytest.fixture
def reception_a(unit_a):
    return make_staff(roles.RECEPTION_OFFICER, unit=unit_a)


@pytest.fixture
def reception_b(unit_b):
    return make_staff(roles.RECEPTION_OFFICER, unit=unit_b)


def _visit_form(unit, **changes):
    return {
        "unit": unit.pk,
        "visited_on": "02/12/2026",
        "visitor_name": "Nguyễn Thị Lan",
        "visitor_address": "Tổ 3, phường Gia Sàng, tỉnh Thái Nguyên",
        "old_address": "",
        "people": 1,
        "content": "Khiếu nại việc thu hồi giấy chứng nhận đủ điều kiện bán lẻ xăng dầu.",
        "classification": "complaint",
        "within_competence": "on",
        "handling": "accepted",
        "forwarded_to": "",
        "documents_received": "Đơn khiếu nại (01 bản)",
        "received_by": "Hoàng Văn Sơn",
        "note": "",
        "session": "",
        "booking": "",
    } | changes


def test_an_officer_records_a_walk_in_for_their_unit(client, reception_a, unit_a):
    client.force_login(reception_a)

    response = client.post(ADD, _visit_form(unit_a))

    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.unit == unit_a and visit.session is None
    assert visit.history.count() == 1


def test_an_officer_cannot_record_a_visit_for_another_unit(client, reception_a, unit_b):
    client.force_login(reception_a)

    response = client.post(ADD, _visit_form(unit_b))

    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode() or response.context[
        "adminform"
    ].form.errors.get("unit")
    assert not Visit.objects.exists()


def test_unit_b_never_sees_unit_a_visits(client, reception_a, reception_b, unit_a, unit_b):
    own = VisitFactory(unit=unit_b, visitor_name="Phạm Văn Đức")
    other = VisitFactory(unit=unit_a, visitor_name="Nguyễn Thị Lan")
    client.force_login(reception_b)

    listing = client.get("/quan-tri/accountability/visit/").content.decode()
    assert "Phạm Văn Đức" in listing and "Nguyễn Thị Lan" not in listing

    assert client.get(f"/quan-tri/accountability/visit/{other.pk}/change/").status_code == 403
    assert client.get(f"/quan-tri/accountability/visit/{other.pk}/delete/").status_code == 403
    assert client.get(f"/quan-tri/accountability/visit/{other.pk}/history/").status_code == 403

    ledger = client.get(
        f"/tiep-cong-dan/so-tiep-cong-dan/{own.visited_on.year}/{own.visited_on.month}/"
    ).content.decode()
    assert "Phạm Văn Đức" in ledger and "Nguyễn Thị Lan" not in ledger

    rows = _export_rows(client)
    names = [row[2] for row in rows[1:]]
    assert names == ["Phạm Văn Đức"]


def _export_rows(client) -> list[tuple]:
    model_admin = admin.site._registry[Visit]
    formats = model_admin.get_export_formats()
    xlsx = next(i for i, f in enumerate(formats) if f is XLSX)
    fields = {f"visitresource_{name}": "on" for name in VisitResource().get_export_order()}
    response = client.post(
        "/quan-tri/accountability/visit/export/",
        {"format": xlsx, "resource": 0, "export_items": [], **fields},
    )
    assert response.status_code == 200, response.content[:500]
    book = openpyxl.load_workbook(BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))


def test_the_export_has_vietnamese_headings_and_labels(client, reception_a, unit_a):
    VisitFactory(unit=unit_a, within_competence=False, handling="guided")
    client.force_login(reception_a)

    header, row = _export_rows(client)

    assert header[:3] == ("Ngày tiếp", "Đơn vị", "Họ và tên công dân")
    assert row[1] == unit_a.name
    assert "Phản ánh" in row and "Không" in row


def test_the_ledger_prints_the_month_in_order_for_a_leader(client, unit_a, unit_b):
    from datetime import date

    VisitFactory(unit=unit_a, visited_on=date(2026, 12, 9), visitor_name="Người thứ hai")
    VisitFactory(unit=unit_b, visited_on=date(2026, 12, 2), visitor_name="Người thứ nhất")
    VisitFactory(unit=unit_b, visited_on=date(2026, 11, 30), visitor_name="Người của tháng 11")
    client.force_login(make_staff(roles.LEADERSHIP))

    page = client.get("/tiep-cong-dan/so-tiep-cong-dan/2026/12/").content.decode()

    assert "Sổ tiếp công dân tháng 12/2026" in page
    assert page.index("Người thứ nhất") < page.index("Người thứ hai")
    assert "Người của tháng 11" not in page
    assert 'media="print"' not in page  # one stylesheet: its print rules make the ledger


def test_the_ledger_is_refused_to_staff_without_the_log(client, officer_a):
    client.force_login(officer_a)
    assert client.get("/tiep-cong-dan/so-tiep-cong-dan/2026/12/").status_code == 403


def test_the_dashboard_links_the_ledger_for_those_who_keep_the_log(client, reception_a, officer_a):
    client.force_login(reception_a)
    assert "/tiep-cong-dan/so-tiep-cong-dan/" in client.get("/quan-tri/tong-quan/").content.decode()
    client.force_login(officer_a)
    assert "/tiep-cong-dan/so-tiep-cong-dan/" not in (
        client.get("/quan-tri/tong-quan/").content.decode()
    )
