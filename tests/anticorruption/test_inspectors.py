"""The inspectors' side of the channel: the key opened for a session, statuses, notes,
answers, referral, deadlines, and destruction after the retention period with its trail."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from anticorruption import actions, crypto
from anticorruption.models import Tip, TipEvent
from portal.models import LegalLimit
from portal.workdays import add_working_days
from tests.anticorruption.factories import make_tip
from tests.anticorruption.helpers import TEST_PASSPHRASE

pytestmark = pytest.mark.django_db


def _unlock(client):
    return client.post(reverse("anticorruption:tip_unlock"), {"passphrase": TEST_PASSPHRASE})


def test_the_inspector_opens_the_key_and_reads_the_report(client, inspector):
    tip, _receipt = make_tip("Nội dung cần xác minh")
    client.force_login(inspector)
    detail = reverse("anticorruption:tip_detail", args=[tip.pk])
    assert client.get(detail).url.startswith(reverse("anticorruption:tip_unlock"))
    response = _unlock(client)
    assert response.status_code == 302
    # The raw key is not in the session store: only sealed with a key the cookie holds.
    stored = client.session[crypto.SESSION_KEY]
    assert crypto.COOKIE_NAME in response.cookies
    assert response.cookies[crypto.COOKIE_NAME]["httponly"]
    assert TEST_PASSPHRASE not in stored
    page = client.get(detail)
    assert page.status_code == 200
    assert "Nội dung cần xác minh" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_a_wrong_passphrase_opens_nothing(client, inspector):
    client.force_login(inspector)
    response = client.post(reverse("anticorruption:tip_unlock"), {"passphrase": "sai"})
    assert response.status_code == 200
    assert crypto.SESSION_KEY not in client.session
    assert crypto.COOKIE_NAME not in response.cookies


def test_the_session_alone_without_the_cookie_opens_nothing(client, inspector):
    tip, _receipt = make_tip()
    client.force_login(inspector)
    _unlock(client)
    client.cookies.pop(crypto.COOKIE_NAME)
    response = client.get(reverse("anticorruption:tip_detail", args=[tip.pk]))
    assert response.status_code == 302


def test_locking_forgets_the_key(client, inspector):
    tip, _receipt = make_tip()
    client.force_login(inspector)
    _unlock(client)
    client.post(reverse("anticorruption:tip_unlock"), {"lock": "1"})
    assert crypto.SESSION_KEY not in client.session
    assert client.get(reverse("anticorruption:tip_detail", args=[tip.pk])).status_code == 302


@pytest.mark.parametrize("persona", ["leader", "administrator", "officer_a"])
def test_no_one_but_inspectors_sees_reports(client, personas, persona):
    tip, _receipt = make_tip()
    client.force_login(personas[persona])
    assert client.get(reverse("anticorruption:tip_list")).status_code == 403
    assert client.get(reverse("anticorruption:tip_detail", args=[tip.pk])).status_code == 403
    assert client.post(reverse("anticorruption:tip_unlock"), {"passphrase": "x"}).status_code == 403


def test_status_notes_answers_and_referral_are_recorded(client, inspector):
    tip, receipt = make_tip()
    client.force_login(inspector)
    _unlock(client)
    detail = reverse("anticorruption:tip_detail", args=[tip.pk])
    client.post(detail, {"note": "1", "body": "Cần đối chiếu hồ sơ cấp phép"})
    client.post(detail, {"answer": "1", "body": "Đã tiếp nhận, đang xác minh."})
    # A referral needs the body it goes to.
    response = client.post(detail, {"change": "1", "status": "referred", "referred_to": ""})
    assert response.status_code == 200
    tip.refresh_from_db()
    assert tip.status == Tip.Status.RECEIVED
    client.post(detail, {"change": "1", "status": "referred", "referred_to": "Công an tỉnh"})
    tip.refresh_from_db()
    assert tip.status == Tip.Status.REFERRED
    assert tip.referred_on == timezone.localdate()
    assert tip.first_answer_on == timezone.localdate()
    note = tip.notes.get()
    assert "đối chiếu".encode() not in bytes(note.body)
    page = client.get(detail).content.decode()
    assert "Cần đối chiếu hồ sơ cấp phép" in page
    assert "Công an tỉnh" in page
    actions_done = list(tip.events.values_list("action", flat=True))
    assert actions_done == ["note", "answer", "referral", "status"]
    # The reporter reads the answer with the receipt.
    thread = actions.reporter_thread(tip, receipt)
    assert [m["body"] for m in thread] == ["Đã tiếp nhận, đang xác minh."]


def test_the_first_handling_deadline_comes_from_the_legal_table():
    limit = LegalLimit.objects.get(code=actions.FIRST_HANDLING_LIMIT)
    tip, _receipt = make_tip()
    assert tip.due_on == add_working_days(tip.received_on, limit.value)
    LegalLimit.objects.filter(pk=limit.pk).update(value=10)
    from portal.selectors import forget_legal_limit

    forget_legal_limit(limit.code)
    tip2, _receipt = make_tip()
    assert tip2.due_on == add_working_days(tip2.received_on, 10)


def test_a_late_report_shows_late_to_the_inspector(client, inspector):
    tip, _receipt = make_tip()
    Tip.objects.filter(pk=tip.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    client.force_login(inspector)
    page = client.get(reverse("anticorruption:tip_list")).content.decode()
    assert "govuk-tag--red" in page


def test_content_is_destroyed_after_the_retention_period_with_a_trail(inspector, settings):
    tip, receipt = make_tip("Sẽ bị hủy")
    actions.inspector_answer(tip=tip, body="Trả lời", user=inspector)
    actions.status_change(tip=tip, status=Tip.Status.CLOSED, user=inspector)
    fresh, _r = make_tip("Chưa đến hạn hủy")
    actions.status_change(tip=fresh, status=Tip.Status.CLOSED, user=inspector)
    retention = LegalLimit.objects.get(code=actions.RETENTION_LIMIT).value
    Tip.objects.filter(pk=tip.pk).update(
        closed_on=timezone.localdate() - timedelta(days=retention + 1)
    )
    assert actions.destroy_expired() == 1
    tip.refresh_from_db()
    assert bytes(tip.content) == b""
    assert tip.messages.count() == 0
    assert tip.destroyed_on == timezone.localdate()
    event = tip.events.get(action=TipEvent.Action.DESTROYED)
    assert "1 tin nhắn" in event.detail
    assert actions.tip_from_receipt(receipt) is not None  # the row and its trail stay
    fresh.refresh_from_db()
    assert bytes(fresh.content) != b""
    # A destroyed report opens nothing for the reporter either.
    assert actions.destroy_expired() == 0


def test_the_destruction_removes_the_sealed_files(inspector, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.storage import private
    from tests.anticorruption.helpers import jpeg_with_gps

    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    tip, _receipt = actions.tip_create(content="x", files=[(photo, "jpg")])
    name = tip.attachments.get().file.name
    assert private().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        actions.tip_destroy(tip=tip, user=inspector)
    assert not private().exists(name)


def test_the_dashboard_warns_inspectors_only_of_late_reports(client, inspector, leader):
    tip, _receipt = make_tip()
    Tip.objects.filter(pk=tip.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    client.force_login(inspector)
    assert "1 tin báo nặc danh đã quá hạn xử lý ban đầu." in _dashboard(client)
    client.force_login(leader)
    assert "quá hạn xử lý ban đầu" not in _dashboard(client)


def _dashboard(client) -> str:
    return client.get(reverse("portal:dashboard")).content.decode()


def test_opening_the_key_returns_to_the_report_but_never_to_another_site(client, inspector):
    tip, _receipt = make_tip()
    client.force_login(inspector)
    unlock = reverse("anticorruption:tip_unlock")
    detail = reverse("anticorruption:tip_detail", args=[tip.pk])
    response = client.post(f"{unlock}?next={detail}", {"passphrase": TEST_PASSPHRASE})
    assert response.url == detail
    response = client.post(f"{unlock}?next=//evil.example/", {"passphrase": TEST_PASSPHRASE})
    assert response.url == reverse("anticorruption:tip_list")
