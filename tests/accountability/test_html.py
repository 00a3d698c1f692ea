"""The pages that need published content (a dialogue with answers, an explanation, an
inspection conclusion, a sender's tracking page) are valid HTML for the Nu HTML checker."""

import pytest

from accountability.actions import tracking_token
from tests.accountability.factories import (
    CaseFactory,
    ExplanationFactory,
    QuestionFactory,
    RecommendationFactory,
)
from tests.helpers import nu_errors

pytestmark = pytest.mark.django_db


def test_the_pages_with_content_are_valid_html(client, tmp_path):
    question = QuestionFactory(answer="Sở hỗ trợ 50% chi phí gian hàng.")
    QuestionFactory(dialogue=question.dialogue)
    explanation = ExplanationFactory()
    recommendation = RecommendationFactory()
    case = CaseFactory()
    pages = {
        "dialogue": question.dialogue.get_absolute_url(),
        "question form": f"{question.dialogue.get_absolute_url()}gui-cau-hoi/",
        "question found": f"/doi-thoai/tra-cuu/?code={question.code}",
        "explanation": f"/giai-trinh/{explanation.code}/",
        "explanation track": f"/giai-trinh/theo-doi/{tracking_token(explanation)}/",
        "conclusion": recommendation.conclusion.get_absolute_url(),
        "case track": f"/tiep-cong-dan/gui-don/theo-doi/{tracking_token(case)}/",
        "case statistics": "/tiep-cong-dan/thong-ke-don/",
    }
    assert nu_errors({name: client.get(path) for name, path in pages.items()}, tmp_path) == ""
