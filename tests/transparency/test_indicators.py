from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from portal.indicators import registry
from portal.periods import Quarter
from transparency import actions
from transparency.models import DocumentViewCount

from .factories import DocumentFactory, ExplainerFactory, QuestionFactory
from .helpers import make_pdf

pytestmark = pytest.mark.django_db

Q1 = Quarter(2026, 1)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=TZ)


def test_it_registers_five_indicators_with_the_tr_prefix():
    codes = [i.code for i in registry.all() if i.code.startswith("TR-")]
    assert codes == ["TR-01", "TR-02", "TR-03", "TR-04", "TR-05"]


def test_it_counts_documents_published_and_the_median_delay():
    DocumentFactory(issued_on=date(2026, 1, 1), published_at=_at(date(2026, 1, 3)))
    DocumentFactory(issued_on=date(2026, 1, 10), published_at=_at(date(2026, 1, 20)))
    DocumentFactory(issued_on=date(2026, 2, 1), published_at=_at(date(2026, 2, 5)))
    DocumentFactory(issued_on=date(2025, 12, 1), published_at=_at(date(2025, 12, 2)))  # Q4
    assert registry.get("TR-01").compute(Q1) == 3
    assert registry.get("TR-02").compute(Q1) == 4  # delays 2, 10, 4


def test_it_measures_the_share_of_in_force_documents_with_full_text():
    with_text = DocumentFactory(published_at=_at(date(2026, 1, 5)), issued_on=date(2026, 1, 2))
    DocumentFactory(published_at=_at(date(2026, 1, 5)), issued_on=date(2026, 1, 2))
    DocumentFactory(  # expired: not counted
        published_at=_at(date(2026, 1, 5)), issued_on=date(2020, 1, 2), expires_on=date(2025, 1, 1)
    )
    actions.attachment_add(document=with_text, uploaded=ContentFile(make_pdf(), name="a.pdf"))
    assert registry.get("TR-03").compute(Q1) == 50.0


def test_it_counts_law_dissemination_and_views():
    ExplainerFactory(published_at=_at(date(2026, 2, 1)))
    QuestionFactory(published_at=_at(date(2026, 3, 1)))
    QuestionFactory(published_at=_at(date(2026, 4, 1)))
    document = DocumentFactory()
    DocumentViewCount.objects.create(document=document, day=date(2026, 1, 5), count=7)
    DocumentViewCount.objects.create(document=document, day=date(2026, 3, 31), count=5)
    DocumentViewCount.objects.create(document=document, day=date(2026, 4, 1), count=100)
    assert registry.get("TR-04").compute(Q1) == 2
    assert registry.get("TR-05").compute(Q1) == 12


def test_it_gives_none_when_nothing_was_published():
    assert registry.get("TR-02").compute(Q1) is None
    assert registry.get("TR-03").compute(Q1) is None
