"""The reception calendar: sessions moved off holidays, the list, month and iCal views, change
notices mailed to those who booked, and the dashboard's warning about the Director's session."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from accountability import actions, selectors
from accountability.models import ReceptionSchedule, ReceptionSession
from portal import roles
from portal.models import Holiday
from tests.accountability.factories import BookingFactory, ScheduleFactory, SessionFactory
from tests.accountability.helpers import future_weekday, make_holiday
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def holiday_tuesday():
    """A Tuesday three weeks ahead that is a holiday, and the Wednesday after it a working day."""
    tuesday = future_weekday(1)
    Holiday.objects.filter(date=tuesday + timedelta(days=1)).delete()
    make_holiday(tuesday, "Ngày nghỉ bù")
    return tuesday


def test_it_holds_a_session_planned_on_a_holiday_on_the_next_working_day(holiday_tuesday):
    schedule = ScheduleFactory(weekdays="1")

    [session] = actions.sessions_generate(
        schedule=schedule, start=holiday_tuesday, end=holiday_tuesday + timedelta(days=6)
    )

    assert session.planned_date == holiday_tuesday
    assert session.date == holiday_tuesday + timedelta(days=1)
    # Running it again creates nothing twice.
    assert (
        actions.sessions_generate(
            schedule=schedule, start=holiday_tuesday, end=holiday_tuesday + timedelta(days=6)
        )
        == []
    )


def test_the_ical_feed_parses_and_holds_the_moved_session_on_its_new_day(client, holiday_tuesday):
    schedule = ScheduleFactory(weekdays="1", slug="tiep-cong-dan-thuong-xuyen")
    actions.sessions_generate(
        schedule=schedule,
        start=holiday_tuesday,
        end=holiday_tuesday + timedelta(days=13),
        publish=True,
    )

    response = client.get("/tiep-cong-dan/lich/tiep-cong-dan-thuong-xuyen.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    events = sorted(feed.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [e.decoded("dtstart").date() for e in events] == [
        holiday_tuesday + timedelta(days=1),
        holiday_tuesday + timedelta(days=7),
    ]
    moved = events[0]
    assert moved.decoded("dtstart").strftime("%H:%M") == "07:30"
    assert str(moved["summary"]) == schedule.name
    assert f"Chuyển từ ngày {holiday_tuesday:%d/%m/%Y}" in str(moved["description"])
    assert str(moved["location"]) == schedule.place


def test_the_ical_feed_of_an_unpublished_calendar_is_not_found(client):
    ScheduleFactory(slug="lich-nhap", is_published=False)
    assert client.get("/tiep-cong-dan/lich/lich-nhap.ics").status_code == 404


def test_the_list_shows_published_sessions_with_their_notices_and_never_drafts(client):
    today = timezone.localdate()
    held = SessionFactory(date=today + timedelta(days=3), delegate="Bà Phạm Thu Hà")
    cancelled = SessionFactory(
        date=today + timedelta(days=4),
        status=ReceptionSession.Status.CANCELLED,
        notice="Buổi tiếp tạm hoãn do trụ sở sửa chữa.",
    )
    draft = SessionFactory(date=today + timedelta(days=5), is_published=False)

    page = client.get("/tiep-cong-dan/").content.decode()

    assert "mọi công dân đến trong giờ tiếp đều được tiếp" in page
    assert f'id="phien-{held.pk}"' in page
    assert "Bà Phạm Thu Hà" in page and "được Giám đốc Sở ủy quyền" in page
    assert f'id="phien-{cancelled.pk}"' in page
    assert "Buổi tiếp tạm hoãn do trụ sở sửa chữa." in page and "Đã hủy" in page
    assert f'id="phien-{draft.pk}"' not in page


def test_the_month_view_is_a_table_of_weeks_linking_each_session(client):
    day = future_weekday(3)
    session = SessionFactory(planned_date=day, date=day)

    response = client.get(f"/tiep-cong-dan/thang/{day.year}/{day.month}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Lịch tiếp công dân tháng {day:%m/%Y}" in page
    assert page.count('<th scope="col" class="govuk-table__header"><abbr') == 7
    assert f'href="#phien-{session.pk}"' in page
    assert f'id="phien-{session.pk}"' in page
    assert client.get("/tiep-cong-dan/thang/2026/13/").status_code == 404


def test_a_change_to_a_published_session_is_shown_and_mailed_to_those_who_booked():
    session = SessionFactory()
    booked = BookingFactory(session=session, email="tran.thi.hoa@example.vn")
    BookingFactory(session=session, email="")  # no address: nothing to send
    BookingFactory(session=session, email="huy@example.vn", status="cancelled")
    new_day = session.date + timedelta(days=1)

    session.date = new_day
    session.notice = "Buổi tiếp chuyển sang ngày hôm sau do Giám đốc Sở đi công tác."
    actions.session_save(session=session, changed=["date", "notice"])

    session.refresh_from_db()
    assert session.status == ReceptionSession.Status.CHANGED
    [message] = mail.outbox
    assert message.to == [booked.email]
    assert booked.code in message.subject
    assert f"{new_day:%d/%m/%Y}" in message.body
    assert "do Giám đốc Sở đi công tác" in message.body


def test_a_cancellation_is_mailed_with_its_notice():
    session = SessionFactory()
    booked = BookingFactory(session=session)

    actions.session_cancel(session=session, notice="Tạm hoãn do mưa bão.")

    [message] = mail.outbox
    assert message.to == [booked.email]
    assert "đã bị hủy" in message.subject
    assert "Tạm hoãn do mưa bão." in message.body


def _admin_post(session, **changes):
    data = {
        "schedule": session.schedule_id,
        "planned_date": session.planned_date.strftime("%d/%m/%Y"),
        "date": session.date.strftime("%d/%m/%Y"),
        "start_time": "07:30",
        "end_time": "11:30",
        "place": session.place,
        "host": session.host,
        "delegate": "",
        "status": session.status,
        "notice": "",
        "capacity": session.capacity,
        "is_published": "on",
    }
    return data | changes


def test_the_staff_form_asks_for_a_notice_before_a_published_session_changes(client):
    officer = make_staff(roles.RECEPTION_OFFICER)
    client.force_login(officer)
    session = SessionFactory()
    BookingFactory(session=session)
    url = f"/quan-tri/accountability/receptionsession/{session.pk}/change/"

    refused = client.post(url, _admin_post(session, place="Hội trường tầng 3"))

    assert refused.status_code == 200
    assert "Nhập thông báo để công dân xem và nhận qua thư" in refused.content.decode()
    session.refresh_from_db()
    assert session.place != "Hội trường tầng 3" and mail.outbox == []

    notice = "Buổi tiếp chuyển lên Hội trường tầng 3."
    saved = client.post(url, _admin_post(session, place="Hội trường tầng 3", notice=notice))

    assert saved.status_code == 302
    session.refresh_from_db()
    assert session.place == "Hội trường tầng 3"
    assert session.status == ReceptionSession.Status.CHANGED
    assert len(mail.outbox) == 1 and notice in mail.outbox[0].body


def test_a_leader_may_read_the_sessions_but_not_change_them(client):
    client.force_login(make_staff(roles.LEADERSHIP))
    session = SessionFactory()
    url = f"/quan-tri/accountability/receptionsession/{session.pk}/change/"

    assert client.get(url).status_code == 200
    client.post(url, _admin_post(session, place="Nơi khác", notice="Thay đổi."))
    session.refresh_from_db()
    assert session.place != "Nơi khác"


def _director_session(day, **fields):
    schedule = ScheduleFactory(kind=ReceptionSchedule.Kind.DIRECTOR, weekdays="")
    return SessionFactory(schedule=schedule, planned_date=day, date=day, **fields)


def _next_month_15th():
    year, month = selectors.next_month(timezone.localdate())
    return timezone.localdate().replace(year=year, month=month, day=15)


def test_the_dashboard_warns_while_next_months_director_session_is_unpublished(client):
    officer = make_staff(roles.RECEPTION_OFFICER)
    client.force_login(officer)
    session = _director_session(_next_month_15th(), is_published=False, published_at=None)

    page = client.get("/quan-tri/tong-quan/").content.decode()

    deadline = selectors.latest_publication_day(session.date)
    assert "Chưa công bố lịch Giám đốc Sở tiếp công dân tháng" in page
    assert f"chậm nhất ngày {deadline:%d/%m/%Y}" in page
    assert "Khoản 2, khoản 4 Điều 24 Luật Tiếp công dân số 42/2013/QH13" in page

    session.is_published = True
    actions.session_save(session=session, changed=["is_published"])
    page = client.get("/quan-tri/tong-quan/").content.decode()
    assert "Giám đốc Sở tiếp công dân tháng" not in page


def test_the_dashboard_warns_when_no_director_session_is_planned_and_only_those_who_keep_it(
    client,
):
    client.force_login(make_staff(roles.RECEPTION_OFFICER))
    assert "Giám đốc Sở tiếp công dân ít nhất 01 ngày trong tháng" in (
        client.get("/quan-tri/tong-quan/").content.decode()
    )
    client.force_login(make_staff(roles.EDITOR))
    assert "Giám đốc Sở" not in client.get("/quan-tri/tong-quan/").content.decode()


def test_the_publication_deadline_counts_working_days_back_over_holidays():
    wednesday = future_weekday(2, weeks_ahead=5)
    for offset in range(1, 10):
        Holiday.objects.filter(date=wednesday - timedelta(days=offset)).delete()
    make_holiday(wednesday - timedelta(days=1))  # the Tuesday before is off

    # Five working days before Wednesday, Tuesday not counted: Mon, Fri, Thu, Wed, Tue.
    assert selectors.latest_publication_day(wednesday) == wednesday - timedelta(days=8)


def test_the_calendar_is_in_the_site_search(client):
    ScheduleFactory(name="Tiếp công dân thường xuyên tại Thanh tra Sở")
    from portal.search import index_object

    for schedule in ReceptionSchedule.objects.all():
        index_object(schedule)
    page = client.get("/tim-kiem/", {"q": "tiep cong dan thuong xuyen"}).content.decode()
    assert re.search(r"Tiếp công dân thường xuyên tại\s+Thanh tra Sở|Thanh tra Sở", page)


@pytest.mark.django_db(transaction=True)
def test_the_cached_session_tables_follow_each_booking_and_change(client):
    client.cookies["csrftoken"] = "c" * 32  # past the whole-page cache, as after a form
    session = SessionFactory(capacity=3)
    assert "Còn 3 lượt" in client.get("/tiep-cong-dan/").content.decode()

    BookingFactory(session=session)  # a factory writes no notice: the table is still cached
    assert "Còn 3 lượt" in client.get("/tiep-cong-dan/").content.decode()

    actions.booking_create(
        session_id=session.pk, topic="petition", description="Kiến nghị.",
        name="Lê Văn Tám", phone="0912 345 678",
    )  # fmt: skip
    assert "Còn 1 lượt" in client.get("/tiep-cong-dan/").content.decode()
    month = client.get(f"/tiep-cong-dan/thang/{session.date.year}/{session.date.month}/")
    assert "Còn 1 lượt" in month.content.decode()

    session.place = "Hội trường tầng 3"
    session.notice = "Chuyển địa điểm."
    actions.session_save(session=session, changed=["place"])
    assert "Hội trường tầng 3" in client.get("/tiep-cong-dan/").content.decode()


def test_the_notice_follows_the_legal_limit_staff_keep():
    from portal.models import LegalLimit
    from portal.selectors import forget_legal_limit

    wednesday = future_weekday(2, weeks_ahead=6)
    for offset in range(1, 10):
        Holiday.objects.filter(date=wednesday - timedelta(days=offset)).delete()
    assert selectors.latest_publication_day(wednesday) == wednesday - timedelta(days=7)

    LegalLimit.objects.filter(code=selectors.NOTICE_LIMIT).update(value=3)
    forget_legal_limit(selectors.NOTICE_LIMIT)

    assert selectors.latest_publication_day(wednesday) == wednesday - timedelta(days=5)


def test_the_staff_session_page_lists_its_bookings(client):
    client.force_login(make_staff(roles.RECEPTION_OFFICER))
    session = SessionFactory()
    booking = BookingFactory(session=session, name="Trần Thị Hoa", phone="0912 345 678")
    BookingFactory(session=session, name="Người đã hủy", status="cancelled")

    page = client.get(f"/quan-tri/accountability/receptionsession/{session.pk}/change/")

    text = page.content.decode()
    assert f"{booking.code} – Kiến nghị – Trần Thị Hoa – 0912 345 678" in text
    assert "Người đã hủy" not in text


def test_the_first_and_last_months_link_to_no_month_the_calendar_refuses(client):
    """A visitor (or a link checker) following "previous" or "next" never reaches a 404."""
    first = client.get("/tiep-cong-dan/thang/2000/1/").content.decode()
    last = client.get("/tiep-cong-dan/thang/2100/12/").content.decode()

    assert 'rel="prev"' not in first and 'href="/tiep-cong-dan/thang/2000/2/"' in first
    assert 'rel="next"' not in last and 'href="/tiep-cong-dan/thang/2100/11/"' in last
    assert client.get("/tiep-cong-dan/thang/1999/12/").status_code == 404
    assert client.get("/tiep-cong-dan/thang/2101/1/").status_code == 404
