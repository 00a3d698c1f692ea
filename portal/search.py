"""Site search: the registry of searchable sources, the index, and the search page.

Each app says what citizens may find in `<app>/search.py`, as the admin discovers `admin.py`:

    from portal.search import SearchDocument, SearchSource, register

    class DocumentSource(SearchSource):
        area = "transparency"
        label = _("Documents")
        model = Document

        def get_queryset(self):
            return Document.objects.public()

        def to_document(self, obj):
            return SearchDocument(title=obj.summary, url=obj.get_absolute_url(),
                                  keywords=obj.number, published_at=obj.published_at)

    register(DocumentSource())

and keeps the index current from its actions, once the write is committed:

    transaction.on_commit(lambda: index_object(document))

The index is one denormalised table (`SearchEntry`) holding only public objects. Matching ignores
case and diacritics; ranking puts exact spelling in a title or keyword first, then the same
words without diacritics in a title or keyword, then matches elsewhere, newest first within each
tier. Every tier is read along the recency index with its own LIMIT, so a page costs about the
same whether a word occurs in ten entries or in all of them (ts_rank would read every match).
Counts stop at COUNT_CAP for the same reason.
"""

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.db.models.signals import post_delete
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.module_loading import autodiscover_modules
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit

from .markdown import markdown_text

MAX_QUERY_LENGTH = 200
# Counts stop here ("more than 1,000 results"), and so do the pages that can be reached.
COUNT_CAP = 1000
# Enough text for any attachment's first pages; longer text adds little to matching.
BODY_MAX_CHARS = 20_000
SNIPPET_CHARS = 240

# --- Normalisation ----------------------------------------------------------------------------

# NFD leaves đ/Đ whole (they are letters of their own, not d plus a mark).
_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
# Characters that belong inside identifiers such as "59/2019/NĐ-CP" or "QCVN 01:2020/BCT".
_NOT_WORD = re.compile(r"[^\w/.:\-]+|_")
_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Text for comparison: NFC, lower case, without diacritics (đ→d), single spaces."""
    text = unicodedata.normalize("NFC", text or "").casefold().translate(_FOLD)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", text).split())


def comparable(text: str, *, fold: bool = True) -> str:
    """`normalise(text)` (or only NFC and lower case, when not `fold`) with punctuation turned
    into spaces and a leading space, so that `LIKE '% word%'` means "a word starting with"."""
    text = normalise(text) if fold else unicodedata.normalize("NFC", text or "").casefold()
    return " " + " ".join(_NOT_WORD.sub(" ", text).split())


def clean_query(text: str) -> str:
    """A visitor's query as it is compared and shown: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


# --- Document numbers -------------------------------------------------------------------------

# The kind of document may be written before its number: "Nghị định số 59/2019/NĐ-CP"
# (or, on the English pages, "Decree No. 59/2019/ND-CP").
_KIND_WORDS = re.compile(
    r"(?:bo luat|hien phap|phap lenh|luat|nghi dinh|nghi quyet|thong tu lien tich|thong tu"
    r"|quyet dinh|chi thi|ke hoach|cong van|thong bao|bao cao|van ban"
    r"|law|decree|resolution|circular|decision|directive|plan|official letter|notice) "
)
_NUMBER_WORD = re.compile(r"\b(?:so|no|number) ?[:.]? ?(?=\d)")  # "số 59", "số: 59", "No. 59"
_YEAR = r"(?:19|20)\d\d"
_SEPARATOR = r"(?: ?[/-] ?| )"
# "NĐ-CP", "ND CP", "QH14", "KH": parts of letters (and digits after them).
_SYMBOL = r"[a-z]+\d*(?:[-. ][a-z]+\d*)*"
_NUMBER_FORMS = (
    # 59/2019/NĐ-CP, 59/2019/NĐCP, 59 / 2019, 59-2019, 59/NĐ-CP, 59
    re.compile(
        rf"(?P<number>\d+)(?:{_SEPARATOR}(?P<year>{_YEAR}))?(?:{_SEPARATOR}(?P<symbol>{_SYMBOL}))?"
    ),
    # NĐ-CP 59/2019, ND 59/2019, KH 10357
    re.compile(
        rf"(?P<symbol>{_SYMBOL}){_SEPARATOR}(?P<number>\d+)(?:{_SEPARATOR}(?P<year>{_YEAR}))?"
    ),
)


class DocumentNumber(NamedTuple):
    """The parts of a document number such as 59/2019/NĐ-CP, compared without leading zeros,
    case, diacritics or separators: ("59", "2019", "ndcp"); a part not written is ""."""

    number: str
    year: str
    symbol: str

    def key(self) -> str:
        """The form stored in `SearchEntry.identifier`: "59/2019/ndcp", "10357//khubnd"."""
        return f"{self.number}/{self.year}/{self.symbol}"

    def pattern(self) -> str:
        """A LIKE pattern for the stored keys of the numbers this one may be written for: the
        year and the symbol (or its beginning, "ND" for NĐ-CP) when they are given."""
        if not self.symbol:
            return f"{self.number}/{self.year}/%" if self.year else f"{self.number}/%"
        return f"{self.number}/{self.year or '%'}/{self.symbol}%"

    def broader(self) -> list[str]:
        """Shorter ways to write it that find the number with another year or symbol too:
        "59/2019/NĐ-CP" → ["59/2019", "59"]."""
        forms = [f"{self.number}/{self.year}"] if self.year and self.symbol else []
        return [*forms, self.number] if self.year or self.symbol else forms


def parse_number(text: str) -> DocumentNumber | None:
    """The parts of a document number however it is written ("Nghị định số 59/2019/NĐ-CP",
    "59/ND-CP", "NĐ-CP 59/2019", "59 / 2019", "kh 10357"), or None for other text.

    A year alone after the kind of document ("Kế hoạch 2021") is taken for a year, unless
    "số" says it is a number ("Kế hoạch số 2021")."""
    text = normalise(text)
    kind = _KIND_WORDS.match(text)
    if kind:
        text = text[kind.end() :]
    said_number = bool(_NUMBER_WORD.search(text))
    text = _NUMBER_WORD.sub("", text).strip()
    for form in _NUMBER_FORMS:
        if found := form.fullmatch(text):
            parts = found.groupdict()
            alone = not (parts["year"] or parts["symbol"])
            if kind and alone and not said_number and re.fullmatch(_YEAR, parts["number"]):
                return None
            return DocumentNumber(
                str(int(parts["number"])),
                parts["year"] or "",
                re.sub(r"[-. ]", "", parts["symbol"] or ""),
            )
    return None


def identifier_form(text: str) -> str:
    """An identifier as stored: a document number as `DocumentNumber.key` ("59/2019/NĐ-CP" →
    "59/2019/ndcp"), anything else comparable ("QCVN 01:2020/BCT" → "qcvn 01:2020/bct")."""
    number = parse_number(text)
    return number.key() if number else comparable(text).strip()


# --- The registry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchDocument:
    """What a source says about one object."""

    title: str
    url: str
    summary: str = ""
    body: str = ""
    keywords: str = ""
    published_at: datetime | None = None
    kind: str = ""
    # The object's own reference, such as a document's number: a query that is this reference,
    # however a number is written (see `parse_number`), finds the object before the entries
    # that only mention it.
    identifier: str = ""


class SearchSource:
    """What one model contributes to the search. Subclass in `<app>/search.py` and register."""

    area: str
    label: str
    model: type[models.Model]

    def get_queryset(self):
        """ONLY the objects the public may see; the index never holds anything else."""
        raise NotImplementedError(f"{type(self).__name__} must define get_queryset()")

    def to_document(self, obj) -> SearchDocument:
        raise NotImplementedError(f"{type(self).__name__} must define to_document()")


class SearchRegistry:
    def __init__(self):
        self._sources: dict[str, SearchSource] = {}

    def register(self, source: SearchSource) -> SearchSource:
        for attribute in ("area", "label", "model"):
            if not getattr(source, attribute, None):
                raise ImproperlyConfigured(f"{type(source).__name__} needs `{attribute}`.")
        key = source.model._meta.label_lower
        if key in self._sources:
            raise ImproperlyConfigured(f"A search source is already registered for {key}.")
        self._sources[key] = source
        # A deleted object must not stay findable, whoever deleted it.
        post_delete.connect(_remove_deleted, sender=source.model, dispatch_uid=f"search:{key}")
        return source

    def unregister(self, model: type[models.Model]) -> None:
        key = model._meta.label_lower
        if self._sources.pop(key, None) is not None:
            post_delete.disconnect(sender=model, dispatch_uid=f"search:{key}")

    def for_model(self, model: type[models.Model]) -> SearchSource | None:
        return self._sources.get(model._meta.concrete_model._meta.label_lower)

    def sources(self, area: str | None = None) -> list[SearchSource]:
        return [s for s in self._sources.values() if area is None or s.area == area]

    def areas(self) -> list[tuple[str, str]]:
        """(area, label) in registration order; the first source of an area names it."""
        areas: dict[str, str] = {}
        for source in self._sources.values():
            areas.setdefault(source.area, source.label)
        return list(areas.items())

    def area_label(self, area: str) -> str:
        return dict(self.areas()).get(area, area)


registry = SearchRegistry()


def register(source: SearchSource) -> SearchSource:
    return registry.register(source)


def unregister(model: type[models.Model]) -> None:
    registry.unregister(model)


@contextmanager
def registered(source: SearchSource) -> Iterator[SearchSource]:
    """Registers a source for the duration of a block (for tests)."""
    register(source)
    try:
        yield source
    finally:
        unregister(source.model)


def autodiscover() -> None:
    autodiscover_modules("search", register_to=None)


# --- Indexing ---------------------------------------------------------------------------------


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
    from .models import SearchEntry

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


def remove_object(obj) -> None:
    from .models import SearchEntry

    SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).delete()


def _remove_deleted(sender, instance, **kwargs):
    if instance.pk is not None:
        remove_object(instance)


def rebuild(area: str | None = None) -> int:
    """Reindexes every source (or one area's) from scratch; returns the number of entries.

    Each source is replaced in one transaction, so searches see the old entries or the new
    ones, never a half-built index. Entries of models no longer registered are dropped."""
    from .models import SearchEntry

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


# --- Searching --------------------------------------------------------------------------------


class Facet(NamedTuple):
    area: str
    label: str
    count: int
    is_capped: bool = False  # the count is a lower bound: there are more (shown as "N+")


@dataclass
class SearchResults:
    query: str
    area: str | None
    entries: list
    total: int  # matches in the chosen area (or all), counted up to COUNT_CAP
    total_is_capped: bool  # there are more than COUNT_CAP
    facets: list[Facet]
    page: int
    per_page: int

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(min(self.total, COUNT_CAP) / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.entries else 0

    def page_range(self) -> list:
        """Page numbers with Paginator.ELLIPSIS where pages are left out."""
        paginator = Paginator(range(min(self.total, COUNT_CAP)), self.per_page)
        return list(paginator.get_elided_page_range(self.page, on_each_side=1, on_ends=1))


@dataclass(frozen=True)
class _Query:
    text: str  # NFC, as typed
    exact: str  # comparable, diacritics kept
    norm: str  # comparable, diacritics removed
    words: tuple[str, ...]


def _parse(query: str) -> _Query:
    text = clean_query(query)
    norm = comparable(text)
    return _Query(text, comparable(text, fold=False), norm, tuple(_WORD.findall(norm)))


def _own_sql(q: _Query) -> tuple[str, list]:
    """The entries whose own identifier the query is: a document number however it is written
    (see `parse_number`), or another identifier as it is or up to a "/" ("QCVN 01:2020").
    Either way a prefix of the identifier's index: one short range of it."""
    number = parse_number(q.text)
    if number is not None:
        return "e.identifier LIKE %s", [number.pattern()]
    identifier = identifier_form(q.text)
    return "(e.identifier = %s OR e.identifier LIKE %s)", [identifier, f"{identifier}/%"]


def _match_sql(q: _Query) -> tuple[str, list]:
    """The condition every result meets: the entry's own identifier, the phrase at the start of
    a word in a title or keyword, or all its words (the last one as a prefix) anywhere."""
    own, own_params = _own_sql(q)
    # The identifier and title tests come first: they are cheap and, for common words, usually
    # settle the row.
    heading, heading_params = f"{own} OR e.heading_norm LIKE %s", [*own_params, f"%{q.norm}%"]
    if connection.vendor == "postgresql":
        terms = [f"'{word}'" for word in q.words]
        # The visitor may still be typing the last word; not in a number such as 59/2019/NĐ-CP,
        # whose short parts would make a costly prefix scan for no gain.
        if len(q.words[-1]) >= 3 and not any(c.isdigit() or c in "/.:-" for c in q.norm):
            terms[-1] += ":*"
        words = "e.search_vector @@ to_tsquery('public.portal_vi', %s)"
        return f"({heading} OR {words})", [*heading_params, " & ".join(terms)]
    parts, params = [], []
    for word in q.words:
        parts.append("e.content_norm LIKE %s")
        params.append(f"% {word}%")
    return f"({heading} OR ({' AND '.join(parts)}))", [*heading_params, *params]


# Spelled exactly as in migration 0008's index, so that the planner can use it.
_HEADING_TERMS = "array_to_tsvector(string_to_array(e.heading_terms, ' '))"


def _heading_query(phrase: str, tag: str) -> str:
    """A tsquery that `heading_terms` matches whenever the heading holds `phrase` (comparable)
    at the start of a word: the phrase's pairs of neighbouring words, the last one as a prefix
    (or its only word as a prefix). `tag` is "=" for the spelling kept."""
    words = phrase.split()
    pairs = [f"{a}_{b}" for a, b in itertools.pairwise(words)] or words
    lexemes = ["'" + (tag + pair).replace("\\", "\\\\").replace("'", "''") + "'" for pair in pairs]
    lexemes[-1] += ":*"
    return " & ".join(lexemes)


def _tier_sql(q: _Query, *, exact: bool) -> tuple[str, list]:
    """The phrase at the start of a word in a title or keyword, with its diacritics (`exact`)
    or without: the condition of the first two tiers.

    On PostgreSQL the trigram index of a LIKE is no use for a phrase of common words ("quy
    định công thương"): all its trigrams are common, and tens of thousands of wide rows are
    rechecked for a phrase found in none. A pair of neighbouring words is rare even when its
    words are not, so the pairs' index leaves few rows to recheck."""
    column, phrase = ("e.heading_exact", q.exact) if exact else ("e.heading_norm", q.norm)
    if connection.vendor != "postgresql":
        return f"{column} LIKE %s", [f"%{phrase}%"]
    terms, terms_params = f"{_HEADING_TERMS} @@ %s::tsquery", [_heading_query(phrase, "=")]
    if not exact:
        terms_params = [_heading_query(phrase, "")]
    if len(phrase.split()) <= 2:
        # One word or one pair says exactly what the LIKE does.
        return terms, terms_params
    # `|| ''` keeps the planner from the trigram index, whose estimate for a phrase is far too
    # low; the LIKE only confirms that the pairs follow one another.
    return f"{terms} AND ({column} || '') LIKE %s", [*terms_params, f"%{phrase}%"]


def _filters_sql(q: _Query, area: str | None, now) -> tuple[str, list]:
    # The date is a safety net: an entry dated in the future is not public yet.
    sql, params = "(e.published_at IS NULL OR e.published_at <= %s)", [now]
    if area:
        sql, params = f"{sql} AND e.area = %s", [*params, area]
    return sql, params


_RECENT_FIRST = "ORDER BY e.published_at DESC NULLS LAST, e.id DESC"


# How many of the newest entries the first two tiers are looked for in first, before their
# index: a phrase common in titles fills a page from them. (The pairs of one phrase always
# occur together, and the planner, taking them as independent, would expect a few rows where
# thousands match, and read them all.)
PROBE_ROWS = 2000


def _ranked_ids(q: _Query, area: str | None, offset: int, limit: int, now) -> list[int]:
    """One page of ids: the entries whose own identifier the query is (or begins) first, then
    exact spelling in a title or keyword, then the phrase without diacritics in a title or
    keyword, then the rest; newest first within each tier.

    Each tier's candidates are read separately, newest first and only as many as the page
    needs (a row beyond them cannot reach this page), so PostgreSQL can walk the recency index
    when a tier is dense and use the tier's own GIN index when it is sparse."""
    filters, filter_params = _filters_sql(q, area, now)
    match, match_params = _match_sql(q)
    exact_like, exact_like_params = "e.heading_exact LIKE %s", [f"%{q.exact}%"]
    heading_like, heading_like_params = "e.heading_norm LIKE %s", [f"%{q.norm}%"]
    own, own_params = _own_sql(q)
    # A row already found: these conditions alone tell its tier.
    tier = f"CASE WHEN {own} THEN 0 WHEN {exact_like} THEN 1 WHEN {heading_like} THEN 2 ELSE 3 END"
    tier_params = [*own_params, *exact_like_params, *heading_like_params]
    wanted = offset + limit

    def select(number, condition, condition_params, *, newest=False):
        source, source_params = "portal_searchentry e", []
        if newest:
            # The newest entries, from the recency index, for the LIKEs alone: a short walk.
            source = (
                "(SELECT e.id, e.area, e.published_at, e.identifier, e.heading_exact,"  # noqa: S608
                " e.heading_norm"
                f" FROM portal_searchentry e WHERE {filters} {_RECENT_FIRST} LIMIT %s) AS e"
            )
            source_params = [*filter_params, PROBE_ROWS]
        # Only fixed fragments are interpolated; every value is a parameter.
        sql = (
            f"SELECT * FROM (SELECT {number} AS n, e.id, {tier} AS tier, e.published_at"  # noqa: S608
            f" FROM {source} WHERE {filters} AND {condition} {_RECENT_FIRST} LIMIT %s) AS t{number}"
        )
        return sql, [*tier_params, *source_params, *filter_params, *condition_params, wanted]

    rows = _fetch(
        select(0, own, own_params),
        select(1, exact_like, exact_like_params, newest=True),
        select(2, heading_like, heading_like_params, newest=True),
    )
    filled = {n for n in (1, 2) if sum(1 for row in rows if row[0] == n) >= wanted}
    rows = [row for row in rows if row[0] in {0, *filled}]
    unfilled = [n for n in (1, 2) if n not in filled]
    rows += _fetch(
        *[select(n, *_tier_sql(q, exact=n == 1)) for n in unfilled],
        select(3, match, match_params),
    )
    ranked = sorted(
        {row[1]: row[1:] for row in rows}.values(),
        key=lambda r: (r[1], r[2] is None, -r[2].timestamp() if r[2] else 0, -r[0]),
    )
    return [row[0] for row in ranked[offset:wanted]]


def _fetch(*selects: tuple[str, list]) -> list[tuple]:
    """The rows of several SELECTs, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(sql for sql, _params in selects),
            [param for _sql, params in selects for param in params],
        )
        return cursor.fetchall()


def _count_sql(q: _Query, area: str | None, now, group: bool) -> tuple[str, list]:
    """Counts the newest COUNT_CAP + 1 matches at most: a word found in most entries costs a
    short walk of the recency index instead of a pass over every match."""
    filters, filter_params = _filters_sql(q, area, now)
    match, match_params = _match_sql(q)
    column = "e.area" if group else "1 AS one"
    sql = (
        f"SELECT {column} FROM portal_searchentry e WHERE {filters} AND {match}"  # noqa: S608
        f" {_RECENT_FIRST} LIMIT %s"
    )
    if group:
        sql = f"SELECT area, COUNT(*) FROM ({sql}) AS c GROUP BY area"  # noqa: S608
    else:
        sql = f"SELECT COUNT(*) FROM ({sql}) AS c"  # noqa: S608
    return sql, [*filter_params, *match_params, COUNT_CAP + 1]


def _facet_counts(q: _Query, now) -> tuple[list[Facet], bool]:
    """Matches per area among the newest COUNT_CAP + 1, and whether that limit was reached
    (then each count is a lower bound, shown as "N+")."""
    areas = registry.areas()
    if not areas:
        return [], False
    with connection.cursor() as cursor:
        cursor.execute(*_count_sql(q, None, now, group=True))
        counts = dict(cursor.fetchall())
    capped = sum(counts.values()) > COUNT_CAP
    return [Facet(area, label, counts.get(area, 0), capped) for area, label in areas], capped


def _area_count(q: _Query, area: str, now) -> int:
    with connection.cursor() as cursor:
        cursor.execute(*_count_sql(q, area, now, group=False))
        return cursor.fetchone()[0]


def _entries(ids: list[int]) -> list:
    from .models import SearchEntry

    rows = SearchEntry.objects.filter(pk__in=ids).defer(
        "body", "heading_exact", "heading_norm", "heading_terms", "content_norm"
    )
    by_id = {row.pk: row for row in rows.annotate(body_start=Substr("body", 1, 1000))}
    return [by_id[pk] for pk in ids if pk in by_id]


def search(query: str, *, area: str | None = None, page: int = 1, per_page: int = 20):
    """Ranked, faceted results for a visitor's query (see the module's docstring)."""
    q = _parse(query[: MAX_QUERY_LENGTH * 2])
    if area not in dict(registry.areas()):
        area = None
    if not q.words:
        return SearchResults(q.text, area, [], 0, False, [], 1, per_page)
    now = timezone.now()
    facets, capped = _facet_counts(q, now)
    total = sum(f.count for f in facets)
    if area is not None:
        chosen = next(f.count for f in facets if f.area == area)
        total = _area_count(q, area, now) if capped else chosen
        capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    results = SearchResults(q.text, area, [], total, capped, facets, 1, per_page)
    results.page = max(1, min(page, results.num_pages))
    if total:
        ids = _ranked_ids(q, area, (results.page - 1) * per_page, per_page, now)
        results.entries = _entries(ids)
        for entry in results.entries:
            entry.snippet = highlight(markdown_text(entry.summary or entry.body_start), q.words)
    return results


def found(query: str, model: type[models.Model], *, own: bool = False) -> RawSQL:
    """A condition for `model.objects.filter()`: the search finds the object's entry for
    `query` (with `own`: the query is the object's own identifier), so that a list narrowed by
    a visitor's words keeps its own order and filters. Each row is checked through the entries'
    unique (content type, object id) index: for common words the list is read along its own
    order's index rather than after collecting every match."""
    q = _parse(query[: MAX_QUERY_LENGTH * 2])
    if not q.words:
        raise ValueError("A query needs at least one letter or digit.")
    condition, params = _own_sql(q) if own else _match_sql(q)
    content_type = ContentType.objects.get_for_model(model)
    quote = connection.ops.quote_name
    row_id = f"CAST({quote(model._meta.db_table)}.{quote(model._meta.pk.column)} AS varchar(64))"
    # Only fixed fragments are interpolated; every value is a parameter.
    return RawSQL(  # noqa: S611
        "EXISTS (SELECT 1 FROM portal_searchentry e WHERE e.content_type_id = %s"  # noqa: S608
        f" AND e.object_id = {row_id} AND {condition})",
        [content_type.pk, *params],
        output_field=models.BooleanField(),
    )


def latest(limit: int = 6) -> list:
    """The newest published entries, for the home page."""
    from .models import SearchEntry

    return list(
        SearchEntry.objects.filter(published_at__lte=timezone.now())
        .defer("body", "heading_exact", "heading_norm", "heading_terms", "content_norm")
        .order_by(models.F("published_at").desc(nulls_last=True), "-id")[:limit]
    )


def highlight(text: str, words, *, length: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `text` around the first match, the matched words in <mark>.

    Words are matched without case or diacritics at the start of a word, as the search does."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    # Fold character by character, remembering where each folded character came from.
    folded, origin = [], []
    for index, char in enumerate(text):
        for folded_char in _fold_char(char):
            folded.append(folded_char)
            origin.append(index)
    folded_text = "".join(folded)
    spans = []
    for word in {w for w in words if w}:
        for found in re.finditer(r"(?<![^\W_])" + re.escape(word), folded_text):
            start, end = origin[found.start()], origin[found.end() - 1] + 1
            # Extend to the end of the word, as the prefix match does.
            while end < len(text) and (text[end].isalnum() or unicodedata.combining(text[end])):
                end += 1
            spans.append((start, end))
    spans = _merge(sorted(spans))
    start = 0
    if len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - length // 4, len(text) - length))
        if start:
            start = text.find(" ", start) + 1 or start
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    out = ["…" if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[cursor:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    out.append("…" if end < len(text) else "")
    return mark_safe("".join(out))  # noqa: S308  (every piece of text above is escaped)


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return normalise(char) or (" " if char.isspace() else "")


def _merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# --- The page ---------------------------------------------------------------------------------


class QueryField(forms.CharField):
    """A visitor's query: at most MAX_QUERY_LENGTH characters, cleaned by `clean_query`, with
    at least one letter or digit when given."""

    default_error_messages = {
        "required": _("Enter a word, a phrase or a document number to search for."),
        "max_length": _("Enter no more than %(limit_value)d characters."),
        "no_words": _("Enter at least one letter or number."),
    }

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_QUERY_LENGTH, strip=True, **kwargs)

    def clean(self, value):
        query = clean_query(super().clean(value))
        if query and not _WORD.search(normalise(query)):
            raise forms.ValidationError(self.error_messages["no_words"], code="no_words")
        return query


class SearchForm(forms.Form):
    q = QueryField(label=_("Search the portal"))


def _page_links(request, results: SearchResults) -> dict | None:
    if results.num_pages <= 1:
        return None

    def url(number):
        params = {"q": results.query}
        if results.area:
            params["area"] = results.area
        if number > 1:
            params["page"] = number
        return f"{request.path}?{urlencode(params)}"

    items = []
    for number in results.page_range():
        if number == Paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "url": url(number), "current": number == results.page})
    return {
        "previous": url(results.page - 1) if results.has_previous else None,
        "next": url(results.page + 1) if results.has_next else None,
        "items": items,
    }


def _facet_links(request, results: SearchResults) -> list[dict]:
    """ "All areas" and then every area with matches, as links that keep the query."""

    def url(area=None):
        params = {"q": results.query}
        if area:
            params["area"] = area
        return f"{request.path}?{urlencode(params)}"

    links = [
        {
            "label": _("All areas"),
            "count": min(sum(f.count for f in results.facets), COUNT_CAP),
            "capped": any(f.is_capped for f in results.facets),
            "url": url(),
            "current": results.area is None,
        }
    ]
    links += [
        {
            "label": facet.label,
            "count": facet.count,
            "capped": facet.is_capped,
            "url": url(facet.area),
            "current": facet.area == results.area,
        }
        for facet in results.facets
        if facet.count or facet.area == results.area
    ]
    return links


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


@ratelimit(key="ip", rate="120/m", method="GET", block=True)
def search_view(request):
    context = {
        "form": SearchForm(),
        "results": None,
        "breadcrumbs": [(_("Search"), None)],
        "max_length": MAX_QUERY_LENGTH,
    }
    if "q" in request.GET:
        form = SearchForm(request.GET)
        context["form"] = form
        if form.is_valid():
            results = search(
                form.cleaned_data["q"],
                area=request.GET.get("area") or None,
                page=_page_number(request.GET.get("page")),
            )
            context.update(
                results=results,
                facets=_facet_links(request, results),
                pagination=_page_links(request, results),
            )
            number = parse_number(results.query)
            if not results.total and number is not None:
                context["broader_numbers"] = [
                    {"query": query, "url": f"{request.path}?{urlencode({'q': query})}"}
                    for query in number.broader()
                ]
    return render(request, "portal/search.html", context)
