import io
from datetime import datetime, timedelta

import icalendar
import lxml.html
import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from portal.selectors import legal_limit
from services.models import PlannedOutage
from services.resources import PlannedOutageResource

from .factories import PlannedOutageFactory, WardFactory

pytestmark = pytest.mark.django_db

HEADERS = ["Mã thông báo", "Phường/xã", "Khu vực", "Bắt đầu", "Kết thúc", "Lý do", "Ngày thông báo"]


@pytest.fixture
def wards():
    return {
        name: WardFactory(name=name)
        for name in ["Phường Gia Sàng", "Phường Quan Triều", "Xã Đại Phúc", "Phường Phổ Yên"]
    }


def _local(text: str) -> datetime:
    return timezone.make_aware(datetime.strptime(text, "%d/%m/%Y %H:%M"))


def _power_company_file(*rows) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=HEADERS)
    for row in rows:
        dataset.append(row)
    return dataset


GOOD_ROWS = [
    ["PC-TN-001", "Phường Gia Sàng", "Tổ dân phố 3, 5", "05/12/2026 07:30", "05/12/2026 11:30",
     "Bảo dưỡng lưới điện", "28/11/2026 09:00"],
    ["PC-TN-002", "phuong quan trieu; xa dai phuc", "Chợ Quan Triều", "06/12/2026 13:00",
     "06/12/2026 17:00", "Thay máy biến áp", "04/12/2026 16:00"],
]  # fmt: skip


def test_the_power_company_file_imports_wards_with_or_without_diacritics(wards):
    result = PlannedOutageResource().import_data(
        _power_company_file(*GOOD_ROWS), dry_run=False, raise_errors=False
    )
    assert not result.has_errors() and not result.has_validation_errors()
    first = PlannedOutage.objects.get(reference="PC-TN-001")
    assert first.starts_at == _local("05/12/2026 07:30")
    assert first.ends_at == _local("05/12/2026 11:30")
    assert [w.name for w in first.wards.all()] == ["Phường Gia Sàng"]
    second = PlannedOutage.objects.get(reference="PC-TN-002")
    assert sorted(w.name for w in second.wards.all()) == ["Phường Quan Triều", "Xã Đại Phúc"]
    assert second.ward_names == "Phường Quan Triều, Xã Đại Phúc"  # as the finder shows them
    assert second.announced_at == _local("04/12/2026 16:00")


def test_one_bad_row_saves_nothing_and_the_row_is_named(wards):
    dataset = _power_company_file(
        *GOOD_ROWS,
        ["PC-TN-003", "Phường Không Có", "", "07/12/2026 07:00", "07/12/2026 09:00", "Sửa chữa",
         ""],
        ["PC-TN-004", "Phổ Yên", "", "31/02/2026 07:00", "07/12/2026 09:00", "Sửa chữa", ""],
    )  # fmt: skip
    result = PlannedOutageResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [3, 4]
    assert "Phường Không Có" in str(result.invalid_rows[0].field_specific_errors["wards"])
    assert "starts_at" in result.invalid_rows[1].field_specific_errors
    assert not PlannedOutage.objects.exists()


def test_an_end_before_the_start_is_refused(wards):
    dataset = _power_company_file(
        ["PC-TN-009", "Gia Sàng", "", "07/12/2026 11:00", "07/12/2026 09:00", "Sửa chữa", ""]
    )
    result = PlannedOutageResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert [row.number for row in result.invalid_rows] == [1]
    assert not PlannedOutage.objects.exists()


def _admin_import(client, content: bytes, name: str, format_label: str):
    url = reverse("admin:services_plannedoutage_import")
    formats = client.get(url).context["form"].fields["format"].choices
    index = next(value for value, label in formats if str(label).lower() == format_label)
    return client.post(
        url, {"format": index, "import_file": SimpleUploadedFile(name, content)}, follow=True
    )


def test_staff_import_an_xlsx_file_in_the_admin_after_a_preview(client, officer_a, wards):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in GOOD_ROWS:
        sheet.append(row)
    content = io.BytesIO()
    book.save(content)
    client.force_login(officer_a)
    preview = _admin_import(client, content.getvalue(), "lich-cat-dien.xlsx", "xlsx")
    assert preview.status_code == 200
    assert not PlannedOutage.objects.exists()
    confirm = lxml.html.fromstring(preview.content).xpath(
        "//form[.//input[@name='import_file_name']]"
    )[0]
    data = {field.name: field.value or "" for field in confirm.xpath(".//input[@name]")}
    done = client.post(reverse("admin:services_plannedoutage_process_import"), data, follow=True)
    assert done.status_code == 200
    assert PlannedOutage.objects.count() == 2


def test_the_admin_preview_of_a_bad_csv_names_the_row_and_saves_nothing(client, officer_a, wards):
    csv = (
        ",".join(HEADERS) + "\nPC-TN-010,Phường Không Có,,05/12/2026 07:30,05/12/2026 11:30,Sửa,\n"
    )
    client.force_login(officer_a)
    response = _admin_import(client, csv.encode(), "lich.csv", "csv")
    assert "Phường Không Có" in response.content.decode()
    assert not PlannedOutage.objects.exists()


def test_a_ward_typed_without_diacritics_finds_its_outages(client, wards):
    start = timezone.localtime() + timedelta(days=2)
    mine = PlannedOutageFactory(wards=[wards["Phường Gia Sàng"]], starts_at=start, reference="A-1")
    PlannedOutageFactory(wards=[wards["Phường Quan Triều"]], starts_at=start, reference="B-1")
    later = PlannedOutageFactory(
        wards=[wards["Phường Gia Sàng"]], starts_at=start + timedelta(days=40), reference="A-2"
    )
    response = client.get(reverse("services:outage_list"), {"ward": "gia sang"})
    page = response.content.decode()
    assert response.status_code == 200
    assert mine.reference in page and "B-1" not in page and later.reference not in page
    day = (start + timedelta(days=40)).date()
    response = client.get(
        reverse("services:outage_list"),
        {"ward": "GIA SANG", "start": day.strftime("%d/%m/%Y"), "end": day.isoformat()},
    )
    assert later.reference in response.content.decode()
    assert mine.reference not in response.content.decode()


def test_each_outage_reads_as_its_day_hours_place_and_reason(client, wards):
    """A row gives the weekday in Vietnamese, the hours (the end's date only when it differs),
    the place and the reason as typed: markup in an imported text stays text."""
    day = (timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())).strftime(
        "%d/%m/%Y"
    )  # next Monday
    PlannedOutageFactory(
        wards=[wards["Phường Gia Sàng"]],
        starts_at=_local(f"{day} 07:30"),
        ends_at=_local(f"{day} 11:30"),
        area="Tổ 3 <b>& chợ</b>",
        reason="Thay <script>cầu dao</script>",
        reference="PC-TN-777",
        is_cancelled=True,
    )
    response = client.get(reverse("services:outage_list"), {"ward": "gia sang"})
    [row] = lxml.html.fromstring(response.content).xpath("//li[starts-with(@id, 'cat-dien-')]")
    heading = " ".join(row.xpath(".//h3")[0].text_content().split())
    assert heading == f"Thứ Hai {day}, 07:30 – 11:30 Đã hủy"
    assert row.xpath(".//time/@datetime")[0] == _local(f"{day} 07:30").isoformat()
    text = row.text_content()
    assert "Phường Gia Sàng: Tổ 3 <b>& chợ</b>" in text
    assert "Thay <script>cầu dao</script>" in text and "PC-TN-777" in text
    assert not row.xpath(".//script | .//b")


def test_the_finder_pages_through_its_outages_with_previous_and_next(client, wards):
    ward = wards["Phường Quan Triều"]
    start = timezone.localtime() + timedelta(days=1)
    for hour in range(31):
        PlannedOutageFactory(
            wards=[ward], starts_at=start + timedelta(hours=hour), reference=f"QT-{hour:02d}"
        )
    first = lxml.html.fromstring(
        client.get(reverse("services:outage_list"), {"ward": "quan trieu"}).content
    )
    assert len(first.xpath("//ol[contains(@class,'app-outages')]/li")) == 30
    [next_link] = first.xpath("//nav[@class='govuk-pagination']//a[@rel='next']/@href")
    assert not first.xpath("//nav[@class='govuk-pagination']//a[@rel='prev']")
    second = lxml.html.fromstring(client.get(reverse("services:outage_list") + next_link).content)
    [row] = second.xpath("//ol[contains(@class,'app-outages')]")
    assert row.get("start") == "31" and "QT-30" in row.text_content()
    assert second.xpath("//nav[@class='govuk-pagination']//a[@rel='prev']")
    assert not second.xpath("//nav[@class='govuk-pagination']//a[@rel='next']")


def test_an_unknown_ward_is_an_error_that_keeps_what_was_typed(client, wards):
    response = client.get(reverse("services:outage_list"), {"ward": "gia sangg", "start": "x"})
    page = lxml.html.fromstring(response.content)
    summary = page.xpath("//div[contains(@class,'govuk-error-summary')]")[0].text_content()
    assert "gia sangg" in summary
    assert page.xpath("//input[@name='ward']/@value") == ["gia sangg"]
    assert page.xpath("//input[@name='start']/@value") == ["x"]


def test_the_ical_feed_of_a_ward_parses_and_holds_its_outages(client, wards):
    ward = wards["Phường Gia Sàng"]
    start = timezone.now().replace(microsecond=0) + timedelta(days=3)
    outage = PlannedOutageFactory(wards=[ward], starts_at=start, reference="PC-TN-777")
    PlannedOutageFactory(wards=[wards["Xã Đại Phúc"]], reference="PC-TN-888")
    response = client.get(reverse("services:outage_ical", args=[ward.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    events = list(feed.walk("VEVENT"))
    assert len(events) == 1
    assert events[0]["dtstart"].dt == start
    assert events[0]["dtend"].dt == outage.ends_at
    assert "PC-TN-777" in str(events[0]["description"])
    assert "Gia Sàng" in str(events[0]["location"])


def test_outages_announced_late_are_flagged_for_staff(client, officer_a, wards):
    days = legal_limit("power-outage-notice").value
    assert days == 5
    start = timezone.now() + timedelta(days=3)
    PlannedOutageFactory(starts_at=start, announced_at=start - timedelta(days=2), reference="LATE")
    PlannedOutageFactory(starts_at=start, announced_at=start - timedelta(days=6), reference="OK")
    client.force_login(officer_a)
    url = reverse("admin:services_plannedoutage_changelist")
    flagged = client.get(url, {"bao_truoc": "ngan"}).content.decode()
    assert "LATE" in flagged and ">OK<" not in flagged
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert "1 coming power outage" in dashboard or "Thông tư 22/2020/TT-BCT" in dashboard


def test_the_finder_names_follow_a_ward_however_its_outages_change():
    """The finder shows the ward names each outage stores: removing a ward from its outages,
    one by one or all at once from the ward's side, leaves none naming it."""
    gia_sang, dai_phuc = WardFactory(name="Phường Gia Sàng"), WardFactory(name="Xã Đại Phúc")
    first = PlannedOutageFactory(wards=[gia_sang, dai_phuc])
    second = PlannedOutageFactory(wards=[gia_sang])

    gia_sang.outages.remove(second)
    second.refresh_from_db()
    assert second.ward_names == ""
    dai_phuc.outages.clear()
    first.refresh_from_db()
    assert first.ward_names == "Phường Gia Sàng"
