"""The pages that need published content (a dialogue with answers, an explanation, an
inspection conclusion, a sender's tracking page) are valid HTML for the Nu HTML checker."""

import shutil
import subprocess

import pytest

from accountability.actions import tracking_token
from tests.accountability.factories import (
    CaseFactory,
    ExplanationFactory,
    QuestionFactory,
    RecommendationFactory,
)
from tests.helpers import ROOT, require

pytestmark = pytest.mark.django_db

VNU = ROOT / "frontend" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_pages_with_content_are_valid_html(client, tmp_path):
    java = shutil.which("java")
    require(java is not None, "Java for the Nu HTML checker (apt-get install default-jre-headless)")
    require(VNU.exists(), f"the Nu HTML checker at {VNU} (cd frontend && npm ci --ignore-scripts)")
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
    files = []
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, name
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))

    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert (result.stdout + result.stderr).replace(f"file:{tmp_path}/", "").strip() == ""
