"""Booking, the cancel link and the reminder, end to end: the mails go through a real Celery
worker after each commit."""

from datetime import timedelta

import pytest
from django.test import override_settings

from accountability import actions
from accountability.models import Booking
from portal.models import Holiday
from portal.workdays import add_working_days
from tests.accountability.factories import SessionFactory
from tests.accountability.helpers import future_weekday
from tests.helpers import subject_of, wait_for_mail

pytestmark = [pytest.mark.celery, pytest.mark.postgres]


@pytest.fixture
def celery_worker_env(mail_to_files):
    return mail_to_files


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

    [confirmation] = wait_for_mail(outbox, 1, celery_worker)
    body = confirmation.get_content()
    assert subject_of(confirmation) == f"Đăng ký tiếp công dân {booking.code}"
    assert "Kính gửi ông/bà Nguyễn Văn Bình" in body and f"{tuesday:%d/%m/%Y}" in body

    monday = tuesday - timedelta(days=1)
    assert add_working_days(monday, 1) == tuesday
    assert actions.reminders_send(today=monday) == 1
    reminder = wait_for_mail(outbox, 2, celery_worker)[1]
    assert subject_of(reminder) == f"Nhắc lịch: buổi tiếp công dân ngày {tuesday:%d/%m/%Y}"
    cancel_url = next(word for word in reminder.get_content().split() if "/huy/" in word)

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
    [acknowledgement] = wait_for_mail(outbox, 1, celery_worker)
    body = acknowledgement.get_content()
    assert subject_of(acknowledgement) == f"Sở đã nhận đơn {case.code}"
    assert "Kính gửi ông/bà Hoàng Thị Thu" in body and "/gui-don/theo-doi/" in body

    unit_a.email = "phong.a@example.vn"
    unit_a.save()
    late = CaseFactory(unit=unit_a, received_on=timezone.localdate() - timedelta(days=30))
    assert actions.case_alerts_send() == 1
    alert = wait_for_mail(outbox, 2, celery_worker)[1]
    assert subject_of(alert) == f"Vụ việc {late.code}: đã quá thời hạn luật định"
    assert "Luật Khiếu nại số 02/2011/QH13" in alert.get_content()
