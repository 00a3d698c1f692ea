from datetime import date, datetime, timedelta

import icalendar
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from portal.caching import cache_anonymous, content_version
from portal.decorators import staff_permission_required
from portal.pagination import CappedPaginator, page_links
from portal.periods import Quarter
from portal.results import ResultItem
from portal.selectors import legal_limit

from . import actions, selectors
from .deadlines import (
    COMPLAINT_ACCEPTANCE,
    DENUNCIATION_ACCEPTANCE,
    calendar_for,
    case_clocks,
    explanation_clocks,
    running_clocks,
)
from .forms import BookingForm, CaseForm, CodeForm, ExplanationForm, QuestionForm
from .models import (
    Booking,
    Case,
    CaseAttachment,
    Dialogue,
    DialogueQuestion,
    ExplanationRequest,
    InspectionConclusion,
)

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


# The months the calendar and the ledger show.
FIRST_MONTH, LAST_MONTH = date(2000, 1, 1), date(2100, 12, 1)


def _month_or_404(year: int, month: int) -> tuple[date, date | None, date | None]:
    """The first day of a month the calendar and the ledger show, and of the months before and
    after it (None where the page would refuse that month)."""
    if not (1 <= month <= 12 and FIRST_MONTH.year <= year <= LAST_MONTH.year):
        raise Http404
    first = date(year, month, 1)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return (
        first,
        previous if previous >= FIRST_MONTH else None,
        following if following <= LAST_MONTH else None,
    )


@cache_anonymous(NAMESPACE)
def reception_month(request, year, month):
    """The month view: a table of the weeks, each day with its sessions, and the list below."""
    first, previous, following = _month_or_404(year, month)
    sessions = SimpleLazyObject(lambda: _with_places(selectors.month_sessions(year, month)))
    return render(
        request,
        "accountability/calendar_month.html",
        {
            "month": first,
            "weeks": SimpleLazyObject(lambda: selectors.month_weeks(year, month, sessions)),
            "sessions": sessions,
            "previous": previous,
            "following": following,
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
    first, previous, following = _month_or_404(year, month)
    visits = selectors.visits_of_month(request.user, year, month)
    return render(
        request,
        "accountability/visit_ledger.html",
        {
            "month": first,
            "visits": visits,
            "previous": previous,
            "following": following,
        },
    )


# --- Cases ----------------------------------------------------------------------------------------


def _paged(request, items, to_result) -> dict:
    page = CappedPaginator(items, 20).get_page(request.GET.get("page"))
    return {
        "page": page,
        "items": [to_result(obj) for obj in page.object_list],
        "pagination": page_links(page),
    }


def _explanation_result(item) -> ResultItem:
    return ResultItem(
        url=reverse("accountability:explanation_detail", args=[item.code]),
        title=item.subject,
        summary=Truncator(item.explanation).words(40),
        when=item.explained_on,
        when_label=_("explained on"),
    )


def _conclusion_result(item) -> ResultItem:
    return ResultItem(
        url=item.get_absolute_url(),
        title=f"{item.number} – {item.title}",
        summary=Truncator(item.summary).words(40),
        origin=str(item.unit),
        when=item.issued_on,
        when_label=_("issued on"),
    )


def _dialogue_result(item) -> ResultItem:
    return ResultItem(
        url=item.get_absolute_url(),
        title=item.title,
        summary=item.place,
        when=timezone.localtime(item.held_at).date(),
    )


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def case_submit(request):
    """Send a complaint or a denunciation online; nothing typed is lost on an error."""
    form = CaseForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot():
            return render(request, "accountability/case_received_bot.html")
        if form.is_valid():
            data = form.cleaned_data
            case = actions.case_submit(
                kind=data["kind"],
                name=data["name"],
                address=data["address"],
                subject=data["subject"],
                content=data["content"],
                phone=data["phone"],
                email=data["email"],
            )
            return redirect("accountability:case_track", token=actions.tracking_token(case))
    return render(
        request,
        "accountability/case_form.html",
        {"form": form, "acceptance": _acceptance_limits()},
    )


def _acceptance_limits() -> list:
    return [legal_limit(COMPLAINT_ACCEPTANCE), legal_limit(DENUNCIATION_ACCEPTANCE)]


@ratelimit(key="ip", rate="60/h", block=True)
def case_track(request, token):
    """What the sender sees of their case: its status and its clocks with their citations."""
    case = actions.from_tracking_token(Case, token)
    if case is None:
        raise Http404
    return render(
        request,
        "accountability/case_track.html",
        {"case": case, "clocks": case_clocks(case), "today": timezone.localdate()},
    )


@cache_anonymous(NAMESPACE)
def case_statistics(request):
    """The public's view of cases: counts per quarter, never a case."""
    current = Quarter.containing(timezone.localdate())
    quarters = [current]
    for _i in range(3):
        quarters.append(quarters[-1].previous())
    return render(
        request,
        "accountability/case_statistics.html",
        {"rows": selectors.case_statistics(quarters)},
    )


@staff_permission_required("accountability.view_case")
def case_attachment(request, case_pk, pk):
    """A case's document, for those who may read the case; another unit's is a 404."""
    cases = Case.objects.of_units_of(request.user).filter(pk=case_pk)
    attachment = get_object_or_404(CaseAttachment, pk=pk, case__in=cases)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@staff_permission_required("accountability.view_case")
def case_clock_board(request):
    """The officer's cases that are still open, each clock with its due date and citation,
    the most urgent first."""
    today = timezone.localdate()
    rows = []
    cases = Case.objects.of_units_of(request.user).open().select_related("unit", "officer")
    calendar = calendar_for(cases, today)
    for case in cases:
        for clock in running_clocks(case, calendar):
            rows.append((clock.due, case, clock))
    rows.sort(key=lambda row: (row[0], row[1].pk))
    return render(
        request,
        "accountability/case_board.html",
        {"rows": [(case, clock) for _due, case, clock in rows], "today": today},
    )


# --- Requests for explanation --------------------------------------------------------------------


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def explanation_submit(request):
    form = ExplanationForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot():
            return render(request, "accountability/case_received_bot.html")
        if form.is_valid():
            data = form.cleaned_data
            explanation = actions.explanation_submit(
                name=data["name"],
                address=data["address"],
                subject=data["subject"],
                content=data["content"],
                phone=data["phone"],
                email=data["email"],
                publish_consent=data["publish"],
            )
            return redirect(
                "accountability:explanation_track", token=actions.tracking_token(explanation)
            )
    return render(
        request,
        "accountability/explanation_form.html",
        {"form": form, "acceptance": legal_limit("explanation-acceptance")},
    )


@ratelimit(key="ip", rate="60/h", block=True)
def explanation_track(request, token):
    explanation = actions.from_tracking_token(ExplanationRequest, token)
    if explanation is None:
        raise Http404
    return render(
        request,
        "accountability/explanation_track.html",
        {"item": explanation, "clocks": explanation_clocks(explanation)},
    )


@cache_anonymous(NAMESPACE)
def explanation_list(request):
    items = ExplanationRequest.objects.public().order_by("-explained_on", "-pk")
    return render(
        request, "accountability/explanation_list.html", _paged(request, items, _explanation_result)
    )


@cache_anonymous(NAMESPACE)
def explanation_detail(request, code):
    item = get_object_or_404(ExplanationRequest.objects.public(), code=code)
    return render(request, "accountability/explanation_detail.html", {"item": item})


# --- Dialogues with businesses -------------------------------------------------------------------


@cache_anonymous(NAMESPACE)
def dialogue_list(request):
    now = timezone.now()
    dialogues = list(selectors.public_dialogues())
    return render(
        request,
        "accountability/dialogue_list.html",
        {
            "coming": [_dialogue_result(d) for d in reversed(dialogues) if d.held_at >= now],
            "past": [_dialogue_result(d) for d in dialogues if d.held_at < now],
        },
    )


def _public_dialogue(slug) -> Dialogue:
    return get_object_or_404(selectors.public_dialogues(), slug=slug)


@cache_anonymous(NAMESPACE)
def dialogue_detail(request, slug):
    dialogue = _public_dialogue(slug)
    questions = dialogue.questions.filter(status=DialogueQuestion.Status.APPROVED)
    return render(
        request,
        "accountability/dialogue_detail.html",
        {
            "dialogue": dialogue,
            "questions": questions,
            "takes_questions": dialogue.takes_questions(),
            "held": dialogue.held_at < timezone.now(),
        },
    )


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def question_create(request, slug):
    dialogue = _public_dialogue(slug)
    if not dialogue.takes_questions():
        return render(
            request, "accountability/question_closed.html", {"dialogue": dialogue}, status=410
        )
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot():
            return render(request, "accountability/case_received_bot.html")
        if form.is_valid():
            data = form.cleaned_data
            question = actions.question_submit(
                dialogue=dialogue,
                business=data["business"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                question=data["question"],
            )
            return render(
                request,
                "accountability/question_sent.html",
                {"dialogue": dialogue, "question": question},
            )
    return render(
        request, "accountability/question_form.html", {"form": form, "dialogue": dialogue}
    )


@ratelimit(key="ip", rate="60/h", block=True)
def question_lookup(request):
    """A business finds its own question's answer by the code it received."""
    form = CodeForm(request.GET or None)
    question = None
    if form.is_valid():
        question = (
            DialogueQuestion.objects.select_related("dialogue")
            .filter(code=form.cleaned_data["code"], dialogue__in=selectors.public_dialogues())
            .first()
        )
        if question is None:
            form.add_error("code", _("No question has this code: check it and try again"))
    return render(
        request, "accountability/question_lookup.html", {"form": form, "question": question}
    )


# --- Inspection conclusions ---------------------------------------------------------------------


@cache_anonymous(NAMESPACE)
def conclusion_list(request):
    items = InspectionConclusion.objects.public().select_related("unit")
    return render(
        request, "accountability/conclusion_list.html", _paged(request, items, _conclusion_result)
    )


@cache_anonymous(NAMESPACE)
def conclusion_detail(request, pk):
    conclusion = get_object_or_404(InspectionConclusion.objects.public(), pk=pk)
    return render(
        request,
        "accountability/conclusion_detail.html",
        {
            "conclusion": conclusion,
            "recommendations": conclusion.recommendations.all(),
            "today": timezone.localdate(),
        },
    )
