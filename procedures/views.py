from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from portal.caching import cache_anonymous
from portal.decorators import staff_permission_required
from portal.pagination import CappedPaginator, page_links
from portal.pdf import header_context, write_pdf
from portal.results import ResultItem

from . import actions, selectors
from .forms import LookupForm, ProcedureFilterForm
from .models import Dossier, OnlineLevel, Procedure

PAGE_SIZE = 20
NAMESPACE = selectors.PAGE_NAMESPACE

ONLINE_TAGS = {
    OnlineLevel.FULL: "govuk-tag--green",
    OnlineLevel.PARTIAL: "govuk-tag--blue",
    OnlineLevel.NONE: "govuk-tag--grey",
}


def _can_preview(request) -> bool:
    """Staff who may see drafts get them (with a banner) instead of a 404."""
    return request.user.is_authenticated and request.user.has_perm("procedures.view_procedure")


def _items(procedures) -> list[ResultItem]:
    marker = "987654321"
    before, _marker, after = reverse("procedures:procedure_detail", args=[marker]).partition(marker)
    labels = dict(OnlineLevel.choices)
    code_label = _("Code")
    return [
        ResultItem(
            url=f"{before}{procedure.pk}{after}",
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
        return selectors.procedure_for_page(pk, include_drafts=_can_preview(request))
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
