"""Searching the index: ranked tiers along the recency index, facets, counts capped at
COUNT_CAP, and the condition that narrows another list to what the search finds."""

import itertools
import math
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.utils import timezone

from portal.markdown import markdown_text
from portal.models import SearchEntry

from .highlight import highlight
from .registry import registry
from .text import MAX_QUERY_LENGTH, WORD, clean_query, comparable, identifier_form, parse_number

# Counts stop here ("more than 1,000 results"), and so do the pages that can be reached.
COUNT_CAP = 1000


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
    return _Query(text, comparable(text, fold=False), norm, tuple(WORD.findall(norm)))


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
    return list(
        SearchEntry.objects.filter(published_at__lte=timezone.now())
        .defer("body", "heading_exact", "heading_norm", "heading_terms", "content_norm")
        .order_by(models.F("published_at").desc(nulls_last=True), "-id")[:limit]
    )
