"""The citizen reception pages against the project's minimal page, in one interleaved run, and
the booking POST's latency.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/reception_bench \\
    CACHE_URL=redis://127.0.0.1:6379/9 REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python bench/reception_bench.py [--duration 10] [--connections 16] [--repeat 3]

Seeds (once) a year of sessions of a regular calendar (two a week) and of the Director's
(one a month) and 10,000 reception-log visits; serves the site with gunicorn (2 sync workers,
bench.settings) and measures with wrk:

  minimal              a template page of the project (the baseline)
  calendar, month      /tiep-cong-dan/ and this month's table, cached (anonymous visitor)
  calendar_rendered,   the same pages rendered: the page cache bypassed by a CSRF cookie
  month_rendered
  dialogue             /doi-thoai/<slug>/, a dialogue with 100 answered questions, cached
  dialogue_rendered    the same page rendered
  booking_post         POST of a valid booking with 8 connections (rotating over the sessions,
                       whose capacity is raised so that none fills): p95 latency

Targets (issue 13): cached (calendar, month, dialogue) >= 0.5 x minimal, rendered >= 0.1 x
minimal; booking p95 < 150 ms.
Needs `wrk` (apt-get install wrk).
"""

import argparse
import os
import statistics
import sys
import time
import urllib.request
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DJANGO_ENV", "development")
os.environ["DEBUG"] = "false"
os.environ["BENCH_NO_CACHE"] = "0"
# The booking mails go nowhere: the benchmark measures the request, not a mail server.
os.environ["EMAIL_URL"] = "dummymail://"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"

from bench import CSRF_COOKIE, CSRF_SECRET  # noqa: E402
from bench.pages_bench import free_port, serve, wrk  # noqa: E402

VISITS = 10_000
DIALOGUE_SLUG = "bench-doi-thoai"
QUESTIONS = 100

LUA_BOOK = """
counter = 0
request = function()
  counter = counter + 1
  local session = ids[(counter % #ids) + 1]
  local body = "csrfmiddlewaretoken=CSRF_SECRET&session=" .. session ..
    "&topic=petition&description=Kien+nghi+so+" .. counter ..
    "&name=Tran+Thi+Hoa&phone=0912345678&email=&consent=on&website="
  return wrk.format("POST", "/tiep-cong-dan/dat-lich/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "CSRF_COOKIE"}, body)
end
"""


def seed() -> list[int]:
    from django.utils import timezone

    from accountability import actions
    from accountability.models import ReceptionSchedule, ReceptionSession, Visit
    from accountability.selectors import LIST_DAYS
    from portal.models import Unit

    today = timezone.localdate()
    unit, _ = Unit.objects.get_or_create(code="thanh-tra", defaults={"name": "Thanh tra Sở"})
    regular, created = ReceptionSchedule.objects.get_or_create(
        slug="bench-thuong-xuyen",
        defaults={
            "name": "Tiếp công dân thường xuyên", "weekdays": "1,3", "unit": unit,
            "start_time": clock(7, 30), "end_time": clock(11, 30),
            "place": "Phòng tiếp công dân", "capacity": 10_000, "is_published": True,
        },
    )  # fmt: skip
    director, _ = ReceptionSchedule.objects.get_or_create(
        slug="bench-giam-doc",
        defaults={
            "name": "Giám đốc Sở tiếp công dân", "kind": ReceptionSchedule.Kind.DIRECTOR,
            "unit": unit, "start_time": clock(8), "end_time": clock(11),
            "place": "Phòng tiếp công dân", "capacity": 10_000, "is_published": True,
        },
    )  # fmt: skip
    if created:
        actions.sessions_generate(
            schedule=regular, start=today - timedelta(days=30), end=today + timedelta(days=335),
            publish=True,
        )  # fmt: skip
        for month in range(12):
            day = (today.replace(day=1) + timedelta(days=32 * month)).replace(day=15)
            actions.session_create(
                schedule=director, planned_date=day, is_published=True,
                published_at=timezone.now(),
            )  # fmt: skip
    missing = VISITS - Visit.objects.count()
    Visit.objects.bulk_create(
        Visit(
            unit=unit, visited_on=today - timedelta(days=i % 365), visitor_name=f"Công dân {i}",
            visitor_address="Tổ 1, phường Phan Đình Phùng", content="Kiến nghị về giá điện.",
            classification="petition", handling="accepted", received_by="Hoàng Văn Sơn",
        )
        for i in range(max(missing, 0))
    )  # fmt: skip
    seed_dialogue(unit)
    # Only the sessions the booking form offers (the coming LIST_DAYS): a later one would be
    # refused as an invalid choice and the form drawn again, which is not a booking.
    offered = ReceptionSession.objects.bookable().filter(
        date__lte=today + timedelta(days=LIST_DAYS)
    )
    return list(offered.values_list("pk", flat=True)[:50])


def seed_dialogue(unit) -> None:
    """A published dialogue held last month, with its minutes and 100 answered questions."""
    from django.utils import timezone

    from accountability.models import Dialogue, DialogueQuestion

    dialogue, created = Dialogue.objects.get_or_create(
        slug=DIALOGUE_SLUG,
        defaults={
            "title": "Hội nghị đối thoại với doanh nghiệp kinh doanh xăng dầu", "unit": unit,
            "held_at": timezone.now() - timedelta(days=30), "place": "Hội trường tầng 3",
            "agenda": "1. Tình hình cung ứng xăng dầu.\n2. Giải đáp câu hỏi của doanh nghiệp.",
            "minutes": "Hội nghị có 42 doanh nghiệp tham dự.", "publication": "published",
            "published_at": timezone.now() - timedelta(days=40),
        },
    )  # fmt: skip
    if created:
        DialogueQuestion.objects.bulk_create(
            DialogueQuestion(
                dialogue=dialogue, code=f"HD-BENCH{i:04d}", business=f"Doanh nghiệp {i}",
                sender_name="Nguyễn Văn Đại", question=f"Câu hỏi số {i} về thủ tục cấp phép?",
                status="approved", answer=f"Trả lời câu hỏi số {i}: Sở hướng dẫn như sau.",
                answered_at=timezone.now(), consent_at=timezone.now(), consent_notice="2026-1",
            )
            for i in range(QUESTIONS)
        )  # fmt: skip


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
    from django.utils import timezone

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL.")
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        sys.exit("Run the benchmark with a Redis cache: set CACHE_URL.")
    call_command("migrate", verbosity=0)
    ids = seed()
    connection.close()
    today = timezone.localdate()
    month = f"/tiep-cong-dan/thang/{today.year}/{today.month}/"
    dialogue = f"/doi-thoai/{DIALOGUE_SLUG}/"
    book = (
        "ids = {"
        + ",".join(map(str, ids))
        + "}\n"
        + LUA_BOOK.replace("CSRF_SECRET", CSRF_SECRET).replace("CSRF_COOKIE", CSRF_COOKIE)
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    pages = {
        "minimal": ("/bench/minimal/", "", "", args.connections),
        "calendar": ("/tiep-cong-dan/", "", "", args.connections),
        "month": (month, "", "", args.connections),
        "calendar_rendered": ("/tiep-cong-dan/", "", CSRF_COOKIE, args.connections),
        "month_rendered": (month, "", CSRF_COOKIE, args.connections),
        "dialogue": (dialogue, "", "", args.connections),
        "dialogue_rendered": (dialogue, "", CSRF_COOKIE, args.connections),
        "booking_post": ("/", book, "", 8),
    }
    results: dict[str, list[dict]] = {name: [] for name in pages}
    process = serve(port)
    try:
        for url in ["/tiep-cong-dan/", month, dialogue]:
            urllib.request.urlopen(base + url, timeout=60).read()
        for repetition in range(1, args.repeat + 1):
            for name, (path, script, cookie, connections) in pages.items():
                result = wrk(base + path, args.duration, connections, script, cookie)
                results[name].append(result)
                print(f"rep {repetition} {name:18} {result['rps']:8.1f} req/s  "
                      f"p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
                      f"errors {result['errors']}", flush=True)  # fmt: skip
    finally:
        process.terminate()
        process.wait()

    print("\nmedian over repetitions (ratio to minimal taken within each repetition):")
    for name in pages:
        if name in ("minimal", "booking_post"):
            continue
        ratios = [
            r["rps"] / m["rps"] for r, m in zip(results[name], results["minimal"], strict=True)
        ]
        target = 0.1 if name.endswith("_rendered") else 0.5
        print(f"  {name:18} {statistics.median(ratios):5.2f} x minimal (target >= {target})")
    p95 = statistics.median(r["p95"] for r in results["booking_post"])
    print(f"  booking_post p95   {p95:6.1f} ms at 8 connections (target < 150 ms)")


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"({time.monotonic() - started:.0f} s)")
