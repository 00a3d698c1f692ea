"""Reads of the transparency app: what public pages, feeds, open data and indicators show."""

import statistics
from datetime import date
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Sum,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from portal import search
from portal.collation import vi_key
from portal.paths import path_pattern

from .models import (
    Attachment,
    Document,
    DocumentRelation,
    DocumentViewCount,
    Explainer,
    Field,
    Issuer,
    LegalStatus,
    Planning,
    Question,
)

PAGE_NAMESPACE = "transparency"


# Undated documents last in both directions (PostgreSQL would put them first when descending).
SORTS = {
    "newest": (F("issued_on").desc(nulls_last=True), "-id"),
    "oldest": (F("issued_on").asc(nulls_last=True), "id"),
    "published": ("-published_at", "-id"),
    "number": ("number", "id"),
}


def public_documents():
    return Document.objects.public().with_legal_status()


def document_list(filters: dict):
    """The public list with the allowlisted filters and sort of `DocumentFilterForm`."""
    # Rows compute their status from their dates; the filter is on the columns.
    documents = Document.objects.public()
    if kind := filters.get("kind"):
        documents = documents.filter(kind=kind)
    if field := filters.get("field"):
        documents = documents.filter(fields__slug=field)
    if issuer := filters.get("issuer"):
        documents = documents.filter(issuer__name=issuer)
    if year := filters.get("year"):
        documents = documents.filter(
            issued_on__gte=date(year, 1, 1), issued_on__lt=date(year + 1, 1, 1)
        )
    if status := filters.get("status"):
        documents = documents.in_legal_status(status)
    order = SORTS.get(filters.get("sort") or "newest", SORTS["newest"])
    if query := filters.get("q"):
        # What the site search finds among documents; for a number, its own document first.
        documents = documents.filter(search.found(query, Document))
        if search.parse_number(query):
            own = Case(When(search.found(query, Document, own=True), then=0), default=1)
            order = (own, *order)
    # Only what a row shows: the description alone is often longer than the rest together.
    return with_field_ids(documents.order_by(*order).only(*LIST_COLUMNS))


# The issuer's name comes from `filter_choices`, not from a join and a model per row.
LIST_COLUMNS = (
    *("kind", "number", "summary", "issuer", "issued_on"),
    *("legal_status", "effective_on", "expires_on"),  # for `current_legal_status`
)


def _document_id() -> str:
    quote = connection.ops.quote_name
    return f"{quote(Document._meta.db_table)}.{quote(Document._meta.pk.column)}"


@cache
def _field_ids_sql() -> str:
    through = Document.fields.through._meta
    quote = connection.ops.quote_name
    field, owner = (quote(through.get_field(name).column) for name in ("field", "document"))
    joined = (
        f"string_agg({field}::text, ',')"
        if connection.vendor == "postgresql"
        else f"group_concat({field}, ',')"
    )
    return f"(SELECT {joined} FROM {quote(through.db_table)} WHERE {owner} = {_document_id()})"  # noqa: S608


def with_field_ids(documents):
    """Each document with the ids of its fields (`field_ids`), read with its row rather than
    by a prefetch of its own: a query less for the list and for a document's page."""
    return documents.annotate(field_ids=RawSQL(_field_ids_sql(), (), CharField()))  # noqa: S611


def fields_of(document, fields: list[Field]) -> list[Field]:
    """The fields of a document read `with_field_ids`, taken from `fields` (all of them, in
    order, as the filter form holds them). A field created since the process read them (seen
    first in a draft's preview) is not among them: the document's fields are then read."""
    ids = {int(pk) for pk in (document.field_ids or "").split(",") if pk}
    found = [field for field in fields if field.pk in ids]
    return found if len(found) == len(ids) else list(document.fields.all())


def filter_choices(version: int) -> tuple[list[Field], dict[int, str]]:
    """The fields, and the names of the issuers of public documents by id, in order, for the
    filter form and the list's rows: kept by each process until the published content changes
    (`version`: `content_version(PAGE_NAMESPACE)`, which the caller reads once per request), or
    for a minute while the shared cache is down."""
    key = f"transparency:filter-choices:{version}"
    return caches["local"].get_or_set(key, _read_filter_choices)


def _read_filter_choices() -> tuple[list[Field], dict[int, str]]:
    """Both lists in one query (a union), each put in Vietnamese order here."""
    text = CharField()
    # No ORDER BY in either part (models' default ordering included): SQLite refuses one inside
    # a compound statement; both lists are put in order below.
    fields = Field.objects.order_by().values_list(
        Value("field", output_field=text), "pk", "name", "slug", "order"
    )
    issuers = (
        Issuer.objects.filter(Exists(Document.objects.public().filter(issuer=OuterRef("pk"))))
        .order_by()
        .values_list(
            Value("issuer", output_field=text),
            "pk",
            "name",
            Value("", output_field=text),
            Value(0, output_field=IntegerField()),
        )
    )
    found, names = [], []
    for kind, pk, name, slug, order in fields.union(issuers, all=True):
        if kind == "field":
            found.append(Field(pk=pk, name=name, slug=slug, order=order))
        else:
            names.append((pk, name))
    found.sort(key=lambda field: (field.order, vi_key(field.name)))
    return found, dict(sorted(names, key=lambda issuer: vi_key(issuer[1])))


def _public_relations(other: str):
    """A document's relations whose other end (`source` or `target`) is public."""
    public = Document.objects.public()
    return DocumentRelation.objects.filter(**{f"{other}__in": public}).select_related(other)


# The lists a document's page shows: the model that links to the document, its link, and the
# rows the page shows (built only for the lists the document has).
PAGE_LISTS = {
    "attachments": (Attachment, "document", lambda: Attachment.objects.defer("text")),
    "outgoing": (DocumentRelation, "source", lambda: _public_relations("target")),
    "incoming": (DocumentRelation, "target", lambda: _public_relations("source")),
    "explainers": (Explainer.documents.through, "document", Explainer.objects.public),
    "questions": (Question.documents.through, "document", Question.objects.public),
    "plannings": (Planning, "decision", Planning.objects.public),
}


@cache
def _has_rows_sql() -> dict[str, str]:
    """`EXISTS (…)` for each list of PAGE_LISTS, as `Exists()` would ask it, written out once:
    compiling six `Exists()` took longer than the query runs."""
    quote = connection.ops.quote_name
    sql = {}
    for name, (model, link, _shown) in PAGE_LISTS.items():
        table, column = quote(model._meta.db_table), quote(model._meta.get_field(link).column)
        sql[name] = f"EXISTS (SELECT 1 FROM {table} WHERE {column} = {_document_id()})"  # noqa: S608
    return sql


def document_for_page(pk: int, version: int, *, include_drafts: bool = False) -> Document:
    """The document with what its page lists. Most documents have no relations, explainers or
    plannings: the document's query also asks which lists have any row (plain EXISTS, cheap to
    build), only those are read, and `has_<name>` then says whether the page shows one. Its
    fields (`field_list`) come with it, named from the filter form's fields, which each process
    keeps (`version`: `content_version(PAGE_NAMESPACE)`)."""
    documents = Document.objects.all() if include_drafts else Document.objects.public()
    flags = {
        f"has_{name}": RawSQL(sql, (), BooleanField())  # noqa: S611 - table and column names
        for name, sql in _has_rows_sql().items()
    }
    document = (
        with_field_ids(documents.with_legal_status().select_related("issuer"))
        .annotate(**flags)
        .get(pk=pk)
    )
    present = [name for name in PAGE_LISTS if getattr(document, f"has_{name}")]
    prefetch_related_objects(
        [document], *(Prefetch(name, queryset=PAGE_LISTS[name][2]()) for name in present)
    )
    for name in present:  # a draft explainer, say, is not shown
        setattr(document, f"has_{name}", bool(getattr(document, name).all()))
    document.field_list = fields_of(document, filter_choices(version)[0])
    return document


def public_plans():
    return (
        Document.objects.public()
        .filter(kind=Document.Kind.PLAN)
        .with_legal_status()
        .order_by("-issued_on", "-id")
    )


def public_plannings():
    return Planning.objects.public().select_related("decision").prefetch_related("wards", "fields")


def feed_documents(field: Field | None = None, limit: int = 50):
    documents = Document.objects.public()
    if field is not None:
        documents = documents.filter(fields=field)
    return (
        documents.select_related("issuer")
        .order_by("-published_at", "-id")
        .prefetch_related("fields")[:limit]
    )


OPEN_DATA_BATCH = 2000


def open_data_rows(batch_size: int = OPEN_DATA_BATCH):
    """The catalog of public documents as open data, in id order: one tuple per document in
    the order of `transparency.opendata.DOCUMENT_COLUMNS`. Read in batches of plain values
    (three queries a batch), never as model instances, with addresses built from SITE_URL and
    one resolved pattern rather than a reverse() per row."""
    site = settings.SITE_URL.rstrip("/")
    document_url = site + path_pattern("transparency:document_detail")
    attachment_url = site + path_pattern("transparency:attachment_download", 2)
    kinds = {value: str(label) for value, label in Document.KIND_LABELS.items()}
    # In the fields' own order, as the page lists them.
    fields = {
        pk: (rank, name) for rank, (pk, name) in enumerate(Field.objects.values_list("pk", "name"))
    }
    zone = timezone.get_current_timezone()
    documents = public_documents().order_by("id")
    last = 0
    while True:
        batch = list(
            documents.filter(id__gt=last).values_list(
                *("id", "number", "kind", "summary", "issuer__name", "signer", "issued_on"),
                *("effective_on", "expires_on", "current_status", "published_at", "updated_at"),
            )[:batch_size]
        )
        if not batch:
            return
        first, last = batch[0][0], batch[-1][0]
        # The batch's id range, not a list of 2,000 ids (which costs more to send than to read);
        # rows of documents outside the batch (drafts) are simply never looked up.
        fields_of: dict[int, list[tuple[int, str]]] = {}
        in_batch = {"document_id__gte": first, "document_id__lte": last}
        pairs = Document.fields.through.objects.filter(**in_batch)
        for document_id, field_id in pairs.values_list("document_id", "field_id"):
            if field_id in fields:  # not a field created since this run started
                fields_of.setdefault(document_id, []).append(fields[field_id])
        files_of: dict[int, list[str]] = {}
        attachments = Attachment.objects.filter(**in_batch)
        for document_id, pk in attachments.order_by("document_id", "id").values_list(
            "document_id", "pk"
        ):
            files_of.setdefault(document_id, []).append(attachment_url % (document_id, pk))
        for row in batch:
            pk, number, kind, summary, issuer, signer, issued, effective, expires = row[:9]
            status, published_at, updated_at = row[9:]
            yield (
                *(pk, number, kind, kinds.get(kind, kind), summary, issuer, signer),
                *(_iso(issued), _iso(effective), _iso(expires), status),
                "; ".join(name for _rank, name in sorted(fields_of.get(pk, ()))),
                published_at.astimezone(zone).isoformat(),
                updated_at.astimezone(zone).isoformat(),
                document_url % pk,
                " ".join(files_of.get(pk, ())),
            )


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


# --- Indicators -------------------------------------------------------------------------------


def documents_published(start: date, end: date) -> int:
    return Document.objects.published_between(start, end).count()


def median_days_to_publication(start: date, end: date) -> float | None:
    pairs = Document.objects.published_between(start, end).filter(issued_on__isnull=False)
    days = [
        (published_at.date() - issued_on).days
        for published_at, issued_on in pairs.values_list("published_at", "issued_on")
    ]
    return statistics.median(days) if days else None


def full_text_share(on: date) -> float | None:
    """Percentage of public in-force documents with the full text attached, on a day."""
    in_force = (
        Document.objects.public()
        .filter(published_at__date__lte=on)
        .in_legal_status(LegalStatus.IN_FORCE, on)
        .annotate(
            has_text=Exists(Attachment.objects.filter(document=OuterRef("pk"), is_full_text=True))
        )
    )
    total = in_force.count()
    if not total:
        return None
    return round(100 * in_force.filter(has_text=True).count() / total, 1)


def dissemination_published(start: date, end: date) -> int:
    return (
        Explainer.objects.published_between(start, end).count()
        + Question.objects.published_between(start, end).count()
    )


def document_views(start: date, end: date) -> int:
    total = DocumentViewCount.objects.filter(day__gte=start, day__lte=end).aggregate(
        total=Sum("count")
    )["total"]
    return total or 0
