"""A supply problem from the citizen's report to its resolution, the mails going through a real
Celery worker after each commit."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from services.models import SupplyProblem
from tests.helpers import make_staff, subject_of, wait_for_mail
from tests.services.factories import WardFactory

pytestmark = [pytest.mark.celery, pytest.mark.postgres]


@pytest.fixture
def celery_worker_env(mail_to_files):
    return mail_to_files


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
    [received] = wait_for_mail(outbox, 1, celery_worker)
    assert received["To"] == "le.minh.tuan@example.vn"
    assert problem.code in subject_of(received) and problem.code in received.get_content()

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
    forwarded = wait_for_mail(outbox, 2, celery_worker)[1]
    assert forwarded["To"] == "cskh@pc-thainguyen.example.vn"
    assert "Tổ dân phố Tân Long" in forwarded.get_content()
    assert "0912 345 678" in forwarded.get_content()

    change = reverse("admin:services_supplyproblem_change", args=[problem.pk])
    client.post(
        change,
        {
            "answer": "Đã thay cầu chì trạm biến áp Tân Long 2.",
            "resolved_on": timezone.localdate().strftime("%d/%m/%Y"),
        },
    )
    resolved = wait_for_mail(outbox, 3, celery_worker)[2]
    assert resolved["To"] == "le.minh.tuan@example.vn"
    assert problem.code in subject_of(resolved) and "Đã thay cầu chì" in resolved.get_content()
    problem.refresh_from_db()
    assert problem.status == SupplyProblem.Status.RESOLVED
