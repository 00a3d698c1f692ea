from datetime import date, datetime, timedelta

import icalendar
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from portal.caching import cache_anonymous, content_version
from portal.decorators import staff_permission_required

from . import actions, selectors
from .forms import BookingForm
from .models import Booking

NAMESPACE = actions.PAGE_NAMESPACE


def _with_places(sessions) -> list:
    sessions = list(sessions)
    for session in sessions:
        session.places_left = selectors.places_left(session)
    return sessions


def _months(today: date) -> list:
    months: dict[date, list] = {}
    for session in _with_places(selectors.upcoming_sessions(today)):
        months.setdefault(session.date.replace(day=1), []).append(session)
    return sorted(months.items())


# The session tables are read lazily: the template's fragment cache (keyed by the content
# version, which every change of a session or a booking bumps) renders them only on a miss, so a
# visitor whose page is not cached whole (a signed-in officer, a CSRF cookie) still gets them
# from the cache.
@cache_anonymous(NAMESPACE)
def reception_calendar(request):
    """The list view: the coming sessions, by month."""
    today = timezone.localdate()
    return render(
        request,
        "accountability/calendar_list.html",
        {
            "months": SimpleLazyObject(lambda: _months(today)),
            "schedules": selectors.public_schedules(),
            "this_month": today.replace(day=1),
            "later": (today + timedelta(days=selectors.LIST_DAYS)).replace(day=1),
            "today": today,
            "version": content_version(NAMESPACE),
        },
    )


@cache_anonymous(NAMESPACE)
def reception_month(request, year, month):
    """The month view: a table of the weeks, each day with its sessions, and the list below."""
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = date(year, month, 1)
    sessions = SimpleLazyObject(lambda: _with_places(selectors.month_sessions(year, month)))
    return render(
        request,
        "accountability/calendar_month.html",
        {
            "month": first,
            "weeks": SimpleLazyObject(lambda: selectors.month_weeks(year, month, sessions)),
            "sessions": sessions,
            "previous": (first - timedelta(days=1)).replace(day=1),
            "following": (first + timedelta(days=32)).replace(day=1),
            "today": timezone.localdate(),
            "version": content_version(NAMESPACE),
        },
    )


@cache_anonymous(NAMESPACE)
def reception_ical(request, slug):
    schedule = get_object_or_404(selectors.public_schedules(), slug=slug)
    feed = icalendar.Calendar()
    feed.add("prodid", "-//So Cong Thuong//Lich tiep cong dan//VI")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", schedule.name)
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    zone = timezone.get_default_timezone()
    host = settings.SITE_URL.split("://")[-1].split("/")[0]
    for session in selectors.public_sessions().filter(schedule=schedule):
        event = icalendar.Event()
        event.add("uid", f"tiep-cong-dan-{session.pk}@{host}")
        event.add("dtstamp", session.published_at or timezone.now())
        event.add("dtstart", datetime.combine(session.date, session.start_time, tzinfo=zone))
        event.add("dtend", datetime.combine(session.date, session.end_time, tzinfo=zone))
        event.add("summary", schedule.name)
        event.add("location", session.place)
        lines = []
        if session.received_by:
            lines.append(_("Received by: %(name)s") % {"name": session.received_by})
        if session.moved:
            lines.append(
                _("Moved from %(day)s, a day off.")
                % {"day": session.planned_date.strftime("%d/%m/%Y")}
            )
        if session.notice:
            lines.append(session.notice)
        if lines:
            event.add("description", "\n".join(lines))
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        event.add("url", settings.SITE_URL.rstrip("/") + session.get_absolute_url())
        feed.add_component(event)
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{schedule.slug}.ics"'
    return response


@ratelimit(key="ip", rate="20/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def booking_create(request):
    try:
        wanted = int(request.POST.get("session") or request.GET.get("phien") or 0)
    except ValueError:
        wanted = 0
    form = BookingForm(
        request.POST or None,
        sessions=selectors.bookable_sessions(keep=wanted),
        initial={"session": wanted or None},
    )
    status = 200
    if request.method == "POST":
        if form.is_bot():
            return render(request, "accountability/booking_received.html")
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking = actions.booking_create(
                    session_id=data["session"].pk,
                    topic=data["topic"],
                    description=data["description"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                )
            except actions.SessionFull:
                form.add_error(
                    "session",
                    _(
                        "The last place of this session has just been taken. Your text is kept: "
                        "choose another session, or come to the reception without booking."
                    ),
                )
                status = 409
            except actions.SessionClosed:
                form.add_error(
                    "session",
                    _(
                        "This session can no longer be booked. Your text is kept: "
                        "choose another session."
                    ),
                )
                status = 409
            else:
                return redirect(
                    "accountability:booking_detail", token=actions.cancel_token(booking)
                )
    return render(request, "accountability/booking_form.html", {"form": form}, status=status)


def _booking_or_404(token) -> Booking:
    booking = actions.booking_from_token(token)
    if booking is None:
        raise Http404
    return booking


def booking_detail(request, token):
    booking = _booking_or_404(token)
    return render(
        request, "accountability/booking_detail.html", {"booking": booking, "token": token}
    )


@ratelimit(key="ip", rate="30/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def booking_cancel(request, token):
    booking = _booking_or_404(token)
    if request.method == "POST":
        actions.booking_cancel(booking=booking)
        return redirect("accountability:booking_detail", token=token)
    return render(
        request, "accountability/booking_cancel.html", {"booking": booking, "token": token}
    )


@staff_permission_required("accountability.view_visit")
def visit_ledger(request, year, month):
    """The reception log of a month in the ledger's columns, to print (the officer's units)."""
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = date(year, month, 1)
    visits = selectors.visits_of_month(request.user, year, month)
    return render(
        request,
        "accountability/visit_ledger.html",
        {
            "month": first,
            "visits": visits,
            "previous": (first - timedelta(days=1)).replace(day=1),
            "following": (first + timedelta(days=32)).replace(day=1),
        },
    )
