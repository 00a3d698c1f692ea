"""The procedure pages that need objects (a whole record, its print view, a followed feedback, a
published answer, a dossier's status) are valid HTML (the Nu HTML checker)."""

import pytest
from django.urls import reverse

from procedures import actions
from tests.helpers import nu_errors

from .factories import ProcedureFactory, make_dossier, make_feedback

pytestmark = pytest.mark.django_db


def test_the_procedure_pages_are_valid_html(client, tmp_path, unit_a):
    unit = unit_a
    procedure = ProcedureFactory()
    dossier = make_dossier(unit=unit, procedure=procedure, phone="0912 345 678")
    actions.dossier_return(dossier=dossier, on=dossier.due_date)
    answered = make_feedback(unit=unit, published=True)
    pages = {
        "procedure": client.get(reverse("procedures:procedure_detail", args=[procedure.pk])),
        "print": client.get(reverse("procedures:procedure_print", args=[procedure.pk])),
        "lookup-found": client.post(
            reverse("procedures:dossier_lookup"), {"code": dossier.code, "digits": "5678"}
        ),
        "lookup-error": client.post(
            reverse("procedures:dossier_lookup"), {"code": "", "digits": ""}
        ),
        "feedback-status": client.get(
            reverse("procedures:feedback_status", args=[answered.tracking_code])
        ),
        "answer": client.get(reverse("procedures:answer_detail", args=[answered.pk])),
        "feedback-errors": client.post(reverse("procedures:feedback_create"), {"subject": ""}),
    }
    assert dossier.code in pages["lookup-found"].content.decode()
    assert nu_errors(pages, tmp_path) == ""
