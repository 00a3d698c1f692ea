"""The receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả) and the apology letter as PDFs: read
back with pdftotext; the receipt's QR code, read back from the rendered page, is the status
page's address. No QR decoder is installed here (zxing-cpp, pyzbar, zbarimg): the code is read
by sampling its modules and compared with the matrix segno makes for the expected address."""

import shutil
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import segno
from django.urls import reverse

from procedures import actions
from procedures.views import status_url
from tests.helpers import require
from tests.procedures.factories import ProcedureFactory, make_dossier
from tests.procedures.helpers import qr_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(unit_a):
    procedure = ProcedureFactory(
        code="2.000648", name="Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", days=15
    )
    return make_dossier(
        unit=unit_a,
        procedure=procedure,
        applicant_name="Công ty TNHH Xăng dầu Minh Phát",
        received_at=datetime(2024, 2, 2, 16, 45, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )


def _drawn(matrix) -> str:
    """A matrix as lines of # and . (a short, readable difference when it fails)."""
    return "\n".join("".join("#" if m else "." for m in row) for row in matrix)


def _text(pdf: bytes, tmp_path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (apt-get install poppler-utils)")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_receipt_holds_the_code_procedure_and_due_date(client, officer_a, dossier, tmp_path):
    client.force_login(officer_a)
    response = client.get(reverse("procedures:dossier_receipt", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_text(response.content, tmp_path).split())
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert dossier.code in text
    assert "bán lẻ xăng dầu" in text and "2.000648" in text
    # 15 working days from Friday 2 February 2024, across Tết (8–14 February).
    assert dossier.due_date == date(2024, 3, 1)
    assert "01/03/2024" in text


def test_the_receipt_qr_code_opens_the_status_page(client, officer_a, dossier, tmp_path):
    require(shutil.which("pdftoppm") is not None, "pdftoppm (apt-get install poppler-utils)")
    client.force_login(officer_a)
    pdf = client.get(reverse("procedures:dossier_receipt", args=[dossier.pk])).content
    (tmp_path / "receipt.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile",
         str(tmp_path / "receipt.pdf"), str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    found = qr_matrix(tmp_path / "page.png")
    url = status_url(dossier)
    assert url.endswith(f"/tra-cuu-ho-so/?ma={dossier.code}")
    assert _drawn(found) == _drawn(segno.make(url, error="m").matrix)
    other = segno.make(url.replace(dossier.code, "SCT-000000-0000"), error="m")
    assert _drawn(found) != _drawn(other.matrix)


def test_the_apology_letter_gives_the_new_date(client, officer_a, dossier, tmp_path):
    url = reverse("procedures:dossier_apology", args=[dossier.pk])
    client.force_login(officer_a)
    assert client.get(url).status_code == 404  # not late, no letter
    actions.dossier_apologise(
        dossier=dossier, new_due_date=date(2024, 3, 8), reason="Cần kiểm tra thực tế cửa hàng."
    )
    text = " ".join(_text(client.get(url).content, tmp_path).split())
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "08/03/2024" in text and "01/03/2024" in text
    assert "Cần kiểm tra thực tế cửa hàng." in text


def test_another_units_officer_cannot_print_the_receipt(client, officer_b, dossier):
    client.force_login(officer_b)
    assert client.get(reverse("procedures:dossier_receipt", args=[dossier.pk])).status_code == 404
