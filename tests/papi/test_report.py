import re
import shutil
import subprocess
from datetime import date, timedelta
from io import BytesIO, StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from portal.models import DepartmentProfile, Dimension
from portal.papi import actions, reports
from portal.papi.models import IndicatorSnapshot, ReportJob
from portal.periods import Quarter
from tests.helpers import make_staff, require
from tests.papi.helpers import add_update, fixed_indicator, make_task, registered

pytestmark = pytest.mark.django_db
Q4 = Quarter(2024, 4)
TASK_TITLE = "Công khai kế hoạch, quy hoạch ngành công thương trên Trang thông tin điện tử"


def use_private_dir(settings, path):
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": path}}
    settings.STORAGES = {**settings.STORAGES, "private": private}


def pdf_text(pdf: bytes, tmp_path, *options: str) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def report_lines(tmp_path, quarter=None) -> list[str]:
    """The PDF's lines as `pdftotext -layout` places them, blank lines left out."""
    pdf = reports.render_pdf(quarter or Q4)
    return [line for line in pdf_text(pdf, tmp_path, "-layout").splitlines() if line.strip()]


@pytest.fixture
def report_data(db):
    DepartmentProfile.objects.create(
        name="Sở Công Thương tỉnh Thái Nguyên", province="Thái Nguyên", papi_province="Thái Nguyên"
    )
    task = make_task(title=TASK_TITLE, deadline=date(2024, 10, 31))
    add_update(task, date(2024, 10, 30), "done")
    make_task(title="Tổ chức đối thoại với doanh nghiệp", dimension="D3",
              area="accountability", deadline=date(2024, 11, 29))  # fmt: skip
    indicator = fixed_indicator(values={"2024-Q3": 61.25, "2024-Q4": 87.5}, target=90)
    with registered(indicator), translation.override("vi"):
        yield indicator


def test_it_previews_the_report_with_every_dimension_and_the_figures(client, leader, report_data):
    client.force_login(leader)
    response = client.get(reverse("papi:report_preview", args=["2024-Q4"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert "Độc lập - Tự do - Hạnh phúc" in page
    assert "Thái Nguyên, ngày" in page and "Quý 4/2024" in page
    for dimension in Dimension.objects.all():
        assert dimension.name_vi in page
    assert TASK_TITLE in page and "Tổ chức đối thoại với doanh nghiệp" in page
    assert "87,5" in page and "61,25" in page  # value and previous quarter
    assert "TEST-TR01" in page  # and in the annex
    assert page.count("<svg") >= 2  # the official D2 trend and the indicator's series


def test_the_preview_stores_no_indicator_value(client, leader, report_data):
    """A GET shows the figures the report would store and leaves the database as it was."""
    client.force_login(leader)
    response = client.get(reverse("papi:report_preview", args=["2024-Q4"]))
    assert "87,5" in response.content.decode()
    assert not IndicatorSnapshot.objects.exists()


@pytest.mark.parametrize("quarter", ["2010-Q4", "{next_year}-Q4", "9999-Q1"])
def test_a_preview_outside_the_years_papi_covers_is_not_found(client, leader, quarter):
    quarter = quarter.format(next_year=timezone.localdate().year + 2)
    client.force_login(leader)
    response = client.get(reverse("papi:report_preview", args=[quarter]))
    assert response.status_code == 404


def test_a_preview_of_next_year_is_shown(client, leader, db):
    client.force_login(leader)
    quarter = f"{timezone.localdate().year + 1}-Q4"
    assert client.get(reverse("papi:report_preview", args=[quarter])).status_code == 200


def test_it_writes_the_date_in_the_administrative_style():
    with translation.override("vi"):
        assert reports.administrative_date(date(2025, 1, 5)) == "ngày 05 tháng 01 năm 2025"
        assert reports.administrative_date(date(2024, 12, 20)) == "ngày 20 tháng 12 năm 2024"


def test_it_renders_a_tagged_pdf_with_the_vietnamese_text(report_data, tmp_path):
    actions.report_snapshots_prepare(quarter=Q4)
    pdf = reports.render_pdf(Q4)
    catalog = PdfReader(BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]  # tagged
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()  # declares PDF/UA-1
    text = pdf_text(pdf, tmp_path)
    assert "Quý 4/2024" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    flat = " ".join(text.split())
    for dimension in Dimension.objects.all():
        assert dimension.name_vi in flat
    assert "Công khai kế hoạch, quy hoạch ngành công thương" in flat
    assert "87,5" in flat
    assert "Trang 2 / " in flat  # page numbers in the margin, in Vietnamese


def test_it_embeds_a_serif_with_every_vietnamese_letter(report_data, tmp_path):
    require(shutil.which("pdffonts") is not None, "pdffonts (poppler-utils)")
    path = tmp_path / "r.pdf"
    path.write_bytes(reports.render_pdf(Q4))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    names = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()]
    # Decree 30/2020 asks for a Times-like serif: Liberation Serif, and nothing else.
    assert {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"} <= set(names)
    assert all(name.startswith("Liberation-Serif") for name in names)
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())


def test_it_has_the_form_of_an_administrative_document(report_data, tmp_path):
    profile = DepartmentProfile.objects.get()
    profile.report_signer = "Nguyễn Văn An"
    profile.save()
    lines = report_lines(tmp_path)
    # The issuing body's two lines beside the national motto, the province not repeated and
    # never wrapped onto a line of its own.
    first = next(i for i, line in enumerate(lines) if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line)
    assert lines[first].split("CỘNG HÒA")[0].strip() == "UBND TỈNH THÁI NGUYÊN"
    second = lines[first + 1]
    assert second.split("Độc lập - Tự do - Hạnh phúc")[0].strip() == "SỞ CÔNG THƯƠNG"
    assert not any(line.strip() in {"NGUYÊN", "THÁI NGUYÊN"} for line in lines)
    third = lines[first + 2]
    assert "Số: …/BC-SCT" in third and "Thái Nguyên, ngày" in third
    text = "\n".join(lines)
    assert "Nơi nhận:" in text and "- Lưu: VT, VP." in text
    closing = next(i for i, line in enumerate(lines) if "Nơi nhận:" in line)
    assert lines[closing].split("Nơi nhận:")[1].strip() == "GIÁM ĐỐC"
    assert "KT. GIÁM ĐỐC" not in text
    assert any(line.strip().endswith("Nguyễn Văn An") for line in lines[closing:])


def test_a_deputy_signs_on_behalf_of_the_director(report_data, tmp_path):
    profile = DepartmentProfile.objects.get()
    profile.report_signer, profile.report_signer_is_deputy = "Trần Thị Thu Hà", True
    profile.save()
    lines = report_lines(tmp_path)
    closing = next(i for i, line in enumerate(lines) if "Nơi nhận:" in line)
    assert lines[closing].split("Nơi nhận:")[1].strip() == "KT. GIÁM ĐỐC"
    assert any(line.strip().endswith("PHÓ GIÁM ĐỐC") for line in lines[closing + 1 : closing + 3])


def test_the_first_page_carries_the_report_not_a_blank_cover(report_data, tmp_path):
    pdf = reports.render_pdf(Q4)
    first_page = pdf_text(pdf, tmp_path, "-f", "1", "-l", "1")
    assert "Tóm tắt" in first_page and "Trong 2 nhiệm vụ kế hoạch" in first_page
    assert len([line for line in first_page.splitlines() if line.strip()]) >= 30


def test_a_date_never_runs_into_the_next_column(report_data, tmp_path):
    lines = report_lines(tmp_path)
    assert not [line for line in lines if re.search(r"\d\d/\d\d/\d{4}[^\s.,;)]", line)]
    row = next(line for line in lines if "31/10/2024" in line and "Công khai kế hoạch" in line)
    assert re.search(r"31/10/2024\s{2,}Đã hoàn thành\s{2,}100%$", row)  # nothing cut off


def test_the_summary_and_the_table_add_up(client, leader, report_data):
    make_task(title="Xây dựng chuyên mục hỏi đáp", dimension="D3", deadline=date(2025, 6, 30))
    in_progress = make_task(title="Số hóa hồ sơ", dimension="D8", deadline=date(2025, 3, 31))
    add_update(in_progress, date(2024, 11, 15), "in_progress", progress=40)
    client.force_login(leader)
    page = client.get(reverse("papi:report_preview", args=["2024-Q4"])).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    summary = re.search(
        r"Trong (\d+) nhiệm vụ kế hoạch: (\d+) đã hoàn thành, (\d+) đang thực hiện, (\d+) chưa "
        r"triển khai; trong đó quá hạn (\d+) \(trong số (\d+) nhiệm vụ chưa hoàn thành\)",
        text,
    )
    assert summary, text[:2000]
    total, done, in_progress_n, not_started, late, open_n = map(int, summary.groups())
    assert (total, done, in_progress_n, not_started, late, open_n) == (4, 1, 1, 2, 1, 3)
    assert done + in_progress_n + not_started == total and late <= open_n
    assert "Trong đó quá hạn" in text
    d3 = re.search(r"D3\. Trách nhiệm giải trình với người dân (\d+) (\d+) (\d+) (\d+) (\d+)", text)
    not_started_d3, in_progress_d3, done_d3, total_d3, late_d3 = map(int, d3.groups())
    assert not_started_d3 + in_progress_d3 + done_d3 == total_d3 == 2 and late_d3 == 1


def test_quarterly_charts_put_the_quarters_in_time_order(client, leader, db):
    DepartmentProfile.objects.create(name="Sở Công Thương tỉnh Thái Nguyên", province="Thái Nguyên")
    values = {"2025-Q4": 70, "2026-Q1": 75, "2026-Q2": 80, "2026-Q3": 85}
    with registered(fixed_indicator(values=values)), translation.override("vi"):
        client.force_login(leader)
        page = client.get(reverse("papi:report_preview", args=["2026-Q3"])).content.decode()
    title = page.index('-title">TEST-TR01. ')  # the indicator chart's <title>
    chart = page[page.rindex("<svg", 0, title) : page.index("</svg>", title)]
    labels = re.findall(r'class="app-chart__x">([^<]+)<', chart)
    assert labels == ["Quý 4/2025", "Quý 1/2026", "Quý 2/2026", "Quý 3/2026"]


def test_the_reports_dimension_sections_use_the_public_pages_series(client, leader, report_data):
    def official_table(page, marker):
        start = page.index("<table", page.index(marker))
        return " ".join(
            re.sub(r"<[^>]+>", " ", page[start : page.index("</table>", start)]).split()
        )

    public = client.get(reverse("portal:papi_scores")).content.decode()
    client.force_login(leader)
    report = client.get(reverse("papi:report_preview", args=["2024-Q4"])).content.decode()
    for code in ["D2", "D7"]:
        in_report = official_table(report, f'id="dimension-{code}"')
        assert in_report == official_table(public, f'id="papi-{code}"')
        assert "2024 " in in_report and "Trung bình các tỉnh được xếp hạng (tính toán)" in in_report


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///static/../../etc/passwd",
        "file://localhost/etc/hostname",
        "http://127.0.0.1/static/pdf/papi-report.css",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost:8000/static/pdf/papi-report.css",
        "https://example.com/font.ttf",
        "ftp://127.0.0.1/x",
        "data:text/css,body{}",
    ],
)
def test_it_refuses_to_fetch_anything_but_static_files(url):
    fetcher = reports.url_fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)


def test_it_fetches_the_projects_static_files(settings):
    fetcher = reports.url_fetcher()
    css = fetcher.fetch("file:///static/pdf/papi-report.css")
    assert b"@font-face" in css.read()
    font = fetcher.fetch((settings.PDF_FONT_DIR / "BeVietnamPro-Regular.ttf").as_uri())
    assert len(font.read()) > 100_000


def test_it_renders_no_resource_the_fetcher_refused(report_data, monkeypatch):
    from portal import pdf as pdf_module

    outcomes = []
    original = pdf_module.static_file_for

    def spy(url):
        try:
            path = original(url)
        except reports.RefusedURL:
            outcomes.append((url, "refused"))
            raise
        outcomes.append((url, f"served {path}"))
        return path

    monkeypatch.setattr(pdf_module, "static_file_for", spy)
    from weasyprint import HTML

    pdf = HTML(
        string='<img src="http://169.254.169.254/x.png"><img src="file:///etc/passwd">',
        base_url="file:///",
        url_fetcher=reports.url_fetcher(),
    ).write_pdf()
    # Both addresses reached the fetcher, and it refused both: nothing was drawn from them.
    assert outcomes == [
        ("http://169.254.169.254/x.png", "refused"),
        ("file:///etc/passwd", "refused"),
    ]
    assert b"/Subtype /Image" not in pdf


def test_it_renders_the_pdf_from_the_command_line(report_data, tmp_path):
    output = tmp_path / "report.pdf"
    out = StringIO()
    call_command("papi_report", "2024-Q4", "--output", str(output), stdout=out)
    assert output.read_bytes().startswith(b"%PDF")
    assert "Quý 4/2024" in pdf_text(output.read_bytes(), tmp_path)


# --- Jobs -------------------------------------------------------------------------------------


def test_it_queues_one_job_per_request_and_enqueues_it_on_commit(
    client, leader, django_capture_on_commit_callbacks
):
    make_task()  # the 2024 plan: its quarters can be requested
    client.force_login(leader)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("papi:report_list"), {"quarter": "2024-Q4"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.quarter, job.version, job.status, job.requested_by) == (
        "2024-Q4",
        1,
        "queued",
        leader,
    )
    assert len(callbacks) == 1
    # Asking again while it is queued gives the same job, not a second one.
    client.post(reverse("papi:report_list"), {"quarter": "2024-Q4"})
    assert ReportJob.objects.count() == 1


def test_it_generates_the_job_once_and_keeps_it_in_the_archive(
    client, leader, report_data, settings, tmp_path
):
    use_private_dir(settings, tmp_path)
    job = actions.report_request(quarter=Q4, user=leader)
    assert actions.report_job_run(job_id=job.pk) is True
    assert actions.report_job_run(job_id=job.pk) is False  # a redelivered message does nothing
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == ("done", 100, 1)
    assert job.started_at <= job.finished_at and job.heartbeat_at
    second = actions.report_request(quarter=Q4, user=leader)
    assert second.version == 2
    client.force_login(leader)
    archive = client.get(reverse("papi:report_list")).content.decode()
    assert reverse("papi:report_download", args=[job.pk]) in archive
    download = client.get(reverse("papi:report_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="bao-cao-papi-quy-4-2024.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    with pytest.raises(ValueError):
        job.file.url  # noqa: B018  (no public media URL)


def test_report_titles_read_as_a_quarter(client, leader):
    first = actions.report_request(quarter=Q4, user=leader)
    ReportJob.objects.filter(pk=first.pk).update(status="done")
    second = actions.report_request(quarter=Q4, user=leader)
    client.force_login(leader)
    archive = client.get(reverse("papi:report_list")).content.decode()
    detail = client.get(first.get_absolute_url()).content.decode()
    assert "Báo cáo Quý 4/2024" in archive and "Báo cáo Quý 4/2024 (bản lập lần 2)" in archive
    assert '<h1 class="govuk-heading-xl">Báo cáo Quý 4/2024</h1>' in detail
    for page in (archive, detail):
        assert "2024-Q4," not in page and "phiên bản" not in page
    assert str(second) == "Báo cáo Quý 4/2024 (bản lập lần 2)"
    assert (first.filename, second.filename) == (
        "bao-cao-papi-quy-4-2024.pdf",
        "bao-cao-papi-quy-4-2024-lan-2.pdf",
    )


def test_it_shows_progress_polled_by_htmx_and_without_javascript(client, leader):
    job = actions.report_request(quarter=Q4, user=leader)
    ReportJob.objects.filter(pk=job.pk).update(status="running", progress=40)
    client.force_login(leader)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'data-hx-trigger="every 2s"' in page and "data-hx-get" in page and "data-hx-swap" in page
    assert '<progress id="report-progress-bar" max="100" value="40"' in page and "40%" in page
    assert 'http-equiv="refresh"' in page  # without JavaScript the page reloads itself
    assert "htmx" in page  # the script is on the page, with its nonce
    fragment = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="report-progress"') and "<html" not in fragment
    ReportJob.objects.filter(pk=job.pk).update(status="done", progress=100)
    done = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "data-hx-trigger" not in done  # polling stops
    assert reverse("papi:report_download", args=[job.pk]) in done


def test_it_requeues_a_job_whose_heartbeat_went_stale(django_capture_on_commit_callbacks):
    job = actions.report_request(quarter=Q4)
    attempt = actions.report_job_claim(job_id=job.pk)
    assert attempt == 1
    assert actions.report_jobs_requeue_stale() == []  # fresh heartbeat: left alone
    later = timezone.now() + timedelta(minutes=10)
    with django_capture_on_commit_callbacks() as callbacks:
        assert actions.report_jobs_requeue_stale(now=later) == [job.pk]
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == "queued"
    # The old run finds its claim gone and stops writing.
    with pytest.raises(actions.ClaimLost):
        actions.report_job_heartbeat(job_id=job.pk, attempt=attempt, progress=50)


def test_it_fails_a_job_after_too_many_attempts(settings):
    settings.PAPI_REPORT_MAX_ATTEMPTS = 1
    job = actions.report_request(quarter=Q4)
    actions.report_job_claim(job_id=job.pk)
    actions.report_jobs_requeue_stale(now=timezone.now() + timedelta(hours=1))
    job.refresh_from_db()
    assert job.status == "failed" and job.error


def test_it_schedules_the_previous_quarters_report_once():
    first = actions.report_schedule_previous_quarter(today=date(2025, 1, 1))
    assert (first.quarter, first.trigger) == ("2024-Q4", "scheduled")
    assert actions.report_schedule_previous_quarter(today=date(2025, 1, 1)) is None


def test_it_has_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "portal.tasks.generate_previous_quarter_report",
        "portal.tasks.requeue_stale_reports",
    } <= tasks


def test_it_emails_leadership_once_when_the_report_is_ready(leader):
    leader.email = "lanhdao@congthuong.example.vn"
    leader.save()
    make_staff("editor", email="bientap@congthuong.example.vn")
    job = actions.report_request(quarter=Q4)
    ReportJob.objects.filter(pk=job.pk).update(status="done")
    assert actions.report_job_notify(job_id=job.pk) is True
    assert actions.report_job_notify(job_id=job.pk) is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lanhdao@congthuong.example.vn"]
    assert job.get_absolute_url() in message.body


# --- Permissions ------------------------------------------------------------------------------


def report_urls(job):
    return [
        reverse("papi:report_list"),
        reverse("papi:report_detail", args=[job.pk]),
        reverse("papi:report_download", args=[job.pk]),
        reverse("papi:report_preview", args=["2024-Q4"]),
    ]


@pytest.mark.parametrize("persona", ["officer_a", "officer_b", "inspector"])
def test_it_forbids_reports_to_every_other_role(client, personas, persona, settings, tmp_path):
    from django.core.files.base import ContentFile

    use_private_dir(settings, tmp_path)
    job = actions.report_request(quarter=Q4)
    job.file.save(job.filename, ContentFile(b"%PDF-1.7"), save=False)
    job.status = "done"
    job.save()
    others = [make_staff(role) for role in ("reception_officer", "recruitment_officer")]
    for user in [personas[persona], *others]:
        client.force_login(user)
        for url in report_urls(job):
            assert client.get(url).status_code in {403, 404}, url
        assert client.post(reverse("papi:report_list"), {"quarter": "2024-Q3"}).status_code == 403
    assert ReportJob.objects.count() == 1


def test_it_sends_anonymous_visitors_to_sign_in_from_reports(client):
    job = actions.report_request(quarter=Q4)
    for url in report_urls(job):
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"], url


def test_it_lets_leadership_and_administrators_see_reports(client, leader, administrator):
    for user in (leader, administrator):
        client.force_login(user)
        assert client.get(reverse("papi:report_list")).status_code == 200
