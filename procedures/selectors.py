"""Reads of the procedures app: what the catalog, the lookup, the statistics and the
indicators show."""

import re

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone

from portal import search
from portal.caching import content_version
from portal.collation import vi_key
from portal.models import SearchEntry
from portal.periods import Quarter
from portal.search.text import identifier_form

from .models import (
    Channel,
    DossierComponent,
    DossierDay,
    Feedback,
    OnlineLevel,
    Outcome,
    Procedure,
    SubmissionMethod,
)

PAGE_NAMESPACE = "procedures"

# A national procedure code: "2.000648", "1.010696".
CODE = re.compile(r"^\s*(\d\.\d{6})\s*$")


def filter_choices() -> dict[str, list[str]]:
    """The fields and agencies of the published procedures, in Vietnamese order; cached until
    the catalog changes."""
    key = f"procedures:filter-choices:{content_version(PAGE_NAMESPACE)}"
    choices = cache.get(key)
    if choices is None:
        rows = Procedure.objects.public().order_by().values_list("field", "implementing_agency")
        fields, agencies = set(), set()
        for field, agency in rows.distinct():
            if field:
                fields.add(field)
            if agency:
                agencies.add(agency)
        choices = {
            "fields": sorted(fields, key=vi_key),
            "agencies": sorted(agencies, key=vi_key),
        }
        cache.set(key, choices, 3600)
    return choices


LIST_COLUMNS = ("code", "name", "level", "field", "implementing_agency", "online_level")


def procedure_list(filters: dict):
    procedures = Procedure.objects.public()
    for name in ("field", "level", "online_level"):
        if value := filters.get(name):
            procedures = procedures.filter(**{name: value})
    if agency := filters.get("agency"):
        procedures = procedures.filter(implementing_agency=agency)
    if query := filters.get("q"):
        if code := CODE.match(query):
            procedures = procedures.filter(code=code.group(1))
        else:
            procedures = procedures.filter(search.found(query, Procedure))
    return procedures.only(*LIST_COLUMNS)


def procedure_for_page(pk: int, *, include_drafts: bool = False) -> Procedure:
    procedures = Procedure.objects.all() if include_drafts else Procedure.objects.public()
    return procedures.prefetch_related(
        Prefetch("methods", queryset=SubmissionMethod.objects.order_by("channel")),
        Prefetch("components", queryset=DossierComponent.objects.order_by("case", "order", "id")),
        "changes",
    ).get(pk=pk)


def components_by_case(procedure: Procedure) -> list[tuple[str, list[DossierComponent]]]:
    cases: dict[str, list] = {}
    for component in procedure.components.all():
        cases.setdefault(component.case, []).append(component)
    return list(cases.items())


def legal_documents(numbers: list[str]) -> list[dict]:
    """Each legal basis number with the published document of that number, when the site
    search holds one (the document's own entry, matched on its parsed number)."""
    if not numbers:
        return []
    keys = {number: identifier_form(number) for number in numbers}
    entries = {
        entry.identifier: entry
        for entry in SearchEntry.objects.filter(identifier__in=set(keys.values()))
        .only("identifier", "url", "title")
        .order_by("-published_at")
    }
    return [{"number": number, "entry": entries.get(keys[number])} for number in numbers]


def citations() -> dict[str, list[Procedure]]:
    """The published procedures under each document number their legal basis names (in the
    search's identifier form, as `identifier_form` writes a document's number), in the
    catalog's order."""
    table: dict[str, list[Procedure]] = {}
    for procedure in Procedure.objects.public().only("pk", "code", "name", "legal_basis"):
        for key in dict.fromkeys(identifier_form(number) for number in procedure.legal_numbers):
            if key:
                table.setdefault(key, []).append(procedure)
    return table


def _public_at(day):
    return Procedure.objects.public().filter(published_at__date__lte=day)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def share_online(day) -> float | None:
    """Percent of the procedures public on `day` that can be submitted online."""
    procedures = _public_at(day)
    return _share(procedures.exclude(online_level=OnlineLevel.NONE).count(), procedures.count())


def share_complete(day) -> float | None:
    """Percent of the procedures public on `day` whose record has every part."""
    procedures = _public_at(day)
    complete = (
        procedures.exclude(steps="")
        .exclude(results="")
        .exclude(legal_basis="")
        .filter(Exists(SubmissionMethod.objects.filter(procedure=OuterRef("pk"))))
        .filter(Exists(DossierComponent.objects.filter(procedure=OuterRef("pk"))))
    )
    return _share(complete.count(), procedures.count())


# --- Statistics --------------------------------------------------------------------------------


COUNTS = ("received", "early", "on_time", "late", "online", "digitised", "rated", "score_sum")


def _count_annotations() -> dict:
    """The counts, summed over rows of the daily summary (`DossierDay`); named `sum_<count>`
    (an annotation may not take the name of the column it sums)."""
    return {
        "sum_received": Sum("received"),
        "sum_early": Sum("received", filter=Q(outcome=Outcome.EARLY)),
        "sum_on_time": Sum("received", filter=Q(outcome=Outcome.ON_TIME)),
        "sum_late": Sum("received", filter=Q(outcome=Outcome.LATE)),
        "sum_online": Sum("received", filter=Q(channel=Channel.ONLINE)),
        "sum_digitised": Sum("digitised"),
        "sum_rated": Sum("rated"),
        "sum_score_sum": Sum("score_sum"),
    }


def _figures(counts: dict, field: str = "") -> dict:
    """Shares from the counts (which add up across quarters and fields)."""
    finished = counts["early"] + counts["on_time"] + counts["late"]
    score = counts["score_sum"] / counts["rated"] / 4 if counts["rated"] else None
    return {
        "field": field,
        **{k: counts[k] for k in ("received", "early", "on_time", "late", "online", "rated")},
        "finished": finished,
        "in_time_share": _share(counts["early"] + counts["on_time"], finished),
        "online_share": _share(counts["online"], counts["received"]),
        "digitised_share": _share(counts["digitised"], finished),
        "satisfaction": round((score - 1) / 4 * 100, 1) if score is not None else None,
    }


def _zero(row: dict) -> dict:
    """The counts of a summed row, 0 where nothing was summed."""
    return {key: row.get(f"sum_{key}") or 0 for key in COUNTS}


def _add(total: dict, counts: dict) -> None:
    for key in COUNTS:
        total[key] = total.get(key, 0) + (counts[key] or 0)


def dossier_figures(start, end, *, by_field: bool = False) -> list[dict]:
    """Dossiers received between `start` and `end` (dates): received, finished early, on time
    and late (against the first appointment), online, and the average satisfaction (% of the
    highest score); one row, or one per field."""
    days = DossierDay.objects.filter(day__gte=start, day__lte=end)
    if by_field:
        rows = days.values("field").annotate(**_count_annotations()).order_by()
        result = [_figures(_zero(row), row["field"]) for row in rows]
        return sorted(result, key=lambda r: vi_key(r["field"] or ""))
    total = _zero(days.aggregate(**_count_annotations()))
    return [_figures(total)] if total["received"] else []


def year_statistics(year: int) -> tuple[list, list[dict], dict]:
    """The statistics page's figures in one grouped read of the year's dossiers: by quarter
    [(Quarter, figures)], by field [figures] and the year's total."""
    quarters = [Quarter(year, n) for n in range(1, 5)]
    rows = (
        DossierDay.objects.filter(day__gte=quarters[0].start, day__lte=quarters[-1].end)
        .annotate(quarter=ExtractQuarter("day"))
        .values("quarter", "field")
        .annotate(**_count_annotations())
        .order_by()
    )
    by_quarter: dict[int, dict] = {}
    by_field: dict[str, dict] = {}
    total: dict = {}
    for row in rows:
        counts = _zero(row)
        _add(by_quarter.setdefault(row["quarter"], {}), counts)
        _add(by_field.setdefault(row["field"] or "", {}), counts)
        _add(total, counts)
    return (
        [(q, _figures(by_quarter[q.number]) if q.number in by_quarter else {}) for q in quarters],
        sorted(
            (_figures(counts, field) for field, counts in by_field.items()),
            key=lambda r: vi_key(r["field"] or ""),
        ),
        _figures(total) if total else {},
    )


def quarter_figures(quarter) -> dict:
    rows = dossier_figures(quarter.start, quarter.end)
    return rows[0] if rows else {}


def share_in_time(period) -> float | None:
    return quarter_figures(period).get("in_time_share")


def share_submitted_online(period) -> float | None:
    return quarter_figures(period).get("online_share")


def share_digitised(period) -> float | None:
    return quarter_figures(period).get("digitised_share")


def satisfaction(period) -> float | None:
    return quarter_figures(period).get("satisfaction")


def feedback_in_time(period) -> float | None:
    """Percent of the feedback due in the quarter answered by its deadline."""
    due = Feedback.objects.filter(due_date__gte=period.start, due_date__lte=period.end)
    total = due.count()
    return _share(due.filter(answered_on__lte=F("due_date")).count(), total)


def open_data_rows():
    """Every quarter with dossiers, by field, oldest first: one grouped read of the summary."""
    last = Quarter.containing(timezone.localdate())
    rows = (
        DossierDay.objects.filter(day__lte=last.end)
        .annotate(year=ExtractYear("day"), quarter=ExtractQuarter("day"))
        .values("year", "quarter", "field")
        .annotate(**_count_annotations())
        .order_by()
    )
    figures = [((row["year"], row["quarter"]), _figures(_zero(row), row["field"])) for row in rows]
    figures.sort(key=lambda item: (item[0], vi_key(item[1]["field"] or "")))
    for (year, number), row in figures:
        yield (
            str(Quarter(year, number)),
            row["field"],
            *(row[k] for k in ("received", "early", "on_time", "late", "online")),
            row["satisfaction"],
        )
