"""The accountability indicators of the PAPI report, computed from cases, explanations,
dialogues and recommendations of a quarter."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from accountability.models import Case, Recommendation
from portal.indicators import registry
from portal.periods import Quarter
from tests.accountability.factories import (
    CaseFactory,
    DialogueFactory,
    ExplanationFactory,
    QuestionFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

Q4 = Quarter(2026, 4)


def _value(code):
    return next(i for i in registry.all() if i.code == code).compute(Q4)


def test_cases_accepted_and_resolved_within_the_limit_are_shares_of_those_decided():
    # Received Monday 2 November 2026: ten working days end on Monday 16 November.
    CaseFactory(received_on=date(2026, 11, 2), accepted_on=date(2026, 11, 16), status="accepted")
    CaseFactory(received_on=date(2026, 11, 2), accepted_on=date(2026, 11, 17), status="accepted")
    CaseFactory(
        received_on=date(2026, 10, 1),
        accepted_on=date(2026, 10, 5),
        resolved_on=date(2026, 11, 4),  # 30 calendar days after acceptance: on time
        status=Case.Status.RESOLVED,
    )

    assert _value("AC-04") == pytest.approx(100 * 2 / 3, abs=0.1)
    assert _value("AC-05") == 100.0


def test_explanations_dialogues_and_recommendations_of_the_quarter():
    ExplanationFactory(
        received_on=date(2026, 10, 1), decided_on=date(2026, 10, 5), explained_on=date(2026, 10, 30)
    )
    dialogue = DialogueFactory(
        held_at=datetime.combine(
            date(2026, 11, 20), time(9), tzinfo=timezone.get_default_timezone()
        )
    )
    QuestionFactory(dialogue=dialogue, answer="Đã trả lời.")
    QuestionFactory(dialogue=dialogue)
    RecommendationFactory(
        due_on=date(2026, 11, 30), status=Recommendation.Status.IMPLEMENTED,
        implemented_on=date(2026, 11, 20),
    )  # fmt: skip
    RecommendationFactory(due_on=date(2026, 12, 10))

    assert _value("AC-06") == 0.0  # 25 days after acceptance: past the 15
    assert _value("AC-07") == 1
    assert _value("AC-08") == 50.0
    assert _value("AC-09") == 50.0


def test_an_empty_quarter_has_no_share_rather_than_zero():
    assert _value("AC-04") is None and _value("AC-09") is None
