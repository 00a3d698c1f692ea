"""Staff record a dossier in the staff area: it gets its code, its appointment date in working
days and its statutory steps; another unit's officer neither lists nor opens it."""

from datetime import date

import pytest
from django.urls import reverse

from procedures.models import Dossier
from tests.procedures.factories import ProcedureFactory, make_dossier

pytestmark = pytest.mark.django_db

ADD = reverse("admin:procedures_dossier_add")


def _form(procedure, unit, **overrides):
    return {
        "procedure": procedure.pk,
        "unit": unit.pk,
        "channel": "in_person",
        "received_at_0": "02/02/2024",
        "received_at_1": "16:45",
        "applicant_kind": "business",
        "applicant_name": "Công ty TNHH Xăng dầu Minh Phát",
        "applicant_phone": "0912 345 678",
        "status": "received",
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        **overrides,
    }


def test_an_officer_records_a_dossier_with_its_appointment_and_steps(client, officer_a, unit_a):
    procedure = ProcedureFactory(days=5)
    client.force_login(officer_a)
    response = client.post(ADD, _form(procedure, unit_a))
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert dossier.code == "SCT-240202-0001"
    assert dossier.due_date == date(2024, 2, 16)  # across Tết 2024
    assert [s.due_on for s in dossier.steps.all()] == [
        date(2024, 2, 2),
        date(2024, 2, 7),
        date(2024, 2, 15),
        date(2024, 2, 16),
    ]
    page = client.get(reverse("admin:procedures_dossier_change", args=[dossier.pk]))
    assert reverse("procedures:dossier_receipt", args=[dossier.pk]) in page.content.decode()


def test_a_channel_without_processing_time_is_refused_with_the_form_kept(client, officer_a, unit_a):
    procedure = ProcedureFactory()  # in person only
    client.force_login(officer_a)
    response = client.post(ADD, _form(procedure, unit_a, channel="online"))
    assert response.status_code == 200
    assert "chưa có thời hạn giải quyết cho cách thức nộp này" in response.content.decode()
    assert "Công ty TNHH Xăng dầu Minh Phát" in response.content.decode()
    assert not Dossier.objects.exists()


def test_another_units_officer_neither_lists_nor_opens_the_dossier(
    client, officer_b, unit_a, unit_b
):
    dossier = make_dossier(unit=unit_a)
    client.force_login(officer_b)
    listing = client.get(reverse("admin:procedures_dossier_changelist"))
    assert dossier.code not in listing.content.decode()
    change = reverse("admin:procedures_dossier_change", args=[dossier.pk])
    assert client.get(change).status_code == 403
    # Nor can B file a dossier under A's unit.
    response = client.post(ADD, _form(dossier.procedure, unit_a))
    assert response.status_code == 200
    assert Dossier.objects.count() == 1
