"""The outbox: queued work is written with the data it works on and survives a broker outage.
The outage itself, with a real worker, is tested in test_mail_celery.py and
tests/papi/test_celery.py."""

import pytest
from celery import shared_task
from django.db import transaction

from portal.models import OutboxTask
from portal.outbox import enqueue, send_pending

ran = []


@shared_task(name="tests.outbox.remember")
def remember(value, note=""):
    ran.append(value)


@pytest.fixture(autouse=True)
def _forget():
    ran.clear()


@pytest.mark.django_db
def test_it_runs_the_work_after_the_commit_when_there_is_no_broker(
    tasks_in_process, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(remember, "sau khi lưu")
        assert ran == []
    assert ran == ["sau khi lưu"]
    assert not OutboxTask.objects.exists()


@pytest.mark.django_db
def test_it_queues_nothing_when_the_transaction_rolls_back(tasks_through_broker, broker_down):
    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        enqueue(remember, "bị hủy")
        raise Abandoned
    assert not OutboxTask.objects.exists()


@pytest.mark.django_db
def test_it_keeps_the_work_while_the_broker_is_down(
    tasks_through_broker, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(remember, "chờ gửi", note="giữ lại")

    [waiting] = OutboxTask.objects.all()
    assert (waiting.task, waiting.args, waiting.kwargs) == (
        "tests.outbox.remember",
        ["chờ gửi"],
        {"note": "giữ lại"},
    )
    assert waiting.attempts == 1 and "OperationalError" in waiting.last_error
    # The sweep stops at the first refusal, and leaves the row for the next one.
    OutboxTask.objects.update(created_at=waiting.created_at.replace(year=2020))
    assert send_pending() == 0
    assert OutboxTask.objects.get().attempts == 2
