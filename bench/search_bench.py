"""Timing of the site search on an indexed database (seed one with transparency_bench.py).

Prints p50/p95 of `portal.search.search()` for common words, rare words, unaccented words and
document numbers, then of the /tim-kiem/ page through Django's test client, against the
database in DATABASE_URL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    .venv/bin/python bench/search_bench.py --rounds 30

Every query is run once to warm the cache, then `--rounds` times (bounded), round-robin within
its group. `--explain QUERY` prints PostgreSQL's plans of the statements one search runs.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DJANGO_ENV", "development")
os.environ["DEBUG"] = "false"
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("BENCH_NO_CACHE", "1")

GROUPS = {
    "common": ["quy định", "công thương", "thương mại", "tỉnh"],
    # Common words whose phrase is rare in titles: every trigram of it is common.
    "phrase": ["quy định công thương", "rượu thủ công", "thương mại quy định"],
    "rare": ["vật liệu nổ", "khuyến công", "hóa chất độc", "năng lượng tái tạo"],
    "unaccented": ["xang dau", "an toan dien", "cong thuong", "quy dinh"],
    "number": ["59/2019", "1059/2022", "NĐ-CP", "82206/2025/QH15"],
    "prefix": ["xăng d", "quy đ", "kinh doa"],
}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(call, queries: list[str], rounds: int) -> list[float]:
    for query in queries:
        call(query)
    samples = []
    for index in range(rounds):
        query = queries[index % len(queries)]
        start = time.perf_counter()
        call(query)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def explain(query: str) -> None:
    from django.db import connection

    from portal import search

    statements = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        search.search(query)
    with connection.cursor() as cursor:
        for sql, params in statements:
            if not sql.lstrip().upper().startswith(("SELECT", "(SELECT")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("\n".join(row[0] for row in cursor.fetchall()), end="\n\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="timed calls per group (30)")
    parser.add_argument("--groups", default=",".join(GROUPS), help="groups to measure")
    parser.add_argument("--no-page", action="store_true", help="skip the /tim-kiem/ page")
    parser.add_argument("--explain", metavar="QUERY", help="print the plans of one search")
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, 1000))

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from portal import search

    if args.explain:
        explain(args.explain)
        return
    search.autodiscover()
    load = os.getloadavg()
    print(f"{connection.vendor} {connection.settings_dict['NAME']}, load {load[0]:.2f}")
    print(f"{'group':<12} {'what':<8} {'p50 ms':>8} {'p95 ms':>8}  results")
    client = Client()
    for group in args.groups.split(","):
        queries = GROUPS[group]
        totals = [search.search(q).total for q in queries]
        p50, p95 = percentiles(timed(search.search, queries, rounds))
        print(f"{group:<12} {'search':<8} {p50:8.1f} {p95:8.1f}  {totals}")
        if not args.no_page:

            def page(query):
                response = client.get("/tim-kiem/", {"q": query})
                assert response.status_code == 200, response.status_code

            p50, p95 = percentiles(timed(page, queries, rounds))
            print(f"{group:<12} {'page':<8} {p50:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
