"""The pages that need objects (a project, a report's status) are valid HTML (Nu checker)."""

from datetime import date

import pytest
from django.urls import reverse

from services.models import ProjectMilestone, ProjectUpdate
from tests.helpers import nu_errors

from .factories import GridProjectFactory, PlannedOutageFactory, SupplyProblemFactory, WardFactory

pytestmark = pytest.mark.django_db


def test_the_services_pages_are_valid_html(client, tmp_path):
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
    assert nu_errors(pages, tmp_path) == ""
