"""Outgoing mail goes through a real Celery worker, after the transaction commits."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from portal.models import OutboxTask
from tests.helpers import read_mail, subject_of, wait_for_mail

pytestmark = [pytest.mark.celery, pytest.mark.postgres]


@pytest.fixture
def celery_worker_env(mail_to_files):
    return mail_to_files


@pytest.fixture(autouse=True)
def _mail_through_celery():
    with override_settings(EMAIL_BACKEND="portal.mail.CeleryEmailBackend"):
        yield


def test_it_delivers_a_vietnamese_message_through_the_worker(celery_worker, outbox):
    sent = mail.send_mail(
        "Xác nhận đã nhận phản ánh của ông/bà",
        "Sở Công Thương đã nhận phản ánh số PA-2026-0001 và sẽ trả lời trong 10 ngày làm việc.",
        "Sở Công Thương <no-reply@congthuong.example.vn>",
        ["nguyen.van.an@example.vn"],
        html_message="<p>Sở Công Thương đã nhận phản ánh số <strong>PA-2026-0001</strong>.</p>",
    )
    assert sent == 1
    # The test process sent nothing itself: the message is in the worker's hands.
    assert mail.outbox == []

    [message] = wait_for_mail(outbox, 1, celery_worker)
    assert subject_of(message) == "Xác nhận đã nhận phản ánh của ông/bà"
    assert message["To"] == "nguyen.van.an@example.vn"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "đã nhận phản ánh số PA-2026-0001" in text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "<strong>PA-2026-0001</strong>" in html


def test_it_sends_nothing_when_the_transaction_rolls_back(celery_worker, outbox):
    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        mail.send_mail("Thư không được gửi", "Nội dung bị hủy.", None, ["a@example.vn"])
        raise Abandoned
    # A committed message afterwards proves the worker was listening all along.
    mail.send_mail("Thư được gửi", "Nội dung đã lưu.", None, ["b@example.vn"])

    messages = wait_for_mail(outbox, 1, celery_worker)
    assert [subject_of(m) for m in messages] == ["Thư được gửi"]


def test_it_keeps_a_password_reset_mail_through_a_broker_outage(
    celery_worker, outbox, broker_down, client, officer_a
):
    response = client.post(reverse("account_reset_password"), {"email": officer_a.email})

    # The officer is told the mail is on its way; the mail waits in the outbox.
    assert response.status_code == 302
    [waiting] = OutboxTask.objects.all()
    assert waiting.task == "portal.tasks.send_email" and waiting.attempts == 1
    assert read_mail(outbox) == []

    # The broker is back; a worker that starts sends what waited (beat would, within a minute).
    broker_down.restore()
    OutboxTask.objects.update(created_at=timezone.now() - timedelta(minutes=1))
    celery_worker.stop()
    celery_worker.start()
    [message] = wait_for_mail(outbox, 1, celery_worker)
    assert message["To"] == officer_a.email
    assert "/tai-khoan/password/reset/key/" in message.get_body(("plain",)).get_content()
    assert not OutboxTask.objects.exists()
