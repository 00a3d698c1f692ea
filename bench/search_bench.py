"""Timing of the site search on an indexed database (seed one with transparency_bench.py).

Prints p50/p95 of `portal.search.search()` for common words, rare words, unaccented words and
document numbers, then of the /tim-kiem/ page through Django's test client, against the
database in DATABASE_URL, with the CPU time of one call (this process and the database's
server process): on a busy machine the time waits for other processes, the CPU time does not.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    .venv/bin/python bench/search_bench.py --rounds 30

Every query is run once to warm the cache, then `--rounds` times (bounded), round-robin within
its group. `--explain QUERY` prints PostgreSQL's plans of the statements one search runs.

`--throughput` serves the site with gunicorn (2 sync workers, no page cache) and measures with
wrk the minimal page, two document lists and the four search pages of transparency_bench.py, at
16 connections (throughput) and 2 (latency); with `--baseline REF` it serves the tree of that git
commit as well (exported to a temporary directory, run with this environment) and interleaves
the two, page by page and round by round, so that both see the same load. It prints the medians over
`--tp-rounds` rounds, the ratio of each page to the minimal page of the same server, and the
ratio of this tree's throughput to the baseline's:

    DATABASE_URL=... .venv/bin/python bench/search_bench.py --throughput --baseline main

`--cache` chooses what the servers cache: `none` (the default: Django's dummy cache, as with
Redis down), `rendered` (the Redis cache of CACHE_URL, but every request carries a CSRF cookie,
as after posting a form, so pages are drawn each time while their small reads stay cached) or
`page` (Redis, anonymous visitors served from the page cache). Each server gets its own Redis
database (the one of CACHE_URL and the next), emptied before the run.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import CSRF_COOKIE, exported_tree  # noqa: E402

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
    # The queries of the search pages of transparency_bench.py (and --throughput), one each.
    "page_common": ["quy định công thương"],
    "page_rare": ["vật liệu nổ"],
    "page_number": ["1059/2022"],
    "page_unaccented": ["xang dau"],
}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def database_cpu() -> float:
    """CPU seconds the database's server process for this connection has used (PostgreSQL on
    this machine), 0 when it cannot be read."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(call, queries: list[str], rounds: int) -> tuple[list[float], float]:
    """Milliseconds per call, and CPU milliseconds per call (this process and the database's,
    which the load of other processes does not inflate as it does the time)."""
    for query in queries:
        call(query)
    samples = []
    cpu = time.process_time() + database_cpu()
    for index in range(rounds):
        query = queries[index % len(queries)]
        start = time.perf_counter()
        call(query)
        samples.append((time.perf_counter() - start) * 1000)
    cpu = (time.process_time() + database_cpu() - cpu) * 1000 / rounds
    return samples, cpu


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
            if not sql.lstrip().upper().startswith(("SELECT", "(SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("\n".join(row[0] for row in cursor.fetchall()), end="\n\n")


# The search and list pages of transparency_bench.py, and the page they are compared with.
PAGES = {
    "minimal": "/bench/minimal/",
    "list": "/van-ban/",
    "list_filtered": "/van-ban/?kind=decree&year=2020&sort=published",
    "search_common": "/tim-kiem/?q=quy+%C4%91%E1%BB%8Bnh+c%C3%B4ng+th%C6%B0%C6%A1ng",
    "search_rare": "/tim-kiem/?q=v%E1%BA%ADt+li%E1%BB%87u+n%E1%BB%95",
    "search_number": "/tim-kiem/?q=1059/2022",
    "search_unaccented": "/tim-kiem/?q=xang+dau",
}


def cache_environment(mode: str, index: int) -> dict:
    """The cache settings of the server `index` (0, 1) for a `--cache` mode."""
    if mode == "none":
        return {"BENCH_NO_CACHE": "1"}
    url = os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/9")
    stem, _slash, database = url.rpartition("/")
    own = f"{stem}/{int(database or 0) + index}"
    redis.Redis.from_url(own).flushdb()
    return {"BENCH_NO_CACHE": "0", "CACHE_URL": own}


def serve(root: Path, environment: dict) -> tuple[subprocess.Popen, str]:
    """gunicorn with 2 sync workers on a free port, serving the tree at `root`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [
            *(gunicorn, "portal.wsgi:application", "-w", "2", "-k", "sync"),
            *("-b", f"127.0.0.1:{port}", "--log-level", "warning", "--chdir", str(root)),
        ],
        env={**os.environ, **environment, "PYTHONPATH": str(root)},
        cwd=root,  # else the tree the benchmark runs from comes first on the baseline's path
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            for path in PAGES.values():
                urllib.request.urlopen(base + path, timeout=30)
            return process, base
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"gunicorn did not start in {root}")


# wrk's summary as one line: requests per second, p50 and p95 in ms.
WRK_SUMMARY = """
done = function(summary, latency, requests)
  io.write(string.format("SUMMARY %.1f %.2f %.2f\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000))
end
"""


def wrk(url: str, connections: int, duration: int, cookie: str = "") -> tuple[float, float, float]:
    """Requests per second, p50 and p95 in ms."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SUMMARY)
        script.flush()
        headers = ["-H", f"Cookie: {cookie}"] if cookie else []
        output = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", script.name, *headers, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    line = next(line for line in output.splitlines() if line.startswith("SUMMARY"))
    rps, p50, p95 = map(float, line.split()[1:])
    return rps, p50, p95


def throughput(args) -> None:
    servers = {"this tree": ROOT}
    exported = None
    if args.baseline:
        exported = exported_tree(args.baseline)
        servers = {f"baseline {args.baseline}": exported, **servers}
    running = {}
    try:
        for index, (name, root) in enumerate(servers.items()):
            running[name] = serve(root, cache_environment(args.cache, index))
        cookie = CSRF_COOKIE if args.cache == "rendered" else ""
        results = {}
        for _round in range(args.tp_rounds):
            for page, path in PAGES.items():
                for name, (_process, base) in running.items():
                    rps = wrk(base + path, 16, args.duration, cookie)[0]
                    latency = None
                    if page != "minimal":
                        latency = wrk(base + path, 2, args.duration, cookie)
                    results.setdefault((name, page), []).append((rps, latency))
        load = os.getloadavg()
        print(
            f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {args.tp_rounds} rounds, "
            f"cache: {args.cache}"
        )
        print(
            f"{'server':<22} {'page':<18} {'req/s c=16':>10} {'÷ minimal':>9} "
            f"{'p50 c=2':>8} {'p95 c=2':>8}"
        )
        for name in running:
            minimal = statistics.median(r for r, _l in results[(name, "minimal")])
            for page in PAGES:
                rows = results[(name, page)]
                rps = statistics.median(r for r, _l in rows)
                latency = [timing for _rps, timing in rows if timing]
                p50 = f"{statistics.median(t[1] for t in latency):8.1f}" if latency else ""
                p95 = f"{statistics.median(t[2] for t in latency):8.1f}" if latency else ""
                print(f"{name:<22} {page:<18} {rps:10.1f} {rps / minimal:9.2f} {p50:>8} {p95:>8}")
        if len(running) == 2:
            old, new = running
            print("\nthis tree ÷ baseline, in ratios to each one's minimal page:")
            for page in list(PAGES)[1:]:
                ratio = [
                    statistics.median(r for r, _l in results[(name, page)])
                    / statistics.median(r for r, _l in results[(name, "minimal")])
                    for name in (old, new)
                ]
                print(f"  {page:<18} {ratio[1] / ratio[0]:5.2f}x")
    finally:
        for process, _base in running.values():
            process.terminate()
            process.wait()
        if exported:
            shutil.rmtree(exported)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="timed calls per group (30)")
    parser.add_argument("--groups", default=",".join(GROUPS), help="groups to measure")
    parser.add_argument("--no-page", action="store_true", help="skip the /tim-kiem/ page")
    parser.add_argument("--explain", metavar="QUERY", help="print the plans of one search")
    parser.add_argument("--throughput", action="store_true", help="the pages under wrk")
    parser.add_argument("--baseline", metavar="REF", help="with --throughput: compare a commit")
    parser.add_argument("--tp-rounds", type=int, default=3, help="--throughput rounds (3)")
    parser.add_argument("--duration", type=int, default=4, help="seconds per wrk run (4)")
    parser.add_argument(
        "--cache", choices=("none", "rendered", "page"), default="none", help="with --throughput"
    )
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, 1000))
    if args.throughput:
        throughput(args)
        return

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
    print(f"{'group':<12} {'what':<8} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8}  results")
    client = Client()
    for group in args.groups.split(","):
        queries = GROUPS[group]
        totals = [search.search(q).total for q in queries]
        samples, cpu = timed(search.search, queries, rounds)
        p50, p95 = percentiles(samples)
        print(f"{group:<12} {'search':<8} {p50:8.1f} {p95:8.1f} {cpu:8.1f}  {totals}")
        if not args.no_page:

            def page(query):
                response = client.get("/tim-kiem/", {"q": query})
                assert response.status_code == 200, response.status_code

            samples, cpu = timed(page, queries, rounds)
            p50, p95 = percentiles(samples)
            print(f"{group:<12} {'page':<8} {p50:8.1f} {p95:8.1f} {cpu:8.1f}")


if __name__ == "__main__":
    main()
