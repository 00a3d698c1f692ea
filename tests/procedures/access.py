"""The procedures app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone

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
    from tests.procedures.factories import ProcedureFactory

    procedure = ProcedureFactory()
    return {
        "procedures.procedure": procedure,
        "procedures.submissionmethod": procedure.methods.first(),
        "procedures.dossiercomponent": procedure.components.first(),
    }


HTML_PAGES = {
    "procedure catalog": ("/thu-tuc/", 200),
    "procedure catalog filtered": ("/thu-tuc/?q=xang+dau&online_level=partial", 200),
}
