"""The pages that need objects (a project, a report's status) are valid HTML (Nu checker)."""

import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from services.models import ProjectMilestone, ProjectUpdate
from tests.helpers import ROOT, require

from .factories import GridProjectFactory, PlannedOutageFactory, SupplyProblemFactory, WardFactory

pytestmark = pytest.mark.django_db

VNU = ROOT / "frontend" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_services_pages_are_valid_html(client, tmp_path):
    java = shutil.which("java")
    require(java is not None, "Java for the Nu HTML checker")
    require(VNU.exists(), f"the Nu HTML checker at {VNU} (cd frontend && npm ci --ignore-scripts)")
    ward = WardFactory(name="Phường Gia Sàng")
    project = GridProjectFactory(wards=[ward])
    ProjectMilestone.objects.create(
        project=project, name="Khởi công", planned_on=date(2026, 3, 1), actual_on=date(2026, 3, 9)
    )
    ProjectMilestone.objects.create(project=project, name="Đóng điện", planned_on=date(2026, 12, 1))
    ProjectUpdate.objects.create(project=project, date=date(2026, 6, 5), progress=40, text="Xong.")
    PlannedOutageFactory(wards=[ward])
    problem = SupplyProblemFactory(ward=ward, answer="Đã xử lý.", resolved_on=date(2026, 6, 9))
    pages = {
        "projects": client.get("/dien/"),
        "project": client.get(project.get_absolute_url()),
        "outages": client.get("/lich-cat-dien/", {"ward": "gia sang"}),
        "outages-error": client.get("/lich-cat-dien/", {"ward": "khong co", "start": "x"}),
        "status": client.get(reverse("services:problem_status", args=[problem.code]) + "?moi=1"),
        "report-errors": client.post(reverse("services:problem_report"), {"kind": "outage"}),
        "stats": client.get(reverse("services:problem_stats")),
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
