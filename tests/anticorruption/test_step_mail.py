"""Candidates are mailed when a step of their round is published: the right ones, once, and
nothing about the other candidates."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from anticorruption.models import RecruitmentStep, StepMailing
from portal import roles
from portal.publishing import publish_due_items
from tests.anticorruption.factories import make_application, make_round, make_step
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db

Kind = RecruitmentStep.Kind


@pytest.fixture
def recruiter(db):
    return make_staff(roles.RECRUITMENT_OFFICER)


@pytest.fixture
def candidates():
    """A round past its registration window with one eligible, one not eligible and one not
    yet reviewed candidate."""
    today = timezone.localdate()
    round_ = make_round()
    make_step(round_, Kind.NOTICE, today - timedelta(days=40))
    make_step(
        round_, Kind.REGISTRATION, today - timedelta(days=40), closes_on=today - timedelta(days=10)
    )
    return {
        "round": round_,
        "eligible": make_application(
            round_, status="eligible", full_name="Lê Thị Hoa", email="hoa@example.vn"
        ),
        "ineligible": make_application(
            round_,
            status="ineligible",
            full_name="Phạm Văn Nam",
            email="nam@example.vn",
            reason="Sai chuyên ngành.",
        ),
        "waiting": make_application(round_, full_name="Đỗ Minh Châu", email="chau@example.vn"),
    }


def _publish(client, user, step, capture):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(
            reverse("admin:anticorruption_recruitmentstep_changelist"),
            {"action": "publish_now", "_selected_action": [step.pk]},
        )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.is_public


def _edit(client, user, step, capture, **changes):
    data = {
        "round": step.round_id,
        "kind": step.kind,
        "held_on": step.held_on.strftime("%d/%m/%Y"),
        "closes_on": step.closes_on.strftime("%d/%m/%Y") if step.closes_on else "",
        "body": step.body,
    } | changes
    client.force_login(user)
    with capture(execute=True):
        response = client.post(
            reverse("admin:anticorruption_recruitmentstep_change", args=[step.pk]), data
        )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_publishing_an_exam_notice_mails_the_eligible_candidates_once(
    client, recruiter, candidates, tasks_in_process, django_capture_on_commit_callbacks
):
    round_ = candidates["round"]
    exam_day = timezone.localdate() + timedelta(days=20)
    step = make_step(round_, Kind.EXAM_NOTICE, exam_day, published=False)
    assert mail.outbox == []

    _publish(client, recruiter, step, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.to == ["hoa@example.vn"]
    code = candidates["eligible"].code
    assert message.subject == f"Hồ sơ {code}: Thông báo triệu tập thí sinh đã được công bố"
    assert "Lê Thị Hoa" in message.body
    assert exam_day.strftime("%d/%m/%Y") in message.body
    assert round_.title in message.body
    assert round_.get_absolute_url() in message.body
    assert reverse("anticorruption:application_status") in message.body
    # Nothing about the other candidates.
    for other in ("Phạm Văn Nam", "nam@example.vn", "Đỗ Minh Châu", "chau@example.vn"):
        assert other not in message.body
    assert candidates["ineligible"].code not in message.body
    assert StepMailing.objects.filter(step=step).count() == 1

    # The step edited while published, then unpublished and published again: no new mail.
    _edit(client, recruiter, step, django_capture_on_commit_callbacks, body="Mang theo CCCD.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:anticorruption_recruitmentstep_changelist"),
            {
                "action": "unpublish",
                "_selected_action": [step.pk],
                "confirm": "1",
                "reason": "Sai ngày thi.",
            },
        )
    step.refresh_from_db()
    assert not step.is_public
    _publish(client, recruiter, step, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert StepMailing.objects.filter(step=step).count() == 1
    page = client.get(reverse("admin:anticorruption_recruitmentstep_change", args=[step.pk]))
    # The step's page tells staff how many candidates were mailed.
    body = page.content.decode()
    label = body.index("Số thí sinh đã được gửi thư thông báo")
    assert re.search(r'<div class="readonly">\s*1\s*</div>', body[label:]).start() < 400


def test_the_eligible_list_is_mailed_to_every_applicant(
    client, recruiter, candidates, tasks_in_process, django_capture_on_commit_callbacks
):
    step = make_step(candidates["round"], Kind.ELIGIBLE, timezone.localdate(), published=False)
    _publish(client, recruiter, step, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "chau@example.vn",
        "hoa@example.vn",
        "nam@example.vn",
    ]
    for message in mail.outbox:
        # Each mail names its own candidate only: no list, no other name.
        names = {"Lê Thị Hoa", "Phạm Văn Nam", "Đỗ Minh Châu"}
        assert len([name for name in names if name in message.body]) == 1
        assert "Sai chuyên ngành." not in message.body


def test_a_candidate_not_eligible_hears_of_no_later_step(
    client, recruiter, candidates, tasks_in_process, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    round_ = candidates["round"]
    for kind, day in ((Kind.RESULTS, today), (Kind.REVIEW, today + timedelta(days=1))):
        step = make_step(round_, kind, day, published=False)
        _publish(client, recruiter, step, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"], ["hoa@example.vn"]]


def test_a_scheduled_step_mails_when_it_goes_public_and_not_before(
    client, recruiter, candidates, tasks_in_process, django_capture_on_commit_callbacks
):
    step = make_step(candidates["round"], Kind.FINAL, timezone.localdate(), published=False)
    client.force_login(recruiter)
    at = timezone.localtime() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:anticorruption_recruitmentstep_changelist"),
            {
                "action": "schedule",
                "_selected_action": [step.pk],
                "confirm": "1",
                "publish_at": at.strftime("%d/%m/%Y %H:%M"),
            },
        )
    step.refresh_from_db()
    assert step.publication == "scheduled"
    assert mail.outbox == []
    RecruitmentStep.objects.filter(pk=step.pk).update(publish_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_due_items() == 1
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]


def test_steps_before_the_applications_mail_no_one(
    client, recruiter, candidates, tasks_in_process, django_capture_on_commit_callbacks
):
    step = make_step(candidates["round"], Kind.PLAN, timezone.localdate(), published=False)
    _publish(client, recruiter, step, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_mail_is_queued_through_the_outbox(recruiter, candidates, tasks_through_broker):
    """Publishing writes an outbox row in the publishing transaction (so a broker outage loses
    no mail) carrying only the step's number."""
    from portal.models import OutboxTask
    from portal.publishing import item_publish

    step = make_step(candidates["round"], Kind.DECISION, timezone.localdate(), published=False)
    item_publish(item=step, user=recruiter)
    [row] = OutboxTask.objects.all()
    assert row.task == "anticorruption.tasks.mail_step"
    assert row.args == [step.pk]


def test_the_demo_data_mails_no_demo_candidate(
    settings, tmp_path, tasks_in_process, django_capture_on_commit_callbacks
):
    """The demo's candidates count as told of the steps it publishes, so seeding sends them
    nothing; a step staff publish afterwards reaches them as usual."""
    import io

    from anticorruption import demo
    from anticorruption.models import Application
    from portal.publishing import item_publish

    settings.ANTICORRUPTION_PUBLIC_KEY = ""
    settings.ANTICORRUPTION_PRIVATE_KEY_FILE = str(tmp_path / "demo" / "inspection-key.pem")
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(io.StringIO())
    assert mail.outbox == []
    assert StepMailing.objects.exists()

    eligible = Application.objects.filter(status="eligible")
    round_ = eligible.first().round
    step = round_.steps.get(kind=Kind.RESULTS)  # the demo's late step, not yet published
    assert not step.is_public
    with django_capture_on_commit_callbacks(execute=True):
        item_publish(item=step)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        eligible.filter(round=round_).values_list("email", flat=True)
    )
