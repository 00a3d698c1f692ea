"""The anonymous channel and a recruitment timeline against the project's minimal page, in one
interleaved run, and the report POST's latency (sealing included).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anti_bench \\
    CACHE_URL=redis://127.0.0.1:6379/12 REDIS_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python bench/anticorruption_bench.py [--duration 10] [--connections 16]

Seeds (once) 20 published recruitment rounds of ten steps each and 2,000 sealed reports, writes
a throw-away key pair, serves the site with gunicorn (2 sync workers, bench.settings) and
measures with wrk:

  minimal       a template page of the project (the baseline)
  report_form   /to-giac/ (never cached: no-store, a fresh signed token per visit)
  timeline      a round's page with its ten steps and due dates (rendered)
  rounds        /tuyen-dung/
  report_post   POST of a report (no file) with 8 connections: p50 and p95 latency

Needs `wrk` (apt-get install wrk).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.parse
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
KEYS = Path(tempfile.mkdtemp(prefix="anticorruption-bench-"))
os.environ["ANTICORRUPTION_PRIVATE_KEY_FILE"] = str(KEYS / "key.pem")
os.environ["ANTICORRUPTION_PUBLIC_KEY"] = ""

from bench.pages_bench import free_port, serve, wrk  # noqa: E402

ROUNDS = 20
REPORTS = 2_000

LUA_POST = """
request = function()
  return wrk.format("POST", "/to-giac/", {
    ["Content-Type"] = "application/x-www-form-urlencoded"}, BODY)
end
"""


def write_keys() -> None:
    from anticorruption.crypto import generate_key_pair

    pem, public = generate_key_pair("bench")
    (KEYS / "key.pem").write_bytes(pem)
    (KEYS / "key.pub").write_text(public)


def seed() -> str:
    from django.utils import timezone

    from anticorruption import actions
    from anticorruption.models import RecruitmentRound, RecruitmentStep, Tip

    now = timezone.now()
    today = timezone.localdate()
    for number in range(ROUNDS):
        round_, created = RecruitmentRound.objects.get_or_create(
            slug=f"bench-{number}",
            defaults={"title": f"Tuyển dụng viên chức đợt {number}", "summary": "05 chỉ tiêu.",
                      "year": today.year, "publication": "published", "published_at": now},
        )  # fmt: skip
        if created:
            for offset, kind in enumerate(RecruitmentStep.Kind.values):
                RecruitmentStep.objects.create(
                    round=round_, kind=kind, held_on=today - timedelta(days=100 - 10 * offset),
                    body="Nội dung bước.", publication="published", published_at=now,
                )  # fmt: skip
    # Existing reports are sealed with an earlier run's key: only the count matters here.
    for _ in range(max(REPORTS - Tip.objects.count(), 0)):
        actions.tip_create(content="Nội dung tin báo dùng để đo tốc độ. " * 10)
    return "bench-0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
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
    write_keys()
    slug = seed()
    connection.close()

    from anticorruption.privacy import form_token

    body = urllib.parse.urlencode(
        {"content": "Cán bộ X nhận tiền để bỏ qua vi phạm.", "token": form_token()}
    )
    post = "BODY = " + '"' + body + '"\n' + LUA_POST
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    pages = {
        "minimal": ("/bench/minimal/", "", args.connections),
        "report_form": ("/to-giac/", "", args.connections),
        "timeline": (f"/tuyen-dung/{slug}/", "", args.connections),
        "rounds": ("/tuyen-dung/", "", args.connections),
        "report_post": ("/", post, 8),
    }
    results: dict[str, list[dict]] = {name: [] for name in pages}
    process = serve(port)
    try:
        urllib.request.urlopen(base + f"/tuyen-dung/{slug}/", timeout=60).read()
        for repetition in range(1, args.repeat + 1):
            for name, (path, script, connections) in pages.items():
                result = wrk(base + path, args.duration, connections, script)
                results[name].append(result)
                print(f"rep {repetition} {name:12} {result['rps']:8.1f} req/s  "
                      f"p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
                      f"errors {result['errors']}", flush=True)  # fmt: skip
    finally:
        process.terminate()
        process.wait()

    print("\nmedian over repetitions (ratio to minimal taken within each repetition):")
    for name in ("report_form", "timeline", "rounds"):
        ratios = [
            r["rps"] / m["rps"] for r, m in zip(results[name], results["minimal"], strict=True)
        ]
        print(f"  {name:12} {statistics.median(ratios):5.2f} x minimal")
    p50 = statistics.median(r["p50"] for r in results["report_post"])
    p95 = statistics.median(r["p95"] for r in results["report_post"])
    print(f"  report_post  p50 {p50:6.1f} ms, p95 {p95:6.1f} ms at 8 connections")


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"({time.monotonic() - started:.0f} s)")
