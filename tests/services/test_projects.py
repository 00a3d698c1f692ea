import csv
import io
from datetime import date, timedelta

import lxml.etree
import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from portal import opendata
from portal.indicators import registry
from portal.periods import Quarter
from services.models import GridProject, ProjectMilestone, ProjectUpdate

from .factories import PNG_BYTES, GridProjectFactory, WardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wards():
    return WardFactory(name="Phường Gia Sàng"), WardFactory(name="Xã Đại Phúc")


def _titles(response) -> list[str]:
    page = lxml.html.fromstring(response.content)
    return [
        a.text_content().strip() for a in page.xpath("//*[@class='app-search-results__title']/a")
    ]


def test_the_list_filters_by_ward_status_and_year_and_hides_drafts(client, wards):
    gia_sang, dai_phuc = wards
    GridProjectFactory(name="Trạm biến áp Gia Sàng 6", wards=[gia_sang], year=2025,
                       status="completed")  # fmt: skip
    GridProjectFactory(name="Đường dây 22 kV Đại Phúc", wards=[dai_phuc], year=2026)
    GridProjectFactory(name="Dự thảo chưa công bố", wards=[gia_sang], publication="draft")
    url = reverse("services:project_list")
    assert sorted(_titles(client.get(url))) == [
        "Trạm biến áp Gia Sàng 6",
        "Đường dây 22 kV Đại Phúc",
    ]
    assert _titles(client.get(url, {"phuong": gia_sang.slug})) == ["Trạm biến áp Gia Sàng 6"]
    assert _titles(client.get(url, {"trang_thai": "under_way"})) == ["Đường dây 22 kV Đại Phúc"]
    assert _titles(client.get(url, {"nam": "2025"})) == ["Trạm biến áp Gia Sàng 6"]
    # A filter that is not a choice is ignored rather than an error page.
    assert client.get(url, {"nam": "abc"}).status_code == 200


def test_the_detail_shows_the_scope_and_a_timeline_of_milestones_and_updates(client, wards):
    project = GridProjectFactory(wards=[wards[0]], old_area_names="Phường Cam Giá (cũ)")
    ProjectMilestone.objects.create(
        project=project, name="Khởi công", planned_on=date(2026, 3, 1), actual_on=date(2026, 3, 11)
    )
    ProjectMilestone.objects.create(
        project=project, name="Đóng điện", planned_on=date(2026, 12, 20)
    )
    ProjectUpdate.objects.create(
        project=project, date=date(2026, 6, 5), progress=40, text="Đã dựng xong 30 cột bê tông."
    )
    page = lxml.html.fromstring(client.get(project.get_absolute_url()).content)
    text = page.text_content()
    assert "4,5" in text or "4.5" in text
    assert "560 kVA" in text and "Phường Cam Giá (cũ)" in text
    rows = [
        [c.text_content().strip() for c in r.xpath("./th|./td")] for r in page.xpath("//tbody/tr")
    ]
    assert rows[0][0] == "Khởi công" and "11/03/2026" in rows[0][2] and "10" in rows[0][2]
    assert rows[1][0] == "Đóng điện"
    assert "Đã dựng xong 30 cột bê tông." in text
    draft = GridProjectFactory(publication="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_update_photo_needs_its_description_in_the_admin(
    client, officer_a, wards, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    project = GridProjectFactory(wards=[wards[0]])
    client.force_login(officer_a)
    url = reverse("admin:services_gridproject_change", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = lxml.html.fromstring(page.content).xpath("//form[@id='gridproject_form']")[0]
    data = {}
    for field in form.xpath(".//input[@name]|.//textarea[@name]|.//select[@name]"):
        if field.tag == "select":
            chosen = [o.get("value") for o in field.xpath(".//option[@selected]")]
            if field.get("multiple") is not None:
                data[field.name] = chosen
            elif chosen:
                data[field.name] = chosen[0]
        elif field.get("type") in ("checkbox",):
            if field.get("checked") is not None:
                data[field.name] = field.get("value") or "on"
        elif field.get("type") not in ("submit", "file"):
            data[field.name] = field.value or ""
    prefix = "updates"
    data |= {
        f"{prefix}-0-date": "05/06/2026",
        f"{prefix}-0-progress": "45",
        f"{prefix}-0-text": "Kéo dây xong đoạn qua tổ dân phố 5.",
        f"{prefix}-0-photo": SimpleUploadedFile("anh.png", PNG_BYTES, content_type="image/png"),
        f"{prefix}-0-photo_alt": "",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and not ProjectUpdate.objects.exists()
    data[f"{prefix}-0-photo"] = SimpleUploadedFile("anh.png", PNG_BYTES, content_type="image/png")
    data[f"{prefix}-0-photo_alt"] = "Công nhân kéo dây trên cột bê tông ly tâm"
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    update = ProjectUpdate.objects.get()
    img = lxml.html.fromstring(client.get(project.get_absolute_url()).content).xpath(
        "//img[@class='app-photo']"
    )[0]
    assert img.get("alt") == "Công nhân kéo dây trên cột bê tông ly tâm"
    assert img.get("src") == update.photo.url


def test_the_open_data_csv_and_the_atom_feed_list_the_published_projects(
    client, wards, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    GridProjectFactory(name="Trạm biến áp Gia Sàng 6", wards=wards, slug="tba-gia-sang-6")
    GridProjectFactory(name="Bản nháp", publication="draft")
    opendata.generate("cong-trinh-dien")
    response = client.get(reverse("portal:open_data_file", args=["cong-trinh-dien", "csv"]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ["Trạm biến áp Gia Sàng 6"]
    assert rows[0]["wards"] == "Phường Gia Sàng; Xã Đại Phúc"
    assert rows[0]["url"].endswith("/dien/tba-gia-sang-6/")
    feed = lxml.etree.fromstring(client.get(reverse("services:project_feed")).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == [
        "Trạm biến áp Gia Sàng 6"
    ]


def test_the_schedule_indicator_counts_milestones_reached_by_their_planned_date(wards):
    project = GridProjectFactory(wards=[wards[0]])
    today = timezone.localdate()
    ProjectMilestone.objects.create(project=project, name="A", planned_on=today - timedelta(days=1),
                                    actual_on=today - timedelta(days=2))  # fmt: skip
    ProjectMilestone.objects.create(project=project, name="B", planned_on=today - timedelta(days=1))
    assert registry.get("SV-01").compute(Quarter.containing(today)) == 50.0
    assert GridProject.objects.get().is_behind()


def test_the_electrification_indicator_reads_the_latest_province_figure(wards):
    from services.models import ServiceFigure

    today = timezone.localdate()
    quarter = Quarter.containing(today)
    for day, value in [(quarter.start, "99.20"), (today, "99.40")]:
        ServiceFigure.objects.create(
            kind="electrification", period_end=day, value=value, source="Báo cáo",
            source_date=today,
        )  # fmt: skip
    ServiceFigure.objects.create(
        kind="electrification", ward=wards[0], period_end=today, value="97", source="Báo cáo",
        source_date=today,
    )  # fmt: skip
    assert registry.get("SV-04").compute(quarter) == 99.4
