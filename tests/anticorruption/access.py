"""The anticorruption app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone, staff_only, to

# The channel's staff side: the inspection role only (not leadership, not administrators).
# Without the key opened in the session, a report's page sends the inspector to open it.
INSPECTORS_ONLY = staff_only(403, inspector=200)

EXPECTED = {
    "anticorruption:tip_create": everyone(200),
    "anticorruption:tip_follow": everyone(200),
    "anticorruption:tip_statistics": everyone(200),
    "anticorruption:tip_list": INSPECTORS_ONLY,
    "anticorruption:tip_unlock": INSPECTORS_ONLY,
    "anticorruption:tip_detail": staff_only(403, inspector=to("anticorruption:tip_unlock")),
    "anticorruption:tip_attachment": staff_only(403, inspector=to("anticorruption:tip_unlock")),
    "anticorruption:round_list": everyone(200),
    "anticorruption:round_feed": everyone(200),
    "anticorruption:round_detail": everyone(200),
    "anticorruption:step_document": everyone(200),
    "anticorruption:round_apply": everyone(200),
    "anticorruption:application_status": everyone(200),
    # Candidates' documents: those who review applications (recruitment officers) only.
    "anticorruption:application_document": staff_only(403, administrator=200),
    # Recruitment officers, leadership and administrators; the matrix's officers are editors.
    "anticorruption:recruitment_overview": staff_only(403, leader=200, administrator=200),
}

SAMPLE_KWARGS = {
    "anticorruption:tip_detail": lambda s: {"pk": s.objects["anticorruption.tip"].pk},
    "anticorruption:tip_attachment": lambda s: {
        "pk": s.objects["anticorruption.tip"].pk,
        "attachment_pk": s.objects["anticorruption.tipattachment"].pk,
    },
    "anticorruption:round_detail": lambda s: {
        "slug": s.objects["anticorruption.recruitmentround"].slug
    },
    "anticorruption:round_apply": lambda s: {
        "slug": s.objects["anticorruption.recruitmentround"].slug
    },
    "anticorruption:application_document": lambda s: {
        "pk": s.objects["anticorruption.application"].pk,
        "document_pk": s.objects["anticorruption.applicationdocument"].pk,
    },
    "anticorruption:step_document": lambda s: {
        "slug": s.objects["anticorruption.recruitmentround"].slug,
        "pk": s.objects["anticorruption.recruitmentstep"].pk,
    },
}


def samples() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from anticorruption import actions
    from anticorruption.models import RecruitmentStep
    from tests.anticorruption.factories import make_application, make_round, make_step
    from tests.anticorruption.helpers import jpeg_with_gps

    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    tip, _receipt = actions.tip_create(content="Mẫu", files=[(photo, "jpg")])
    round_ = make_round(slug="tuyen-dung-mau")
    step = make_step(round_, RecruitmentStep.Kind.NOTICE, round_.created_at.date())
    application = make_application(round_)
    return {
        "anticorruption.application": application,
        "anticorruption.applicationdocument": application.documents.get(),
        "anticorruption.tip": tip,
        "anticorruption.tipattachment": tip.attachments.get(),
        "anticorruption.recruitmentround": round_,
        "anticorruption.recruitmentstep": step,
    }


HTML_PAGES = {
    "anonymous report form": ("/to-giac/", 200),
    "anonymous report follow-up": ("/to-giac/theo-doi/", 200),
    "anonymous report statistics": ("/to-giac/thong-ke/", 200),
    "recruitment rounds": ("/tuyen-dung/", 200),
    "application status": ("/tuyen-dung/tra-cuu/", 200),
}
