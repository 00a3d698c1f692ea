"""The accountability app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone, staff_only

# Cases are read by the inspection unit, leadership and the unit a case is assigned to; the
# matrix's officers A and B hold no accountability role, so both are refused.
CASE_STAFF = staff_only(403, inspector=200, leader=200, administrator=200)

EXPECTED = {
    "accountability:reception_calendar": everyone(200),
    "accountability:reception_month": everyone(200),
    "accountability:reception_ical": everyone(200),
    "accountability:booking_create": everyone(200),
    "accountability:booking_detail": everyone(200),
    "accountability:booking_cancel": everyone(200),
    # The reception log: those who keep it (reception officers, inspectors) and leadership.
    "accountability:visit_ledger": staff_only(403, inspector=200, leader=200, administrator=200),
    "accountability:case_submit": everyone(200),
    "accountability:case_track": everyone(200),
    "accountability:case_statistics": everyone(200),
    "accountability:case_clock_board": CASE_STAFF,
    "accountability:case_attachment": CASE_STAFF,
    "accountability:explanation_list": everyone(200),
    "accountability:explanation_submit": everyone(200),
    "accountability:explanation_track": everyone(200),
    "accountability:explanation_detail": everyone(200),
    "accountability:dialogue_list": everyone(200),
    "accountability:dialogue_detail": everyone(200),
    "accountability:question_create": everyone(200),
    "accountability:question_lookup": everyone(200),
    "accountability:conclusion_list": everyone(200),
    "accountability:conclusion_detail": everyone(200),
}

SAMPLE_KWARGS = {
    "accountability:reception_month": lambda s: {"year": 2026, "month": 12},
    "accountability:reception_ical": lambda s: {
        "slug": s.objects["accountability.receptionschedule"].slug
    },
    "accountability:booking_detail": lambda s: {"token": s.objects["token"]},
    "accountability:booking_cancel": lambda s: {"token": s.objects["token"]},
    "accountability:visit_ledger": lambda s: {"year": 2026, "month": 12},
    "accountability:case_track": lambda s: {"token": s.objects["case_token"]},
    "accountability:case_attachment": lambda s: {
        "case_pk": s.objects["accountability.caseattachment"].case_id,
        "pk": s.objects["accountability.caseattachment"].pk,
    },
    "accountability:explanation_track": lambda s: {"token": s.objects["explanation_token"]},
    "accountability:explanation_detail": lambda s: {
        "code": s.objects["accountability.explanationrequest"].code
    },
    "accountability:dialogue_detail": lambda s: {"slug": s.objects["accountability.dialogue"].slug},
    "accountability:question_create": lambda s: {"slug": s.objects["accountability.dialogue"].slug},
    "accountability:conclusion_detail": lambda s: {
        "pk": s.objects["accountability.inspectionconclusion"].pk
    },
}


def samples() -> dict:
    from django.core.files.base import ContentFile

    from accountability.actions import cancel_token, tracking_token
    from accountability.models import CaseAttachment
    from tests.accountability.factories import (
        BookingFactory,
        CaseFactory,
        ExplanationFactory,
        QuestionFactory,
        RecommendationFactory,
        VisitFactory,
    )

    booking = BookingFactory()
    case = CaseFactory()
    attachment = CaseAttachment(case=case, original_name="don.pdf", format="pdf", size=20)
    attachment.file.save("don.pdf", ContentFile(b"%PDF-1.7 don khieu nai"))
    explanation = ExplanationFactory()
    question = QuestionFactory()
    recommendation = RecommendationFactory()
    return {
        "accountability.receptionschedule": booking.session.schedule,
        "accountability.receptionsession": booking.session,
        "accountability.booking": booking,
        "accountability.visit": VisitFactory(),
        "token": cancel_token(booking),
        "accountability.case": case,
        "accountability.caseattachment": attachment,
        "case_token": tracking_token(case),
        "accountability.explanationrequest": explanation,
        "explanation_token": tracking_token(explanation),
        "accountability.dialogue": question.dialogue,
        "accountability.dialoguequestion": question,
        "accountability.inspectionconclusion": recommendation.conclusion,
        "accountability.recommendation": recommendation,
    }


HTML_PAGES = {
    "reception calendar": ("/tiep-cong-dan/", 200),
    "reception month": ("/tiep-cong-dan/thang/2026/12/", 200),
    "booking form": ("/tiep-cong-dan/dat-lich/", 200),
    "case form": ("/tiep-cong-dan/gui-don/", 200),
    "case statistics": ("/tiep-cong-dan/thong-ke-don/", 200),
    "explanation form": ("/giai-trinh/gui-yeu-cau/", 200),
    "explanations": ("/giai-trinh/", 200),
    "dialogues": ("/doi-thoai/", 200),
    "question lookup": ("/doi-thoai/tra-cuu/", 200),
    "inspection conclusions": ("/ket-luan-thanh-tra/", 200),
}
