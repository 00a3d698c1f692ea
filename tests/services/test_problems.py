from datetime import timedelta

import lxml.html
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from services.models import SupplyProblem

from .factories import PNG_BYTES, SupplyProblemFactory, WardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    return WardFactory(name="Phường Gia Sàng")


def _report(ward, **overrides):
    data = {
        "kind": "hazard",
        "ward": ward.pk,
        "address": "Số 12, tổ dân phố 5",
        "description": "Cột điện nghiêng sau mưa bão, dây võng thấp sát mái nhà.",
        "name": "Nguyễn Văn Bình",
        "phone": "0987 654 321",
        "email": "binh@example.vn",
        "consent": "on",
        "website": "",
    }
    return {**data, **overrides}


def test_a_citizen_reports_a_problem_with_a_photo_and_gets_a_tracking_code(
    client, ward, tmp_path, settings
):
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "portal.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)},
    }}  # fmt: skip
    photo = SimpleUploadedFile("cot-dien.png", PNG_BYTES, content_type="image/png")
    response = client.post(reverse("services:problem_report"), _report(ward, photo=photo))
    problem = SupplyProblem.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("services:problem_status", args=[problem.code]))
    page = client.get(response["Location"]).content.decode()
    assert problem.code in page and "Cột điện" not in page  # no personal text shown
    assert (problem.photo and problem.unit is None) or problem.photo
    assert problem.status == SupplyProblem.Status.RECEIVED
    assert [m.to for m in mail.outbox] == [["binh@example.vn"]]
    assert problem.code in mail.outbox[0].body


def test_an_error_keeps_everything_typed(client, ward):
    response = client.post(
        reverse("services:problem_report"), _report(ward, phone="12", consent="")
    )
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    summary = page.xpath("//div[contains(@class,'govuk-error-summary')]")[0].text_content()
    assert ("0912 345 678" in summary and "personal data" in summary) or "dữ liệu" in summary
    assert page.xpath("//input[@name='address']/@value") == ["Số 12, tổ dân phố 5"]
    assert "Cột điện nghiêng" in page.xpath("//textarea[@name='description']")[0].text
    assert page.xpath("//input[@name='kind'][@checked]/@value") == ["hazard"]
    assert not SupplyProblem.objects.exists()


def test_a_bot_filling_the_hidden_field_saves_nothing(client, ward):
    response = client.post(reverse("services:problem_report"), _report(ward, website="x.example"))
    assert response.status_code == 200
    assert not SupplyProblem.objects.exists()


def test_a_picture_that_is_not_one_is_refused(client, ward):
    fake = SimpleUploadedFile("anh.jpg", b"MZ not a picture", content_type="image/jpeg")
    response = client.post(reverse("services:problem_report"), _report(ward, photo=fake))
    assert response.status_code == 200
    assert not SupplyProblem.objects.exists()


def test_the_code_finds_the_status_typed_in_lower_case(client, ward):
    problem = SupplyProblemFactory(ward=ward, code="SCD-ABCD2345")
    response = client.get(reverse("services:problem_lookup"), {"code": " scd-abcd2345 "})
    assert response["Location"] == reverse("services:problem_status", args=[problem.code])
    missing = client.get(reverse("services:problem_lookup"), {"code": "SCD-NOPE"})
    assert missing.status_code == 200
    assert lxml.html.fromstring(missing.content).xpath(
        "//*[contains(@class,'govuk-error-message')]"
    )
    assert client.get(reverse("services:problem_status", args=["SCD-NOPE"])).status_code == 404


def test_staff_forward_answer_and_resolve_and_the_citizen_is_mailed_once(client, officer_b, ward):
    problem = SupplyProblemFactory(ward=ward)
    client.force_login(officer_b)
    changelist = reverse("admin:services_supplyproblem_changelist")
    confirm = client.post(
        changelist, {"action": "forward_to_power_company", "_selected_action": [problem.pk]}
    )
    assert confirm.status_code == 200 and b"confirm" in confirm.content
    client.post(
        changelist,
        {
            "action": "forward_to_power_company",
            "_selected_action": [problem.pk],
            "confirm": "1",
            "to": "cskh@pc-thainguyen.example.vn",
        },
    )
    problem.refresh_from_db()
    assert problem.status == SupplyProblem.Status.FORWARDED
    assert problem.forwarded_to == "cskh@pc-thainguyen.example.vn"
    assert mail.outbox[-1].to == ["cskh@pc-thainguyen.example.vn"]
    assert problem.code in mail.outbox[-1].subject and problem.address in mail.outbox[-1].body
    assert problem.history.first().history_change_reason.startswith("Chuyển tới")

    change = reverse("admin:services_supplyproblem_change", args=[problem.pk])
    answer = "Đã dựng lại cột điện, kéo căng dây."
    client.post(change, {"answer": answer, "resolved_on": ""})
    problem.refresh_from_db()
    assert problem.status == SupplyProblem.Status.ANSWERED
    sent = len(mail.outbox)
    day = timezone.localdate().strftime("%d/%m/%Y")
    client.post(change, {"answer": answer, "resolved_on": day})
    client.post(change, {"answer": answer, "resolved_on": day})
    problem.refresh_from_db()
    assert problem.status == SupplyProblem.Status.RESOLVED
    assert [m.to for m in mail.outbox[sent:]] == [["tran.thi.hoa@example.vn"]]
    assert answer in mail.outbox[-1].body
    status = client.get(reverse("services:problem_status", args=[problem.code]))
    assert answer in status.content.decode()


def test_an_officer_of_another_unit_cannot_open_or_forward_a_report(client, officer_a, ward):
    problem = SupplyProblemFactory(ward=ward)
    client.force_login(officer_a)
    change = reverse("admin:services_supplyproblem_change", args=[problem.pk])
    assert client.get(change).status_code in (302, 403, 404)
    assert (
        problem.code
        not in client.get(reverse("admin:services_supplyproblem_changelist")).content.decode()
    )
    client.post(
        reverse("admin:services_supplyproblem_changelist"),
        {
            "action": "forward_to_power_company",
            "_selected_action": [problem.pk],
            "confirm": "1",
            "to": "x@example.vn",
        },
    )
    problem.refresh_from_db()
    assert problem.status == SupplyProblem.Status.RECEIVED and not mail.outbox


def test_the_aggregates_count_by_ward_and_month_without_personal_data(client, ward):
    other = WardFactory(name="Xã Đại Phúc")
    SupplyProblemFactory(ward=ward)
    SupplyProblemFactory(ward=ward, status=SupplyProblem.Status.RESOLVED)
    SupplyProblemFactory(ward=other)
    page = lxml.html.fromstring(client.get(reverse("services:problem_stats")).content)
    rows = [
        [cell.text_content().strip() for cell in row.xpath("./th|./td")]
        for row in page.xpath("//tbody/tr")
    ]
    month = timezone.localdate().strftime("%m/%Y")
    assert [month, "Phường Gia Sàng", "2", "1"] in rows
    assert [month, "Xã Đại Phúc", "1", "0"] in rows
    assert "Trần Thị Hoa" not in page.text_content()


def test_the_resolution_indicator_counts_problems_resolved_within_seven_days(ward):
    from portal.indicators import registry
    from portal.periods import Quarter

    today = timezone.localdate()
    quick = SupplyProblemFactory(ward=ward, resolved_on=today)
    slow = SupplyProblemFactory(ward=ward, resolved_on=today)
    SupplyProblem.objects.filter(pk=slow.pk).update(created_at=timezone.now() - timedelta(days=10))
    assert quick.pk
    quarter = Quarter.containing(today)
    assert registry.get("SV-03").compute(quarter) == 50.0


def test_personal_data_are_erased_two_years_after_the_report(ward):
    old = SupplyProblemFactory(ward=ward)
    recent = SupplyProblemFactory(ward=ward)
    SupplyProblem.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=731))
    from services.tasks import erase_old_problem_data

    assert erase_old_problem_data() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.phone, old.email) == ("", "", "")
    assert old.code and old.description
    assert recent.name == "Trần Thị Hoa"


def test_leadership_reads_every_report_but_cannot_forward_or_answer(client, leader, ward):
    problem = SupplyProblemFactory(ward=ward)
    client.force_login(leader)
    changelist = reverse("admin:services_supplyproblem_changelist")
    assert problem.code in client.get(changelist).content.decode()
    client.post(
        changelist,
        {
            "action": "forward_to_power_company",
            "_selected_action": [problem.pk],
            "confirm": "1",
            "to": "x@example.vn",
        },
    )
    change = reverse("admin:services_supplyproblem_change", args=[problem.pk])
    assert client.post(change, {"answer": "Đã xử lý.", "resolved_on": ""}).status_code == 403
    problem.refresh_from_db()
    assert problem.status == SupplyProblem.Status.RECEIVED and not mail.outbox


def test_an_inspector_has_no_access_to_the_reports_or_their_photo(client, inspector, ward):
    problem = SupplyProblemFactory(ward=ward, with_photo=True)
    client.force_login(inspector)
    assert client.get(reverse("admin:services_supplyproblem_changelist")).status_code == 403
    assert client.get(reverse("services:problem_photo", args=[problem.pk])).status_code == 403
