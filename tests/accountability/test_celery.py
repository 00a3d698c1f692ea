"""Booking, the cancel link and the reminder, end to end: the mails go through a real Celery
worker after each commit."""

import time
from datetime import timedelta

import pytest
from django.test import override_settings

from accountability import actions
from accountability.models import Booking
from portal.models import Holiday
from portal.workdays import add_working_days
from tests.accountability.factories import SessionFactory
from tests.accountability.helpers import future_weekday

pytestmark = [pytest.mark.celery, pytest.mark.postgres]

MAIL_WAIT = 60  # seconds: a bound on the polling, never a timing assertion


@pytest.fixture
def celery_worker_env(mail_to_files):
    return mail_to_files


def _messages(outbox) -> list[str]:
    import email
    import email.policy

    found = []
    for path in sorted(outbox.iterdir()):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                message = email.message_from_bytes(raw, policy=email.policy.default)
                found.append((message["Subject"].strip(), message.get_content()))
    return found


def _wait_for(outbox, count, worker):
    deadline = time.monotonic() + MAIL_WAIT
    while time.monotonic() < deadline:
        if len(found := _messages(outbox)) >= count:
            return found
        time.sleep(0.2)
    pytest.fail(f"{count} mails expected.\n" + worker.log_path.read_text(errors="replace")[-3000:])


@override_settings(EMAIL_BACKEND="portal.mail.CeleryEmailBackend")
def test_booking_cancel_and_reminder_mails_reach_the_citizen(
    client, celery_worker, tasks_through_broker, outbox
):
    tuesday = future_weekday(1)
    Holiday.objects.filter(date__range=(tuesday - timedelta(days=7), tuesday)).delete()
    session = SessionFactory(planned_date=tuesday, date=tuesday)

    response = client.post(
        "/tiep-cong-dan/dat-lich/",
        {
            "session": session.pk,
            "topic": "complaint",
            "description": "Khiếu nại quyết định xử phạt trong kinh doanh xăng dầu.",
            "name": "Nguyễn Văn Bình",
            "phone": "0987 654 321",
            "email": "nguyen.van.binh@example.vn",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()

    [(subject, body)] = _wait_for(outbox, 1, celery_worker)
    assert subject == f"Đăng ký tiếp công dân {booking.code}"
    assert "Kính gửi ông/bà Nguyễn Văn Bình" in body and f"{tuesday:%d/%m/%Y}" in body

    monday = tuesday - timedelta(days=1)
    assert add_working_days(monday, 1) == tuesday
    assert actions.reminders_send(today=monday) == 1
    reminder = next(m for m in _wait_for(outbox, 2, celery_worker) if m[0].startswith("Nhắc"))
    assert reminder[0] == f"Nhắc lịch: buổi tiếp công dân ngày {tuesday:%d/%m/%Y}"
    cancel_url = next(word for word in reminder[1].split() if "/huy/" in word)

    cancel_path = "/" + cancel_url.split("://", 1)[1].split("/", 1)[1]
    assert client.post(cancel_path).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


@override_settings(EMAIL_BACKEND="portal.mail.CeleryEmailBackend")
def test_a_complaint_is_acknowledged_and_an_overdue_clock_alerts_the_unit(
    client, celery_worker, tasks_through_broker, outbox, unit_a
):
    from django.utils import timezone

    from accountability.models import Case
    from tests.accountability.factories import CaseFactory

    response = client.post(
        "/tiep-cong-dan/gui-don/",
        {
            "kind": "denunciation",
            "subject": "Tố cáo cán bộ nhận tiền của hộ kinh doanh tại chợ",
            "content": "Ngày 10/11 một cán bộ kiểm tra yêu cầu hộ kinh doanh nộp tiền.",
            "name": "Hoàng Thị Thu",
            "address": "Tổ 2, phường Phan Đình Phùng, tỉnh Thái Nguyên",
            "phone": "",
            "email": "hoang.thi.thu@example.vn",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    [(subject, body)] = _wait_for(outbox, 1, celery_worker)
    assert subject == f"Sở đã nhận đơn {case.code}"
    assert "Kính gửi ông/bà Hoàng Thị Thu" in body and "/gui-don/theo-doi/" in body

    unit_a.email = "phong.a@example.vn"
    unit_a.save()
    late = CaseFactory(unit=unit_a, received_on=timezone.localdate() - timedelta(days=30))
    assert actions.case_alerts_send() == 1
    alert = next(m for m in _wait_for(outbox, 2, celery_worker) if late.code in m[0])
    assert alert[0] == f"Vụ việc {late.code}: đã quá thời hạn luật định"
    assert "Luật Khiếu nại số 02/2011/QH13" in alert[1]
