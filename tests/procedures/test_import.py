"""Importing the catalog: a changed row records its difference field by field, which the
procedure's page shows as "Sửa đổi ngày …"; a file with one bad row saves nothing and says
which row is wrong; export gives back what import reads."""

import pytest
import tablib
from django.urls import reverse

from procedures.models import Procedure, ProcedureChange
from procedures.resources import ProcedureResource
from tests.procedures.factories import ProcedureFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "portal_key", "code", "name", "level", "field", "implementing_agency", "deciding_agency",
    "steps",
    "requirements", "results", "online_level", "national_portal_url", "legal_basis",
    "days_in_person", "fee_in_person", "days_online", "fee_online", "days_by_post", "fee_by_post",
]  # fmt: skip


def _row(code, name, key="", **values):
    row = dict.fromkeys(HEADERS, "")
    row["portal_key"] = key
    row.update(
        code=code, name=name, level="Cấp tỉnh", field="Kinh doanh khí",
        implementing_agency="Sở Công Thương", online_level="Một phần",
        days_in_person="7", fee_in_person="0", legal_basis="87/2018/NĐ-CP",
    )  # fmt: skip
    row.update(values)
    return [row[h] for h in HEADERS]


def _import(rows, user=None):
    data = tablib.Dataset(*rows, headers=HEADERS)
    return ProcedureResource().import_data(data, dry_run=False, user=user)


def test_an_import_records_what_changed_in_each_procedure(client):
    lpg = ProcedureFactory(code="2.000207", name="Cấp lại Giấy chứng nhận trạm nạp LPG vào chai")
    result = _import(
        [
            _row("2.000207", lpg.name, days_in_person="5", online_level="Toàn trình"),
            _row("2.000187", "Cấp lại Giấy chứng nhận đủ điều kiện trạm nạp LPG vào xe bồn"),
        ]
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert Procedure.objects.count() == 2
    change = ProcedureChange.objects.get()  # the new procedure is not an amendment
    assert change.procedure == lpg
    by_field = {d["field"]: d for d in change.differences}
    assert by_field["online_level"]["old"] == "Một phần"
    assert by_field["online_level"]["new"] == "Toàn trình"
    assert "7 ngày làm việc" in by_field["methods"]["old"]
    assert "5 ngày làm việc" in by_field["methods"]["new"]
    assert by_field["field"]["new"] == "Kinh doanh khí"
    assert Procedure.objects.get(pk=lpg.pk).processing_days("in_person") == 5

    # The same file again changes nothing and records nothing.
    _import([_row("2.000207", lpg.name, days_in_person="5", online_level="Toàn trình")])
    assert ProcedureChange.objects.count() == 1

    page = client.get(reverse("procedures:procedure_detail", args=[lpg.pk])).content.decode()
    assert "Sửa đổi ngày" in page and "Toàn trình" in page


def test_a_file_with_a_bad_row_saves_nothing_and_names_the_row():
    lpg = ProcedureFactory(code="2.000207", online_level="partial")
    result = _import(
        [
            _row("2.000207", lpg.name, online_level="Toàn trình"),
            _row("2.000187", "Cấp lại Giấy chứng nhận trạm nạp LPG vào xe bồn", days_online="bảy"),
            _row("", "Thủ tục không có mã", key="999999"),  # no such portal key
        ]
    )
    assert result.has_errors() or result.has_validation_errors()
    lines = [line for line, _errors in result.row_errors()]
    lines += [row.number for row in result.invalid_rows]
    assert sorted(set(lines)) == [2, 3]
    assert Procedure.objects.count() == 1
    assert Procedure.objects.get().online_level == "partial"
    assert not ProcedureChange.objects.exists()


def test_the_export_reads_back_as_an_import():
    ProcedureFactory(code="2.000648", name="Cấp Giấy chứng nhận cửa hàng bán lẻ xăng dầu")
    exported = ProcedureResource().export()
    assert exported.headers == HEADERS
    assert exported.dict[0]["days_in_person"] == 7
    assert exported.dict[0]["portal_key"] == str(Procedure.objects.get().pk)
    result = ProcedureResource().import_data(exported, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert not ProcedureChange.objects.exists()


def test_procedures_without_a_national_code_are_imported_and_updated_by_their_portal_key():
    coded = ProcedureFactory(code="2.000648", name="Cấp Giấy chứng nhận cửa hàng bán lẻ xăng dầu")
    result = _import(
        [
            _row("", "Cấp Giấy xác nhận ưu đãi dự án sản xuất sản phẩm công nghiệp hỗ trợ"),
            _row("", "Cấp Giấy phép sử dụng vật liệu nổ công nghiệp", field="Vật liệu nổ"),
        ]
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert Procedure.objects.filter(code="").count() == 2

    # The export gives each its portal key; edited and imported again, the file updates the
    # same rows, the coded one and those without a code, and records what changed.
    exported = ProcedureResource().export()
    keys = {row["name"]: row["portal_key"] for row in exported.dict}
    rows = []
    for row in exported.dict:
        row = dict(row)
        if row["code"] == "":
            row["requirements"] = "Có đủ điều kiện theo Nghị định 111/2015/NĐ-CP."
        else:
            row["name"] = "Cấp lại Giấy chứng nhận cửa hàng bán lẻ xăng dầu"
        rows.append([row[h] for h in HEADERS])
    result = _import(rows)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Procedure.objects.count() == 3
    uncoded = Procedure.objects.filter(code="")
    assert all(p.requirements.startswith("Có đủ điều kiện") for p in uncoded)
    assert {p.name: str(p.pk) for p in uncoded} == {
        name: key for name, key in keys.items() if name != coded.name
    }
    assert Procedure.objects.get(pk=coded.pk).name.startswith("Cấp lại")
    assert ProcedureChange.objects.count() == 3

    # A file without keys would copy the procedures without a code: refused, nothing saved.
    result = _import(
        [
            _row("", "Cấp Giấy phép sử dụng vật liệu nổ công nghiệp", field="Hóa chất"),
            _row("2.000999", "Thủ tục mới"),
        ]
    )
    assert result.has_errors() or result.has_validation_errors()
    assert Procedure.objects.count() == 3
    assert Procedure.objects.get(name__startswith="Cấp Giấy phép sử dụng").field == "Vật liệu nổ"


def test_dossiers_import_from_the_one_stop_export_with_their_appointment(officer_a, unit_a, unit_b):
    from procedures.models import Dossier
    from procedures.resources import DossierResource

    ProcedureFactory(code="2.000648", days=5)
    headers = [
        "code", "procedure_code", "unit", "applicant_kind", "applicant_name", "applicant_phone",
        "channel", "received_at", "status", "resolved_on", "returned_on", "result_digitised",
    ]  # fmt: skip
    row = ["H17.31-240202-0001", "2.000648", unit_a.code, "business", "Công ty TNHH Minh Phát",
           "0912 345 678", "in_person", "02/02/2024 16:45", "received", "", "", "0"]  # fmt: skip
    result = DossierResource().import_data(
        tablib.Dataset(row, headers=headers), dry_run=False, user=officer_a
    )
    assert not result.has_errors() and not result.has_validation_errors()
    dossier = Dossier.objects.get()
    assert str(dossier.due_date) == "2024-02-16"  # five working days across Tết 2024
    assert dossier.steps.count() == 4

    # Another unit's dossiers are refused, and nothing of the file is saved.
    other = ["H17.31-240202-0002", *row[1:2], unit_b.code, *row[3:]]
    result = DossierResource().import_data(
        tablib.Dataset(other, headers=headers), dry_run=False, user=officer_a
    )
    assert result.has_validation_errors()
    assert Dossier.objects.count() == 1
