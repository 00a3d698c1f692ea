"""Reads of the PAPI spine shared by the public page and the quarterly report: the province's
official scores."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery, Sum

from .models import Dimension, LegalLimit, OfficialScore

# --- Official PAPI scores ---------------------------------------------------------------------

EIGHT_DIMENSIONS_SINCE = 2018  # PAPI's structure since 2018: 8 dimensions of 1–10, total 8–80


@dataclass
class OfficialYear:
    year: int
    score: Decimal | None  # the province's published score; None: not rated that year
    note: int | None  # the number of its source in the series' `sources`
    mean: Decimal | None  # computed from the table: mean of the provinces rated that year
    rank: int | None  # computed: 1 + the number of rated provinces that scored higher
    rated: int  # how many provinces were rated that year


@dataclass
class OfficialSeries:
    code: str
    name: str
    scale: str
    axis: list[int]  # every year from the first to the last, in time order
    years: list[OfficialYear]  # the same years, newest first; a year without data is a gap
    sources: list[str]
    parts_year: int | None = None
    parts_previous_year: int | None = None
    parts: list[dict] | None = None  # sub-dimensions in parts_year and the year before

    @property
    def latest(self) -> OfficialYear | None:
        return next((y for y in self.years if y.score is not None), None)

    def points(self, attribute: str = "score") -> list[tuple[int, Decimal]]:
        """(year, value) in time order, leaving out the years without one."""
        return [
            (y.year, getattr(y, attribute))
            for y in reversed(self.years)
            if getattr(y, attribute) is not None
        ]


def cite(sources: list[str], source: str) -> int:
    """The number of `source` in the list of a table's sources, added when new."""
    if source not in sources:
        sources.append(source)
    return sources.index(source) + 1


def official_series(province: str, *, until: int | None = None) -> list[OfficialSeries]:
    """The province's official total and dimension scores since 2018 (the total first, then
    D1–D8), with the national mean and the province's rank among the rated provinces computed
    from the same provincial table, and its sub-dimension scores in the last two years.
    The one source of these figures for /chi-so-papi/ and the quarterly report."""
    rows = OfficialScore.objects.filter(
        scope=OfficialScore.Scope.PROVINCE,
        level__in=[OfficialScore.Level.TOTAL, OfficialScore.Level.DIMENSION],
        year__gte=EIGHT_DIMENSIONS_SINCE,
    )
    parts = OfficialScore.objects.for_province(province).filter(
        level=OfficialScore.Level.SUB_DIMENSION, year__gte=EIGHT_DIMENSIONS_SINCE
    )
    if until is not None:
        rows, parts = rows.filter(year__lte=until), parts.filter(year__lte=until)
    # The province's own rows, and per (code, year) the sum and count of every rated province
    # and how many scored higher: computed by the database, not read row by row.
    own = {}
    names = {}
    for score in rows.filter(province=province).only(
        "year", "province", "code", "score", "source", "scale", "name_vi"
    ):
        own[score.code, score.year] = score
        names[score.code] = score
    everyone = {
        (s["code"], s["year"]): s
        for s in rows.values("code", "year").annotate(total=Sum("score"), rated=Count("id"))
    }
    mine = OfficialScore.objects.filter(
        scope=OfficialScore.Scope.PROVINCE,
        province=province,
        code=OuterRef("code"),
        year=OuterRef("year"),
    ).values("score")[:1]
    higher = {
        (s["code"], s["year"]): s["higher"]
        for s in rows.filter(score__gt=Subquery(mine))
        .values("code", "year")
        .annotate(higher=Count("id"))
    }
    if not everyone:
        return []
    axis = list(range(min(y for _c, y in everyone), max(y for _c, y in everyone) + 1))
    dimension_names = {d.code: d.name for d in Dimension.objects.all()}
    parts_by_dimension = defaultdict(dict)
    for part in parts:
        parts_by_dimension[part.code.split(".")[0]][part.code, part.year] = part
    result = []
    for code in ["PAPI", *sorted(dimension_names)]:
        if not any((code, year) in own for year in axis):
            continue
        sources: list[str] = []
        note = partial(cite, sources)

        years = []
        for year in reversed(axis):
            stats = everyone.get((code, year), {"total": None, "rated": 0})
            score = own.get((code, year))
            years.append(
                OfficialYear(
                    year=year,
                    score=score.score if score else None,
                    note=note(score.source) if score else None,
                    mean=(stats["total"] / stats["rated"]).quantize(Decimal("0.0001"))
                    if stats["rated"]
                    else None,
                    rank=1 + higher.get((code, year), 0) if score else None,
                    rated=stats["rated"],
                )
            )
        series = OfficialSeries(
            code=code,
            name=dimension_names.get(code) or (names[code].name if code in names else code),
            scale="8-80" if code == "PAPI" else "1-10",
            axis=axis,
            years=years,
            sources=sources,
        )
        mine = parts_by_dimension.get(code, {})
        part_years = sorted({year for _c, year in mine}, reverse=True)
        if part_years:
            latest, previous = part_years[0], part_years[1] if len(part_years) > 1 else None
            series.parts_year, series.parts_previous_year = latest, previous
            series.parts = []
            for (part_code, year), part in sorted(mine.items()):
                if year != latest:
                    continue
                before = mine.get((part_code, previous))
                series.parts.append(
                    {
                        "code": part_code,
                        "name": part.name,
                        "score": part.score,
                        "previous": before.score if before else None,
                        "change": part.score - before.score if before else None,
                        "note": note(part.source),
                    }
                )
        result.append(series)
    return result


def legal_limit(code: str):
    """The legal limit named `code` (a `LegalLimit`), from the table staff keep; cached briefly
    since many pages show one. LookupError when no row has that code: a missing limit is a
    configuration error, never silently a number written in code."""
    key = _legal_limit_key(code)
    limit = cache.get(key)
    if limit is None:
        limit = LegalLimit.objects.filter(code=code).first()
        if limit is None:
            raise LookupError(f"No legal limit with the code {code!r}.")
        cache.set(key, limit, LEGAL_LIMIT_CACHE_SECONDS)
    return limit


def _legal_limit_key(code: str) -> str:
    return f"portal:legal-limit:{code}"


def forget_legal_limit(code: str) -> None:
    """After staff change a limit, pages show the new value at once."""
    cache.delete(_legal_limit_key(code))


LEGAL_LIMIT_CACHE_SECONDS = 60
