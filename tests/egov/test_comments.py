"""A comment's life: sent, confirmed by a one-time link or code, moderated, published under its
article, answered; and what never reaches a public page."""

import re
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from egov import actions
from egov.models import Comment
from portal import search
from tests.egov.factories import COMMENT_DATA, make_comment, make_consultation
from tests.helpers import require

pytestmark = pytest.mark.django_db

FORM = {
    "section": "dieu-12a",
    "author_kind": "organisation",
    "name": "Trần Thị Hạnh",
    "organisation": "Công ty TNHH Xăng dầu Gia Sàng",
    "email": "hanh.tran@xangdaugiasang.vn",
    "phone": "0912 345 678",
    "body": "Đề nghị giảm khoảng cách ở xã xuống 1.500 m vì mật độ dân cư thấp.",
    "consent": "on",
    "website": "",
}


def _link_and_code(message) -> tuple[str, str]:
    link = re.search(r"https?://\S+/gop-y-du-thao/xac-nhan/\S+/", message.body)[0]
    code = re.search(r"\b(\d{6})\b", message.body)[1]
    return link[link.index("/gop-y-du-thao/") :], code


@pytest.fixture
def consultation(unit_a):
    return make_consultation(unit=unit_a)


def test_a_comment_is_stored_at_once_and_counts_only_once_confirmed_by_its_link(
    client, consultation, django_capture_on_commit_callbacks
):
    url = reverse("egov:comment_create", args=[consultation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, FORM)

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.UNCONFIRMED
    assert comment.section.anchor == "dieu-12a" and comment.version.number == 1
    assert comment.phone == "+84912345678"
    assert comment.consent_version == actions.CONSENT_VERSION and comment.consent_at
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [FORM["email"]]
    path, _code = _link_and_code(mail.outbox[0])

    # Opening the link (as a mail scanner would) confirms nothing; the button does.
    assert "Xác nhận" in client.get(path).content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED
    response = client.post(path)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.CONFIRMED and comment.confirmed_at


def test_the_code_typed_on_the_next_page_confirms_it_too(
    client, consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("egov:comment_create", args=[consultation.pk]), FORM)
    _path, code = _link_and_code(mail.outbox[0])
    sent = reverse("egov:comment_sent", args=[consultation.pk])

    wrong = client.post(sent, {"code": "000000" if code != "000000" else "111111"})
    assert "Mã này không đúng" in wrong.content.decode()
    assert client.post(sent, {"code": code}).status_code == 302
    assert Comment.objects.get().status == Comment.Status.CONFIRMED


def test_a_timed_out_confirmation_keeps_the_comment_and_sends_a_new_link(
    client, consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("egov:comment_create", args=[consultation.pk]), FORM)
    path, _code = _link_and_code(mail.outbox[0])
    Comment.objects.update(token_expires_at=timezone.now() - timedelta(minutes=1))

    expired = client.post(path)
    assert expired.status_code == 410
    assert "vẫn được lưu nguyên văn" in expired.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"action": "resend"})
    new_path, _new_code = _link_and_code(mail.outbox[1])
    assert new_path != path
    assert client.post(path).status_code == 404  # the old link is gone
    assert client.post(new_path).status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.CONFIRMED and comment.body == FORM["body"]


def test_a_form_error_keeps_everything_typed(client, consultation):
    url = reverse("egov:comment_create", args=[consultation.pk])
    response = client.post(url, FORM | {"consent": "", "organisation": "", "phone": "12345"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Có lỗi" in page or "Đã xảy ra lỗi" in page or "govuk-error-summary" in page
    assert "Đánh dấu vào ô đồng ý" in page
    assert "Nhập tên cơ quan, tổ chức, doanh nghiệp." in page
    assert "Nhập số điện thoại Việt Nam" in page
    assert FORM["body"] in page and FORM["name"] in page and FORM["email"] in page
    assert 'value="dieu-12a" selected' in page
    assert not Comment.objects.exists()


def test_the_consent_box_starts_unticked_and_the_notice_is_on_the_form(client, consultation):
    page = client.get(reverse("egov:comment_create", args=[consultation.pk])).content.decode()
    consent = re.search(r'<input[^>]*name="consent"[^>]*>', page)[0]
    assert "checked" not in consent
    assert "Cách chúng tôi sử dụng dữ liệu cá nhân" in page


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_stored(client, consultation):
    url = reverse("egov:comment_create", args=[consultation.pk])
    response = client.post(url, FORM | {"website": "http://spam.example"})
    assert response.status_code == 302
    assert not Comment.objects.exists() and not mail.outbox


def test_comments_are_rate_limited_per_visitor(client, consultation):
    url = reverse("egov:comment_create", args=[consultation.pk])
    statuses = [client.post(url, FORM | {"consent": ""}).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


def test_a_closed_or_upcoming_consultation_takes_no_comment(client, unit_a):
    today = timezone.localdate()
    closed = make_consultation(
        unit=unit_a, opens_on=today - timedelta(days=40), closes_on=today - timedelta(days=1)
    )
    response = client.post(reverse("egov:comment_create", args=[closed.pk]), FORM)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_unconfirmed_rejected_and_unmoderated_comments_never_reach_the_public(
    client, consultation, django_capture_on_commit_callbacks
):
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    published = make_comment(consultation, section=article, status="published", body="Đã duyệt.")
    make_comment(consultation, section=article, status="unconfirmed", body="Chưa xác nhận.")
    make_comment(consultation, section=article, status="confirmed", body="Chờ duyệt.")
    rejected = make_comment(consultation, section=article, status="rejected", body="Bị từ chối.")
    with django_capture_on_commit_callbacks(execute=True):
        search.index_object(consultation)

    page = client.get(consultation.get_absolute_url()).content.decode()
    listing = client.get("/gop-y-du-thao/").content.decode()
    results = client.get(reverse("portal:search"), {"q": "Bị từ chối"}).content.decode()

    assert "Đã duyệt." in page and "1 ý kiến đã công bố" in page
    for hidden in ("Chưa xác nhận.", "Chờ duyệt.", "Bị từ chối."):
        assert hidden not in page and hidden not in listing and hidden not in results
    for secret in (COMMENT_DATA["email"], "0912345678", "912345678", "+84912345678"):
        assert secret not in page and secret not in listing
    assert published.organisation in page
    # The commenter whose comment was not published is told why.
    assert rejected.rejection_reason
    told = [m for m in mail.outbox if "không được công bố" in m.subject]
    assert len(told) == 1 and rejected.rejection_reason in told[0].body


def test_moderation_as_the_drafting_unit_through_the_admin_actions(
    client, consultation, officer_a, officer_b, django_capture_on_commit_callbacks
):
    comment = make_comment(consultation)
    changelist = reverse("admin:egov_comment_changelist")
    reject = {
        "action": "reject_comments",
        "_selected_action": [comment.pk],
        "confirm": "1",
        "reason": "Ý kiến chứa thông tin cá nhân của người khác.",
    }

    client.force_login(officer_b)  # another unit: the comment is not even listed
    client.post(changelist, reject)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.CONFIRMED

    client.force_login(officer_a)
    missing_reason = client.post(changelist, reject | {"reason": ""})
    assert missing_reason.status_code == 200  # the form again, asking for the reason
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, reject)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.rejection_reason == reject["reason"] and comment.moderated_by == officer_a
    assert comment.history.latest().history_change_reason.startswith("Không công bố")

    client.post(changelist, {"action": "publish_comments", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED


def test_one_answer_covers_several_comments_and_each_commenter_is_told(
    client, consultation, officer_a, django_capture_on_commit_callbacks
):
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    first = make_comment(consultation, section=article, status="published")
    second = make_comment(
        consultation, section=article, status="published", email="nam.le@gmail.com"
    )
    mail.outbox.clear()
    client.force_login(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:egov_comment_changelist"),
            {
                "action": "answer_comments",
                "_selected_action": [first.pk, second.pk],
                "confirm": "1",
                "verdict": "partly",
                "text": "Tiếp thu một phần: khoảng cách ở xã giảm còn 1.800 m.",
            },
        )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.answer == second.answer and first.answer.verdict == "partly"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, "nam.le@gmail.com"])
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Tiếp thu một phần: khoảng cách ở xã giảm còn 1.800 m." in page


def test_an_answer_corrected_in_the_admin_shows_on_the_cached_page_at_once(
    client, consultation, officer_a, officer_b, leader, django_capture_on_commit_callbacks
):
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    comment = make_comment(consultation, section=article, status="published")
    answer = actions.answer_create(comments=[comment], verdict="explained", text="Giữ nguyên.")
    page_url = consultation.get_absolute_url()
    assert "Giữ nguyên." in client.get(page_url).content.decode()  # now in the page cache
    change = reverse("admin:egov_answer_change", args=[answer.pk])
    corrected = {"verdict": "accepted", "text": "Tiếp thu: bỏ khoảng cách tối thiểu ở xã."}

    for outsider in (officer_b, leader):  # another unit; leadership only reads
        client.force_login(outsider)
        assert client.post(change, corrected).status_code == 403
    client.force_login(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change, corrected).status_code == 302
    # The consultation's record: neither a comment nor an answer is deleted.
    delete = reverse("admin:egov_answer_delete", args=[answer.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    delete = reverse("admin:egov_comment_delete", args=[comment.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.logout()

    section = client.get(page_url).content.decode()
    section = section[section.index('id="dieu-12a"') : section.index('id="dieu-13"')]
    assert "Trả lời của đơn vị soạn thảo: Tiếp thu" in section
    assert "Tiếp thu: bỏ khoảng cách tối thiểu ở xã." in section
    assert "Giữ nguyên." not in section


def test_a_published_comment_taken_down_leaves_its_article_and_the_count(
    client, consultation, django_capture_on_commit_callbacks
):
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    kept = make_comment(consultation, section=article, status="published", body="Giữ lại.")
    taken = make_comment(consultation, section=article, status="published", body="Gỡ xuống.")
    assert "2 ý kiến đã công bố" in client.get(consultation.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        actions.comment_reject(comment=taken, reason="Ý kiến trùng lặp.")

    page = client.get(consultation.get_absolute_url()).content.decode()
    section = page[page.index('id="dieu-12a"') : page.index('id="dieu-13"')]
    assert "1 ý kiến đã công bố" in section and kept.body in section
    assert "Gỡ xuống." not in page


def test_a_comment_shows_its_text_as_typed_and_its_labels_in_the_readers_language(
    client, consultation
):
    typed = "Sửa {organisation} và {answer} thành {{ tên }} } {"
    comment = make_comment(consultation, status="published", body=typed, author_kind="organisation")
    actions.answer_create(comments=[comment], verdict="accepted", text="Tiếp thu {0}.")

    vietnamese = client.get(consultation.get_absolute_url()).content.decode()
    english = client.get("/en" + consultation.get_absolute_url()).content.decode()

    for page in (vietnamese, english):
        assert "Sửa {organisation} và {answer} thành {{ tên }} } {" in page
        assert "Tiếp thu {0}." in page
    assert f"{comment.organisation}</strong> (tổ chức)" in vietnamese
    assert "Trả lời của đơn vị soạn thảo: Tiếp thu</strong>" in vietnamese
    assert f"{comment.organisation}</strong> (organisation)" in english
    assert "Drafting unit&#x27;s answer: Accepted</strong>" in english


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_moderators_publishing_at_once_each_see_their_comment_on_the_page(client, unit_a):
    require(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    consultation = make_consultation(unit=unit_a)
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    comments = [
        make_comment(consultation, section=article, body=f"Ý kiến đồng thời số {n}.")
        for n in range(6)
    ]
    start = threading.Barrier(len(comments))

    def publish(comment):
        try:
            start.wait()
            actions.comment_publish(comment=comment)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(c,)) for c in comments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    page = client.get(consultation.get_absolute_url()).content.decode()
    section = page[page.index('id="dieu-12a"') : page.index('id="dieu-13"')]
    assert "6 ý kiến đã công bố" in section
    newest = Comment.objects.filter(section=article).order_by("-created_at", "-id")[:3]
    assert all(comment.body in section for comment in newest)


def test_the_public_export_holds_published_comments_only_and_no_contact_details(
    client, consultation
):
    import io

    import openpyxl

    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    published = make_comment(consultation, section=article, status="published")
    actions.answer_create(comments=[published], verdict="accepted", text="Tiếp thu toàn bộ.")
    make_comment(consultation, status="published", body='=HYPERLINK("http://x")')
    make_comment(consultation, status="confirmed", body="Chờ duyệt.")
    make_comment(consultation, status="rejected", body="Bị từ chối.")
    make_comment(consultation, status="unconfirmed", body="Chưa xác nhận.")

    csv = client.get(reverse("egov:comments_csv", args=[consultation.pk]))
    text = csv.content.decode("utf-8")
    assert csv["Content-Disposition"].startswith("attachment")
    assert "Điều 12a" in text and published.organisation in text and "Tiếp thu toàn bộ." in text
    for hidden in ("Chờ duyệt.", "Bị từ chối.", "Chưa xác nhận.", published.email, "912345678"):
        assert hidden not in text
    assert "=HYPERLINK" not in text and 'HYPERLINK(""http://x"")' in text  # formula escaped

    xlsx = client.get(reverse("egov:comments_xlsx", args=[consultation.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row]
    assert "Tiếp thu toàn bộ." in cells and published.email not in cells
    assert len(list(sheet.iter_rows())) == 3  # the header and the two published comments


def test_the_drafting_unit_exports_its_comments_with_contact_details(
    client, consultation, officer_a, officer_b
):
    make_comment(consultation, status="confirmed", body="Chờ duyệt.")
    url = reverse("admin:egov_comment_export")
    client.force_login(officer_a)
    form = client.get(url).context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    csv = next(value for value, label in form.fields["format"].choices if label == "csv")
    response = client.post(url, data | {"resource": "0", "format": csv})
    text = response.content.decode("utf-8")
    assert "Chờ duyệt." in text and COMMENT_DATA["email"] in text

    client.force_login(officer_b)  # another unit: the export holds none of unit A's comments
    response = client.post(url, data | {"resource": "0", "format": csv})
    assert response.status_code == 200
    assert "Chờ duyệt." not in response.content.decode("utf-8")


def test_a_comment_sent_while_the_broker_is_down_is_kept_and_its_mail_waits_in_the_outbox(
    client,
    consultation,
    settings,
    tasks_through_broker,
    broker_down,
    django_capture_on_commit_callbacks,
):
    from portal.models import OutboxTask

    settings.EMAIL_BACKEND = "portal.mail.CeleryEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("egov:comment_create", args=[consultation.pk]), FORM)

    assert response.status_code == 302  # the citizen is told it was received
    assert Comment.objects.get().body == FORM["body"]
    waiting = OutboxTask.objects.get()
    assert waiting.task == "portal.tasks.send_email" and waiting.attempts == 1
    assert waiting.args[0]["to"] == [FORM["email"]]
