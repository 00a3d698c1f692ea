"""The services app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone

EXPECTED = {
    "services:outage_list": everyone(200),
    "services:outage_ical": everyone(200),
}

SAMPLE_KWARGS = {
    "services:outage_ical": lambda s: {"slug": s.objects["services.ward"].slug},
}


def samples() -> dict:
    from tests.services.factories import PlannedOutageFactory, WardFactory

    ward = WardFactory(name="Phường Gia Sàng")
    outage = PlannedOutageFactory(wards=[ward])
    return {"services.ward": ward, "services.plannedoutage": outage}


HTML_PAGES = {
    "outage finder": ("/lich-cat-dien/?ward=gia+sang", 200),
}
