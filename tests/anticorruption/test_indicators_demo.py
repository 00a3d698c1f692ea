"""The D4 indicators, the search entries and the demo data."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from anticorruption import actions, crypto, demo, selectors
from anticorruption.models import RecruitmentRound, RecruitmentStep, Tip
from portal import indicators
from portal.periods import Quarter
from portal.search import registry
from tests.anticorruption.factories import make_round, make_step, make_tip

pytestmark = pytest.mark.django_db


def test_the_indicators_measure_handling_and_answers(inspector):
    today = timezone.localdate()
    quarter = Quarter.containing(today)
    on_time, _r = make_tip()
    late, _r = make_tip()
    Tip.objects.filter(pk=late.pk).update(due_on=today - timedelta(days=1))
    actions.status_change(tip=on_time, status=Tip.Status.VERIFYING, user=inspector)
    actions.status_change(tip=late, status=Tip.Status.VERIFYING, user=inspector)
    actions.inspector_answer(tip=on_time, body="Đã nhận", user=inspector)
    assert indicators.registry.get("AK-02").compute(quarter) == 50.0
    assert indicators.registry.get("AK-03").compute(quarter) == 0.0


def test_the_steps_on_time_indicator(settings):
    today = timezone.localdate()
    round_ = make_round()
    make_step(round_, RecruitmentStep.Kind.EXAM_NOTICE, today - timedelta(days=20))
    make_step(round_, RecruitmentStep.Kind.EXAM, today - timedelta(days=10))
    value = selectors.steps_on_time_share(today - timedelta(days=60), today + timedelta(days=60))
    assert value == 100.0


def test_search_finds_published_rounds_only():
    make_round(slug="cong-bo", title="Tuyển dụng công bố")
    make_round(slug="nhap", title="Tuyển dụng nháp", published=False)
    source = next(s for s in registry.sources() if s.model is RecruitmentRound)
    titles = [source.to_document(r).title for r in source.get_queryset()]
    assert titles == ["Tuyển dụng công bố"]


def test_the_demo_seeds_two_rounds_and_reports_in_every_status(settings, tmp_path):
    settings.ANTICORRUPTION_PUBLIC_KEY = ""
    settings.ANTICORRUPTION_PRIVATE_KEY_FILE = str(tmp_path / "demo" / "inspection-key.pem")
    out = io.StringIO()
    demo.seed(out)
    demo.seed(out)  # idempotent
    assert RecruitmentRound.objects.public().count() == 2
    assert set(Tip.objects.values_list("status", flat=True)) == set(Tip.Status.values)
    assert demo.DEMO_PASSPHRASE in out.getvalue()
    key = crypto.load_private_key(demo.DEMO_PASSPHRASE)
    assert "xăng dầu" in crypto.unseal_text(Tip.objects.get(status="verifying").content, key)
    from anticorruption.models import Application

    assert Application.objects.count() == 5
    late = selectors.late_steps(timezone.localdate())
    assert [row["step"].kind for row in late] == [RecruitmentStep.Kind.RESULTS]
