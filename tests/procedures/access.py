"""The procedures app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone, staff_only

EXPECTED = {
    "procedures:procedure_list": everyone(200),
    "procedures:procedure_detail": everyone(200),
    "procedures:procedure_print": everyone(200),
}

SAMPLE_KWARGS = {
    "procedures:procedure_detail": lambda s: {"pk": s.objects["procedures.procedure"].pk},
    "procedures:procedure_print": lambda s: {"pk": s.objects["procedures.procedure"].pk},
}


def samples() -> dict:
    from datetime import date

    from portal.models import Unit
    from procedures import actions
    from procedures.views import rating_token
    from tests.procedures.factories import ProcedureFactory, make_dossier, make_feedback

    procedure = ProcedureFactory()
    unit = Unit.objects.get(code="quan-ly-thuong-mai")  # unit A of the personas
    dossier = make_dossier(unit=unit, procedure=procedure)
    actions.dossier_apologise(
        dossier=dossier, new_due_date=date(2099, 1, 5), reason="Cần kiểm tra thực tế cửa hàng."
    )
    answer = make_feedback(unit=unit, published=True)
    finished = make_dossier(unit=unit, procedure=procedure)
    actions.dossier_return(dossier=finished, on=date(2026, 1, 5))
    return {
        "procedures.feedback": answer,
        "feedback_code": answer.tracking_code,
        "rating_token": rating_token(finished),
        "procedures.dossier": dossier,
        "procedures.dossierstep": dossier.steps.first(),
        "procedures.procedure": procedure,
        "procedures.submissionmethod": procedure.methods.first(),
        "procedures.dossiercomponent": procedure.components.first(),
    }


HTML_PAGES = {
    "procedure catalog": ("/thu-tuc/", 200),
    "procedure catalog filtered": ("/thu-tuc/?q=xang+dau&online_level=partial", 200),
}

# A dossier's printed papers: procedures officers of its unit and leadership; another unit's
# officer gets 404 (read through of_units_of); roles without the dossier permission 403.
EXPECTED |= {
    "procedures:dossier_lookup": everyone(200),
    "procedures:dossier_receipt": staff_only(
        403, officer_a=200, officer_b=404, leader=200, administrator=200
    ),
    "procedures:dossier_apology": staff_only(
        403, officer_a=200, officer_b=404, leader=200, administrator=200
    ),
}
SAMPLE_KWARGS |= {
    "procedures:dossier_receipt": lambda s: {"pk": s.objects["procedures.dossier"].pk},
    "procedures:dossier_apology": lambda s: {"pk": s.objects["procedures.dossier"].pk},
}
HTML_PAGES["dossier lookup"] = ("/tra-cuu-ho-so/", 200)

EXPECTED |= {
    "procedures:feedback_create": everyone(200),
    "procedures:feedback_status": everyone(200),
    "procedures:answer_list": everyone(200),
    "procedures:answer_detail": everyone(200),
}
SAMPLE_KWARGS |= {
    "procedures:feedback_status": lambda s: {"code": s.objects["feedback_code"]},
    "procedures:answer_detail": lambda s: {"pk": s.objects["procedures.feedback"].pk},
}
HTML_PAGES["feedback form"] = ("/phan-anh-kien-nghi/", 200)
HTML_PAGES["answers"] = ("/phan-anh-kien-nghi/da-tra-loi/", 200)

EXPECTED |= {
    "procedures:dossier_rate": everyone(200),
    "procedures:statistics": everyone(200),
    # Written by the open data task once a publication of the app commits (eager in tests).
}
SAMPLE_KWARGS |= {
    "procedures:dossier_rate": lambda s: {"token": s.objects["rating_token"]},
}
HTML_PAGES["statistics"] = ("/thu-tuc/thong-ke/", 200)
