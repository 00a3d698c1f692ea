from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from portal.decorators import staff_permission_required

from . import actions, applications, crypto, selectors
from .decorators import inspectors_only
from .forms import (
    AnswerForm,
    ApplicationForm,
    NoteForm,
    ReceiptForm,
    ReplyForm,
    StatusForm,
    StatusLookupForm,
    TipForm,
    UnlockForm,
)
from .models import ApplicationDocument, RecruitmentRound, RecruitmentStep, Tip, TipAttachment
from .privacy import anonymous_route, bucket, form_token

# The anonymous channel ------------------------------------------------------------------------


def _named_path() -> str | None:
    """The citizen reception's page, where a named denunciation is made, if that app is on."""
    for name in ("accountability:booking_create", "accountability:reception_calendar"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def _channel_context(**extra) -> dict:
    return {"token": form_token(), "named_path": _named_path(), **extra}


@anonymous_route
@ratelimit(key=bucket, rate="5/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def tip_create(request):
    if not crypto.channel_ready():
        return render(request, "anticorruption/tip_unavailable.html", status=503)
    form = TipForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_bot():
            return render(request, "anticorruption/tip_form.html", _channel_context(form=TipForm()))
        if form.is_valid():
            try:
                _tip, receipt = actions.tip_create(
                    content=form.cleaned_data["content"], files=form.cleaned_data["attachments"]
                )
            except actions.ValidationError as error:
                form.add_error("attachments", error)
            else:
                # Shown in this response only: no redirect, nothing kept to show it again.
                return render(
                    request,
                    "anticorruption/tip_receipt.html",
                    _channel_context(receipt=receipt),
                    status=201,
                )
    return render(request, "anticorruption/tip_form.html", _channel_context(form=form))


def _receipt_file(request, receipt: str) -> HttpResponse:
    """The receipt as a text file to save (posted back from the receipt page, so that it never
    appears in a URL)."""
    text = _(
        "Receipt of your anonymous report to the Department of Industry and Trade\n\n"
        "%(receipt)s\n\nKeep it safe. With it you read the inspectors' answers and write to "
        "them at %(url)s. It cannot be sent to you again.\n"
    ) % {
        "receipt": receipt,
        "url": request.build_absolute_uri(reverse("anticorruption:tip_follow")),
    }
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bien-nhan-to-giac.txt"'
    return response


@anonymous_route
@ratelimit(key=bucket, rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def tip_follow(request):
    """Read the answers and write back, with the receipt (posted, never in a URL)."""
    receipt_form = ReceiptForm(request.POST or None)
    if request.method == "GET" or not receipt_form.is_valid():
        return render(
            request,
            "anticorruption/tip_follow.html",
            _channel_context(receipt_form=receipt_form),
        )
    receipt = receipt_form.cleaned_data["receipt"]
    if "download" in request.POST:
        return _receipt_file(request, receipt)
    tip = actions.tip_from_receipt(receipt)
    if tip is None or tip.destroyed_on:
        receipt_form.add_error(
            "receipt",
            _("No report matches this receipt. Check each letter and digit and try again."),
        )
        return render(
            request,
            "anticorruption/tip_follow.html",
            _channel_context(receipt_form=receipt_form),
        )
    reply_form = ReplyForm(request.POST if "send" in request.POST else None, request.FILES or None)
    sent = False
    if "send" in request.POST and reply_form.is_valid():
        body = reply_form.cleaned_data["body"]
        files = reply_form.cleaned_data["attachments"]
        if body or files:
            try:
                actions.reporter_message(tip=tip, body=body, files=files)
            except actions.ValidationError as error:
                reply_form.add_error("attachments", error)
            else:
                sent = True
                reply_form = ReplyForm()
        else:
            reply_form.add_error("body", _("Write a message or attach a file"))
    return render(
        request,
        "anticorruption/tip_thread.html",
        _channel_context(
            tip=tip,
            receipt=receipt,
            reply_form=reply_form,
            sent=sent,
            thread=actions.reporter_thread(tip, receipt),
        ),
    )


@anonymous_route
@require_GET
def tip_statistics(request):
    return render(
        request,
        "anticorruption/tip_statistics.html",
        {"rows": selectors.quarterly_aggregates(timezone.localdate()), "named_path": _named_path()},
    )


# The inspectors' side --------------------------------------------------------------------------


@inspectors_only
@require_GET
def tip_list(request):
    today = timezone.localdate()
    status = request.GET.get("trang-thai", "")
    tips = Tip.objects.all()
    if status in Tip.Status.values:
        tips = tips.filter(status=status)
    return render(
        request,
        "anticorruption/staff/tip_list.html",
        {
            "tips": tips[:200],
            "today": today,
            "status": status,
            "statuses": Tip.Status.choices,
            "unlocked": crypto.session_private_key(request) is not None,
            "limit": actions.legal_limit(actions.FIRST_HANDLING_LIMIT),
        },
    )


@inspectors_only
@ratelimit(key="user", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def tip_unlock(request):
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and "lock" in request.POST:
        response = redirect("anticorruption:tip_list")
        crypto.lock_session(request, response)
        return response
    if request.method == "POST" and form.is_valid():
        try:
            key = crypto.load_private_key(form.cleaned_data["passphrase"])
        except crypto.CannotOpen:
            form.add_error("passphrase", _("The passphrase does not open the key."))
        else:
            wanted = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(
                wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                wanted = reverse("anticorruption:tip_list")
            response = redirect(wanted)
            crypto.unlock_session(request, response, key)
            return response
    return render(request, "anticorruption/staff/tip_unlock.html", {"form": form})


@inspectors_only
@require_http_methods(["GET", "POST"])
def tip_detail(request, pk):
    tip = get_object_or_404(Tip, pk=pk)
    key = crypto.session_private_key(request)
    if key is None:
        return redirect(reverse("anticorruption:tip_unlock") + f"?next={request.path}")
    answer_form = AnswerForm(request.POST if "answer" in request.POST else None)
    note_form = NoteForm(request.POST if "note" in request.POST else None)
    status_form = StatusForm(
        request.POST if "status" in request.POST and "change" in request.POST else None,
        initial={"status": tip.status, "referred_to": tip.referred_to},
    )
    if request.method == "POST" and tip.destroyed_on is None:
        if "answer" in request.POST and answer_form.is_valid():
            actions.inspector_answer(
                tip=tip, body=answer_form.cleaned_data["body"], user=request.user
            )
            return redirect("anticorruption:tip_detail", pk=tip.pk)
        if "note" in request.POST and note_form.is_valid():
            actions.note_add(tip=tip, body=note_form.cleaned_data["body"], user=request.user)
            return redirect("anticorruption:tip_detail", pk=tip.pk)
        if "change" in request.POST and status_form.is_valid():
            actions.status_change(
                tip=tip,
                status=status_form.cleaned_data["status"],
                referred_to=status_form.cleaned_data["referred_to"],
                user=request.user,
            )
            return redirect("anticorruption:tip_detail", pk=tip.pk)
    opened = None if tip.destroyed_on else crypto.unseal_text(tip.content, key)
    messages_ = [
        {"message": m, "body": crypto.unseal_text(m.body, key)} for m in tip.messages.all()
    ]
    notes = [{"note": n, "body": crypto.unseal_text(n.body, key)} for n in tip.notes.all()]
    attachments = [
        {"attachment": a, "name": crypto.unseal_text(a.name, key)} for a in tip.attachments.all()
    ]
    return render(
        request,
        "anticorruption/staff/tip_detail.html",
        {
            "tip": tip,
            "content": opened,
            "thread": messages_,
            "notes": notes,
            "attachments": attachments,
            "events": tip.events.select_related("actor"),
            "answer_form": answer_form,
            "note_form": note_form,
            "status_form": status_form,
            "today": timezone.localdate(),
        },
    )


@inspectors_only
@require_GET
def tip_attachment(request, pk, attachment_pk):
    attachment = get_object_or_404(TipAttachment, pk=attachment_pk, tip_id=pk)
    key = crypto.session_private_key(request)
    if key is None:
        return redirect(reverse("anticorruption:tip_unlock"))
    with attachment.file.open("rb") as sealed:
        data = crypto.unseal(sealed.read(), key)
    content_type = {"pdf": "application/pdf", "png": "image/png"}.get(attachment.kind, "image/jpeg")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="to-giac-{pk}-{attachment.pk}.{attachment.kind}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Recruitment ---------------------------------------------------------------------------------


@require_GET
def round_list(request):
    rounds = RecruitmentRound.objects.public().order_by("-year", "-published_at")
    return render(request, "anticorruption/round_list.html", {"rounds": rounds})


def _window_open(round_) -> bool:
    try:
        applications.check_window(round_)
    except applications.WindowClosed:
        return False
    return True


@require_GET
def round_detail(request, slug):
    round_ = get_object_or_404(RecruitmentRound.objects.public(), slug=slug)
    return render(
        request,
        "anticorruption/round_detail.html",
        {
            "round": round_,
            "rows": selectors.timeline(round_, public=True, today=timezone.localdate()),
            "eligible": applications.eligible_list(round_)
            if round_.steps.public().filter(kind=RecruitmentStep.Kind.ELIGIBLE).exists()
            else None,
            "window_open": _window_open(round_),
        },
    )


@require_GET
def step_document(request, slug, pk):
    """A step's signed PDF: the public's once the step and its round are published; staff who
    keep rounds see drafts too."""
    steps = RecruitmentStep.objects.all()
    if not (request.user.is_staff and request.user.has_perm("anticorruption.view_recruitmentstep")):
        steps = steps.public().filter(round__in=RecruitmentRound.objects.public())
    step = get_object_or_404(steps, round__slug=slug, pk=pk)
    if not step.document:
        raise Http404
    return FileResponse(
        step.document.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"{slug}-{step.kind}.pdf",
    )


@require_GET
def round_feed(request):
    from .feeds import RoundFeed

    return RoundFeed()(request)


@staff_permission_required("anticorruption.view_recruitmentstep")
@require_GET
def recruitment_overview(request):
    """Staff: every round's steps with their due dates, and the late ones."""
    today = timezone.localdate()
    rounds = [
        {"round": r, "rows": selectors.timeline(r, public=False, today=today)}
        for r in RecruitmentRound.objects.prefetch_related("steps")
    ]
    late = [{"round": r["round"], **row} for r in rounds for row in r["rows"] if row["late"]]
    return render(
        request,
        "anticorruption/staff/recruitment_overview.html",
        {"rounds": rounds, "late": late, "today": today},
    )


# Applications ---------------------------------------------------------------------------------


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def round_apply(request, slug):
    round_ = get_object_or_404(RecruitmentRound.objects.public(), slug=slug)
    try:
        step = applications.check_window(round_)
    except applications.WindowClosed as closed:
        return render(
            request,
            "anticorruption/application_closed.html",
            {"round": round_, "closed": closed, "today": timezone.localdate()},
            status=410 if request.method == "POST" else 200,
        )
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_bot():
            return render(
                request,
                "anticorruption/application_form.html",
                {"round": round_, "form": ApplicationForm(), "step": step},
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                application = applications.application_create(
                    round_=round_, data=data, files=data["documents"]
                )
            except applications.WindowClosed as closed:
                return render(
                    request,
                    "anticorruption/application_closed.html",
                    {"round": round_, "closed": closed, "today": timezone.localdate()},
                    status=410,
                )
            return render(
                request,
                "anticorruption/application_sent.html",
                {"round": round_, "application": application},
            )
    return render(
        request,
        "anticorruption/application_form.html",
        {"round": round_, "form": form, "step": step},
    )


@ratelimit(key="ip", rate="20/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def application_status(request):
    """The status of one's own application: the code and the date of birth, posted."""
    form = StatusLookupForm(request.POST or None)
    application = None
    if request.method == "POST" and form.is_valid():
        application = applications.application_lookup(
            form.cleaned_data["code"], form.cleaned_data["birth_date"]
        )
        if application is None:
            form.add_error(
                None,
                _("No application matches this code and date of birth. Check both and try again."),
            )
    response = render(
        request,
        "anticorruption/application_status.html",
        {"form": form, "application": application},
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_permission_required("anticorruption.view_application")
@require_GET
def application_document(request, pk, document_pk):
    document = get_object_or_404(ApplicationDocument, pk=document_pk, application_id=pk)
    response = FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{document.application.code}-{document.pk}.pdf",
    )
    response["Cache-Control"] = "no-store"
    return response
