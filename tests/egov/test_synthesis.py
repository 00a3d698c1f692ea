"""A comment's whole life to the synthesis PDF, and the synthesis job on a real worker."""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from egov import actions
from egov.models import Comment, Consultation, SynthesisReport
from tests.egov.factories import make_comment, make_consultation
from tests.egov.helpers import pdf_text

FORM = {
    "section": "dieu-12a",
    "author_kind": "organisation",
    "name": "Trần Thị Hạnh",
    "organisation": "Công ty TNHH Xăng dầu Gia Sàng",
    "email": "hanh.tran@xangdaugiasang.vn",
    "phone": "",
    "body": "Đề nghị giảm khoảng cách ở xã xuống 1.500 m vì mật độ dân cư thấp.",
    "consent": "on",
    "website": "",
}
ANSWER = "Tiếp thu một phần: khoảng cách ở xã được giảm còn 1.800 m."


@pytest.fixture
def private_files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "p"}},
    }


@pytest.mark.django_db
def test_a_comment_from_the_form_to_the_published_synthesis_pdf(
    client,
    unit_a,
    officer_a,
    private_files,
    tmp_path,
    django_capture_on_commit_callbacks,
    tasks_in_process,
):
    consultation = make_consultation(unit=unit_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("egov:comment_create", args=[consultation.pk]), FORM)
    path = re.search(r"/gop-y-du-thao/xac-nhan/\S+/", mail.outbox[0].body)[0]
    client.post(path)  # confirmed by its author
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.CONFIRMED

    client.force_login(officer_a)
    changelist = reverse("admin:egov_comment_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "publish_comments", "_selected_action": [comment.pk]})
        client.post(
            changelist,
            {
                "action": "answer_comments",
                "_selected_action": [comment.pk],
                "confirm": "1",
                "verdict": "partly",
                "text": ANSWER,
            },
        )
    # The consultation closes; the drafting unit generates and publishes the synthesis.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=timezone.localdate() - timedelta(days=31),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:egov_consultation_changelist"),
            {"action": "generate_synthesis", "_selected_action": [consultation.pk]},
        )
    report = SynthesisReport.objects.get()
    assert report.status == SynthesisReport.Status.DONE and report.progress == 100, report.error

    text = pdf_text(report.file, tmp_path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Công ty TNHH Xăng dầu Gia Sàng" in text
    assert "Điều 12a" in text
    assert "Tiếp thu một phần" in text and "1.800 m" in text
    assert "tổng số 1 cơ quan, tổ chức, cá nhân" in text.lower()
    assert "1 ý kiến" in text
    assert "hanh.tran@xangdaugiasang.vn" not in text

    # Not public until published.
    client.logout()
    assert client.get(reverse("egov:synthesis_page", args=[consultation.pk])).status_code == 404
    client.force_login(officer_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:egov_synthesisreport_changelist"),
            {"action": "publish_reports", "_selected_action": [report.pk]},
        )
    consultation.refresh_from_db()
    assert consultation.stage == Consultation.Stage.ANSWERED
    assert [m.to for m in mail.outbox] == [[FORM["email"]]]
    assert f"/gop-y-du-thao/{consultation.pk}/tong-hop/" in mail.outbox[0].body

    client.logout()
    page = client.get(reverse("egov:synthesis_page", args=[consultation.pk])).content.decode()
    assert ANSWER in page and "Công ty TNHH Xăng dầu Gia Sàng" in page
    assert FORM["email"] not in page
    detail = client.get(consultation.get_absolute_url()).content.decode()
    assert "Đã công bố bản tổng hợp" in detail
    pdf = client.get(reverse("egov:synthesis_pdf", args=[consultation.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_the_synthesis_counts_authors_and_leaves_out_what_is_not_published(
    unit_a, private_files, tmp_path
):
    consultation = make_consultation(unit=unit_a)
    article = consultation.versions.get().sections.get(anchor="dieu-13")
    make_comment(consultation, status="published")  # the organisation, on the whole draft
    make_comment(consultation, section=article, status="published", body="Ý kiến thứ hai.")
    make_comment(
        consultation,
        status="published",
        author_kind="individual",
        name="Nguyễn Văn Nam",
        organisation="",
        body="Ý kiến của cá nhân.",
    )
    make_comment(consultation, status="rejected", body="Ý kiến bị từ chối.")
    make_comment(consultation, status="unconfirmed", body="Ý kiến chưa xác nhận.")
    report = SynthesisReport.objects.create(consultation=consultation)

    assert actions.synthesis_run(report_id=report.pk)
    report.refresh_from_db()

    text = pdf_text(report.file, tmp_path)
    assert "tổng số 2 cơ quan, tổ chức, cá nhân (1 tổ chức, 1 cá nhân) gửi 3 ý kiến" in text.lower()
    assert "Ý kiến thứ hai." in text and "Điều 13" in text
    assert "bị từ chối" not in text and "chưa xác nhận" not in text
    assert "1 ý kiến không được công bố" in text
    assert not actions.synthesis_run(report_id=report.pk)  # done: a second run does nothing


@pytest.mark.celery
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_synthesis_is_generated_by_a_real_worker(celery_worker, unit_a, tmp_path):
    consultation = make_consultation(unit=unit_a)
    make_comment(consultation, status="published")
    report = actions.synthesis_request(consultation=consultation)

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in {"done", "failed"}:
            break
        time.sleep(0.5)
    assert report.status == "done", report.error
    assert report.progress == 100
    assert "Công ty TNHH Xăng dầu Gia Sàng" in pdf_text(report.file, tmp_path)
