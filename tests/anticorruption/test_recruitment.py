"""Recruitment rounds: the public timeline shows published steps only, each step's due date
comes from the previous step and the legal table, staff see late steps, and the rounds have an
Atom feed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from anticorruption import selectors
from anticorruption.models import RecruitmentStep
from portal.models import LegalLimit
from portal.selectors import forget_legal_limit
from portal.workdays import add_working_days
from tests.anticorruption.factories import make_round, make_step

pytestmark = pytest.mark.django_db

Kind = RecruitmentStep.Kind


def test_step_deadlines_come_from_the_legal_table():
    round_ = make_round()
    notice = make_step(round_, Kind.NOTICE, date(2026, 3, 2))
    registration = make_step(
        round_, Kind.REGISTRATION, date(2026, 3, 2), closes_on=date(2026, 4, 1)
    )
    eligible = make_step(round_, Kind.ELIGIBLE, date(2026, 4, 6))
    # 30 calendar days from the notice (Decree 115/2020, Art. 14(5)).
    assert selectors.step_due_date(registration) == notice.held_on + timedelta(days=30)
    # 5 working days after the window closes (Art. 15(2)).
    assert selectors.step_due_date(eligible) == add_working_days(date(2026, 4, 1), 5)
    # Staff correct the table: the due date follows.
    LegalLimit.objects.filter(code="recruitment-ineligible-notice").update(value=7)
    forget_legal_limit("recruitment-ineligible-notice")
    assert selectors.step_due_date(eligible) == add_working_days(date(2026, 4, 1), 7)
    # The plan and the notice have no legal due date.
    assert selectors.step_due_date(notice) is None


def test_a_window_shorter_than_the_law_is_late():
    round_ = make_round()
    make_step(round_, Kind.NOTICE, date(2026, 3, 2))
    short = make_step(round_, Kind.REGISTRATION, date(2026, 3, 2), closes_on=date(2026, 3, 20))
    assert selectors.step_is_late(short, selectors.step_due_date(short), date(2026, 3, 3))


def test_staff_see_the_late_step(client, leader):
    today = timezone.localdate()
    round_ = make_round()
    make_step(round_, Kind.EXAM_NOTICE, today - timedelta(days=40))
    make_step(round_, Kind.EXAM, today - timedelta(days=30))
    make_step(round_, Kind.RESULTS, today - timedelta(days=5), published=False)
    late = selectors.late_steps(today)
    assert [row["step"].kind for row in late] == [Kind.RESULTS]
    client.force_login(leader)
    page = client.get(reverse("anticorruption:recruitment_overview")).content.decode()
    assert "govuk-tag--red" in page


def test_an_unpublished_step_never_appears_publicly(client):
    today = timezone.localdate()
    round_ = make_round()
    make_step(round_, Kind.NOTICE, today, body="Thông báo tuyển dụng công khai")
    hidden = make_step(round_, Kind.ELIGIBLE, today, published=False, body="Danh sách chưa công bố")
    page = client.get(round_.get_absolute_url())
    body = page.content.decode()
    assert "Thông báo tuyển dụng công khai" in body
    assert "Danh sách chưa công bố" not in body
    assert (
        client.get(
            reverse("anticorruption:step_document", args=[round_.slug, hidden.pk])
        ).status_code
        == 404
    )
    feed = client.get(reverse("anticorruption:round_feed")).content.decode()
    assert "Danh sách chưa công bố" not in feed


def test_an_unpublished_round_is_not_public(client):
    round_ = make_round(slug="nhap", published=False, title="Đợt tuyển dụng nháp")
    assert client.get(round_.get_absolute_url()).status_code == 404
    assert (
        "Đợt tuyển dụng nháp"
        not in client.get(reverse("anticorruption:round_list")).content.decode()
    )
    assert (
        "Đợt tuyển dụng nháp"
        not in client.get(reverse("anticorruption:round_feed")).content.decode()
    )


def test_the_registration_window_shows_the_days_left(client):
    today = timezone.localdate()
    round_ = make_round()
    make_step(round_, Kind.NOTICE, today - timedelta(days=5))
    make_step(
        round_, Kind.REGISTRATION, today - timedelta(days=5), closes_on=today + timedelta(days=25)
    )
    body = client.get(round_.get_absolute_url()).content.decode()
    assert "25" in body
    assert "govuk-tag--green" in body


def test_the_signed_pdf_of_a_published_step_downloads(client):
    round_ = make_round()
    step = make_step(round_, Kind.NOTICE, timezone.localdate())
    response = client.get(reverse("anticorruption:step_document", args=[round_.slug, step.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_atom_feed_lists_published_rounds(client):
    make_round(title="Tuyển dụng viên chức năm 2026")
    response = client.get(reverse("anticorruption:round_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Tuyển dụng viên chức năm 2026" in response.content.decode()
