"""Every write of the reception calendar and its bookings."""

import secrets
import unicodedata
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.caching import bump_content_version
from portal.workdays import WorkingCalendar

from .models import Booking, ReceptionSchedule, ReceptionSession, Visit

PAGE_NAMESPACE = "accountability"
CANCEL_SALT = "accountability.booking.cancel"
# The version of the personal-data notice a booking agrees to (kept with the booking).
CONSENT_NOTICE = "2026-1"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone

# Changing one of these on a published session is a change citizens must be told about.
NOTIFIED_FIELDS = ("date", "start_time", "end_time", "place", "host", "delegate", "status")


class SessionFull(Exception):
    """Every place of the session was taken (the citizen can still come without booking)."""


class SessionClosed(Exception):
    """The session is cancelled, past, or not published."""


def _refresh_pages() -> None:
    transaction.on_commit(lambda: bump_content_version(PAGE_NAMESPACE))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


@transaction.atomic
def session_create(
    *,
    schedule: ReceptionSchedule,
    planned_date: date,
    calendar: WorkingCalendar | None = None,
    **fields,
) -> ReceptionSession:
    """A session of the calendar; one planned on a day off is held on the next working day."""
    calendar = calendar or WorkingCalendar(planned_date, planned_date)
    values = {
        "start_time": schedule.start_time,
        "end_time": schedule.end_time,
        "place": schedule.place,
        "host": schedule.officer_on_duty,
        "capacity": schedule.capacity,
        **fields,
    }
    _refresh_pages()
    return ReceptionSession.objects.create(
        schedule=schedule,
        planned_date=planned_date,
        date=calendar.on_or_after(planned_date),
        **values,
    )


@transaction.atomic
def sessions_generate(
    *, schedule: ReceptionSchedule, start: date, end: date, publish: bool = False
) -> list[ReceptionSession]:
    """The regular calendar's sessions on its weekdays from start to end (inclusive), skipping
    the planned days it already has. Safe to run again."""
    weekdays = schedule.weekday_numbers()
    existing = set(schedule.sessions.values_list("planned_date", flat=True))
    calendar = WorkingCalendar(start, end)
    created, day = [], start
    while day <= end:
        if day.weekday() in weekdays and day not in existing:
            created.append(
                session_create(
                    schedule=schedule,
                    planned_date=day,
                    calendar=calendar,
                    is_published=publish,
                    published_at=timezone.now() if publish else None,
                )
            )
        day += timedelta(days=1)
    return created


@transaction.atomic
def session_save(
    *, session: ReceptionSession, changed: list[str] | tuple[str, ...] = ()
) -> ReceptionSession:
    """Saves a session edited by staff. Publishing records when; a change of a published
    session's day, time, place, host or status marks it changed (or cancelled) and mails
    everyone who booked it, with the notice."""
    before = ReceptionSession.objects.filter(pk=session.pk).first() if session.pk else None
    if session.is_published and not session.published_at:
        session.published_at = timezone.now()
    notify = bool(
        before and before.is_published and any(field in changed for field in NOTIFIED_FIELDS)
    )
    if notify and session.status == ReceptionSession.Status.SCHEDULED:
        session.status = ReceptionSession.Status.CHANGED
    session.save()
    _refresh_pages()
    if notify:
        _mail_bookers_of_change(session)
    return session


@transaction.atomic
def session_cancel(*, session: ReceptionSession, notice: str) -> ReceptionSession:
    session.status = ReceptionSession.Status.CANCELLED
    session.notice = notice
    session.save()
    _refresh_pages()
    if session.is_published:
        _mail_bookers_of_change(session)
    return session


def _mail_bookers_of_change(session: ReceptionSession) -> None:
    bookings = session.bookings.filter(status=Booking.Status.BOOKED).exclude(email="")
    for booking in bookings:
        _send(booking, "changed", session=session)


def _new_code() -> str:
    while True:
        code = "TCD-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if not Booking.objects.filter(code=code).exists():
            return code


def booking_create(
    *, session_id: int, topic: str, description: str, name: str, phone: str, email: str = ""
) -> Booking:
    """Books a place. The session's row is locked while its places are counted, so two
    requests for the last place are served one after the other and only one gets it."""
    with transaction.atomic():
        session = (
            ReceptionSession.objects.select_for_update()
            .filter(pk=session_id)
            .select_related("schedule")
            .first()
        )
        if (
            session is None
            or not ReceptionSession.objects.bookable().filter(pk=session_id).exists()
        ):
            raise SessionClosed
        taken = session.bookings.filter(status=Booking.Status.BOOKED).count()
        if taken >= session.capacity:
            raise SessionFull
        booking = Booking.objects.create(
            session=session,
            code=_new_code(),
            topic=topic,
            description=_nfc(description),
            name=_nfc(name),
            phone=phone,
            email=email.strip(),
            consent_at=timezone.now(),
            consent_notice=CONSENT_NOTICE,
        )
        _refresh_pages()
        if booking.email:
            _send(booking, "confirmation", session=session)
    return booking


def cancel_token(booking: Booking) -> str:
    return signing.dumps(booking.code, salt=CANCEL_SALT)


def booking_from_token(token: str) -> Booking | None:
    try:
        code = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Booking.objects.select_related("session__schedule").filter(code=code).first()


@transaction.atomic
def booking_cancel(*, booking: Booking) -> Booking:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.CANCELLED:
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
        _refresh_pages()
    return booking


def reminders_send(today: date | None = None) -> int:
    """Mails each booking whose session is on the next working day, once."""
    from .selectors import bookings_due_reminder

    sent = 0
    for pk in bookings_due_reminder(today).values_list("pk", flat=True):
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(skip_locked=True)
                .select_related("session__schedule")
                .filter(pk=pk, reminder_sent_at__isnull=True)
                .first()
            )
            if booking is None:
                continue
            booking.reminder_sent_at = timezone.now()
            booking.save(update_fields=["reminder_sent_at"])
            _send(booking, "reminder", session=booking.session)
            sent += 1
    return sent


def _send(booking: Booking, kind: str, *, session: ReceptionSession) -> None:
    """One mail to the citizen, in Vietnamese, sent after the commit (through Celery when a
    broker is configured)."""
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    with translation.override("vi"):
        context = {
            "booking": booking,
            "session": session,
            "cancel_url": site
            + reverse("accountability:booking_cancel", args=[cancel_token(booking)]),
            "calendar_url": site + reverse("accountability:reception_calendar"),
        }
        subject = render_to_string(f"accountability/mail/{kind}_subject.txt", context).strip()
        body = render_to_string(f"accountability/mail/{kind}.txt", context)
    send_mail(subject, body, None, [booking.email])


@transaction.atomic
def visit_save(*, user, visit: Visit) -> Visit:
    """Records or corrects an entry of the reception log, for a unit the officer belongs to."""
    from django.core.exceptions import PermissionDenied

    from portal.roles import can_access_unit

    if not can_access_unit(user, visit.unit):
        raise PermissionDenied
    visit.visitor_name = _nfc(visit.visitor_name)
    visit.visitor_address = _nfc(visit.visitor_address)
    visit.content = _nfc(visit.content)
    visit.save()
    return visit


# The booking form's notice promises this: a year after the session, the contact details go.
RETENTION = timedelta(days=365)


@transaction.atomic
def bookings_erase_personal_data(today: date | None = None) -> int:
    """Erases the name, contact details and description of bookings whose session is more than
    a year past; the code, topic and dates stay for the statistics."""
    today = today or timezone.localdate()
    return (
        Booking.objects.filter(session__date__lt=today - RETENTION)
        .exclude(name="")
        .update(name="", phone="", email="", description="")
    )
