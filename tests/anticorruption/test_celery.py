"""A step published in the staff area reaches the candidate's mailbox through the outbox, a
real Celery worker and the mail task, once."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from anticorruption.models import RecruitmentStep
from portal import roles
from tests.anticorruption.factories import make_application, make_round, make_step
from tests.helpers import make_staff, subject_of, wait_for_mail

pytestmark = [pytest.mark.celery, pytest.mark.postgres]

Kind = RecruitmentStep.Kind


@pytest.fixture
def celery_worker_env(mail_to_files):
    # The mail task runs in the worker: its mail must leave through the outbox as well.
    return mail_to_files | {"DJANGO_SETTINGS_MODULE": "tests.anticorruption.worker_settings"}


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The worker fixture makes the temporary media folders it shares with the worker."""


def _action(client, step, action, **extra):
    response = client.post(
        reverse("admin:anticorruption_recruitmentstep_changelist"),
        {"action": action, "_selected_action": [step.pk], **extra},
    )
    assert response.status_code == 302


@override_settings(EMAIL_BACKEND="portal.mail.CeleryEmailBackend")
def test_a_published_step_reaches_the_eligible_candidate_once(
    client, celery_worker, tasks_through_broker, outbox
):
    today = timezone.localdate()
    round_ = make_round()
    make_step(
        round_, Kind.REGISTRATION, today - timedelta(days=40), closes_on=today - timedelta(days=10)
    )
    eligible = make_application(
        round_, status="eligible", full_name="Lê Thị Hoa", email="hoa@example.vn"
    )
    make_application(round_, status="ineligible", full_name="Phạm Văn Nam", email="nam@example.vn")
    exam = make_step(round_, Kind.EXAM, today + timedelta(days=14), published=False)
    results = make_step(round_, Kind.RESULTS, today + timedelta(days=30), published=False)
    client.force_login(make_staff(roles.RECRUITMENT_OFFICER))

    _action(client, exam, "publish_now")
    [mail] = wait_for_mail(outbox, 1, celery_worker)
    body = mail.get_content()
    assert mail["To"] == "hoa@example.vn"
    assert subject_of(mail) == f"Hồ sơ {eligible.code}: Tổ chức thi (xét) đã được công bố"
    assert "Kính gửi ông/bà Lê Thị Hoa" in body
    assert f"{exam.held_on:%d/%m/%Y}" in body and "Phạm Văn Nam" not in body

    # Published again after a correction: no second mail. The worker runs one task at a time
    # in the order sent, so once the results' mail is in, the exam's second run is done too.
    _action(client, exam, "unpublish", confirm="1", reason="Sửa địa điểm thi.")
    _action(client, exam, "publish_now")
    _action(client, results, "publish_now")
    found = wait_for_mail(outbox, 2, celery_worker)
    assert [subject_of(mail) for mail in found] == [
        f"Hồ sơ {eligible.code}: Tổ chức thi (xét) đã được công bố",
        f"Hồ sơ {eligible.code}: Kết quả đã được công bố",
    ]
