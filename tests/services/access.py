"""The services app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone, staff_only

EXPECTED = {
    "services:outage_list": everyone(200),
    "services:outage_ical": everyone(200),
    "services:project_list": everyone(200),
    "services:project_detail": everyone(200),
    "services:project_feed": everyone(200),
    "services:figures": everyone(200),
    "services:problem_report": everyone(200),
    "services:problem_lookup": everyone(200),
    "services:problem_stats": everyone(200),
    "services:problem_status": everyone(200),
    # The photo of a report: the staff of the unit in charge (the energy division, officer B's
    # unit) and leadership; officer A, of another unit, gets a 404 as for a missing report.
    "services:problem_photo": staff_only(
        403, officer_a=404, officer_b=200, leader=200, administrator=200
    ),
}

SAMPLE_KWARGS = {
    "services:outage_ical": lambda s: {"slug": s.objects["services.ward"].slug},
    "services:project_detail": lambda s: {"slug": s.objects["services.gridproject"].slug},
    "services:problem_status": lambda s: {"code": s.objects["services.supplyproblem"].code},
    "services:problem_photo": lambda s: {"pk": s.objects["services.supplyproblem"].pk},
}


def samples() -> dict:
    from datetime import date

    from services.models import ServiceFigure
    from tests.services.factories import (
        GridProjectFactory,
        PlannedOutageFactory,
        SupplyProblemFactory,
        WardFactory,
    )

    ward = WardFactory(name="Phường Gia Sàng")
    figure = ServiceFigure.objects.create(
        kind="saidi", period_end=date(2026, 9, 30), value=280, source="Báo cáo quý III",
        source_date=date(2026, 10, 20),
    )  # fmt: skip
    outage = PlannedOutageFactory(wards=[ward])
    return {
        "services.ward": ward,
        "services.plannedoutage": outage,
        "services.supplyproblem": SupplyProblemFactory(ward=ward, with_photo=True),
        "services.gridproject": GridProjectFactory(wards=[ward], slug="cai-tao-luoi-gia-sang"),
        "services.servicefigure": figure,
    }


HTML_PAGES = {
    "grid project list": ("/dien/", 200),
    "outage finder": ("/lich-cat-dien/?ward=gia+sang", 200),
    "service figures": ("/dien/so-lieu/", 200),
    "supply problem form": ("/dien/bao-su-co/", 200),
    "supply problem lookup": ("/dien/su-co/?code=KHONG-CO", 200),
    "supply problem statistics": ("/dien/su-co/thong-ke/", 200),
}
