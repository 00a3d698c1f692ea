"""A supply problem from the citizen's report to its resolution, the mails going through a real
Celery worker after each commit."""

import email
import email.policy
import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from services.models import SupplyProblem
from tests.helpers import make_staff
from tests.services.factories import WardFactory

pytestmark = [pytest.mark.celery, pytest.mark.postgres]

MAIL_WAIT = 60  # seconds: a bound on the polling, never a timing assertion


@pytest.fixture
def celery_worker_env(mail_to_files):
    return mail_to_files


def _messages(outbox) -> list[tuple[str, list[str], str]]:
    found = []
    for path in sorted(outbox.iterdir()):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                message = email.message_from_bytes(raw, policy=email.policy.default)
                found.append((message["Subject"].strip(), message["To"], message.get_content()))
    return found


def _wait_for(outbox, count, worker):
    deadline = time.monotonic() + MAIL_WAIT
    while time.monotonic() < deadline:
        if len(found := _messages(outbox)) >= count:
            return found
        time.sleep(0.2)
    pytest.fail(f"{count} mails expected.\n" + worker.log_path.read_text(errors="replace")[-3000:])


@override_settings(EMAIL_BACKEND="portal.mail.CeleryEmailBackend")
def test_a_problem_from_report_to_resolution_mails_the_citizen_and_the_power_company(
    client, celery_worker, tasks_through_broker, outbox, unit_b
):
    ward = WardFactory(name="Phường Quan Triều")
    response = client.post(
        reverse("services:problem_report"),
        {
            "kind": "outage",
            "ward": ward.pk,
            "address": "Tổ dân phố Tân Long",
            "description": "Mất điện cả tổ từ 6 giờ sáng, chưa có thông báo cắt điện.",
            "name": "Lê Minh Tuấn",
            "phone": "0912 345 678",
            "email": "le.minh.tuan@example.vn",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    problem = SupplyProblem.objects.get()
    assert problem.unit == unit_b
    [mails_first] = _wait_for(outbox, 1, celery_worker)
    subject, to, body = mails_first
    assert to == "le.minh.tuan@example.vn" and problem.code in subject and problem.code in body

    officer = make_staff("editor", unit=unit_b)
    client.force_login(officer)
    changelist = reverse("admin:services_supplyproblem_changelist")
    client.post(
        changelist,
        {
            "action": "forward_to_power_company",
            "_selected_action": [problem.pk],
            "confirm": "1",
            "to": "cskh@pc-thainguyen.example.vn",
        },
    )
    # The mail files of one second are in no particular order: each mail is found by its
    # recipient and subject, not by its place.
    [forwarded] = [m for m in _wait_for(outbox, 2, celery_worker) if m[1].startswith("cskh@")]
    assert "Tổ dân phố Tân Long" in forwarded[2] and "0912 345 678" in forwarded[2]

    change = reverse("admin:services_supplyproblem_change", args=[problem.pk])
    client.post(
        change,
        {
            "answer": "Đã thay cầu chì trạm biến áp Tân Long 2.",
            "resolved_on": timezone.localdate().strftime("%d/%m/%Y"),
        },
    )
    mails = _wait_for(outbox, 3, celery_worker)
    [resolved] = [m for m in mails if m[1] == "le.minh.tuan@example.vn" and m != mails_first]
    assert problem.code in resolved[0] and "Đã thay cầu chì" in resolved[2]
    problem.refresh_from_db()
    assert problem.status == SupplyProblem.Status.RESOLVED
