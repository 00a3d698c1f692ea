"""Benchmark of the news, the department's pages and the website quality check, on
PostgreSQL: 2,000 published news items in 6 categories and the three department pages.

Serves the site with gunicorn (2 sync workers) and measures with wrk, in the same run as the
minimal template page: the news list, a later page of it, a category, an article, the Atom
feed, a department page and the home page (with its latest news), with the Redis page cache
and without any cache. Then runs the website quality check in this process over the whole
site (every article is in the sitemap): seconds, pages and links checked.

    createdb -h 127.0.0.1 -U postgres portal_bench_news
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_news \\
    CACHE_URL=redis://127.0.0.1:6379/9 .venv/bin/python bench/egov_news_bench.py

Options: --duration S per page (10), --connections C (16), --quality-only, --no-quality.
Needs `wrk`. Seeding runs once; later runs reuse the data.
"""

import argparse
import os
import socket
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
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")

from bench.transparency_bench import measure, report, serve  # noqa: E402

NEWS = 2000
CATEGORIES = [
    "Hoạt động của Sở",
    "Xúc tiến thương mại",
    "Điện lực và năng lượng",
    "Thông báo",
    "Công nghiệp",
    "Thương mại điện tử",
]
BODY = (
    "Sở Công Thương tổ chức hội nghị triển khai nhiệm vụ trọng tâm của ngành.\n\n"
    "## Nội dung chính\n\n"
    "- Rà soát kế hoạch phát triển công nghiệp, thương mại;\n"
    "- Đẩy mạnh xúc tiến thương mại, kết nối cung cầu;\n"
    "- Bảo đảm cung ứng điện, xăng dầu trên địa bàn.\n\n"
    "Xem thêm [các văn bản](/van-ban/) và [góp ý dự thảo](/gop-y-du-thao/).\n\n"
) * 3


def seed() -> None:
    from django.utils import timezone

    from egov import news_demo
    from egov.models import News, NewsCategory
    from portal.publishing import Publication
    from portal.search import rebuild

    if News.objects.filter(slug__startswith="ban-tin-do-hieu-nang").count() >= NEWS:
        return
    news_demo.seed()
    categories = [NewsCategory.objects.get_or_create(name=name)[0] for name in CATEGORIES]
    for category in categories:
        if not category.slug:
            category.save()
    now = timezone.now()
    News.objects.bulk_create(
        [
            News(
                title=f"Bản tin đo hiệu năng số {number}: hoạt động ngành công thương",
                slug=f"ban-tin-do-hieu-nang-{number}",
                category=categories[number % len(categories)],
                summary="Tóm tắt hoạt động của Sở Công Thương trong tuần.",
                body=BODY,
                publication=Publication.PUBLISHED,
                published_at=now - timedelta(hours=number),
            )
            for number in range(NEWS)
        ],
        batch_size=500,
    )
    rebuild("egov")


def quality_figures() -> None:
    from egov.models import QualityRun
    from egov.quality import run_check

    started = time.perf_counter()
    run = run_check(run_id=QualityRun.objects.create().pk)
    seconds = time.perf_counter() - started
    print(
        f"quality check: {seconds:.1f} s, {run.pages_checked} pages, {run.links_checked} links, "
        f"{run.files_checked} files; {run.broken_links} broken links, {run.missing_files} "
        f"missing files; HTML {'checked' if run.html_checked else run.html_skipped_reason} "
        f"({run.status})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--no-quality", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from egov.models import News, StaticPage

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL.")
    call_command("migrate", verbosity=0)
    seed()
    if args.quality_only:
        quality_figures()
        return
    article = News.objects.public().order_by("-published_at")[100]
    page = StaticPage.objects.public().first()
    pages = [
        ("minimal", "/bench/minimal/"),
        ("news list", "/tin-tuc/"),
        ("news page 50", "/tin-tuc/?page=50"),
        ("category", article.category.get_absolute_url()),
        ("article", article.get_absolute_url()),
        ("feed", "/tin-tuc/feed/"),
        ("about page", page.get_absolute_url()),
        ("home", "/"),
    ]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    results = {}
    for mode, no_cache in (("cached", False), ("no cache", True)):
        process = serve(port, no_cache)
        try:
            for name, path in pages:
                urllib.request.urlopen(base + path, timeout=60)
                results[(mode, name)] = measure(base + path, args.duration, args.connections, "")
                report(mode, name, args.connections, results[(mode, name)])
        finally:
            process.terminate()
            process.wait()
    print("\nRatios to the minimal page (same server, same workers):")
    for mode in ("cached", "no cache"):
        minimal = results[(mode, "minimal")]["rps"]
        for name, _path in pages[1:]:
            print(f"{mode:9} {name:14} {results[(mode, name)]['rps'] / minimal:6.2f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.no_quality:
        quality_figures()


if __name__ == "__main__":
    main()
