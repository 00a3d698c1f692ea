"""Every write of the reception calendar and its bookings."""

import secrets
import unicodedata
from datetime import date, timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from portal.caching import bump_content_version
from portal.mail import render_mail, site_url
from portal.models import Unit
from portal.roles import can_access_unit
from portal.uploads import check_attachment
from portal.workdays import WorkingCalendar

from .deadlines import calendar_for, running_clocks
from .models import (
    Booking,
    Case,
    CaseAttachment,
    DialogueQuestion,
    ExplanationRequest,
    ReceptionSchedule,
    ReceptionSession,
    Recommendation,
    Visit,
)
from .selectors import bookings_due_reminder

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
    return "TCD-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def booking_create(
    *, session_id: int, topic: str, description: str, name: str, phone: str, email: str = ""
) -> Booking:
    """Books a place. The session's row is locked while its places are counted, so two
    requests for the last place are served one after the other and only one gets it. The code
    is drawn without a query to check it: the unique constraint refuses the one-in-a-trillion
    repeat, and the booking is tried again."""
    for _attempt in range(5):
        try:
            return _book(
                session_id=session_id,
                topic=topic,
                description=description,
                name=name,
                phone=phone,
                email=email,
            )
        except IntegrityError:
            continue
    raise IntegrityError("No free booking code after five draws.")


@transaction.atomic
def _book(*, session_id, topic, description, name, phone, email) -> Booking:
    # One query finds the session still bookable and locks its row (not its calendar's).
    session = (
        ReceptionSession.objects.bookable()
        .select_for_update(of=("self",))
        .filter(pk=session_id)
        .select_related("schedule")
        .first()
    )
    if session is None:
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


def _render_mail(template: str, context: dict) -> tuple[str, str]:
    return render_mail(f"accountability/mail/{template}", context)


def _send(booking: Booking, kind: str, *, session: ReceptionSession) -> None:
    """One mail to the citizen, in Vietnamese, sent after the commit (through Celery when a
    broker is configured)."""
    with translation.override("vi"):  # the links too are the Vietnamese pages'
        subject, body = _render_mail(
            kind,
            {
                "booking": booking,
                "session": session,
                "cancel_url": site_url(
                    reverse("accountability:booking_cancel", args=[cancel_token(booking)])
                ),
                "calendar_url": site_url(reverse("accountability:reception_calendar")),
            },
        )
    send_mail(subject, body, None, [booking.email])


@transaction.atomic
def visit_save(*, user, visit: Visit) -> Visit:
    """Records or corrects an entry of the reception log, for a unit the officer belongs to."""
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


# --- Cases ----------------------------------------------------------------------------------------

CASE_PREFIX = {"complaint": "KN-", "denunciation": "TC-"}
# Running clocks are reminded this many calendar days before they are due, once.
REMINDER_DAYS = 3
# The inspection unit (Thanh tra Sở) is told of the clocks of cases no unit was assigned yet.
INSPECTION_UNIT_CODE = "thanh-tra"


def _unique_code(model, prefix: str) -> str:
    while True:
        code = prefix + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if not model.objects.filter(code=code).exists():
            return code


def tracking_token(obj) -> str:
    """The signed link a citizen keeps to follow a case or a request (its code, signed)."""
    return signing.dumps(obj.code, salt=f"accountability.{obj._meta.model_name}")


def from_tracking_token(model, token: str):
    try:
        code = signing.loads(token, salt=f"accountability.{model._meta.model_name}")
    except signing.BadSignature:
        return None
    return model.objects.filter(code=code).first()


def _mail(template: str, recipients: list[str], context: dict) -> None:
    """One mail in Vietnamese, sent after the commit through the project's mail backend."""
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    subject, body = _render_mail(template, {"site": site_url(), **context})
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


@transaction.atomic
def case_submit(
    *,
    kind: str,
    name: str,
    address: str,
    subject: str,
    content: str,
    phone: str = "",
    email: str = "",
    channel: str = "online",
    received_on: date | None = None,
):
    """A complaint or denunciation sent online (or entered from a letter): the acceptance
    clock starts on the day it is received. The sender gets the tracking code by mail."""
    case = Case.objects.create(
        code=_unique_code(Case, CASE_PREFIX[kind]),
        kind=kind,
        channel=channel,
        received_on=received_on or timezone.localdate(),
        petitioner_name=_nfc(name),
        petitioner_address=_nfc(address),
        phone=phone,
        email=email.strip(),
        subject=_nfc(subject),
        content=_nfc(content),
        consent_at=timezone.now() if channel == Case.Channel.ONLINE else None,
        consent_notice=CONSENT_NOTICE if channel == Case.Channel.ONLINE else "",
    )
    _refresh_pages()
    _mail_case(case, "case_received")
    return case


@transaction.atomic
def case_from_visit(*, user, visit: Visit):
    """A visit of the reception log becomes a case (a complaint or a denunciation), in the
    visit's unit; its clock starts on the day of the visit."""
    if user is not None and not can_access_unit(user, visit.unit):  # None: the system (demo)
        raise PermissionDenied
    existing = Case.objects.filter(visit=visit).first()
    if existing:
        return existing
    kind = (
        Case.Kind.DENUNCIATION
        if visit.classification == Visit.Classification.DENUNCIATION
        else Case.Kind.COMPLAINT
    )
    case = Case.objects.create(
        code=_unique_code(Case, CASE_PREFIX[kind]),
        kind=kind,
        channel=Case.Channel.VISIT,
        visit=visit,
        received_on=visit.visited_on,
        petitioner_name=visit.visitor_name,
        petitioner_address=visit.visitor_address,
        subject=visit.content[:300],
        content=visit.content,
        unit=visit.unit,
        within_competence=visit.within_competence,
    )
    _refresh_pages()
    return case


# A change of status tells the sender (Law 02/2011 Art. 27, Law 25/2018 Art. 29).
NOTIFIED_STATUSES = {"accepted", "refused", "forwarded", "resolved"}


@transaction.atomic
def case_save(*, user, case, changed=()):
    """Saves a case edited by staff: only one who may read it (the inspection unit, its own
    unit, leadership); the day of a new status is recorded, and the sender is told."""
    if case.pk and not Case.objects.of_units_of(user).filter(pk=case.pk).exists():
        raise PermissionDenied
    before = Case.objects.filter(pk=case.pk).values_list("status", flat=True).first()
    today = timezone.localdate()
    if case.status == Case.Status.ACCEPTED and not case.accepted_on:
        case.accepted_on = today
    if case.status == Case.Status.FORWARDED and not case.forwarded_on:
        case.forwarded_on = today
    if case.status in (Case.Status.RESOLVED, Case.Status.REFUSED) and not case.resolved_on:
        case.resolved_on = today
    case.save()
    _refresh_pages()
    if case.status != before and case.status in NOTIFIED_STATUSES:
        _mail_case(case, "case_status")
    return case


def _mail_case(case, template: str) -> None:
    _mail(
        template,
        [case.email],
        {
            "case": case,
            "track_url": site_url(
                reverse("accountability:case_track", args=[tracking_token(case)])
            ),
            "is_complaint": case.kind == Case.Kind.COMPLAINT,
        },
    )


@transaction.atomic
def case_attachment_add(*, user, case, uploaded, title: str = ""):
    if not Case.objects.of_units_of(user).filter(pk=case.pk).exists():
        raise PermissionDenied
    attachment = CaseAttachment(
        case=case,
        title=title,
        original_name=uploaded.name.rsplit("/", 1)[-1][:255],
        format=check_attachment(uploaded),
        size=uploaded.size,
    )
    attachment.file.save(uploaded.name, uploaded, save=False)
    attachment.save()
    return attachment


def case_alerts_send(today: date | None = None) -> int:
    """A reminder before each running clock's deadline and an alert once it has passed, each
    mailed once to the officer in charge and the assigned unit (or the inspection unit while
    none is assigned)."""
    today = today or timezone.localdate()
    calendar = calendar_for(Case.objects.open(), today)
    inspection = list(
        Unit.objects.filter(code=INSPECTION_UNIT_CODE).values_list("email", flat=True)
    )
    sent = 0
    for case in Case.objects.open().select_related("unit", "officer"):
        for clock in running_clocks(case, calendar):
            if clock.overdue(today):
                kind = "overdue"
            elif clock.days_left(today) <= REMINDER_DAYS:
                kind = "reminder"
            else:
                continue
            key = f"{clock.key}:{clock.due.isoformat()}:{kind}"
            with transaction.atomic():
                locked = Case.objects.select_for_update().get(pk=case.pk)
                if key in locked.alerts_sent:
                    continue
                locked.alerts_sent = [*locked.alerts_sent, key]
                locked.save(update_fields=["alerts_sent"])
                recipients = [case.officer.email if case.officer else ""]
                recipients += [case.unit.email] if case.unit else inspection
                _mail(
                    f"case_{kind}",
                    recipients,
                    {
                        "case": case,
                        "clock": clock,
                        "today": today,
                        "admin_url": site_url(
                            reverse("admin:accountability_case_change", args=[case.pk])
                        ),
                    },
                )
                sent += 1
    return sent


# --- Requests for explanation --------------------------------------------------------------------


@transaction.atomic
def explanation_submit(
    *,
    name: str,
    address: str,
    subject: str,
    content: str,
    phone: str = "",
    email: str = "",
    publish_consent: bool = False,
):
    item = ExplanationRequest.objects.create(
        code=_unique_code(ExplanationRequest, "GT-"),
        received_on=timezone.localdate(),
        requester_name=_nfc(name),
        requester_address=_nfc(address),
        phone=phone,
        email=email.strip(),
        subject=_nfc(subject),
        content=_nfc(content),
        publish_consent=publish_consent,
        consent_at=timezone.now(),
        consent_notice=CONSENT_NOTICE,
    )
    _mail_explanation(item, "explanation_received")
    return item


class ExplanationIncomplete(ValueError):
    """The written explanation lacks a part Decree 59/2019, Art. 12(3) requires."""


# The parts of the written explanation besides the requester's name, address and request.
EXPLANATION_PARTS = ("meeting_results", "legal_basis", "explanation")


@transaction.atomic
def explanation_save(*, user, item):
    """Saves a request edited by staff: the day of acceptance or refusal and of the
    explanation are recorded; an explanation is published only with the requester's consent
    and only once it holds every part; the requester is told of each step."""
    scoped = ExplanationRequest.objects.of_units_of(user)
    if item.pk and not scoped.filter(pk=item.pk).exists():
        raise PermissionDenied
    before = ExplanationRequest.objects.filter(pk=item.pk).values_list("status", flat=True).first()
    today = timezone.localdate()
    status = ExplanationRequest.Status
    if item.status in (status.ACCEPTED, status.REFUSED, status.EXPLAINED) and not item.decided_on:
        item.decided_on = today
    if item.status == status.EXPLAINED:
        missing = [part for part in EXPLANATION_PARTS if not getattr(item, part).strip()]
        if missing:
            raise ExplanationIncomplete(missing)
        item.explained_on = item.explained_on or today
    if item.is_published and not (item.publish_consent and item.status == status.EXPLAINED):
        item.is_published = False
    item.save()
    _refresh_pages()
    if item.status != before and item.status != status.RECEIVED:
        _mail_explanation(item, "explanation_status")
    return item


def _mail_explanation(item, template: str) -> None:
    _mail(
        template,
        [item.email],
        {
            "item": item,
            "track_url": site_url(
                reverse("accountability:explanation_track", args=[tracking_token(item)])
            ),
        },
    )


# --- Dialogues -----------------------------------------------------------------------------------


@transaction.atomic
def question_submit(*, dialogue, business, name, question, email="", phone=""):
    """A business's question, kept for moderation; its code finds the answer later."""
    item = DialogueQuestion.objects.create(
        dialogue=dialogue,
        code=_unique_code(DialogueQuestion, "HD-"),
        business=_nfc(business),
        sender_name=_nfc(name),
        email=email.strip(),
        phone=phone,
        question=_nfc(question),
        consent_at=timezone.now(),
        consent_notice=CONSENT_NOTICE,
    )
    _mail(
        "question_received",
        [item.email],
        {"item": item, "lookup_url": site_url(reverse("accountability:question_lookup"))},
    )
    return item


@transaction.atomic
def question_moderate(*, user, question, status: str, reason: str = ""):
    if not user.has_perm("accountability.moderate_dialoguequestion"):
        raise PermissionDenied
    question.status = status
    question.rejection_reason = reason
    question.save(update_fields=["status", "rejection_reason"])
    _refresh_pages()
    return question


@transaction.atomic
def question_answer(*, user, question, answer: str):
    """Publishes the answer (the question is approved with it) and tells the business."""
    if not user.has_perm("accountability.moderate_dialoguequestion"):
        raise PermissionDenied
    first = not question.answer
    question.answer = _nfc(answer)
    question.status = DialogueQuestion.Status.APPROVED
    question.answered_at = question.answered_at or timezone.now()
    question.save(update_fields=["answer", "status", "answered_at"])
    _refresh_pages()
    if first and question.answer:
        _mail(
            "question_answered",
            [question.email],
            {
                "item": question,
                "lookup_url": site_url(reverse("accountability:question_lookup")),
            },
        )
    return question


# --- Inspection follow-up ------------------------------------------------------------------------


@transaction.atomic
def recommendation_save(*, user, recommendation):
    """Records the implementation of a recommendation (its day when implemented)."""
    scoped = Recommendation.objects.of_units_of(user)
    if recommendation.pk and not scoped.filter(pk=recommendation.pk).exists():
        raise PermissionDenied
    if (
        recommendation.status == Recommendation.Status.IMPLEMENTED
        and not recommendation.implemented_on
    ):
        recommendation.implemented_on = timezone.localdate()
    recommendation.save()
    _refresh_pages()
    return recommendation
