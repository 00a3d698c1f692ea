"""Applying online during the registration window: the code and the mails, the eligibility
review, the published list (no contact details), the status by code and date of birth, and a
late application refused with a clear message."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from anticorruption import applications
from anticorruption.models import Application, RecruitmentStep
from tests.anticorruption.factories import make_application, make_round, make_step
from tests.anticorruption.helpers import pdf_with_author

pytestmark = pytest.mark.django_db

Kind = RecruitmentStep.Kind


def _open_round(**fields):
    today = timezone.localdate()
    round_ = make_round(**fields)
    make_step(round_, Kind.NOTICE, today - timedelta(days=5))
    make_step(
        round_, Kind.REGISTRATION, today - timedelta(days=5), closes_on=today + timedelta(days=25)
    )
    return round_


def _form(**overrides):
    data = {
        "full_name": "Trần Văn Minh",
        "birth_date_day": "27",
        "birth_date_month": "3",
        "birth_date_year": "1998",
        "email": "minh@example.vn",
        "phone": "0912 345 678",
        "position": "Chuyên viên khuyến công",
        "qualifications": "Kỹ sư điện, 3 năm kinh nghiệm.",
        "documents": [
            SimpleUploadedFile("bang.pdf", pdf_with_author(), content_type="application/pdf")
        ],
        "consent": "on",
    }
    return data | overrides


def test_a_candidate_applies_and_gets_a_code_by_mail(client, django_capture_on_commit_callbacks):
    round_ = _open_round()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("anticorruption:round_apply", args=[round_.slug]), _form())
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.code in response.content.decode()
    assert application.documents.count() == 1
    assert application.birth_date == date(1998, 3, 27)
    assert mail.outbox[-1].to == ["minh@example.vn"]
    assert application.code in mail.outbox[-1].body


def test_an_error_keeps_what_was_typed(client):
    round_ = _open_round()
    response = client.post(
        reverse("anticorruption:round_apply", args=[round_.slug]), _form(phone="123")
    )
    assert Application.objects.count() == 0
    body = response.content.decode()
    assert "Kỹ sư điện, 3 năm kinh nghiệm." in body
    assert "govuk-error-summary" in body


def test_an_application_after_the_window_closes_is_refused_with_a_clear_message(client):
    today = timezone.localdate()
    round_ = make_round()
    make_step(round_, Kind.NOTICE, today - timedelta(days=40))
    make_step(
        round_, Kind.REGISTRATION, today - timedelta(days=40), closes_on=today - timedelta(days=10)
    )
    url = reverse("anticorruption:round_apply", args=[round_.slug])
    response = client.post(url, _form())
    assert response.status_code == 410
    assert Application.objects.count() == 0
    closed = (today - timedelta(days=10)).strftime("%d/%m/%Y")
    body = response.content.decode()
    assert closed in body
    assert "115/2020" in body
    # The window is checked again at the moment of saving, too.
    with pytest.raises(applications.WindowClosed):
        applications.application_create(round_=round_, data={}, files=[])


def test_the_status_needs_the_code_and_the_date_of_birth(client):
    round_ = _open_round()
    application = make_application(round_, status="ineligible", reason="Thiếu bằng đại học.")
    url = reverse("anticorruption:application_status")
    wrong = client.post(
        url,
        {
            "code": application.code,
            "birth_date_day": "1",
            "birth_date_month": "1",
            "birth_date_year": "1990",
        },
    )
    assert "Thiếu bằng đại học." not in wrong.content.decode()
    right = client.post(
        url,
        {
            "code": application.code.lower(),
            "birth_date_day": "27",
            "birth_date_month": "3",
            "birth_date_year": "1998",
        },
    )
    assert "Thiếu bằng đại học." in right.content.decode()
    assert "no-store" in right["Cache-Control"]


def test_the_review_mails_the_candidate_and_fills_the_published_list(
    client, administrator, django_capture_on_commit_callbacks
):
    round_ = _open_round()
    eligible = make_application(
        round_, full_name="Lê Thị Hoa", email="hoa@example.vn", phone="0987 111 222"
    )
    refused = make_application(round_, full_name="Phạm Văn Nam", email="nam@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        applications.application_review(application=eligible, eligible=True, user=administrator)
        applications.application_review(
            application=refused, eligible=False, reason="Sai chuyên ngành.", user=administrator
        )
    assert {m.to[0] for m in mail.outbox} == {"hoa@example.vn", "nam@example.vn"}
    # Not public until the eligible list's step is published.
    body = client.get(round_.get_absolute_url()).content.decode()
    assert "Lê Thị Hoa" not in body
    make_step(round_, Kind.ELIGIBLE, timezone.localdate())
    body = client.get(round_.get_absolute_url()).content.decode()
    assert "Lê Thị Hoa" in body and eligible.code in body and "1998" in body
    assert "Phạm Văn Nam" not in body
    for private in ("hoa@example.vn", "0987 111 222", "27/03/1998", "Sai chuyên ngành."):
        assert private not in body


def test_staff_mark_candidates_not_eligible_with_a_reason_in_the_admin(client, administrator):
    round_ = _open_round()
    application = make_application(round_)
    client.force_login(administrator)
    url = reverse("admin:anticorruption_application_changelist")
    page = client.post(url, {"action": "mark_ineligible", "_selected_action": [application.pk]})
    assert page.status_code == 200
    client.post(
        url,
        {
            "action": "mark_ineligible",
            "_selected_action": [application.pk],
            "confirm": "1",
            "reason": "Quá tuổi.",
        },
    )
    application.refresh_from_db()
    assert application.status == "ineligible"
    assert application.reason == "Quá tuổi."
    assert application.reviewed_by == administrator


def test_only_reviewers_open_the_documents(client, leader, administrator):
    round_ = _open_round()
    application = make_application(round_)
    url = reverse(
        "anticorruption:application_document", args=[application.pk, application.documents.get().pk]
    )
    client.force_login(leader)
    assert client.get(url).status_code == 403
    client.force_login(administrator)
    assert client.get(url).status_code == 200


def test_the_review_page_links_the_documents(client, administrator):
    application = make_application(_open_round())
    client.force_login(administrator)
    page = client.get(reverse("admin:anticorruption_application_change", args=[application.pk]))
    document = application.documents.get()
    assert (
        reverse("anticorruption:application_document", args=[application.pk, document.pk])
        in page.content.decode()
    )
