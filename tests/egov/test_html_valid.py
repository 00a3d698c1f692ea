"""The consultation pages, with a draft, comments, answers and a synthesis, are valid HTML
(the Nu HTML checker)."""

import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from egov import actions
from egov.models import SynthesisReport
from tests.egov.factories import make_comment, make_consultation
from tests.helpers import ROOT, require

pytestmark = pytest.mark.django_db

VNU = ROOT / "frontend" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_consultation_pages_are_valid_html(client, unit_a, tmp_path):
    java = shutil.which("java")
    require(java is not None, "Java for the Nu HTML checker")
    require(VNU.exists(), f"the Nu HTML checker at {VNU} (cd frontend && npm ci --ignore-scripts)")
    consultation = make_consultation(unit=unit_a)
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    comment = make_comment(consultation, section=article, status="published")
    make_comment(consultation, status="published", body="Ý kiến chung.\nHai dòng.")
    actions.answer_create(comments=[comment], verdict="accepted", text="Tiếp thu.")
    report = SynthesisReport.objects.create(consultation=consultation)
    actions.synthesis_run(report_id=report.pk)
    SynthesisReport.objects.filter(pk=report.pk).update(published_at=timezone.now())
    form_url = reverse("egov:comment_create", args=[consultation.pk])

    pages = {
        "list": client.get("/gop-y-du-thao/"),
        "detail": client.get(consultation.get_absolute_url()),
        "form": client.get(form_url),
        "form-errors": client.post(form_url, {"body": "Chỉ có nội dung."}),
        "sent": client.get(reverse("egov:comment_sent", args=[consultation.pk])),
        "synthesis": client.get(reverse("egov:synthesis_page", args=[consultation.pk])),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert (result.stdout + result.stderr).replace(f"file:{tmp_path}/", "").strip() == ""
