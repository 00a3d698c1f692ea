"""Booking a place at a reception session: the form, its errors (nothing typed is lost), the
honeypot and rate limit, the cancel link, the reminder, and the last place given only once."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings

from accountability import actions
from accountability.models import Booking
from portal.models import Holiday
from tests.accountability.factories import BookingFactory, SessionFactory
from tests.accountability.helpers import future_weekday
from tests.helpers import require

pytestmark = pytest.mark.django_db

DESCRIPTION = "Kiến nghị về việc bố trí chợ tạm trong thời gian cải tạo chợ Đồng Quang."


def _form(session, **changes):
    return {
        "session": session.pk,
        "topic": "petition",
        "description": DESCRIPTION,
        "name": "Trần Thị Hoa",
        "phone": "0912345678",
        "email": "tran.thi.hoa@example.vn",
        "consent": "on",
        "website": "",
    } | changes


def test_a_citizen_books_a_place_and_gets_a_code_and_a_cancel_link(client):
    session = SessionFactory(capacity=3)

    form_page = client.get(f"/tiep-cong-dan/dat-lich/?phien={session.pk}").content.decode()
    assert "Không bắt buộc đăng ký" in form_page
    assert f'<option value="{session.pk}" selected>' in form_page
    response = client.post("/tiep-cong-dan/dat-lich/", _form(session))

    booking = Booking.objects.get()
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert booking.code in detail and "Đăng ký thành công" in detail
    assert booking.phone == "0912 345 678"
    assert booking.consent_notice == actions.CONSENT_NOTICE and booking.consent_at
    [message] = mail.outbox
    assert booking.code in message.subject and booking.code in message.body
    cancel_url = next(line for line in message.body.split() if "/huy/" in line)
    cancel_path = cancel_url.split("://", 1)[1].split("/", 1)[1]

    assert "Hủy đăng ký" in client.get(f"/{cancel_path}").content.decode()
    client.post(f"/{cancel_path}")

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "Còn 3 lượt" in client.get("/tiep-cong-dan/").content.decode()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"phone": "12345"}, "Nhập số điện thoại Việt Nam, ví dụ 0912 345 678"),
        ({"consent": ""}, "Đánh dấu vào ô để đồng ý với thông báo về dữ liệu cá nhân"),
        ({"topic": ""}, "Chọn loại nội dung ông/bà muốn trình bày"),
        ({"email": "hoa@"}, "Nhập địa chỉ thư điện tử đúng định dạng"),
    ],
)
def test_an_error_is_explained_and_keeps_what_was_typed(client, changes, error):
    session = SessionFactory()

    response = client.post("/tiep-cong-dan/dat-lich/", _form(session, **changes))

    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert 'class="govuk-error-summary"' in page
    assert DESCRIPTION in page and 'value="Trần Thị Hoa"' in page
    assert not Booking.objects.exists()


def test_a_filled_honeypot_books_nothing(client):
    session = SessionFactory()
    response = client.post("/tiep-cong-dan/dat-lich/", _form(session, website="http://spam"))
    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_a_full_session_sends_the_citizen_back_with_the_text_and_another_choice(client):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    other = SessionFactory()

    response = client.post("/tiep-cong-dan/dat-lich/", _form(session))

    page = response.content.decode()
    assert "vui lòng chọn buổi khác" in page
    assert DESCRIPTION in page
    assert f'<option value="{other.pk}"' in page
    assert Booking.objects.count() == 1


def test_a_cancelled_or_past_session_cannot_be_booked(client):
    cancelled = SessionFactory(status="cancelled")
    response = client.post("/tiep-cong-dan/dat-lich/", _form(cancelled))
    assert "Buổi tiếp này không còn nhận đăng ký" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_forged_cancel_link_is_not_found(client):
    assert client.get("/tiep-cong-dan/dat-lich/ma/TCD-ABCDEFGH/huy/").status_code == 404


def test_booking_is_rate_limited(client):
    session = SessionFactory(capacity=50)
    statuses = [
        client.post("/tiep-cong-dan/dat-lich/", _form(session)).status_code for _ in range(21)
    ]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429


def test_the_reminder_goes_the_working_day_before_and_only_once():
    tuesday = future_weekday(1)
    Holiday.objects.filter(date__range=(tuesday - timedelta(days=1), tuesday)).delete()
    tomorrow = SessionFactory(planned_date=tuesday, date=tuesday)
    later = SessionFactory(planned_date=tuesday + timedelta(days=1), date=tuesday + timedelta(1))
    due = BookingFactory(session=tomorrow)
    BookingFactory(session=tomorrow, email="")
    BookingFactory(session=later)

    monday = tuesday - timedelta(days=1)
    assert actions.reminders_send(today=monday) == 1
    assert actions.reminders_send(today=monday) == 0

    [message] = mail.outbox
    assert message.to == [due.email]
    assert f"Nhắc lịch: buổi tiếp công dân ngày {tuesday:%d/%m/%Y}" == message.subject
    assert "/huy/" in message.body


def test_the_reminder_of_a_monday_session_goes_on_friday():
    monday = future_weekday(0)
    Holiday.objects.filter(date__range=(monday - timedelta(days=3), monday)).delete()
    BookingFactory(session=SessionFactory(planned_date=monday, date=monday))

    assert actions.reminders_send(today=monday - timedelta(days=4)) == 0  # Thursday
    assert actions.reminders_send(today=monday - timedelta(days=3)) == 1  # Friday


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@override_settings(RATELIMIT_ENABLE=False)
def test_twenty_simultaneous_requests_for_the_last_place_give_it_once():
    require(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    session = SessionFactory(capacity=1)
    start = threading.Barrier(20)
    results = [None] * 20

    def book(index):
        try:
            client = Client()
            start.wait()
            response = client.post(
                "/tiep-cong-dan/dat-lich/",
                _form(session, name=f"Người thứ {index}", description=f"{DESCRIPTION} Số {index}."),
            )
            results[index] = (response.status_code, response.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Booking.objects.filter(session=session).count() == 1
    won = [i for i, (status, _page) in enumerate(results) if status == 302]
    assert len(won) == 1
    for index, (status, page) in enumerate(results):
        if index in won:
            continue
        assert status == 409
        assert "Lượt đăng ký cuối cùng của buổi tiếp này vừa có người đăng ký" in page
        assert f"{DESCRIPTION} Số {index}." in page
        assert f'value="Người thứ {index}"' in page


def test_contact_details_are_erased_a_year_after_the_session_as_the_notice_says():
    from django.utils import timezone

    today = timezone.localdate()
    old = BookingFactory(
        session=SessionFactory(
            planned_date=today - timedelta(days=366), date=today - timedelta(days=366)
        )
    )
    recent = BookingFactory(
        session=SessionFactory(
            planned_date=today - timedelta(days=300), date=today - timedelta(days=300)
        )
    )

    assert actions.bookings_erase_personal_data(today) == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.phone, old.email, old.description) == ("", "", "", "")
    assert old.code and old.topic == "petition"
    assert recent.name == "Trần Thị Hoa" and recent.email


def test_a_booking_code_drawn_twice_is_drawn_again(monkeypatch):
    session = SessionFactory(capacity=3)
    BookingFactory(session=session, code="TCD-AAAAAAAA")
    draws = iter(["TCD-AAAAAAAA", "TCD-BBBBBBBB"])
    monkeypatch.setattr(actions, "_new_code", lambda: next(draws))

    booking = actions.booking_create(
        session_id=session.pk,
        topic="petition",
        description="Kiến nghị về giá điện sinh hoạt.",
        name="Trần Thị Hoa",
        phone="0912 345 678",
    )

    assert booking.code == "TCD-BBBBBBBB"
    assert session.bookings.count() == 2
