"""Searching the index: ranked tiers along the recency index, facets, counts capped at
COUNT_CAP, and the condition that narrows another list to what the search finds."""

import itertools
import math
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection, models, transaction
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


def _words_sql(q: _Query, *, prefix: bool = True) -> tuple[str, list]:
    """All the query's words (the last one as a prefix, unless not `prefix`) anywhere in the
    entry."""
    if connection.vendor == "postgresql":
        terms = [f"'{word}'" for word in q.words]
        # The visitor may still be typing the last word; not in a number such as 59/2019/NĐ-CP,
        # whose short parts would make a costly prefix scan for no gain.
        if len(q.words[-1]) >= 3 and not any(c.isdigit() or c in "/.:-" for c in q.norm):
            terms[-1] += ":*" if prefix else ""
        return "e.search_vector @@ to_tsquery('public.portal_vi', %s)", [" & ".join(terms)]
    parts = " AND ".join("e.content_norm LIKE %s" for _word in q.words)
    return f"({parts})", [f"% {word}%" for word in q.words]


def _match_sql(q: _Query) -> tuple[str, list]:
    """The condition every result meets: the entry's own identifier, the phrase at the start of
    a word in a title or keyword, or all its words (the last one as a prefix) anywhere."""
    own, own_params = _own_sql(q)
    words, words_params = _words_sql(q)
    # The identifier and title tests come first: they are cheap and, for common words, usually
    # settle the row.
    return (
        f"({own} OR e.heading_norm LIKE %s OR {words})",
        [*own_params, f"%{q.norm}%", *words_params],
    )


# Spelled exactly as in migration 0008's index, so that the planner can use it.
_HEADING_TERMS = "array_to_tsvector(string_to_array(e.heading_terms, ' '))"


def _heading_query(phrase: str, tag: str, *, confirmed: bool = False) -> str:
    """A tsquery that `heading_terms` matches whenever the heading holds `phrase` (comparable)
    at the start of a word: the phrase's pairs of neighbouring words, the last one as a prefix
    (or its only word as a prefix). `tag` is "=" for the spelling kept.

    With `confirmed` (a LIKE confirms the whole phrase), a last pair after two others is left
    out: a prefix makes the index merge every posting of its words into a bitmap first (tens
    of milliseconds for a pair as common as "công_thương"), and two whole pairs narrow enough."""
    words = phrase.split()
    pairs = [f"{a}_{b}" for a, b in itertools.pairwise(words)] or words
    lexemes = ["'" + (tag + pair).replace("\\", "\\\\").replace("'", "''") + "'" for pair in pairs]
    if confirmed and len(lexemes) >= 3:
        return " & ".join(lexemes[:-1])
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
    tag = "=" if exact else ""
    if len(phrase.split()) <= 2:
        # One word or one pair says exactly what the LIKE does.
        return f"{_HEADING_TERMS} @@ %s::tsquery", [_heading_query(phrase, tag)]
    terms = f"{_HEADING_TERMS} @@ %s::tsquery"
    terms_params = [_heading_query(phrase, tag, confirmed=True)]
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
# thousands match, and read them all.) A query found in most of them is counted there too.
PROBE_ROWS = 2000
# Whether a query is found in most of the newest entries is first told from the newest
# DENSE_PROBE: when fewer than DENSE_SHARE of them match, counting along the recency index
# would test thousands of rows for nothing, and the words' index counts instead.
DENSE_PROBE = 50
DENSE_SHARE = 25


class _Row(NamedTuple):
    id: int
    area: str
    tier: int  # 0 own identifier, 1 exact phrase in the heading, 2 the phrase, 3 the words
    recency: float | None  # the publication time as a number, None when undated


class _Tally(NamedTuple):
    """How many of the matches counted are of one area."""

    area: str
    count: int


@dataclass
class _Matches:
    """What the counting learnt: the matches it counted by area, up to COUNT_CAP + 1 (the
    newest, or any of them when there are more: each count is then a lower bound); whether
    there are more than COUNT_CAP; and when it read every match (`complete`), the newest of
    every area and tier, as many as a page needs."""

    tally: list
    capped: bool
    rows: list
    complete: bool

    def counts(self) -> Counter:
        counts = Counter()
        for t in self.tally:
            counts[t.area] += t.count
        return counts

    def of_area(self, area: str) -> "_Matches":
        return _Matches(
            [t for t in self.tally if t.area == area],
            self.capped,
            [row for row in self.rows if row.area == area],
            self.complete,
        )


def _recency_sql() -> str:
    if connection.vendor == "postgresql":
        return "extract(epoch FROM e.published_at)::float8"
    return "julianday(e.published_at)"


def _tier_case(q: _Query) -> tuple[str, list]:
    """The columns `tier, recency` of a `_Row` for a row already found: its own identifier,
    the phrase in the heading with diacritics, the phrase in the heading without them, or only
    the words; and its publication time as a number."""
    own, own_params = _own_sql(q)
    return (
        f"CASE WHEN {own} THEN 0 WHEN e.heading_exact LIKE %s THEN 1"
        f" WHEN e.heading_norm LIKE %s THEN 2 ELSE 3 END AS tier, {_recency_sql()} AS recency",
        [*own_params, f"%{q.exact}%", f"%{q.norm}%"],
    )


def _counted(sql: str, params: list, wanted: int) -> tuple[list[_Tally], list[_Row]]:
    """Runs `sql`, a SELECT of `_Row` columns (the matches to count), and returns their tally
    and the newest `wanted` of each area and tier: a few rows rather than a thousand."""
    # Only fixed fragments are interpolated; every value is a parameter.
    sql = (
        f"WITH m AS MATERIALIZED ({sql})"  # noqa: S608
        " SELECT 0, id, area, tier, recency, 0 FROM (SELECT m.*, row_number() OVER"
        " (PARTITION BY area, tier ORDER BY recency IS NULL, recency DESC, id DESC) AS k"
        " FROM m) AS r WHERE k <= %s"
        " UNION ALL SELECT 1, 0, area, 0, 0, COUNT(*) FROM m GROUP BY area"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, wanted])
        fetched = cursor.fetchall()
    tally = [_Tally(a, n) for kind, _i, a, _t, _r, n in fetched if kind]
    rows = [_Row(i, a, tier, r) for kind, i, a, tier, r, _n in fetched if not kind]
    return tally, rows


def _newest_count(q: _Query, now) -> list[_Tally]:
    """Matches per area among the newest COUNT_CAP + 1 of the newest PROBE_ROWS entries: a
    short walk of the recency index that, for words found in most entries, is the whole count.
    It is not walked (no rows) unless DENSE_SHARE of the newest DENSE_PROBE entries match."""
    filters, filter_params = _filters_sql(q, None, now)
    match, match_params = _match_sql(q)

    def newest(rows):
        # Only fixed fragments are interpolated; every value is a parameter.
        return (
            "(SELECT e.id, e.area, e.published_at, e.identifier, e.heading_norm,"  # noqa: S608
            f" e.search_vector FROM portal_searchentry e WHERE {filters} {_RECENT_FIRST}"
            " LIMIT %s) AS e"
        ), [*filter_params, rows]

    walk, walk_params = newest(PROBE_ROWS)
    probe, probe_params = newest(DENSE_PROBE)
    # The condition on the probe is a one-time filter: the walk runs only when it holds.
    sql = (
        f"SELECT c.area, COUNT(*) FROM (SELECT e.area FROM {walk} WHERE {match}"  # noqa: S608
        f" {_RECENT_FIRST} LIMIT %s) AS c WHERE"
        f" (SELECT COUNT(*) FROM {probe} WHERE {match}) >= %s GROUP BY c.area"
    )
    params = [*walk_params, *match_params, COUNT_CAP + 1, *probe_params, *match_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, DENSE_SHARE])
        return [_Tally(area, n) for area, n in cursor.fetchall()]


@contextmanager
def _bitmap_scans():
    """A cursor whose statements read rows only through bitmaps of the indexes, until the end
    of the block: the planner's estimate for a query's words and title is too high, and it
    would walk the whole table testing every row for a count that the words' index answers in
    a few pages. The settings are local to the block's transaction (SET LOCAL), so its commit
    ends them; inside a caller's transaction the previous values are put back instead."""
    nested = connection.in_atomic_block
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'),"
            " set_config('enable_seqscan', 'off', true),"
            " set_config('enable_indexscan', 'off', true)"
        )
        before = cursor.fetchone()[:2]
        yield cursor
        if nested:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true),"
                " set_config('enable_indexscan', %s, true)",
                list(before),
            )


def _count(q: _Query, area: str | None, now, wanted: int) -> _Matches:
    """Matches per area up to COUNT_CAP + 1, through the indexes of the words rather than the
    recency index. On PostgreSQL the words alone (a part of the condition) are counted first:
    when they already pass the cap, so does the whole condition, without its title and
    identifier indexes. Otherwise every match is read (they are at most COUNT_CAP + 1), once,
    for the count and for the page."""
    filters, filter_params = _filters_sql(q, area, now)
    match, match_params = _match_sql(q)
    tier, tier_params = _tier_case(q)
    # Only fixed fragments are interpolated; every value is a parameter.
    sql = f"SELECT e.id, e.area, {tier} FROM portal_searchentry e WHERE {filters} AND {match}"  # noqa: S608
    params = [*tier_params, *filter_params, *match_params, COUNT_CAP + 1]
    if connection.vendor != "postgresql":
        # The newest matches, as on PostgreSQL when they are counted along the recency index.
        tally, rows = _counted(f"{sql} {_RECENT_FIRST} LIMIT %s", params, wanted)
        capped = sum(t.count for t in tally) > COUNT_CAP
        return _Matches(tally, capped, rows, not capped)
    # The words as they are, the last one too: fewer matches than as a prefix, but read from
    # one list of the index where a prefix merges the lists of every word it begins.
    words, words_params = _words_sql(q, prefix=False)
    with _bitmap_scans() as cursor:
        cursor.execute(
            f"SELECT e.area, COUNT(*) FROM (SELECT e.area FROM portal_searchentry e"  # noqa: S608
            f" WHERE {filters} AND {words} LIMIT %s) AS e GROUP BY e.area",
            [*filter_params, *words_params, COUNT_CAP + 1],
        )
        tally = [_Tally(area, n) for area, n in cursor.fetchall()]
        if sum(t.count for t in tally) <= COUNT_CAP:
            tally, rows = _counted(f"{sql} LIMIT %s", params, wanted)
    if sum(t.count for t in tally) > COUNT_CAP:
        # A sample of the matches, not the newest: its rows say nothing of a page.
        return _Matches(tally, True, [], False)
    return _Matches(tally, False, rows, True)


def _matches(q: _Query, now, wanted: int) -> _Matches:
    """The counts of every area: the newest COUNT_CAP + 1 matches when the words are common
    in the newest entries, otherwise through the words' indexes. A document number is rare by
    nature: it is looked for in the indexes only."""
    if connection.vendor == "postgresql" and parse_number(q.text) is None:
        tally = _newest_count(q, now)
        if sum(t.count for t in tally) > COUNT_CAP:
            return _Matches(tally, True, [], False)
    return _count(q, None, now, wanted)


def _area_matches(q: _Query, area: str, matches: _Matches, now, wanted: int) -> _Matches:
    """The matches of one area, counted again only when all areas together passed the cap."""
    mine = matches.of_area(area)
    if not matches.capped or sum(mine.counts().values()) > COUNT_CAP:
        return mine
    return _count(q, area, now, wanted)


def _facets(matches: _Matches) -> list[Facet]:
    """Matches per area (a lower bound shown as "N+" when there are more than COUNT_CAP)."""
    counts = matches.counts()
    return [
        Facet(area, label, counts.get(area, 0), matches.capped) for area, label in registry.areas()
    ]


def _ranked_ids(q: _Query, area: str | None, offset: int, limit: int, now, known: _Matches):
    """One page of ids: the entries whose own identifier the query is (or begins) first, then
    exact spelling in a title or keyword, then the phrase without diacritics in a title or
    keyword, then the rest; newest first within each tier.

    When the counting read every match, the page is among the rows it kept. Otherwise each
    tier's candidates are read separately, newest first and only as many as the page needs (a
    row beyond them cannot reach this page), so PostgreSQL can walk the recency index when a
    tier is dense and use the tier's own GIN index when it is sparse."""
    wanted = offset + limit
    if known.complete:
        ranked = sorted(known.rows, key=lambda r: (r.tier, r.recency is None, _newest(r), -r.id))
        return [row.id for row in ranked[offset:wanted]]
    filters, filter_params = _filters_sql(q, area, now)
    match, match_params = _match_sql(q)
    likes = {
        1: ("e.heading_exact LIKE %s", [f"%{q.exact}%"]),
        2: ("e.heading_norm LIKE %s", [f"%{q.norm}%"]),
    }
    own, own_params = _own_sql(q)
    tier, tier_params = _tier_case(q)

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
            f"SELECT * FROM (SELECT {number} AS n, e.id, e.area, {tier}"  # noqa: S608
            f" FROM {source} WHERE {filters} AND {condition} {_RECENT_FIRST} LIMIT %s) AS t{number}"
        )
        return sql, [*tier_params, *source_params, *filter_params, *condition_params, wanted]

    # A query typed without diacritics is rarely spelled so in a title: its exact tier is
    # looked for in its index, not among the newest entries.
    probes = (1, 2) if q.exact != q.norm or any(c.isdigit() for c in q.norm) else (2,)
    rows = _fetch(
        select(0, own, own_params),
        *[select(n, *likes[n], newest=True) for n in probes],
        select(3, match, match_params),
    )
    filled = {n for n in probes if sum(1 for n_, _row in rows if n_ == n) >= wanted}
    rows = [(n, row) for n, row in rows if n in {0, 3, *filled}]
    unfilled = [n for n in (1, 2) if n not in filled]
    if unfilled:
        rows += _fetch(*[select(n, *_tier_sql(q, exact=n == 1)) for n in unfilled])
    ranked = sorted(
        {row.id: row for _n, row in rows}.values(),
        key=lambda r: (r.tier, r.recency is None, _newest(r), -r.id),
    )
    return [row.id for row in ranked[offset:wanted]]


def _newest(row: _Row) -> float:
    return -row.recency if row.recency is not None else 0


def _fetch(*selects: tuple[str, list]) -> list[tuple[int, _Row]]:
    """The rows of several SELECTs, in one statement, each with the number of its SELECT."""
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(sql for sql, _params in selects),
            [param for _sql, params in selects for param in params],
        )
        return [
            (n, _Row(i, area, tier, recency)) for n, i, area, tier, recency in cursor.fetchall()
        ]


def _entries(ids: list[int]) -> list:
    rows = SearchEntry.objects.filter(pk__in=ids).defer(
        "body", "heading_exact", "heading_norm", "heading_terms", "content_norm"
    )
    by_id = {row.pk: row for row in rows.annotate(body_start=Substr("body", 1, 1000))}
    return [by_id[pk] for pk in ids if pk in by_id]


# What may make Markdown of a text: its punctuation, or a list item, quote or heading line.
_MARKDOWN = re.compile(r"[\\`*_\[\]<>#!|~&\x00]|^[ \t]*(?:[-+=>]|\d+[.)])", re.MULTILINE)


def _plain_text(text: str) -> str:
    """`markdown_text(text)`, without parsing a text that holds no Markdown."""
    if _MARKDOWN.search(text):
        return markdown_text(text)
    return " ".join(text.split())


def search(query: str, *, area: str | None = None, page: int = 1, per_page: int = 20):
    """Ranked, faceted results for a visitor's query (see the module's docstring)."""
    q = _parse(query[: MAX_QUERY_LENGTH * 2])
    if area not in dict(registry.areas()):
        area = None
    if not q.words:
        return SearchResults(q.text, area, [], 0, False, [], 1, per_page)
    now = timezone.now()
    if not registry.areas():
        return SearchResults(q.text, area, [], 0, False, [], 1, per_page)
    # As many rows of each tier as the page asked for needs (it may show an earlier one).
    wanted = min(max(page, 1), math.ceil(COUNT_CAP / per_page)) * per_page
    matches = _matches(q, now, wanted)
    facets = _facets(matches)
    total, capped = sum(f.count for f in facets), matches.capped
    if area is not None:
        matches = _area_matches(q, area, matches, now, wanted)
        total, capped = sum(matches.counts().values()), matches.capped
    total = min(total, COUNT_CAP)
    results = SearchResults(q.text, area, [], total, capped, facets, 1, per_page)
    results.page = max(1, min(page, results.num_pages))
    if total:
        offset = (results.page - 1) * per_page
        ids = _ranked_ids(q, area, offset, per_page, now, matches)
        results.entries = _entries(ids)
        for entry in results.entries:
            entry.snippet = highlight(_plain_text(entry.summary or entry.body_start), q.words)
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
