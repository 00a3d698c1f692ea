import pytest

from procedures import demo
from procedures.models import Procedure

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_37_real_procedures_published_with_full_records_once():
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
