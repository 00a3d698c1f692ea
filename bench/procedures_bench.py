"""The procedure catalog, a procedure's page, the dossier lookup and the statistics page
against the project's minimal page, in one interleaved run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/proc_bench \\
    CACHE_URL=redis://127.0.0.1:6379/9 REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python bench/procedures_bench.py [--procedures 2000] [--dossiers 500000] \\
        [--duration 10] [--connections 16] [--repeat 3] [--pages statistics_rendered,...]

Seeds (once, in batches) the procedures, each with two submission methods and three papers,
and the dossiers spread over a year (the first thousand with their steps), counts the
statistics' daily summary from them (`procedures.summary.rebuild`), indexes the
procedures for the search, serves the site with gunicorn (2 sync workers, bench.settings)
and measures with wrk:

  minimal               a template page of the project (the baseline)
  catalog, procedure    /thu-tuc/ and one procedure's page, cached (anonymous visitor)
  catalog_rendered,     the same pages rendered: the page cache bypassed by a CSRF cookie
  procedure_rendered
  lookup_post           POST of /tra-cuu-ho-so/ with a right code and digits, rotating over
                        the dossiers, 8 connections (--lookup-connections): p95 latency; with
                        2, one per worker, it is the time of a lookup without a queue (the
                        benchmark's settings turn the per-address limit off; no delay is
                        added anywhere)
  statistics_rendered   /thu-tuc/thong-ke/ rendered, 2 connections: p95 latency

Targets (issue 14): cached >= 0.5 x minimal, rendered >= 0.1 x minimal; lookup p95 < 50 ms;
statistics uncached < 300 ms. Needs `wrk` (apt-get install wrk).
"""

import argparse
import os
import statistics
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DJANGO_ENV", "development")
os.environ["DEBUG"] = "false"
os.environ["BENCH_NO_CACHE"] = "0"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"

from bench import CSRF_COOKIE, CSRF_SECRET  # noqa: E402
from bench.pages_bench import free_port, serve, wrk  # noqa: E402

BATCH = 10_000

LUA_LOOKUP = """
request = function()
  local n = math.random(1, DOSSIERS)
  local body = "csrfmiddlewaretoken=CSRF_SECRET&code=" .. string.format("BENCH-%07d", n) ..
    "&digits=" .. string.format("%04d", n % 10000)
  return wrk.format("POST", "/tra-cuu-ho-so/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "CSRF_COOKIE"}, body)
end
"""


def seed(procedure_count: int, dossier_count: int) -> int:
    """Returns the primary key of a procedure to measure."""
    from django.db import transaction
    from django.utils import timezone

    from portal.models import Unit
    from portal.search import rebuild
    from procedures import actions, summary
    from procedures.models import (
        Channel,
        Dossier,
        DossierComponent,
        DossierDay,
        DossierStep,
        Procedure,
        SubmissionMethod,
    )

    unit, _ = Unit.objects.get_or_create(
        code="quan-ly-thuong-mai", defaults={"name": "Phòng Quản lý thương mại"}
    )
    fields = ["Lưu thông hàng hóa trong nước", "Kinh doanh khí", "Điện", "Hóa chất", "Dầu khí"]
    now = timezone.now()
    missing = procedure_count - Procedure.objects.filter(code__startswith="9.").count()
    if missing > 0:
        with transaction.atomic():
            start = procedure_count - missing
            created = Procedure.objects.bulk_create(
                Procedure(
                    code=f"9.{n:06d}",
                    name=f"Cấp Giấy chứng nhận đủ điều kiện kinh doanh xăng dầu số {n}",
                    field=fields[n % len(fields)],
                    steps="Nộp hồ sơ.\nThẩm định hồ sơ.\nTrả kết quả.",
                    results="Giấy chứng nhận",
                    legal_basis="83/2014/NĐ-CP; 95/2021/NĐ-CP",
                    online_level=["full", "partial", "none"][n % 3],
                    publication="published",
                    published_at=now,
                )
                for n in range(start, procedure_count)
            )
            SubmissionMethod.objects.bulk_create(
                SubmissionMethod(procedure=p, channel=channel, processing_days=7 + i, fee_vnd=0)
                for p in created
                for i, channel in enumerate([Channel.IN_PERSON, Channel.ONLINE])
            )
            DossierComponent.objects.bulk_create(
                DossierComponent(procedure=p, name=f"Giấy tờ số {k}", copies="01 bản", order=k)
                for p in created
                for k in range(3)
            )
        rebuild("procedures")
    procedure_ids = list(
        Procedure.objects.filter(code__startswith="9.").order_by("pk").values_list("pk", flat=True)
    )
    have = Dossier.objects.filter(code__startswith="BENCH-").count()
    started = time.monotonic()
    for batch_start in range(have + 1, dossier_count + 1, BATCH):
        batch_end = min(batch_start + BATCH, dossier_count + 1)
        Dossier.objects.bulk_create(
            Dossier(
                code=f"BENCH-{n:07d}",
                procedure_id=procedure_ids[n % len(procedure_ids)],
                unit=unit,
                applicant_name=f"Nguyễn Văn {n}",
                applicant_phone=f"09{n:08d}",
                channel=Channel.ONLINE if n % 3 == 0 else Channel.IN_PERSON,
                received_at=now - timedelta(minutes=(n * 61) % (365 * 24 * 60)),
                due_date=(now - timedelta(minutes=(n * 61) % (365 * 24 * 60))).date()
                + timedelta(days=10),
                status="returned",
                resolved_on=(now - timedelta(minutes=(n * 61) % (365 * 24 * 60))).date()
                + timedelta(days=8 + n % 5),
            )
            for n in range(batch_start, batch_end)
        )
        print(f"  seeded {batch_end - 1:,} dossiers ({time.monotonic() - started:.0f} s)",
              flush=True)  # fmt: skip
    # The dossiers were written in bulk, past the actions: count the statistics' summary once.
    if have < dossier_count or not DossierDay.objects.exists():
        started = time.monotonic()
        rows = summary.rebuild()
        print(f"  summary rebuilt: {rows:,} rows ({time.monotonic() - started:.1f} s)", flush=True)
    if not DossierStep.objects.filter(dossier__code="BENCH-0000001").exists():
        for dossier in Dossier.objects.filter(code__startswith="BENCH-").order_by("pk")[:1000]:
            actions.steps_create(dossier=dossier, days=7)
    return procedure_ids[len(procedure_ids) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--procedures", type=int, default=2_000)
    parser.add_argument("--dossiers", type=int, default=500_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--lookup-connections", type=int, default=8, help="connections of the lookup POST (8)"
    )
    parser.add_argument(
        "--pages", default="", help="comma-separated names of the pages to measure (all by default)"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL.")
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        sys.exit("Run the benchmark with a Redis cache: set CACHE_URL.")
    call_command("migrate", verbosity=0)
    procedure = seed(args.procedures, args.dossiers)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()
    lookup = f"DOSSIERS = {args.dossiers}\n" + LUA_LOOKUP.replace(
        "CSRF_SECRET", CSRF_SECRET
    ).replace("CSRF_COOKIE", CSRF_COOKIE)
    detail = f"/thu-tuc/{procedure}/"
    c = args.connections
    pages = {
        "minimal": ("/bench/minimal/", "", "", c),
        "catalog": ("/thu-tuc/", "", "", c),
        "procedure": (detail, "", "", c),
        "catalog_rendered": ("/thu-tuc/", "", CSRF_COOKIE, c),
        "procedure_rendered": (detail, "", CSRF_COOKIE, c),
        "lookup_post": ("/", lookup, "", args.lookup_connections),
        "statistics_rendered": ("/thu-tuc/thong-ke/", "", CSRF_COOKIE, 2),
    }
    if args.pages:
        wanted = {"minimal", *args.pages.split(",")}
        pages = {name: page for name, page in pages.items() if name in wanted}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    results: dict[str, list[dict]] = {name: [] for name in pages}
    process = serve(port)
    try:
        for url in ["/thu-tuc/", detail]:
            urllib.request.urlopen(base + url, timeout=60).read()
        for repetition in range(1, args.repeat + 1):
            for name, (path, script, cookie, connections) in pages.items():
                result = wrk(base + path, args.duration, connections, script, cookie)
                results[name].append(result)
                print(f"rep {repetition} {name:20} {result['rps']:8.1f} req/s  "
                      f"p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
                      f"errors {result['errors']}", flush=True)  # fmt: skip
    finally:
        process.terminate()
        process.wait()

    print("\nmedian over repetitions (ratio to minimal taken within each repetition):")
    for name in ("catalog", "procedure", "catalog_rendered", "procedure_rendered"):
        if name not in pages:
            continue
        ratios = [
            r["rps"] / m["rps"] for r, m in zip(results[name], results["minimal"], strict=True)
        ]
        target = 0.1 if name.endswith("_rendered") else 0.5
        print(f"  {name:20} {statistics.median(ratios):5.2f} x minimal (target >= {target})")
    if "lookup_post" in pages:
        p95 = statistics.median(r["p95"] for r in results["lookup_post"])
        print(f"  lookup_post p95      {p95:6.1f} ms at {args.lookup_connections} connections "
              "(target < 50 ms)")  # fmt: skip
    if "statistics_rendered" in pages:
        p95 = statistics.median(r["p95"] for r in results["statistics_rendered"])
        ratios = [
            r["rps"] / m["rps"]
            for r, m in zip(results["statistics_rendered"], results["minimal"], strict=True)
        ]
        print(f"  statistics p95       {p95:6.1f} ms rendered, 2 connections (target < 300 ms); "
              f"{statistics.median(ratios):.2f} x minimal")  # fmt: skip
    print(f"  load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"({time.monotonic() - started:.0f} s)")
