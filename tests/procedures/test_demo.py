import pytest

from procedures import demo
from procedures.models import Dossier, DossierRating, Feedback, Procedure

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_real_procedures_a_year_of_dossiers_and_feedback_once(unit_a):
    demo.seed()
    demo.seed()  # idempotent
    procedures = Procedure.objects.public()
    assert procedures.count() == 37
    petrol = procedures.get(code="2.000648")
    assert petrol.field == "Lưu thông hàng hóa trong nước"
    assert petrol.legal_numbers == ["83/2014/NĐ-CP", "95/2021/NĐ-CP"]
    lpg = procedures.get(code="2.000207")
    assert lpg.online_level == "full"
    assert lpg.processing_days() == 7
    assert all(p.methods.exists() and p.components.exists() for p in procedures)

    assert Dossier.objects.count() == 400
    late = Dossier.objects.exclude(new_due_date=None)
    assert late.exists() and all(d.apology_reason for d in late)
    assert Dossier.objects.filter(channel="online").exists()
    assert Dossier.objects.filter(status="returned").count() > 200
    assert DossierRating.objects.exists()
    assert Feedback.objects.answers().count() == 3
    assert Feedback.objects.count() == 4
