"""Feedback (phản ánh, kiến nghị): sent with a tracking code and the deadline from the table of
legal limits; nothing typed is lost on an error; a bot's post is dropped; routed, answered
and rated; the answers published only with consent and without personal data, searchable."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from portal import search, workdays
from portal.selectors import legal_limit
from procedures import actions
from procedures.models import Feedback
from tests.procedures.factories import ProcedureFactory, make_feedback

pytestmark = pytest.mark.django_db

URL = reverse("procedures:feedback_create")


def _data(**overrides):
    return {
        "about": "procedure",
        "subject": "Thời hạn giải quyết quá dài",
        "content": "Hồ sơ cấp lại giấy chứng nhận của tôi đã quá hạn hai tuần.",
        "name": "Lê Minh Tuấn",
        "phone": "0987 654 321",
        "consent_publish": "on",
        **overrides,
    }


def test_the_deadline_comes_from_the_table_of_legal_limits():
    limit = legal_limit("feedback-handling")
    assert (limit.value, limit.unit, limit.verified) == (15, "working_days", False)
    received = datetime(2024, 2, 2, 16, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert actions.feedback_due_date(received) == workdays.add_working_days(received.date(), 15)


def test_a_citizen_sends_feedback_and_gets_a_tracking_code(client):
    procedure = ProcedureFactory()
    response = client.post(URL, _data(procedure=procedure.pk), REMOTE_ADDR="192.0.2.10")
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "procedures:feedback_status", args=[feedback.tracking_code]
    )
    assert feedback.procedure == procedure
    assert feedback.phone == "0987 654 321"
    page = client.get(response["Location"]).content.decode()
    assert feedback.tracking_code in page
    assert feedback.due_date.strftime("%d/%m/%Y") in page


def test_nothing_typed_is_lost_on_an_error(client):
    response = client.post(URL, _data(phone="123"), REMOTE_ADDR="192.0.2.11")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thời hạn giải quyết quá dài" in page and "Lê Minh Tuấn" in page
    assert "đã quá hạn hai tuần" in page
    assert not Feedback.objects.exists()


def test_a_bot_filling_the_hidden_field_is_dropped(client):
    response = client.post(URL, _data(website="http://spam.example"), REMOTE_ADDR="192.0.2.12")
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_posting_is_rate_limited_per_address(client):
    for _n in range(10):
        client.post(URL, _data(), REMOTE_ADDR="192.0.2.13")
    assert client.post(URL, _data(), REMOTE_ADDR="192.0.2.13").status_code == 429


def test_the_citizen_reads_the_answer_and_rates_it_once(client, unit_a):
    feedback = make_feedback(unit=unit_a, answered=True)
    url = reverse("procedures:feedback_status", args=[feedback.tracking_code])
    page = client.get(url).content.decode()
    assert "Thành phần hồ sơ chỉ gồm các giấy tờ đã công bố." in page
    assert client.post(url, {"rating": "3"}).status_code == 302
    assert client.post(url, {"rating": "1"}).status_code == 302
    feedback.refresh_from_db()
    assert feedback.rating == Feedback.Rating.SATISFIED
    assert feedback.answered_in_time


def test_only_consenting_answers_are_published_without_personal_data(client, unit_a):
    shown = make_feedback(unit=unit_a, published=True)
    make_feedback(unit=unit_a, published=True, consent_publish=False, subject="Không đồng ý")
    make_feedback(unit=unit_a, answered=True, subject="Chưa công khai")
    search.rebuild()
    page = client.get(reverse("procedures:answer_list")).content.decode()
    assert shown.subject in page
    assert "Không đồng ý" not in page and "Chưa công khai" not in page
    detail = client.get(shown.get_absolute_url()).content.decode()
    assert "hợp đồng thuê đất" in detail
    assert "Trần Thị Hoa" not in detail and "0912" not in detail
    found = client.get(reverse("procedures:answer_list"), {"q": "hop dong thue dat"})
    assert shown.subject in found.content.decode()
    missing = client.get(reverse("procedures:answer_list"), {"q": "dien mat troi"})
    assert shown.subject not in missing.content.decode()


def test_another_units_officer_cannot_open_routed_feedback(client, officer_a, officer_b, unit_a):
    routed = make_feedback(unit=unit_a)
    inbox = make_feedback(subject="Chưa phân công")
    change = "admin:procedures_feedback_change"
    client.force_login(officer_b)
    assert client.get(reverse(change, args=[routed.pk])).status_code == 403
    assert client.get(reverse(change, args=[inbox.pk])).status_code == 200
    client.force_login(officer_a)
    assert client.get(reverse(change, args=[routed.pk])).status_code == 200
