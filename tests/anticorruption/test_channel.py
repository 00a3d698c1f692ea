"""The anonymous channel at /to-giac/: what a reporter sees, and what is kept."""

import io
from datetime import datetime, time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from anticorruption import crypto
from anticorruption.models import Tip, TipAttachment
from tests.anticorruption.helpers import TEST_PASSPHRASE, jpeg_with_gps, pdf_with_author, token

pytestmark = pytest.mark.django_db

CREATE = reverse("anticorruption:tip_create")
FOLLOW = reverse("anticorruption:tip_follow")


def _send(client, content="Ông X nhận tiền để cấp phép nhanh.", files=(), **extra):
    data = {"content": content, "token": token()}
    if files:
        data["attachments"] = list(files)
    return client.post(CREATE, data, **extra)


def _receipt(response) -> str:
    return response.context["receipt"]


def _key():
    return crypto.load_private_key(TEST_PASSPHRASE)


def test_the_form_sets_no_cookie_and_is_not_stored_or_referred(client):
    response = client.get(CREATE)
    assert response.status_code == 200
    assert response.cookies == {}
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "Điều 25" in response.content.decode() or "25/2018" in response.content.decode()


def test_a_report_gives_a_receipt_once_and_sets_no_cookie(client):
    response = _send(client)
    assert response.status_code == 201
    receipt = _receipt(response)
    assert len(receipt.replace("-", "")) == 32
    assert receipt in response.content.decode()
    assert response.cookies == {}
    assert response["Cache-Control"] == "no-store"
    tip = Tip.objects.get()
    # Only a keyed hash of the receipt is kept.
    assert receipt not in tip.receipt_hash
    assert receipt.replace("-", "") not in tip.receipt_hash


def test_the_receipt_downloads_as_a_file(client):
    receipt = _receipt(_send(client))
    response = client.post(
        reverse("anticorruption:tip_follow"),
        {"receipt": receipt, "token": token(), "download": "1"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert receipt in response.content.decode()
    assert response.cookies == {}


def test_content_and_attachments_are_ciphertext_and_the_inspector_reads_them_back(client):
    content = "Cán bộ Nguyễn Văn Canary đòi 5 triệu đồng để ký giấy phép."
    photo = SimpleUploadedFile("anh.jpg", jpeg_with_gps(), content_type="image/jpeg")
    receipt = _receipt(_send(client, content, files=[photo]))
    tip = Tip.objects.get()
    stored = bytes(tip.content)
    assert b"Canary" not in stored and content.encode() not in stored
    attachment = TipAttachment.objects.get()
    with attachment.file.open("rb") as sealed:
        on_disk = sealed.read()
    assert not on_disk.startswith(b"\xff\xd8\xff")  # not a JPEG at rest
    assert b"anh.jpg" not in bytes(attachment.name)
    # The file's time on disk is the day only, like the rows'.
    modified = Path(attachment.file.path).stat().st_mtime
    assert datetime.fromtimestamp(modified).time() == time(0, 0)
    key = _key()
    assert crypto.unseal_text(tip.content, key) == content
    opened = crypto.unseal(on_disk, key)
    assert opened.startswith(b"\xff\xd8\xff")
    assert receipt


def test_a_wrong_key_opens_nothing(client):
    _send(client)
    other = crypto.X25519PrivateKey.generate()
    with pytest.raises(crypto.CannotOpen):
        crypto.unseal(Tip.objects.get().content, other)


def test_exif_gps_is_gone_from_a_jpeg(client):
    photo = SimpleUploadedFile("anh.jpg", jpeg_with_gps(), content_type="image/jpeg")
    _send(client, files=[photo])
    with TipAttachment.objects.get().file.open("rb") as sealed:
        data = crypto.unseal(sealed.read(), _key())
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert 0x8825 not in exif and exif.get_ifd(0x8825) == {}
    assert b"CanaryCam" not in data
    assert "exif" not in image.info
    assert image.size == (40, 30)


def test_the_author_is_gone_from_a_pdf(client):
    import pypdf

    document = SimpleUploadedFile(
        "bang-chung.pdf", pdf_with_author(), content_type="application/pdf"
    )
    _send(client, files=[document])
    with TipAttachment.objects.get().file.open("rb") as sealed:
        data = crypto.unseal(sealed.read(), _key())
    assert b"Canary" not in data
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert not (reader.metadata or {}).get("/Author")
    assert "/Metadata" not in reader.trailer["/Root"]
    assert len(reader.pages) == 1


def test_other_formats_are_refused_and_the_text_is_kept(client):
    document = SimpleUploadedFile("don.docx", b"PK\x03\x04xxxx", content_type="application/zip")
    response = _send(client, "Nội dung cần giữ lại", files=[document])
    assert response.status_code == 200
    assert Tip.objects.count() == 0
    assert "Nội dung cần giữ lại" in response.content.decode()
    assert "PDF, JPEG" in response.content.decode()


def test_with_the_receipt_the_reporter_reads_answers_and_writes_back(client, inspector):
    from anticorruption import actions

    receipt = _receipt(_send(client))
    tip = Tip.objects.get()
    actions.inspector_answer(tip=tip, body="Xin cho biết thời gian cụ thể.", user=inspector)
    response = client.post(FOLLOW, {"receipt": receipt.lower(), "token": token()})
    assert response.status_code == 200
    assert "Xin cho biết thời gian cụ thể." in response.content.decode()
    response = client.post(
        FOLLOW,
        {"receipt": receipt, "token": token(), "send": "1", "body": "Sáng thứ Hai tuần trước."},
    )
    assert "Sáng thứ Hai tuần trước." in response.content.decode()
    assert response.cookies == {}
    message = tip.messages.get(sender="reporter")
    assert "Sáng".encode() not in bytes(message.body)
    assert crypto.unseal_text(message.body, _key()) == "Sáng thứ Hai tuần trước."


def test_a_wrong_receipt_reveals_nothing(client, inspector):
    """A wrong receipt gets the same answer whether or not reports exist, and guessing is
    hopeless: a receipt is 160 random bits (32 base32 characters). The form allows 10 tries an
    hour per network bucket; even 1,000,000 buckets trying for 100 years make
    10 × 24 × 365 × 100 × 10^6 ≈ 8.8 × 10^12 ≈ 2^43 guesses. Against 2^20 (a million) stored
    reports the chance that any guess hits is at most 2^43 × 2^20 / 2^160 = 2^-97."""
    from anticorruption import actions, receipts

    receipt = _receipt(_send(client, "Bí mật"))
    actions.inspector_answer(tip=Tip.objects.get(), body="Trả lời bí mật", user=inspector)
    wrong = receipts.new_receipt()
    response = client.post(FOLLOW, {"receipt": wrong, "token": token()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trả lời bí mật" not in body and "Bí mật" not in body
    assert "No report matches" in body or "Không có tin báo" in body
    # An almost right receipt is just as wrong.
    almost = receipt[:-1] + ("A" if receipt[-1] != "A" else "B")
    response = client.post(FOLLOW, {"receipt": almost, "token": token()})
    assert "Trả lời bí mật" not in response.content.decode()


def test_a_post_from_another_site_is_refused(client):
    response = client.post(
        CREATE,
        {"content": "x", "token": token()},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert Tip.objects.count() == 0


def test_a_form_without_its_signed_token_is_refused_and_the_text_kept(client):
    response = client.post(CREATE, {"content": "Nội dung giữ lại", "token": "forged"})
    assert response.status_code == 200
    assert Tip.objects.count() == 0
    assert "Nội dung giữ lại" in response.content.decode()


def test_the_honeypot_stores_nothing(client):
    response = client.post(CREATE, {"content": "spam", "token": token(), "website": "x"})
    assert response.status_code == 200
    assert Tip.objects.count() == 0


def test_the_statistics_count_per_quarter(client):
    _send(client)
    response = client.get(reverse("anticorruption:tip_statistics"))
    assert response.status_code == 200
    assert response.context["rows"][0]["received"] == 1


def test_without_a_public_key_the_channel_says_it_is_closed_and_the_deploy_check_warns(
    client, settings, tmp_path
):
    from anticorruption.checks import channel_key

    settings.ANTICORRUPTION_PUBLIC_KEY = ""
    settings.ANTICORRUPTION_PRIVATE_KEY_FILE = str(tmp_path / "none.pem")
    response = client.get(CREATE)
    assert response.status_code == 503
    assert [w.id for w in channel_key(None)] == ["anticorruption.W001"]
    assert client.post(CREATE, {"content": "x", "token": token()}).status_code == 503
    assert Tip.objects.count() == 0


def test_the_rate_limit_answers_429_with_the_same_headers_and_no_cookie(client, settings):
    settings.RATELIMIT_ENABLE = True
    statuses = [_send(client).status_code for _ in range(6)]
    assert statuses == [201] * 5 + [429]
    response = _send(client)
    assert response.status_code == 429
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response.cookies == {}
