"""Complaints and denunciations: sent online (nothing typed lost on an error), followed by the
sender with a code, handled by the inspection unit and the assigned unit only, reminded before
each legal deadline and alerted after it; the public sees counts per quarter, never a case."""

from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.contrib import admin
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from import_export.formats.base_formats import XLSX

from accountability import actions
from accountability.models import Case, CaseAttachment
from accountability.resources import CaseResource
from portal import roles
from tests.accountability.factories import CaseFactory, VisitFactory
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db

FORM = "/tiep-cong-dan/gui-don/"
CHANGELIST = "/quan-tri/accountability/case/"


@pytest.fixture
def reception_a(unit_a):
    return make_staff(roles.RECEPTION_OFFICER, unit=unit_a)


@pytest.fixture
def reception_b(unit_b):
    return make_staff(roles.RECEPTION_OFFICER, unit=unit_b)


def _form(**changes):
    return {
        "kind": "complaint",
        "subject": "Khiếu nại quyết định không cấp giấy phép bán lẻ rượu",
        "content": "Ngày 02/11 Sở có văn bản không cấp giấy phép bán lẻ rượu cho cửa hàng tôi.",
        "name": "Phạm Văn Khoa",
        "address": "Tổ 4, phường Phan Đình Phùng, tỉnh Thái Nguyên",
        "phone": "0912 345 678",
        "email": "pham.van.khoa@example.vn",
        "consent": "on",
        "website": "",
    } | changes


def test_a_citizen_sends_a_complaint_and_follows_it_by_its_link(
    client, django_capture_on_commit_callbacks
):
    page = client.get(FORM).content.decode()
    assert "Khoản 1 Điều 36 Luật Khiếu nại" in page or "Luật Khiếu nại số 02/2011/QH13" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, _form())

    case = Case.objects.get()
    assert case.code.startswith("KN-") and case.channel == Case.Channel.ONLINE
    assert case.received_on == timezone.localdate() and case.consent_at is not None
    assert response.status_code == 302
    track = client.get(response["Location"]).content.decode()
    assert case.code in track
    assert "Thụ lý" in track or "thụ lý" in track
    assert "Luật Khiếu nại số 02/2011/QH13" in track  # the citation beside the deadline
    (message,) = mail.outbox
    assert case.code in message.subject and response["Location"] in message.body


def test_a_form_with_an_error_keeps_what_was_typed(client):
    response = client.post(FORM, _form(consent="", phone="12345"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Khiếu nại quyết định không cấp giấy phép bán lẻ rượu" in page
    assert "Ngày 02/11 Sở có văn bản" in page
    assert 'href="#id_phone"' in page and 'href="#id_consent"' in page
    assert not Case.objects.exists()


def test_a_bot_filling_the_trap_field_creates_nothing(client):
    response = client.post(FORM, _form(website="http://spam.example"))

    assert response.status_code == 200
    assert not Case.objects.exists()


def test_a_tracking_link_that_was_tampered_with_is_not_found(client):
    case = CaseFactory()
    token = actions.tracking_token(case)

    assert client.get(f"/tiep-cong-dan/gui-don/theo-doi/{token}x/").status_code == 404
    assert client.get(f"/tiep-cong-dan/gui-don/theo-doi/{case.code}/").status_code == 404


def test_unit_a_never_sees_unit_b_cases(client, reception_a, unit_a, unit_b, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path}},
    }
    own = CaseFactory(unit=unit_a, subject="Khiếu nại của phòng A")
    other = CaseFactory(unit=unit_b, subject="Tố cáo thuộc phòng B", code="TC-BBBBBBBB")
    attachment = CaseAttachment(case=other, original_name="don.pdf", format="pdf", size=10)
    attachment.file.save("don.pdf", ContentFile(b"%PDF-1.7 don"))
    client.force_login(reception_a)

    listing = client.get(CHANGELIST).content.decode()
    assert own.subject in listing and other.subject not in listing
    searched = client.get(CHANGELIST, {"q": other.code}).content.decode()
    assert other.subject not in searched
    # By id, the admin says it does not exist; its document and history are refused too.
    change = client.get(f"{CHANGELIST}{other.pk}/change/")
    assert change.status_code == 302 and change["Location"] == "/quan-tri/"
    assert client.get(f"{CHANGELIST}{other.pk}/history/").status_code == 302
    url = f"/quan-tri/vu-viec/{other.pk}/tai-lieu/{attachment.pk}/"
    assert client.get(url).status_code == 404
    board = client.get("/quan-tri/vu-viec/han-xu-ly/").content.decode()
    assert own.code in board and other.code not in board
    codes = [row[0] for row in _export_rows(client)[1:]]
    assert codes == [own.code]


def test_the_inspection_unit_and_leadership_see_every_case(client, inspector, leader, unit_a):
    case = CaseFactory(unit=unit_a)
    for user in (inspector, leader):
        client.force_login(user)
        assert client.get(f"{CHANGELIST}{case.pk}/change/").status_code == 200


def _export_rows(client) -> list[tuple]:
    model_admin = admin.site._registry[Case]
    xlsx = next(i for i, f in enumerate(model_admin.get_export_formats()) if f is XLSX)
    fields = {f"caseresource_{name}": "on" for name in CaseResource().get_export_order()}
    response = client.post(
        f"{CHANGELIST}export/", {"format": xlsx, "resource": 0, "export_items": [], **fields}
    )
    assert response.status_code == 200, response.content[:500]
    return list(
        openpyxl.load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    )


def test_an_officer_accepts_a_case_in_the_admin_and_the_sender_is_told(
    client, reception_a, unit_a, django_capture_on_commit_callbacks
):
    case = CaseFactory(unit=unit_a)
    client.force_login(reception_a)
    page = client.get(f"{CHANGELIST}{case.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields and not form.fields[name].disabled
    }
    data.update(
        {
            "received_on": case.received_on.strftime("%d/%m/%Y"),
            "unit": unit_a.pk,
            "officer": "",
            "visit": "",
            "status": "accepted",
            "within_competence": "on",
            "accepted_on": "",
            "notified_on": "",
            "forwarded_on": "",
            "resolved_on": "",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
        }
    )
    for flag in ("complex", "remote_area", "acceptance_extended"):
        data.pop(flag, None)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{CHANGELIST}{case.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    case.refresh_from_db()
    assert case.status == Case.Status.ACCEPTED and case.accepted_on == timezone.localdate()
    assert [m.to for m in mail.outbox] == [[case.email]]
    assert "Đã thụ lý" in mail.outbox[0].body or case.code in mail.outbox[0].body
    # The change page now shows the resolution clock with its citation.
    page = client.get(f"{CHANGELIST}{case.pk}/change/").content.decode()
    assert "Điều 28 Luật Khiếu nại số 02/2011/QH13" in page


def test_a_visit_becomes_a_case_of_its_unit(client, reception_a, unit_a):
    visit = VisitFactory(unit=unit_a, classification="denunciation")
    client.force_login(reception_a)

    client.post(
        "/quan-tri/accountability/visit/",
        {"action": "make_cases", "_selected_action": [visit.pk]},
    )

    case = Case.objects.get()
    assert case.visit == visit and case.unit == unit_a
    assert case.kind == Case.Kind.DENUNCIATION and case.received_on == visit.visited_on


def test_beat_reminds_before_a_deadline_and_alerts_once_it_passed(
    unit_a, reception_a, django_capture_on_commit_callbacks
):
    unit_a.email = "phong.a@example.vn"
    unit_a.save()
    case = CaseFactory(unit=unit_a, officer=reception_a)
    acceptance = next(c for c in actions_clocks(case) if c.key == "acceptance")

    with django_capture_on_commit_callbacks(execute=True):
        assert actions.case_alerts_send(today=acceptance.due - timedelta(days=10)) == 0
        assert actions.case_alerts_send(today=acceptance.due - timedelta(days=1)) == 1
        assert actions.case_alerts_send(today=acceptance.due - timedelta(days=1)) == 0
        assert actions.case_alerts_send(today=acceptance.due + timedelta(days=1)) == 1
        assert actions.case_alerts_send(today=acceptance.due + timedelta(days=2)) == 0

    reminder, alert = mail.outbox
    assert sorted(reminder.to) == sorted([reception_a.email, "phong.a@example.vn"])
    assert acceptance.due.strftime("%d/%m/%Y") in reminder.subject
    assert "Luật Khiếu nại số 02/2011/QH13" in alert.body


def actions_clocks(case):
    from accountability.deadlines import case_clocks

    return case_clocks(case)


def test_a_closed_case_is_never_reminded(unit_a):
    case = CaseFactory(unit=unit_a, status=Case.Status.RESOLVED)

    assert actions.case_alerts_send(today=case.received_on + timedelta(days=60)) == 0


def test_the_public_statistics_count_cases_per_quarter_and_show_no_case(client):
    today = timezone.localdate()
    CaseFactory(received_on=today, petitioner_name="Phạm Văn Khoa")
    CaseFactory(
        kind=Case.Kind.DENUNCIATION,
        received_on=today,
        accepted_on=today,
        status=Case.Status.ACCEPTED,
        petitioner_name="Hoàng Thị Thu",
    )

    page = client.get("/tiep-cong-dan/thong-ke-don/").content.decode()

    quarter = (today.month - 1) // 3 + 1
    assert f"Quý {quarter}/{today.year}" in page
    assert "Phạm Văn Khoa" not in page and "Hoàng Thị Thu" not in page
    assert "KN-TEST" not in page
