"""Benchmark of the transparency pages at 100,000 documents, on PostgreSQL.

Seeds documents with realistic Vietnamese text (common words such as "quy định" and
"công thương" appear in most of them), indexes them in the site search, serves the site with
gunicorn (2 sync workers on 127.0.0.1) and measures, with wrk, a minimal template page, the
list, detail and search pages: first with the Redis page cache, then without any cache.

    createdb -h 127.0.0.1 -U postgres portal_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    CACHE_URL=redis://127.0.0.1:6379/9 .venv/bin/python bench/transparency_bench.py

Options: --documents N (100000), --duration S per page (10), --connections C (16) for the
throughput of every page, --search-connections C (2) for the latency of the search pages,
--pages list,detail (re-measure some pages only; the minimal page is always measured),
--no-cache-only / --cached-only. The detail page rotates over DETAIL_IDS documents whose cached
pages are warmed first in the cached run, as a live site's popular documents would be.
Needs `wrk` (apt-get install wrk). Seeding runs once; later runs reuse the data.
"""

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DJANGO_ENV", "development")
os.environ["DEBUG"] = "false"
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")

KINDS = ["decree", "decision", "circular", "plan", "official_letter", "notice", "law", "directive"]
SYMBOLS = {
    "decree": "NĐ-CP",
    "decision": "QĐ-UBND",
    "circular": "TT-BCT",
    "plan": "KH-UBND",
    "official_letter": "SCT-QLTM",
    "notice": "TB-SCT",
    "law": "QH15",
    "directive": "CT-UBND",
}
ISSUERS = [
    "Chính phủ",
    "Bộ Công Thương",
    "Ủy ban nhân dân tỉnh Thái Nguyên",
    "Sở Công Thương tỉnh Thái Nguyên",
    "Quốc hội",
]
SUBJECTS = [
    "kinh doanh xăng dầu",
    "an toàn điện",
    "quản lý hóa chất",
    "kinh doanh rượu",
    "vật liệu nổ công nghiệp",
    "xúc tiến thương mại",
    "cụm công nghiệp",
    "thương mại điện tử",
    "bảo vệ quyền lợi người tiêu dùng",
    "khuyến công",
    "an toàn thực phẩm",
    "phát triển năng lượng tái tạo",
    "chợ và trung tâm thương mại",
    "kinh doanh khí",
    "sản phẩm thuốc lá",
]
OPENINGS = [
    "Quy định chi tiết một số điều về",
    "Sửa đổi, bổ sung một số quy định về",
    "Ban hành quy định quản lý nhà nước về",
    "Về việc triển khai thực hiện công tác",
    "Hướng dẫn thực hiện thủ tục hành chính lĩnh vực",
    "Công bố danh mục thủ tục hành chính ngành công thương về",
]
SENTENCES = [
    "Sở Công Thương chủ trì, phối hợp với các sở, ngành tổ chức thực hiện quy định này.",
    "Tổ chức, cá nhân kinh doanh phải tuân thủ các quy định của pháp luật về công thương.",
    "Ủy ban nhân dân các xã, phường có trách nhiệm kiểm tra, giám sát trên địa bàn quản lý.",
    "Quy định này có hiệu lực kể từ ngày ký và thay thế các quy định trước đây trái với nó.",
    "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Sở Công Thương để tổng hợp.",
    "Hồ sơ nộp trực tiếp, qua bưu chính công ích hoặc trên cổng dịch vụ công trực tuyến.",
    "Thời hạn giải quyết là mười lăm ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Cơ quan quản lý nhà nước về công thương định kỳ báo cáo kết quả thực hiện hằng quý.",
    "Doanh nghiệp phải bảo đảm điều kiện về phòng cháy, chữa cháy và bảo vệ môi trường.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành.",
]

DETAIL_IDS = 300


def build_document(i: int, rng: random.Random, fields, issuers):
    from django.utils import timezone

    from portal.publishing import Publication
    from transparency.models import Document

    kind = KINDS[i % len(KINDS)]
    year = 2005 + i % 21
    subject = rng.choice(SUBJECTS)
    issued = date(year, 1, 1) + timedelta(days=rng.randrange(360))
    body = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(6, 12)))
    return Document(
        kind=kind,
        number=f"{1000 + i}/{year}/{SYMBOLS[kind]}",
        summary=f"{rng.choice(OPENINGS)} {subject} trên địa bàn tỉnh",
        description=f"Văn bản quy định về {subject}. {body}",
        issuer=rng.choice(issuers),
        signer="Nguyễn Văn An",
        issued_on=issued,
        publication=Publication.PUBLISHED,
        published_at=timezone.make_aware(
            timezone.datetime.combine(issued + timedelta(days=3), timezone.datetime.min.time())
        ),
    )


def seed(total: int, index: bool = True) -> None:
    from django.db import transaction

    from portal.models import SearchEntry
    from transparency.models import Document, Field, Issuer

    existing = Document.objects.filter(number__regex=r"^\d+/\d{4}/").count()
    if existing >= total:
        print(f"{existing} documents already seeded")
        if index and not SearchEntry.objects.filter(area="transparency").exists():
            index_documents()
        return
    fields = [
        Field.objects.get_or_create(name=s.capitalize(), defaults={"slug": f"bench-{n}"})[0]
        for n, s in enumerate(SUBJECTS)
    ]
    issuers = [Issuer.objects.get_or_create(name=name)[0] for name in ISSUERS]
    through = Document.fields.through
    rng = random.Random(2026)
    start = time.monotonic()
    for batch_start in range(existing, total, 2000):
        with transaction.atomic():
            batch = [
                build_document(i, rng, fields, issuers)
                for i in range(batch_start, min(total, batch_start + 2000))
            ]
            created = Document.objects.bulk_create(batch)
            through.objects.bulk_create(
                [through(document_id=d.pk, field_id=rng.choice(fields).pk) for d in created]
            )
    print(f"seeded {total - existing} documents in {time.monotonic() - start:.0f} s")
    # Fresh statistics and visibility map, as autovacuum would give a live site after a while.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE transparency_document")
        cursor.execute("VACUUM ANALYZE transparency_document_fields")
    if index:
        index_documents()


def index_documents() -> None:
    """Builds the search entries of every public transparency item (in batched inserts)."""
    from portal import search

    start = time.monotonic()
    count = search.rebuild("transparency")
    print(f"indexed {count} entries in {time.monotonic() - start:.0f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE portal_searchentry")


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


def serve(port: int, no_cache: bool):
    env = {**os.environ, "BENCH_NO_CACHE": "1" if no_cache else "0"}
    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [
            gunicorn,
            "portal.wsgi:application",
            "-w",
            "2",
            "-k",
            "sync",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--chdir",
            str(ROOT),
        ],
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/minimal/", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def measure(url: str, duration: int, connections: int, script: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script + LUA)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", handle.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(handle.name)
    match = re.search(r"BENCH rps=([\d.]+) p50=([\d.]+) p95=([\d.]+) errors=(\d+)", output)
    return {
        "rps": float(match[1]),
        "p50": float(match[2]),
        "p95": float(match[3]),
        "errors": int(match[4]),
    }


def report(mode: str, name: str, connections: int, r: dict) -> None:
    print(
        f"{mode:9} {name:18} c={connections:<3} {r['rps']:8.1f} req/s  p50 {r['p50']:7.1f} ms  "
        f"p95 {r['p95']:7.1f} ms  errors {r['errors']}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    # The search target is a latency: measured with as many connections as workers, so that
    # it is the time to answer, not the time spent queueing behind 16 connections.
    parser.add_argument("--search-connections", type=int, default=2)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--no-index", action="store_true", help="seed without search entries")
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--cached-only", action="store_true")
    only.add_argument("--no-cache-only", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL.")
    call_command("migrate", verbosity=0)
    seed(args.documents, index=not args.no_index)
    from transparency.models import Document

    ids = list(Document.objects.public().order_by("?").values_list("pk", flat=True)[:DETAIL_IDS])
    rotate = "ids = {" + ",".join(map(str, ids)) + "}\n" + LUA_ROTATE
    if not args.port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{args.port}"
    pages = {
        "minimal": ("/bench/minimal/", ""),
        "list": ("/van-ban/", ""),
        "list_filtered": ("/van-ban/?kind=decree&year=2020&sort=published", ""),
        # No seeded document has expired: the filter must find that without reading them all.
        "list_status": ("/van-ban/?status=expired", ""),
        "detail": ("/", rotate),
        "search_common": ("/tim-kiem/?q=quy+%C4%91%E1%BB%8Bnh+c%C3%B4ng+th%C6%B0%C6%A1ng", ""),
        "search_rare": ("/tim-kiem/?q=v%E1%BA%ADt+li%E1%BB%87u+n%E1%BB%95", ""),
        "search_number": ("/tim-kiem/?q=1059/2022", ""),
        "search_unaccented": ("/tim-kiem/?q=xang+dau", ""),
    }
    if args.pages:
        wanted = {"minimal", *args.pages.split(",")}
        pages = {name: page for name, page in pages.items() if name in wanted}
    modes = [("cached", False), ("no cache", True)]
    if args.cached_only or args.no_cache_only:
        modes = [modes[1] if args.no_cache_only else modes[0]]
    results = {}
    print(f"cache: {settings.CACHES['default']['BACKEND']}; {Document.objects.count()} documents")
    for mode, no_cache in modes:
        process = serve(args.port, no_cache)
        try:
            for name, (path, script) in pages.items():
                warm_up = [f"/van-ban/{pk}/" for pk in ids] if name == "detail" else [path]
                for url in warm_up if not no_cache else warm_up[:1]:
                    urllib.request.urlopen(base + url, timeout=30)
                results[(mode, name)] = measure(
                    base + path, args.duration, args.connections, script
                )
                report(mode, name, args.connections, results[(mode, name)])
                if name.startswith("search"):
                    latency = measure(base + path, args.duration, args.search_connections, "")
                    report(mode, name, args.search_connections, latency)
        finally:
            process.terminate()
            process.wait()
    print("\nRatios to the minimal page (same server, same workers):")
    for mode, _no_cache in modes:
        minimal = results[(mode, "minimal")]["rps"]
        for name in pages:
            if name != "minimal":
                print(f"{mode:9} {name:18} {results[(mode, name)]['rps'] / minimal:6.2f}")
    print(
        f"\nTargets: search p95 < 100 ms (at c={args.search_connections}); cached list/detail "
        ">= 0.5 of minimal; uncached list >= 100 req/s."
    )


if __name__ == "__main__":
    main()
