import hashlib

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.caching import cache_anonymous, content_version
from portal.pagination import CappedPaginator, page_links
from portal.paths import path_pattern
from portal.publishing import can_preview
from portal.related import related_to
from portal.results import ResultItem

from . import actions, selectors
from .forms import DocumentFilterForm
from .models import (
    LEGAL_STATUS_LABELS,
    LEGAL_STATUS_TAGS,
    Attachment,
    Document,
    Explainer,
    Field,
    Planning,
    Question,
)

PAGE_SIZE = 20
NAMESPACE = selectors.PAGE_NAMESPACE


def _can_preview(request) -> bool:
    # One permission for every kind of published text of the app: the documents'.
    return can_preview(request.user, Document)


def _items(documents, all_fields: list[Field], issuers: dict[int, str]) -> list[ResultItem]:
    url = path_pattern("transparency:document_detail")
    issued = _("issued")
    return [
        ResultItem(
            url=url % document.pk,
            title=document.title,
            summary=document.summary,
            # An issuer published since the process read them is read on its own.
            origin=issuers.get(document.issuer_id) or document.issuer.name,
            when=document.issued_on,
            when_label=issued,
            tag=str(LEGAL_STATUS_LABELS.get(status, status)),
            tag_class=LEGAL_STATUS_TAGS.get(status, ""),
            subjects=", ".join(field.name for field in selectors.fields_of(document, all_fields)),
        )
        for document in documents
        for status in (document.current_legal_status,)
    ]


def _filters_key(request, form, version: int) -> str | None:
    """What the filter panel's drawing depends on, for its fragment cache: the published
    content's version (the choices), the language and the values chosen. Drawing the panel's
    selects costs more than the rest of the page; every visitor choosing the same filters gets
    the same panel. A form with an error is drawn each time, with its messages."""
    if form.errors:
        return None
    chosen = [(name, request.GET.getlist(name)) for name in form.fields if name != "q"]
    return f"{version}:{get_language()}:{chosen!r}"


@cache_anonymous(NAMESPACE)
def document_list(request):
    version = content_version(NAMESPACE)
    fields, issuers = selectors.filter_choices(version)
    form = DocumentFilterForm(request.GET or None, fields=fields, issuers=list(issuers.values()))
    filters = form.filters()
    query = request.GET.copy()
    query.pop("page", None)
    query = query.urlencode()
    # The count depends on the published content and the filters (the sort stays in the key:
    # a few more keys, no parsing).
    count_key = f"transparency:count:{version}:{hashlib.sha256(query.encode()).hexdigest()}"
    paginator = CappedPaginator(selectors.document_list(filters), PAGE_SIZE, count_key=count_key)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "transparency/document_list.html",
        {
            "form": form,
            "page": page,
            "items": _items(page.object_list, fields, issuers),
            "filtered": bool({k for k in filters if k != "sort"}),
            "pagination": page_links(page, query),
            # Beyond the words box, which is always shown.
            "filters_open": any(key != "q" for key in request.GET if key != "page"),
            "filters_key": _filters_key(request, form, version),
            "fields": fields,
        },
    )


def _count_view(request, pk):
    actions.record_document_view(request=request, document_id=pk)


@cache_anonymous(NAMESPACE, before=_count_view)
def document_detail(request, pk):
    version = content_version(NAMESPACE)
    try:
        document = selectors.document_for_page(pk, version, include_drafts=_can_preview(request))
    except Document.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "transparency/document_detail.html",
        {"document": document, "related_groups": related_to(document, version)},
    )


def attachment_download(request, document_pk, pk):
    documents = Document.objects.all() if _can_preview(request) else Document.objects.public()
    attachment = get_object_or_404(
        Attachment.objects.defer("text"), pk=pk, document__in=documents.filter(pk=document_pk)
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@cache_anonymous(NAMESPACE)
def plan_list(request):
    return render(
        request,
        "transparency/plan_list.html",
        {"plans": selectors.public_plans(), "plannings": selectors.public_plannings()},
    )


def planning_detail(request, pk):
    plannings = Planning.objects.all() if _can_preview(request) else Planning.objects.public()
    planning = get_object_or_404(
        plannings.select_related("decision").prefetch_related("wards", "fields"), pk=pk
    )
    return render(request, "transparency/planning_detail.html", {"planning": planning})


@cache_anonymous(NAMESPACE)
def dissemination(request):
    return render(
        request,
        "transparency/dissemination.html",
        {
            "explainers": Explainer.objects.public().prefetch_related("documents"),
            "questions": Question.objects.public().prefetch_related("documents"),
        },
    )


def explainer_detail(request, slug):
    explainers = Explainer.objects.all() if _can_preview(request) else Explainer.objects.public()
    explainer = get_object_or_404(explainers, slug=slug)
    documents = explainer.documents.public().with_legal_status()
    return render(
        request,
        "transparency/explainer_detail.html",
        {"explainer": explainer, "documents": documents},
    )


def question_detail(request, pk):
    questions = Question.objects.all() if _can_preview(request) else Question.objects.public()
    question = get_object_or_404(questions, pk=pk)
    documents = question.documents.public().with_legal_status()
    return render(
        request,
        "transparency/question_detail.html",
        {"question": question, "documents": documents},
    )


# --- Feeds ------------------------------------------------------------------------------------


class DocumentFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, field_slug=None):
        if field_slug is None:
            return None
        return get_object_or_404(Field, slug=field_slug)

    def title(self, field):
        if field is None:
            return _("Newly published documents")
        return _("Newly published documents: %(field)s") % {"field": field.name}

    def link(self, field):
        url = reverse("transparency:document_list")
        return f"{url}?field={field.slug}" if field else url

    def subtitle(self, field):
        return _("Legal documents, plans and decisions published by the department.")

    def items(self, field):
        return selectors.feed_documents(field)

    def item_title(self, item):
        return f"{item.get_kind_display()} {item.number}: {item.summary}"

    def item_description(self, item):
        return item.description or item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.issuer.name

    def item_categories(self, item):
        return [f.name for f in item.fields.all()]
