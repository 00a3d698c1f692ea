import csv
import io

import lxml.html
import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from portal import publishing
from transparency.models import Document, Field
from transparency.resources import DocumentExportResource, DocumentResource

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db

HEADERS = ["number", "kind", "summary", "issuer", "issued_on", "effective_on", "fields"]


def test_it_imports_a_list_as_drafts_with_vietnamese_kinds_and_dates():
    dataset = tablib.Dataset(headers=HEADERS)
    dataset.append(
        [
            "83/2014/NĐ-CP",
            "Nghị định",
            "Về kinh doanh xăng dầu",
            "Chính phủ",
            "03/09/2014",
            "",
            "Kinh doanh xăng dầu",
        ]
    )
    dataset.append(
        ["28/2004/QH11", "law", "Luật Điện lực", "Quốc hội", "2004-12-03", "", "Điện; Năng lượng"]
    )
    result = DocumentResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert not result.has_errors() and not result.has_validation_errors()
    decree = Document.objects.get(number="83/2014/NĐ-CP")
    assert decree.kind == Document.Kind.DECREE
    assert decree.issued_on.isoformat() == "2014-09-03"
    assert decree.publication == "draft"
    assert set(Field.objects.values_list("name", flat=True)) == {
        "Kinh doanh xăng dầu",
        "Điện",
        "Năng lượng",
    }


def test_it_reports_each_bad_row_and_saves_nothing():
    dataset = tablib.Dataset(headers=HEADERS)
    dataset.append(["1/2024/NĐ-CP", "Nghị định", "Hợp lệ", "Chính phủ", "01/01/2024", "", "Điện"])
    dataset.append(["2/2024/NĐ-CP", "Sắc lệnh lạ", "Loại sai", "Chính phủ", "01/01/2024", "", ""])
    dataset.append(["3/2024/NĐ-CP", "Nghị định", "Ngày sai", "Chính phủ", "31/02/2024", "", ""])
    dataset.append(["", "Nghị định", "", "Chính phủ", "", "", ""])
    result = DocumentResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2, 3, 4]
    assert "kind" in result.invalid_rows[0].field_specific_errors
    assert "issued_on" in result.invalid_rows[1].field_specific_errors
    assert Document.objects.count() == 0
    assert Field.objects.count() == 0


@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_it_escapes_formulas_on_export(settings, file_format):
    DocumentFactory(summary='=HYPERLINK("http://evil.example","bấm vào")', number="5/2024/QĐ-UBND")
    # What the admin's export does with the dataset, under the project's setting.
    assert settings.IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT
    exported = file_format().export_data(DocumentExportResource().export())
    if file_format is XLSX:
        sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        row = dict(zip(rows[0], rows[1], strict=True))
    else:
        row = next(csv.DictReader(io.StringIO(exported)))
    assert not str(row["summary"]).startswith("=")
    assert "HYPERLINK" in str(row["summary"])
    assert row["number"] == "5/2024/QĐ-UBND"
    assert row["publication"] == "published"


def test_it_exports_csv_and_xlsx_from_the_admin(client, editor):
    DocumentFactory(number="7/2024/QĐ-UBND")
    client.force_login(editor)
    url = reverse("admin:transparency_document_export")
    page = client.get(url)
    assert page.status_code == 200
    formats = page.context["form"].fields["format"].choices
    labels = [str(label).lower() for _value, label in formats]
    assert "csv" in labels and "xlsx" in labels


def test_it_previews_a_bad_import_in_the_admin_without_saving(client, editor):
    client.force_login(editor)
    csv_text = (
        "number,kind,summary,issuer,issued_on\n9/2024/NĐ-CP,Không rõ,Sai,Chính phủ,01/01/2024\n"
    )
    response = _preview_import(client, csv_text)
    assert "Không rõ" in response.content.decode()
    assert not Document.objects.exists()


def test_it_previews_an_import_in_vietnamese_with_labels_not_codes(client, editor):
    """The preview's columns carry the field names and its cells the kinds and statuses as
    staff read them elsewhere, not the file's column codes ("issued_on") or stored values."""
    client.force_login(editor)
    csv_text = (
        "number,kind,summary,issuer,issued_on,legal_status\n"
        "12/2024/QĐ-UBND,decision,Về giá dịch vụ,Ủy ban nhân dân tỉnh,05/03/2024,in_force\n"
    )
    response = _preview_import(client, csv_text)
    preview = lxml.html.fromstring(response.text).xpath("//table[@class='import-preview']")[0]
    headers = [th.text_content().strip() for th in preview.xpath(".//thead//th")]
    assert headers[1:5] == ["Số, ký hiệu", "Loại", "Tóm tắt", "Cơ quan ban hành"]
    cells = [td.text_content().strip() for td in preview.xpath(".//tbody//td | .//tr/td")]
    assert "Quyết định" in cells and "Còn hiệu lực" in cells and "05/03/2024" in cells
    assert not {"decision", "in_force", "2024-03-05"} & set(cells)
    assert not Document.objects.exists()


def _preview_import(client, csv_text: str):
    """Posts the admin's import form with a CSV file, as a member of staff does."""
    url = reverse("admin:transparency_document_import")
    formats = client.get(url).context["form"].fields["format"].choices
    csv_index = next(value for value, label in formats if str(label).lower() == "csv")
    preview = client.post(
        url,
        {
            "format": csv_index,
            "resource": 0,
            "import_file": SimpleUploadedFile("van-ban.csv", csv_text.encode(), "text/csv"),
        },
    )
    assert preview.status_code == 200
    return preview


def _import_through_the_admin(client, csv_text: str):
    """The import form, then (when the preview offers it) its confirm form. Returns the
    preview and the confirmation's response (or None)."""
    preview = _preview_import(client, csv_text)
    confirm_form = preview.context.get("confirm_form")
    if confirm_form is None:
        return preview, None
    confirmed = client.post(
        reverse("admin:transparency_document_process_import"), confirm_form.initial
    )
    return preview, confirmed


CORRECTION = (
    "number,kind,summary,issuer,issued_on\n"
    "15/2024/QĐ-UBND,decision,Về giá dịch vụ thoát nước,Ủy ban nhân dân tỉnh,05/03/2024\n"
)


@pytest.fixture
def published_decision(editor, django_capture_on_commit_callbacks):
    from .factories import IssuerFactory, draft

    with django_capture_on_commit_callbacks(execute=True):
        document = draft(
            number="15/2024/QĐ-UBND",
            kind=Document.Kind.DECISION,
            summary="Về giá dịch vụ cấp nước sạch",
            issuer=IssuerFactory(name="Ủy ban nhân dân tỉnh"),
        )
        publishing.item_publish(item=document, user=editor)
    return document


def _search_finds(client, words: str, document) -> bool:
    page = client.get(reverse("portal:search"), {"q": words}).content.decode()
    return f'href="{document.get_absolute_url()}"' in page


def test_an_import_that_corrects_a_published_summary_updates_search_and_the_cached_list(
    client, editor, published_decision, django_capture_on_commit_callbacks
):
    from django.test import Client

    visitor = Client()
    listing = reverse("transparency:document_list")
    assert "cấp nước sạch" in visitor.get(listing).content.decode()  # now cached
    assert _search_finds(visitor, "cấp nước sạch", published_decision)

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _preview, confirmed = _import_through_the_admin(client, CORRECTION)
    assert confirmed is not None and confirmed.status_code == 302

    published_decision.refresh_from_db()
    assert published_decision.summary == "Về giá dịch vụ thoát nước"
    page = visitor.get(listing).content.decode()
    assert "thoát nước" in page and "cấp nước sạch" not in page
    assert _search_finds(visitor, "thoát nước", published_decision)
    assert not _search_finds(visitor, "cấp nước sạch", published_decision)
    assert published_decision.history.first().history_user == editor


def test_changing_a_published_document_by_import_needs_the_publish_permission(
    client, published_decision
):
    from portal import roles
    from tests.helpers import make_staff

    officer = make_staff(roles.PROCEDURES_OFFICER)
    client.force_login(officer)
    preview, confirmed = _import_through_the_admin(client, CORRECTION)
    assert confirmed is None
    assert "Chỉ biên tập viên được đăng hoặc sửa nội dung đã đăng." in preview.content.decode()
    published_decision.refresh_from_db()
    assert published_decision.summary == "Về giá dịch vụ cấp nước sạch"

    # A new document arrives as a draft: that needs no publish permission.
    new_row = "number,kind,summary,issuer\n16/2024/QĐ-UBND,decision,Về phí,Ủy ban nhân dân tỉnh\n"
    _preview, confirmed = _import_through_the_admin(client, new_row)
    assert confirmed is not None and confirmed.status_code == 302
    assert Document.objects.get(number="16/2024/QĐ-UBND").publication == "draft"
