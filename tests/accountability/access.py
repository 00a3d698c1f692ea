"""The accountability app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone, staff_only

EXPECTED = {
    "accountability:reception_calendar": everyone(200),
    "accountability:reception_month": everyone(200),
    "accountability:reception_ical": everyone(200),
    "accountability:booking_create": everyone(200),
    "accountability:booking_detail": everyone(200),
    "accountability:booking_cancel": everyone(200),
    # The reception log: those who keep it (reception officers, inspectors) and leadership.
    "accountability:visit_ledger": staff_only(403, inspector=200, leader=200, administrator=200),
}

SAMPLE_KWARGS = {
    "accountability:reception_month": lambda s: {"year": 2026, "month": 12},
    "accountability:reception_ical": lambda s: {
        "slug": s.objects["accountability.receptionschedule"].slug
    },
    "accountability:booking_detail": lambda s: {"token": s.objects["token"]},
    "accountability:booking_cancel": lambda s: {"token": s.objects["token"]},
    "accountability:visit_ledger": lambda s: {"year": 2026, "month": 12},
}


def samples() -> dict:
    from accountability.actions import cancel_token
    from tests.accountability.factories import BookingFactory, VisitFactory

    booking = BookingFactory()
    return {
        "accountability.receptionschedule": booking.session.schedule,
        "accountability.receptionsession": booking.session,
        "accountability.booking": booking,
        "accountability.visit": VisitFactory(),
        "token": cancel_token(booking),
    }


HTML_PAGES = {
    "reception calendar": ("/tiep-cong-dan/", 200),
    "reception month": ("/tiep-cong-dan/thang/2026/12/", 200),
    "booking form": ("/tiep-cong-dan/dat-lich/", 200),
}
