from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from portal import search
from portal.caching import cache_anonymous
from portal.charts import line_chart
from portal.decorators import staff_permission_required
from portal.pagination import CappedPaginator, page_links
from portal.paths import path_pattern
from portal.pdf import header_context, write_pdf
from portal.publishing import can_preview
from portal.results import ResultItem
from portal.selectors import legal_limit

from . import actions, selectors, summary
from .forms import (
    AnswerSearchForm,
    DossierRatingForm,
    FeedbackForm,
    FeedbackRatingForm,
    LookupForm,
    ProcedureFilterForm,
    StatisticsForm,
)
from .legal_limits import FEEDBACK_HANDLING
from .models import Dossier, DossierRating, Feedback, OnlineLevel, Procedure

PAGE_SIZE = 20
NAMESPACE = selectors.PAGE_NAMESPACE

ONLINE_TAGS = {
    OnlineLevel.FULL: "govuk-tag--green",
    OnlineLevel.PARTIAL: "govuk-tag--blue",
    OnlineLevel.NONE: "govuk-tag--grey",
}


def _items(procedures) -> list[ResultItem]:
    url = path_pattern("procedures:procedure_detail")
    labels = dict(OnlineLevel.choices)
    code_label = _("Procedure code")
    return [
        ResultItem(
            url=url % procedure.pk,
            title=procedure.name,
            summary=f"{code_label}: {procedure.code}" if procedure.code else "",
            origin=procedure.implementing_agency,
            tag=str(labels.get(procedure.online_level, "")),
            tag_class=ONLINE_TAGS.get(procedure.online_level, ""),
            subjects=procedure.field,
        )
        for procedure in procedures
    ]


@cache_anonymous(NAMESPACE)
def procedure_list(request):
    choices = selectors.filter_choices()
    form = ProcedureFilterForm(
        request.GET or None, fields=choices["fields"], agencies=choices["agencies"]
    )
    filters = form.filters()
    paginator = CappedPaginator(selectors.procedure_list(filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "procedures/procedure_list.html",
        {
            "form": form,
            "page": page,
            "items": _items(page.object_list),
            "filtered": bool(filters),
            "pagination": page_links(page, query.urlencode()),
            "filters_open": any(key not in ("q", "page") for key in request.GET),
        },
    )


def _procedure(request, pk) -> Procedure:
    try:
        return selectors.procedure_for_page(pk, include_drafts=can_preview(request.user, Procedure))
    except Procedure.DoesNotExist:
        raise Http404 from None


def _detail_context(procedure: Procedure) -> dict:
    return {
        "procedure": procedure,
        "cases": selectors.components_by_case(procedure),
        "legal_documents": selectors.legal_documents(procedure.legal_numbers),
        "online_tag": ONLINE_TAGS.get(procedure.online_level, ""),
    }


@cache_anonymous(NAMESPACE)
def procedure_detail(request, pk):
    procedure = _procedure(request, pk)
    return render(request, "procedures/procedure_detail.html", _detail_context(procedure))


@cache_anonymous(NAMESPACE)
def procedure_print(request, pk):
    """The whole record on A4, without the site's header, menu and footer."""
    procedure = _procedure(request, pk)
    return render(request, "procedures/procedure_print.html", _detail_context(procedure))


# --- Dossiers: the public lookup, the receipt and the apology letter ---------------------------


def status_url(dossier) -> str:
    """The address the receipt's QR code opens: the lookup with the code filled in."""
    path = reverse("procedures:dossier_lookup")
    return f"{settings.SITE_URL.rstrip('/')}{path}?{urlencode({'ma': dossier.code})}"


def _no_match_form(form):
    form.add_error(
        None,
        _(
            "No dossier matches this code and these digits. Check both on your receipt; "
            "after several wrong attempts the code is locked for a while."
        ),
    )


@ratelimit(key="ip", rate="30/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def dossier_lookup(request):
    """The dossier's status by its receipt code and the last four digits of the phone number.
    A wrong code, a wrong number and a locked code give the same page."""
    dossier = None
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            code, digits = form.cleaned_data["code"], form.cleaned_data["digits"]
            if actions.lookup_locked(code):
                found = None
                actions.lookup(code, digits)  # the same work as an unlocked attempt
            else:
                found = actions.lookup(code, digits)
                if found is None:
                    actions.lookup_failed(code)
            if found is None:
                _no_match_form(form)
            else:
                dossier = found
    else:
        form = LookupForm(initial={"code": request.GET.get("ma", "")[:40]})
    context = {"form": form, "dossier": dossier}
    if dossier is not None:
        context |= {
            "masked_name": actions.mask_name(dossier.applicant_name, dossier.applicant_kind),
            "steps": list(dossier.steps.all()),
            "rating_url": reverse("procedures:dossier_rate", args=[rating_token(dossier)])
            if dossier.status in Dossier.FINISHED
            else "",
        }
    response = render(request, "procedures/dossier_lookup.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _staff_dossier(request, pk) -> Dossier:
    return get_object_or_404(
        Dossier.objects.of_units_of(request.user).select_related("procedure", "unit"), pk=pk
    )


def _pdf_response(html: str, filename: str) -> HttpResponse:
    response = HttpResponse(write_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@staff_permission_required("procedures.view_dossier")
def dossier_receipt(request, pk):
    """The receipt and appointment slip (giấy tiếp nhận hồ sơ và hẹn trả kết quả) as a PDF,
    with a QR code to the status page."""
    dossier = _staff_dossier(request, pk)
    url = status_url(dossier)
    html = render_to_string(
        "pdf/procedures_receipt.html",
        {
            **header_context(timezone.localtime(dossier.received_at).date()),
            "dossier": dossier,
            "components": dossier.procedure.components.all(),
            "status_url": url,
            "qr_svg": mark_safe(segno.make(url, error="m").svg_inline(scale=3, border=4)),  # noqa: S308
        },
        request=request,
    )
    return _pdf_response(html, f"giay-tiep-nhan-{dossier.code}.pdf")


@staff_permission_required("procedures.view_dossier")
def dossier_apology(request, pk):
    """The apology letter with the new appointment date (phiếu xin lỗi và hẹn lại ngày trả
    kết quả), once staff recorded it."""
    dossier = _staff_dossier(request, pk)
    if dossier.new_due_date is None:
        raise Http404
    html = render_to_string(
        "pdf/procedures_apology.html",
        {**header_context(dossier.apology_on or timezone.localdate()), "dossier": dossier},
        request=request,
    )
    return _pdf_response(html, f"phieu-xin-loi-{dossier.code}.pdf")


# --- Feedback (phản ánh, kiến nghị) ---------------------------------------------------


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def feedback_create(request):
    form = FeedbackForm(request.POST or None, initial={"procedure": request.GET.get("thu-tuc")})
    if request.method == "POST":
        if form.is_bot():
            return render(request, "procedures/feedback_received.html")
        if form.is_valid():
            data = form.cleaned_data
            feedback = actions.feedback_create(
                about=data["about"],
                procedure=data["procedure"],
                regulation=data["regulation"],
                subject=data["subject"],
                content=data["content"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                consent_publish=data["consent_publish"],
            )
            return redirect("procedures:feedback_status", code=feedback.tracking_code)
    limit = legal_limit(FEEDBACK_HANDLING)
    return render(request, "procedures/feedback_form.html", {"form": form, "limit": limit})


@ratelimit(key="ip", rate="60/h", block=True)
@require_http_methods(["GET", "POST"])
def feedback_status(request, code):
    """The feedback's status by its tracking code (shown and kept by the citizen), the answer
    once given, and the rating of the answer."""
    feedback = get_object_or_404(Feedback.objects.select_related("procedure"), tracking_code=code)
    form = FeedbackRatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.feedback_rate(feedback=feedback, rating=form.cleaned_data["rating"])
        return redirect("procedures:feedback_status", code=code)
    response = render(
        request, "procedures/feedback_status.html", {"feedback": feedback, "form": form}
    )
    response["Cache-Control"] = "no-store"
    return response


def _answer_items(answers) -> list[ResultItem]:
    answered = _("Answered on")
    return [
        ResultItem(
            url=feedback.get_absolute_url(),
            title=feedback.subject,
            summary=Truncator(feedback.public_question).words(40),
            origin=feedback.procedure.name if feedback.procedure else "",
            when=feedback.answered_on,
            when_label=answered,
        )
        for feedback in answers
    ]


@cache_anonymous(NAMESPACE)
def answer_list(request):
    """The answered feedback whose authors agreed to publication, searchable."""
    form = AnswerSearchForm(request.GET or None)
    answers = Feedback.objects.answers().select_related("procedure")
    query = form.cleaned_data.get("q") if form.is_bound and form.is_valid() else ""
    if query:
        answers = answers.filter(search.found(query, Feedback))
    paginator = CappedPaginator(answers.order_by("-published_at", "-id"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "procedures/answer_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "items": _answer_items(page.object_list),
            "pagination": page_links(page, params.urlencode()),
        },
    )


@cache_anonymous(NAMESPACE)
def answer_detail(request, pk):
    feedback = get_object_or_404(Feedback.objects.answers().select_related("procedure"), pk=pk)
    return render(request, "procedures/answer_detail.html", {"feedback": feedback})


# --- Satisfaction and statistics ---------------------------------------------------------------

RATING_SALT = "procedures.dossier-rating"
RATING_MAX_AGE = 180 * 24 * 3600


def rating_token(dossier) -> str:
    return signing.dumps(dossier.pk, salt=RATING_SALT)


@ratelimit(key="ip", rate="20/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def dossier_rate(request, token):
    """The applicant's rating of a finished dossier, reached from the lookup (which checked the
    code and the phone digits) through a signed link."""
    try:
        pk = signing.loads(token, salt=RATING_SALT, max_age=RATING_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    dossier = get_object_or_404(
        Dossier.objects.select_related("procedure").filter(status__in=Dossier.FINISHED), pk=pk
    )
    done = DossierRating.objects.filter(dossier=dossier).exists()
    form = DossierRatingForm(request.POST or None)
    if request.method == "POST" and not done and form.is_valid():
        actions.dossier_rate(dossier=dossier, rating=form.save(commit=False))
        done = True
        form = None
    response = render(
        request, "procedures/dossier_rate.html", {"dossier": dossier, "form": form, "done": done}
    )
    response["Cache-Control"] = "no-store"
    return response


@cache_anonymous(summary.STATISTICS_NAMESPACE)
def statistics(request):
    """Dossiers received, early, on time and late, online and satisfaction, by quarter and by
    field: a chart with its data table beside it."""
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - 5, -1))
    form = StatisticsForm(request.GET or None, years=years)
    year = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    year = year or this_year
    by_quarter, by_field, total = selectors.year_statistics(year)
    quarters = [q for q, _row in by_quarter]
    series = [
        (str(_("Resolved early or on time")), "in_time_share"),
        (str(_("Submitted online")), "online_share"),
        (str(_("Satisfaction")), "satisfaction"),
    ]
    chart = line_chart(
        [
            (label, [(q, row[key]) for q, row in by_quarter if row.get(key) is not None])
            for label, key in series
        ],
        title=str(_("Dossiers by quarter of %(year)s, per cent") % {"year": year}),
        axis=quarters,
        label=lambda q: q.label,
        y_range=(0, 100),
    )
    return render(
        request,
        "procedures/statistics.html",
        {
            "form": form,
            "year": year,
            "chart": chart,
            "by_quarter": by_quarter,
            "by_field": by_field,
            "total": total,
        },
    )
