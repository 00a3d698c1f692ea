from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.caching import cache_anonymous
from portal.pagination import CappedPaginator, page_links
from portal.results import ResultItem

from . import selectors
from .forms import ProcedureFilterForm
from .models import OnlineLevel, Procedure

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
