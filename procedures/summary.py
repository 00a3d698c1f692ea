"""The daily summary of the dossiers (`DossierDay`) that the statistics page, the open data and
the indicators read instead of a year of dossier rows.

Each change to a dossier recounts, in the same transaction, the days and fields it touches
(`refresh`): the summary rows of those days and fields are counted again from the dossiers,
so the result does not depend on what the change was. `rebuild` counts everything again (the
nightly task and `manage.py rebuild_dossier_statistics`, for imports and corrections made
outside the actions); both are idempotent."""

import zlib
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from portal.caching import bump_after_commit

# The cached statistics page: shown again, counted from the summary, after every change.
STATISTICS_NAMESPACE = "procedures-statistics"

Key = tuple[date, str]  # (day received, field of the procedure)


def _counted(dossiers):
    """The dossiers grouped by day, field, channel and outcome, with the summary's counts."""
    finished = Coalesce("resolved_on", "returned_on")
    return (
        dossiers.annotate(
            day=TruncDate("received_at"),
            finished=finished,
            outcome=Case(
                When(finished__isnull=True, then=Value("open")),
                When(due_date__gt=F("finished"), then=Value("early")),
                When(due_date=F("finished"), then=Value("on_time")),
                default=Value("late"),
                output_field=CharField(),
            ),
        )
        .values("day", "procedure__field", "channel", "outcome")
        .annotate(
            received=Count("id"),
            digitised=Count("id", filter=Q(result_digitised=True)),
            rated=Count("rating"),
            score_sum=Sum(
                F("rating__access")
                + F("rating__procedure")
                + F("rating__officers")
                + F("rating__results")
            ),
        )
        .order_by()
    )


def _rows(DossierDay, counted) -> list:
    return [
        DossierDay(
            day=row["day"],
            field=row["procedure__field"] or "",
            channel=row["channel"],
            outcome=row["outcome"],
            received=row["received"],
            digitised=row["digitised"],
            rated=row["rated"],
            score_sum=row["score_sum"] or 0,
        )
        for row in counted
    ]


def _lock(days: set, fields: set) -> None:
    """Two transactions recounting the same day and field take turns (PostgreSQL; SQLite
    writes one at a time anyway)."""
    if connection.vendor != "postgresql":
        return
    keys = sorted({zlib.crc32(f"procedures:{d}:{f}".encode()) for d in days for f in fields})
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [4242, key - 2**31])


def key_of(dossier) -> Key:
    return (timezone.localtime(dossier.received_at).date(), dossier.procedure.field or "")


def stored_key(pk) -> Key | None:
    """The day and field of the dossier as the database holds it (before a change)."""
    from .models import Dossier

    dossier = Dossier.objects.select_related("procedure").filter(pk=pk).first()
    return key_of(dossier) if dossier else None


@transaction.atomic
def refresh(keys: Iterable[Key | None]) -> None:
    """Counts again the summary rows of the days and fields of `keys`."""
    from .models import Dossier, DossierDay

    keys = [key for key in keys if key]
    if not keys:
        return
    days = {day for day, _field in keys}
    fields = {field for _day, field in keys}
    _lock(days, fields)
    DossierDay.objects.filter(day__in=days, field__in=fields).delete()
    # Each day as a range of received_at, local midnight to midnight, so its index is used.
    in_days = Q()
    for day in days:
        start = timezone.make_aware(datetime.combine(day, time.min))
        in_days |= Q(received_at__gte=start, received_at__lt=start + timedelta(days=1))
    dossiers = Dossier.objects.filter(in_days, procedure__field__in=fields)
    DossierDay.objects.bulk_create(_rows(DossierDay, _counted(dossiers)))
    bump_after_commit(STATISTICS_NAMESPACE)


def dossier_changed(dossier, before: Key | None = None) -> None:
    """After a dossier was created or changed: its day and field (and those it had before)."""
    refresh([before, key_of(dossier)])


def procedure_field_changed(procedure, old_field: str) -> None:
    """After a procedure moved to another field: the days of its dossiers, in both fields."""
    from .models import Dossier

    days = set(
        Dossier.objects.filter(procedure=procedure)
        .annotate(day=TruncDate("received_at"))
        .values_list("day", flat=True)
        .distinct()
    )
    refresh([(day, field) for day in days for field in (old_field, procedure.field or "")])


@transaction.atomic
def rebuild(Dossier=None, DossierDay=None) -> int:
    """Counts the whole summary again from the dossiers; returns the number of rows. The
    models may be a migration's historical ones."""
    if Dossier is None:
        from .models import Dossier, DossierDay
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {DossierDay._meta.db_table} IN EXCLUSIVE MODE")
    DossierDay.objects.all().delete()
    rows = _rows(DossierDay, _counted(Dossier.objects.all()))
    DossierDay.objects.bulk_create(rows, batch_size=5000)
    bump_after_commit(STATISTICS_NAMESPACE)
    return len(rows)
