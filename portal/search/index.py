"""The index: one denormalised `SearchEntry` row per public object of a registered source."""

import itertools
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import translation
from django.utils.text import Truncator

from portal.models import SearchEntry

from .registry import SearchDocument, SearchSource, registry, remove_object
from .text import clean_query, comparable, identifier_form

# Enough text for any attachment's first pages; longer text adds little to matching.
BODY_MAX_CHARS = 20_000


def _entry_fields(source: SearchSource, document: SearchDocument) -> dict:
    title = Truncator(clean_query(document.title)).chars(500)
    keywords = Truncator(clean_query(document.keywords)).chars(500)
    summary = unicodedata.normalize("NFC", document.summary or "").strip()
    body = unicodedata.normalize("NFC", document.body or "").strip()
    if len(body) > BODY_MAX_CHARS:
        body = body[:BODY_MAX_CHARS].rsplit(None, 1)[0]
    fields = {
        "area": source.area,
        "title": title,
        "summary": summary,
        "body": body,
        "keywords": keywords,
        "url": document.url[:500],
        "kind": str(document.kind)[:100],
        "published_at": document.published_at,
        "identifier": identifier_form(document.identifier)[:100],
        "heading_exact": comparable(title, fold=False) + " |" + comparable(keywords, fold=False),
        "heading_norm": comparable(title) + " |" + comparable(keywords),
        "content_norm": "",
    }
    if connection.vendor == "postgresql":
        fields["heading_terms"] = heading_terms(fields["heading_norm"], fields["heading_exact"])
    else:
        # Every field's words, slashes splitting "59/2019" as PostgreSQL's search_vector does
        # (which replaces this column there).
        text = " | ".join([title, keywords, summary, body]).replace("/", " ")
        fields["content_norm"] = comparable(text)
    return fields


def heading_terms(heading_norm: str, heading_exact: str) -> str:
    """The lexemes of a heading's index on PostgreSQL (migration 0008), space-separated: every
    word and every pair of neighbouring words ("quy_dinh") of the title and of the keywords (no
    pair crosses the "|" between them), once as compared without diacritics and once, tagged
    "=", with the spelling kept. `_heading_query` asks the index for a phrase."""
    terms = set()
    for tag, heading in (("", heading_norm), ("=", heading_exact)):
        for field in heading.split("|"):
            words = field.split()
            terms.update(tag + word for word in words)
            terms.update(f"{tag}{a}_{b}" for a, b in itertools.pairwise(words))
    return " ".join(sorted(terms))


def index_object(obj) -> None:
    """(Re)indexes one object, or removes its entry when it is no longer public."""
    source = registry.for_model(type(obj))
    if source is None:
        raise LookupError(f"No search source is registered for {obj._meta.label}.")
    public = source.get_queryset().filter(pk=obj.pk).first()
    if public is None:
        remove_object(obj)
        return
    # Stored text (a kind label, say) is in the site's default language whoever triggered it.
    with translation.override(settings.LANGUAGE_CODE):
        fields = _entry_fields(source, source.to_document(public))
    SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        defaults=fields,
    )


def rebuild(area: str | None = None) -> int:
    """Reindexes every source (or one area's) from scratch; returns the number of entries.

    Each source is replaced in one transaction, so searches see the old entries or the new
    ones, never a half-built index. Entries of models no longer registered are dropped."""
    total = 0
    sources = registry.sources(area)
    content_types = ContentType.objects.get_for_models(*[s.model for s in sources])
    with translation.override(settings.LANGUAGE_CODE):
        for source in sources:
            content_type = content_types[source.model]
            with transaction.atomic():
                SearchEntry.objects.filter(content_type=content_type).delete()
                batch = []
                for obj in source.get_queryset().iterator(chunk_size=500):
                    fields = _entry_fields(source, source.to_document(obj))
                    batch.append(
                        SearchEntry(content_type=content_type, object_id=str(obj.pk), **fields)
                    )
                    if len(batch) == 500:
                        SearchEntry.objects.bulk_create(batch)
                        total += len(batch)
                        batch = []
                SearchEntry.objects.bulk_create(batch)
                total += len(batch)
    stale = SearchEntry.objects.exclude(content_type__in=list(content_types.values()))
    if area is not None:
        stale = stale.filter(area=area)
    stale.delete()
    return total
