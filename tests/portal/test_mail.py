"""The Celery mail backend keeps every part of a message and sends only after commit."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.test import override_settings

from portal.celery import app
from portal.mail import MAX_ATTACHMENT_BYTES, AttachmentTooLarge, message_to_dict

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _eager_celery_mail():
    """The task runs in this process and delivers to Django's in-memory outbox."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    with override_settings(
        EMAIL_BACKEND="portal.mail.CeleryEmailBackend",
        CELERY_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        yield
    app.conf.task_always_eager = eager


def make_message(**overrides) -> EmailMultiAlternatives:
    fields = {
        "subject": "Thông báo lịch tiếp công dân",
        "body": "Lãnh đạo Sở tiếp công dân vào sáng thứ Năm.",
        "from_email": "Sở Công Thương <no-reply@congthuong.example.vn>",
        "to": ["tran.thi.binh@example.vn"],
        "cc": ["van.phong@congthuong.example.vn"],
        "bcc": ["luu.tru@congthuong.example.vn"],
        "reply_to": ["tiep.dan@congthuong.example.vn"],
    } | overrides
    message = EmailMultiAlternatives(**fields)
    message.attach_alternative(
        "<p>Lãnh đạo Sở tiếp công dân vào <b>sáng thứ Năm</b>.</p>", "text/html"
    )
    message.attach("lich-tiep.csv", "ngày,giờ\n05/03/2026,08:00\n", "text/csv")
    return message


def test_it_rebuilds_every_part_of_the_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert make_message().send() == 1

    [sent] = mail.outbox
    assert sent.subject == "Thông báo lịch tiếp công dân"
    assert sent.body == "Lãnh đạo Sở tiếp công dân vào sáng thứ Năm."
    assert sent.from_email == "Sở Công Thương <no-reply@congthuong.example.vn>"
    assert sent.to == ["tran.thi.binh@example.vn"]
    assert sent.cc == ["van.phong@congthuong.example.vn"]
    assert sent.bcc == ["luu.tru@congthuong.example.vn"]
    assert sent.reply_to == ["tiep.dan@congthuong.example.vn"]
    assert [tuple(a) for a in sent.alternatives] == [
        ("<p>Lãnh đạo Sở tiếp công dân vào <b>sáng thứ Năm</b>.</p>", "text/html")
    ]
    [(filename, content, mimetype)] = sent.attachments
    assert (filename, mimetype) == ("lich-tiep.csv", "text/csv")
    assert content == "ngày,giờ\n05/03/2026,08:00\n"


def test_it_waits_for_the_transaction_to_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        make_message().send()
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1


def test_it_sends_nothing_after_a_rollback(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                make_message().send()
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []


def test_it_refuses_to_queue_a_large_attachment():
    message = make_message()
    message.attach("ho-so.pdf", b"%PDF" + b"0" * MAX_ATTACHMENT_BYTES, "application/pdf")
    with pytest.raises(AttachmentTooLarge):
        message_to_dict(message)


def test_it_skips_a_message_without_recipients(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert make_message(to=[], cc=[], bcc=[]).send() == 0
    assert mail.outbox == []
