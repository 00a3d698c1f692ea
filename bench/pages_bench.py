"""The public pages against the framework's limit, in ONE interleaved run: each repetition
measures every page once, in turn, on the same server, so that whatever else the machine does
weighs on all of them alike; ratios are taken within a repetition, then the median is printed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    CACHE_URL=redis://127.0.0.1:6379/9 REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python bench/pages_bench.py [--duration 10] [--connections 32] [--repeat 3]

Uses the documents seeded by bench/transparency_bench.py (100,000 of them). Serves the site
with gunicorn (2 sync workers, production-like settings from bench.settings) and measures with
wrk:

  minimal         a template page of the project (the ceiling)
  orm             a plain Django page of three simple queries (the ORM reference)
  list, detail    cached: as an anonymous visitor gets them (detail rotates over 300 documents)
  list_rendered,  rendered: the page cache bypassed (the visitor carries a CSRF cookie, as
  detail_rendered after posting a form), the small cached reads (profile, filters) still cached
  home, papi      / and /chi-so-papi/, cached
  list_under_csv  the cached list while two visitors download /du-lieu-mo/van-ban.csv
                  (compared with `list` of the same repetition)

Targets (issue 11): detail, home, papi >= 0.8 x minimal; list_rendered, detail_rendered >= 0.8 x
the ceiling's 3-query page; list_under_csv loses less than 20 % of list. Needs `wrk` (apt-get
install wrk).

The ceiling's 3-query page is not this benchmark's `orm` page: the issue's own figures put it at
a fifth of the minimal page (the rendered list at 0.12 of the minimal page was 0.60 of it, the
document at 0.09 was 0.45), which is `ceiling` below. The `orm` page here is more than twice
as light: the tree before that issue's work, served beside this one, draws its document at
0.09 of the minimal page, as the issue says, but at 0.20 of `orm` (its list at 0.15 and 0.33).
Both ratios are printed. `--baseline REF` measures that comparison instead of the run above
(`--baseline d5228e7`; that tree needs `pip install django-filter`).
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import CSRF_COOKIE, exported_tree  # noqa: E402

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DJANGO_ENV", "development")
os.environ["DEBUG"] = "false"
os.environ["BENCH_NO_CACHE"] = "0"

DETAIL_IDS = 300
# The ceiling's 3-query page, as a share of the minimal page (see above).
CEILING = 0.20

LUA = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH rps=%.1f p50=%.2f p95=%.2f errors=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""
LUA_ROTATE = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", string.format("/van-ban/%d/", ids[(counter % #ids) + 1]))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(port: int, root: Path = ROOT, environment: dict | None = None) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    gunicorn = str(gunicorn) if gunicorn.exists() else shutil.which("gunicorn")
    process = subprocess.Popen(
        [gunicorn, "portal.wsgi:application", "-w", "2", "-k", "sync",
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "--chdir", str(root)],
        env={**os.environ, **(environment or {}), "PYTHONPATH": str(root)},
        cwd=root,  # else this tree comes first on a baseline's path
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/minimal/", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def wrk(url: str, duration: int, connections: int, script: str = "", cookie: str = "") -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script + LUA)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", handle.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    try:
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(handle.name)
    match = re.search(r"BENCH rps=([\d.]+) p50=([\d.]+) p95=([\d.]+) errors=(\d+)", output)
    return {"rps": float(match[1]), "p50": float(match[2]), "p95": float(match[3]),
            "errors": int(match[4])}  # fmt: skip


class Downloads:
    """Two visitors each downloading the CSV once, started as the list's load starts."""

    def __init__(self, url: str, clients: int = 2):
        self.url = url
        self.seconds: list[float] = []
        self.sizes: list[int] = []
        self.threads = [threading.Thread(target=self._client) for _ in range(clients)]

    def _client(self):
        start = time.monotonic()
        size = 0
        with urllib.request.urlopen(self.url, timeout=300) as response:
            while block := response.read(1 << 16):
                size += len(block)
        self.seconds.append(time.monotonic() - start)
        self.sizes.append(size)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        for thread in self.threads:
            thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="instead: the rendered list and document of this tree and of the commit REF, "
        "served side by side, against the same minimal and orm pages",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from portal import opendata
    from transparency.models import Document

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL.")
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        sys.exit("Run the benchmark with a Redis cache: set CACHE_URL.")
    count = Document.objects.public().count()
    start = time.monotonic()
    opendata.generate("van-ban")
    generation = time.monotonic() - start
    csv_size = opendata.stored_file(opendata.registry.get("van-ban"), "csv").size
    ids = list(Document.objects.public().order_by("?").values_list("pk", flat=True)[:DETAIL_IDS])
    connection.close()
    rotate = "ids = {" + ",".join(map(str, ids)) + "}\n" + LUA_ROTATE
    if args.baseline:
        return against_baseline(args, rotate)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    pages = {
        "minimal": ("/bench/minimal/", "", ""),
        "orm": ("/bench/orm/", "", ""),
        "list": ("/van-ban/", "", ""),
        "list_rendered": ("/van-ban/", "", CSRF_COOKIE),
        "detail": ("/", rotate, ""),
        "detail_rendered": ("/", rotate, CSRF_COOKIE),
        "home": ("/", "", ""),
        "papi": ("/chi-so-papi/", "", ""),
        "list_under_csv": ("/van-ban/", "", ""),
    }
    print(f"{count} public documents; the catalog's files written in {generation:.1f} s "
          f"(CSV {csv_size / 1e6:.1f} MB); load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)  # fmt: skip
    results: dict[str, list[dict]] = {name: [] for name in pages}
    downloads_seen = []
    process = serve(port)
    try:
        for url in ["/van-ban/", "/", "/chi-so-papi/", *(f"/van-ban/{pk}/" for pk in ids)]:
            urllib.request.urlopen(base + url, timeout=60).read()  # warm the page cache
        for repetition in range(1, args.repeat + 1):
            for name, (path, script, cookie) in pages.items():
                if name == "list_under_csv":
                    with Downloads(base + "/du-lieu-mo/van-ban.csv") as downloads:
                        result = wrk(base + path, args.duration, args.connections, script, cookie)
                    downloads_seen.append((downloads.sizes, downloads.seconds))
                else:
                    result = wrk(base + path, args.duration, args.connections, script, cookie)
                results[name].append(result)
                print(f"rep {repetition} {name:16} {result['rps']:8.1f} req/s  "
                      f"p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
                      f"errors {result['errors']}", flush=True)  # fmt: skip
    finally:
        process.terminate()
        process.wait()

    def ratios(name: str, reference: str) -> list[float]:
        # The ceiling's page is a share of the minimal page of the same repetition.
        measured, share = ("minimal", CEILING) if reference == "ceiling" else (reference, 1)
        pairs = zip(results[name], results[measured], strict=True)
        return [r["rps"] / (ref["rps"] * share) for r, ref in pairs]

    targets = [
        ("detail", "minimal", 0.8),
        ("home", "minimal", 0.8),
        ("papi", "minimal", 0.8),
        ("list", "minimal", None),
        ("list_rendered", "ceiling", 0.8),
        ("detail_rendered", "ceiling", 0.8),
        ("list_rendered", "orm", 0.8),
        ("detail_rendered", "orm", 0.8),
        ("orm", "minimal", None),
        ("list_under_csv", "list", 0.8),
    ]
    print(f"\nMedian req/s of {args.repeat} repetitions (wrk -c{args.connections}, "
          f"{args.duration} s each); ratio to the reference in the same repetition:")  # fmt: skip
    print(f"{'page':16} {'req/s':>8} {'p95 ms':>7}  {'ratio':>14}  {'per repetition':24} target")
    print(f"{'minimal':16} {statistics.median(r['rps'] for r in results['minimal']):8.1f} "
          f"{statistics.median(r['p95'] for r in results['minimal']):7.1f}")  # fmt: skip
    for name, reference, target in targets:
        each = ratios(name, reference)
        median = statistics.median(each)
        verdict = "" if target is None else ("met" if median >= target else "NOT met")
        print(f"{name:16} {statistics.median(r['rps'] for r in results[name]):8.1f} "
              f"{statistics.median(r['p95'] for r in results[name]):7.1f}  "
              f"{median:5.2f} x {reference:7}  {' '.join(f'{x:.2f}' for x in each):24} "
              f"{'' if target is None else f'>= {target} '}{verdict}")  # fmt: skip
    for sizes, seconds in downloads_seen:
        print(f"CSV downloads during the list's load: {len(sizes)} of {sizes[0] / 1e6:.1f} MB, "
              f"in {' and '.join(f'{x:.2f}' for x in seconds)} s")  # fmt: skip
    errors = sum(r["errors"] for runs in results.values() for r in runs)
    print(f"errors (non-2xx or socket): {errors}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def against_baseline(args, rotate: str) -> None:
    """This tree and the commit `args.baseline`, each its own server and cache, both with this
    tree's bench pages (the same minimal and orm pages), measured in turn."""
    exported = exported_tree(args.baseline)
    shutil.copytree(ROOT / "bench", exported / "bench", dirs_exist_ok=True)
    catalog = exported / "locale" / "vi" / "LC_MESSAGES"
    subprocess.run(["msgfmt", "-o", "django.mo", "django.po"], cwd=catalog, check=True)
    stem, _slash, database = os.environ["CACHE_URL"].rpartition("/")
    trees = {
        "this tree": (ROOT, {}),
        args.baseline: (exported, {"CACHE_URL": f"{stem}/{int(database or 0) + 2}"}),
    }
    pages = {
        "minimal": ("/bench/minimal/", ""),
        "orm": ("/bench/orm/", ""),
        "list_rendered": ("/van-ban/", ""),
        "detail_rendered": ("/", rotate),
    }
    servers, results = {}, {}
    try:
        for name, (root, environment) in trees.items():
            port = free_port()
            servers[name] = (serve(port, root, environment), f"http://127.0.0.1:{port}")
        for repetition in range(args.repeat):
            order = list(servers) if repetition % 2 == 0 else list(reversed(servers))
            for name in order:
                for page, (path, script) in pages.items():
                    result = wrk(servers[name][1] + path, args.duration, args.connections,
                                 script, CSRF_COOKIE)  # fmt: skip
                    results.setdefault((name, page), []).append(result["rps"])
    finally:
        for process, _base in servers.values():
            process.terminate()
            process.wait()
        shutil.rmtree(exported)
    print(f"Median of {args.repeat} repetitions (wrk -c{args.connections}, {args.duration} s "
          f"each, CSRF cookie); load average after: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    print(f"{'tree':12} {'page':16} {'req/s':>8}  {'x minimal':>9}  {'x orm':>6}")
    for name in servers:
        for page in pages:
            each = results[(name, page)]
            share = [
                statistics.median(a / b for a, b in zip(each, results[(name, ref)], strict=True))
                for ref in ("minimal", "orm")
            ]
            print(f"{name:12} {page:16} {statistics.median(each):8.1f}  {share[0]:9.3f}  "
                  f"{share[1]:6.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
