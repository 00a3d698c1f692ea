"""The grid project list and the outage finder against the project's minimal page, in one
interleaved run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/services_bench \\
    CACHE_URL=redis://127.0.0.1:6379/9 REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python bench/services_bench.py [--duration 10] [--connections 16] [--repeat 3]

Seeds (once) 500 published grid projects over nine wards and 50,000 planned outages (about
three years of them, one to three wards each); serves the site with gunicorn (2 sync workers,
bench.settings) and measures with wrk:

  minimal                 a template page of the project (the baseline)
  projects, finder        /dien/ and /lich-cat-dien/?ward=gia+sang (the next two weeks),
                          cached (anonymous visitor)
  projects_rendered,      the same pages rendered: the page cache bypassed by a CSRF cookie
  finder_rendered

Targets (issue 16): cached >= 0.5 x minimal, rendered >= 0.1 x minimal. Needs `wrk`.
`--profile` measures instead the process CPU time per rendered request in-process, and counts
each page's queries.
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
os.environ["EMAIL_URL"] = "dummymail://"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"

from bench import CSRF_COOKIE  # noqa: E402
from bench.pages_bench import free_port, serve, wrk  # noqa: E402

PROJECTS = 500
OUTAGES = 50_000
FINDER = "/lich-cat-dien/?ward=gia+sang"


def seed() -> None:
    import random

    from django.utils import timezone

    from services.demo import seed_wards
    from services.models import GridProject, PlannedOutage

    rng = random.Random(16)
    wards = list(seed_wards().values())
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    missing = PROJECTS - GridProject.objects.count()
    if missing > 0:
        start = GridProject.objects.count()
        made = GridProject.objects.bulk_create(
            GridProject(
                name=f"Cải tạo lưới điện trung áp khu vực số {n}", slug=f"bench-{n}",
                summary="Cải tạo đường dây 22 kV, xây mới trạm biến áp chống quá tải.",
                voltage="22kv", medium_voltage_km=5, low_voltage_km=7, substations=2,
                substation_kva=560, investor="Công ty Điện lực Thái Nguyên",
                budget_million_vnd=12000, funding_source="Vốn ngành điện",
                year=2020 + n % 7, status=rng.choice(GridProject.Status.values),
                progress=rng.randint(0, 100), publication="published",
                published_at=now - timedelta(days=n),
            )
            for n in range(start, start + missing)
        )  # fmt: skip
        links = GridProject.wards.through
        links.objects.bulk_create(
            links(gridproject_id=p.pk, ward_id=w.pk)
            for p in made
            for w in rng.sample(wards, rng.randint(1, 3))
        )
    missing = OUTAGES - PlannedOutage.objects.count()
    stale = PlannedOutage.objects.filter(ward_names="")
    for outage in stale.prefetch_related("wards").iterator(chunk_size=2000):
        outage.refresh_ward_names()
    if missing > 0:
        start = PlannedOutage.objects.count()
        made = PlannedOutage.objects.bulk_create(
            PlannedOutage(
                reference=f"BENCH-{n:06d}",
                starts_at=now + timedelta(hours=n * 0.5 - 24 * 540),
                ends_at=now + timedelta(hours=n * 0.5 - 24 * 540 + 4),
                announced_at=now + timedelta(hours=n * 0.5 - 24 * 547),
                reason="Bảo dưỡng lưới điện", area="Tổ dân phố 3",
            )
            for n in range(start, start + missing)
        )  # fmt: skip
        chosen = {o.pk: rng.sample(wards, rng.randint(1, 3)) for o in made}
        links = PlannedOutage.wards.through
        links.objects.bulk_create(
            links(plannedoutage_id=pk, ward_id=w.pk) for pk, ws in chosen.items() for w in ws
        )
        for outage in made:
            outage.ward_names = ", ".join(sorted(w.name for w in chosen[outage.pk]))
        PlannedOutage.objects.bulk_update(made, ["ward_names"], batch_size=2000)


def profile(rounds: int) -> None:
    """Process CPU time per rendered request, in-process (no server, no wrk), and the queries
    of each page: a figure the other loads of a shared machine hardly move."""
    from django.core import signals
    from django.db import close_old_connections, connection
    from django.test import Client

    # Keep one connection, as a worker does, and count its queries.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies.load({"csrftoken": "b" * 32})
    minimal = None
    for name, path in [("minimal", "/bench/minimal/"), ("projects", "/dien/"), ("finder", FINDER)]:
        assert client.get(path).status_code == 200, path
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(path)
        started = time.process_time()
        for _ in range(rounds):
            client.get(path)
        cpu = (time.process_time() - started) / rounds * 1000
        minimal = minimal or cpu
        print(f"{name:10} {cpu:6.1f} ms CPU per request ({minimal / cpu:5.2f} x minimal), "
              f"{len(queries)} queries", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--profile", action="store_true", help="CPU per rendered request in-process, no wrk"
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
    seed()
    if args.profile:
        profile(rounds=30)
        return
    connection.close()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    pages = {
        "minimal": ("/bench/minimal/", ""),
        "projects": ("/dien/", ""),
        "finder": (FINDER, ""),
        "projects_rendered": ("/dien/", CSRF_COOKIE),
        "finder_rendered": (FINDER, CSRF_COOKIE),
    }
    results: dict[str, list[dict]] = {name: [] for name in pages}
    process = serve(port)
    try:
        for url in ["/dien/", FINDER]:
            urllib.request.urlopen(base + url, timeout=60).read()
        for repetition in range(1, args.repeat + 1):
            for name, (path, cookie) in pages.items():
                result = wrk(base + path, args.duration, args.connections, "", cookie)
                results[name].append(result)
                print(f"rep {repetition} {name:18} {result['rps']:8.1f} req/s  "
                      f"p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
                      f"errors {result['errors']}", flush=True)  # fmt: skip
    finally:
        process.terminate()
        process.wait()

    print("\nmedian over repetitions (ratio to minimal taken within each repetition):")
    for name in pages:
        if name == "minimal":
            continue
        ratios = [
            r["rps"] / m["rps"] for r, m in zip(results[name], results["minimal"], strict=True)
        ]
        target = 0.1 if name.endswith("_rendered") else 0.5
        print(f"  {name:18} {statistics.median(ratios):5.2f} x minimal (target >= {target})")


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"({time.monotonic() - started:.0f} s)")
