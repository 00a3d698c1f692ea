"""Requests for explanation (Decree 59/2019) and the follow-up of inspection conclusions."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accountability.models import ExplanationRequest, Recommendation
from portal import roles
from tests.accountability.factories import (
    ConclusionFactory,
    ExplanationFactory,
    RecommendationFactory,
)
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db

FORM = "/giai-trinh/gui-yeu-cau/"


def _form(**changes):
    return {
        "subject": "Giải trình việc điều chỉnh quy hoạch cửa hàng xăng dầu",
        "content": "Đề nghị Sở giải trình căn cứ đưa cửa hàng ra khỏi danh mục quy hoạch.",
        "name": "Ngô Văn Thành",
        "address": "Tổ 7, phường Túc Duyên, tỉnh Thái Nguyên",
        "phone": "",
        "email": "thanh@example.vn",
        "publish": "on",
        "consent": "on",
        "website": "",
    } | changes


def test_a_citizen_asks_for_an_explanation_and_sees_the_acceptance_limit(
    client, django_capture_on_commit_callbacks
):
    page = client.get(FORM).content.decode()
    assert "Khoản 4 Điều 11 Nghị định số 59/2019/NĐ-CP" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, _form())

    item = ExplanationRequest.objects.get()
    assert item.publish_consent and item.code.startswith("GT-")
    track = client.get(response["Location"]).content.decode()
    assert item.code in track and "Tiếp nhận hoặc từ chối yêu cầu giải trình" in track
    assert item.code in mail.outbox[0].body


def test_an_error_keeps_the_request_typed(client):
    response = client.post(FORM, _form(name=""))

    page = response.content.decode()
    assert "Đề nghị Sở giải trình căn cứ đưa cửa hàng" in page and 'href="#id_name"' in page
    assert not ExplanationRequest.objects.exists()


def test_an_explanation_is_public_only_with_consent_and_without_contact_details(client):
    shown = ExplanationFactory(subject="Giải trình tiêu chí xét chọn hội chợ")
    ExplanationFactory(subject="Giải trình không được đồng ý công khai", publish_consent=False)

    listing = client.get("/giai-trinh/").content.decode()
    page = client.get(f"/giai-trinh/{shown.code}/").content.decode()

    assert shown.subject in listing and "không được đồng ý công khai" not in listing
    for part in (shown.meeting_results, shown.legal_basis, shown.explanation, shown.content):
        assert part in page
    assert shown.requester_address not in page


def _admin_form(item, unit, **changes):
    return {
        "received_on": item.received_on.strftime("%d/%m/%Y"),
        "unit": unit.pk,
        "status": "explained",
        "decided_on": "",
        "requester_name": item.requester_name,
        "requester_address": item.requester_address,
        "phone": "",
        "email": "",
        "subject": item.subject,
        "content": item.content,
        "refusal_reason": "",
        "meeting_results": "",
        "legal_basis": "Quy chế xét chọn đơn vị tham gia hội chợ.",
        "explanation": "Hồ sơ nộp sau thời hạn đăng ký.",
        "explained_on": "",
        "is_published": "on",
    } | changes


def test_the_written_explanation_must_hold_every_part_the_decree_lists(client, unit_a):
    officer = make_staff(roles.RECEPTION_OFFICER, unit=unit_a)
    item = ExplanationFactory(
        unit=unit_a, status="accepted", explained_on=None, meeting_results="", is_published=False
    )
    client.force_login(officer)
    url = f"/quan-tri/accountability/explanationrequest/{item.pk}/change/"

    refused = client.post(url, _admin_form(item, unit_a))
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["meeting_results"]

    done = client.post(url, _admin_form(item, unit_a, meeting_results="Đã làm việc trực tiếp."))
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == "explained" and item.explained_on == timezone.localdate()
    assert item.is_published


def test_another_units_request_is_hidden_from_an_officer(client, unit_a, unit_b):
    officer = make_staff(roles.RECEPTION_OFFICER, unit=unit_a)
    other = ExplanationFactory(unit=unit_b, subject="Yêu cầu của phòng B")
    client.force_login(officer)

    listing = client.get("/quan-tri/accountability/explanationrequest/").content.decode()
    change = client.get(f"/quan-tri/accountability/explanationrequest/{other.pk}/change/")

    assert "Yêu cầu của phòng B" not in listing
    assert change.status_code == 302


def test_a_conclusion_summary_is_public_with_its_recommendations(client):
    recommendation = RecommendationFactory()
    draft = ConclusionFactory(title="Kết luận chưa được công khai", publication="draft")

    listing = client.get("/ket-luan-thanh-tra/").content.decode()
    page = client.get(recommendation.conclusion.get_absolute_url()).content.decode()

    assert recommendation.conclusion.title in listing and draft.title not in listing
    assert recommendation.text in page and "quá hạn" in page
    assert client.get(f"/ket-luan-thanh-tra/{draft.pk}/").status_code == 404


def test_overdue_recommendations_warn_on_the_staff_dashboard(client, inspector):
    late = RecommendationFactory(text="Thu hồi giấy chứng nhận của cửa hàng vi phạm.")
    RecommendationFactory(
        text="Tập huấn pháp luật cho các cửa hàng.",
        due_on=timezone.localdate() + timedelta(days=30),
    )
    RecommendationFactory(
        text="Bố trí lại khu vực chứa chai khí.",
        status=Recommendation.Status.IMPLEMENTED,
        implemented_on=timezone.localdate() - timedelta(days=20),
    )
    client.force_login(inspector)

    page = client.get("/quan-tri/tong-quan/").content.decode()

    assert late.text in page and late.conclusion.number in page
    assert "Tập huấn pháp luật" not in page and "Bố trí lại khu vực" not in page


def test_an_officer_records_implementation_only_for_their_units(client, unit_a, unit_b):
    officer = make_staff(roles.RECEPTION_OFFICER, unit=unit_a)
    own = RecommendationFactory(conclusion=ConclusionFactory(unit=unit_a))
    other = RecommendationFactory(conclusion=ConclusionFactory(unit=unit_b))
    client.force_login(officer)
    base = "/quan-tri/accountability/recommendation/"

    assert client.get(f"{base}{other.pk}/change/").status_code == 302
    response = client.post(
        f"{base}{own.pk}/change/",
        {
            "conclusion": own.conclusion.pk,
            "text": own.text,
            "responsible_unit": own.responsible_unit,
            "follow_up_unit": unit_a.pk,
            "due_on": own.due_on.strftime("%d/%m/%Y"),
            "status": "implemented",
            "implemented_on": "",
            "note": "Đã thu hồi 02 giấy chứng nhận.",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.implemented_on == timezone.localdate() and not own.on_time
