"""Benchmark of a consultation at scale, on PostgreSQL: a draft of 60 articles with 2,000
published comments (half of them answered).

Serves the site with gunicorn (2 sync workers) and measures with wrk, in the same run as the
minimal template page: the consultation's page with the Redis page cache ("cached"), drawn for
each request with the Redis cache of small reads ("uncached": the visitor carries a CSRF cookie,
as after posting a comment, so the page cache passes it by; as bench/pages_bench.py draws its
"rendered" pages) and without any cache at all ("no cache", as with Redis down), and posting
the comment form at 8 concurrent clients (p95). Then renders the synthesis PDF of the 2,000
comments in this process: seconds and peak memory.

    createdb -h 127.0.0.1 -U postgres portal_bench_egov
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_egov \\
    CACHE_URL=redis://127.0.0.1:6379/9 .venv/bin/python bench/egov_bench.py

Options: --duration S per page (10), --connections C (16), --post-connections C (8),
--repeat N (3).
Needs `wrk`. Seeding runs once; later runs reuse the data.
"""

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DJANGO_ENV", "development")
os.environ["DEBUG"] = "false"
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")

from bench import CSRF_COOKIE  # noqa: E402
from bench.transparency_bench import measure, report, serve  # noqa: E402

CSRF_SCRIPT = f'wrk.headers["Cookie"] = "{CSRF_COOKIE}"\n'
TITLE = "Dự thảo Quy định quản lý hoạt động thương mại trên địa bàn tỉnh (đo hiệu năng)"
ARTICLES = 60
COMMENTS = 2000
ORGANISATIONS = [
    "Công ty TNHH Xăng dầu Gia Sàng",
    "Hợp tác xã Thương mại chợ Túc Duyên",
    "Công ty Cổ phần Điện lực miền Bắc",
    "Hiệp hội Doanh nghiệp tỉnh",
]


def draft_text() -> str:
    lines = ["QUY ĐỊNH", "Chương I", "QUY ĐỊNH CHUNG"]
    for number in range(1, ARTICLES + 1):
        if number == 31:
            lines += ["Chương II", "QUY ĐỊNH CỤ THỂ"]
        lines.append(f"Điều {number}. Nội dung quản lý số {number}")
        lines.append(
            "Tổ chức, cá nhân kinh doanh phải tuân thủ các quy định của pháp luật về công thương."
        )
        lines += [
            "1. Sở Công Thương chủ trì, phối hợp với các sở, ngành tổ chức thực hiện.",
            "2. Ủy ban nhân dân các xã, phường kiểm tra, giám sát trên địa bàn, gồm:",
            "a) Kiểm tra định kỳ hằng năm;",
            "b) Kiểm tra đột xuất khi có phản ánh.",
        ]
    return "\n".join(lines)


def seed():
    from django.utils import timezone

    from egov import actions
    from egov.models import Answer, Comment, Consultation
    from portal import publishing
    from portal.models import Unit

    consultation = Consultation.objects.filter(title=TITLE).first()
    if consultation is not None:
        return consultation
    unit, _ = Unit.objects.get_or_create(code="bench", defaults={"name": "Phòng đo hiệu năng"})
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        title=TITLE,
        unit=unit,
        document_kind=Consultation.DocumentKind.PROVINCIAL_DECISION,
        summary="Dự thảo dùng để đo hiệu năng trang góp ý.",
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=25),
    )
    version = actions.draft_import(consultation=consultation, text=draft_text())
    publishing.item_publish(item=consultation)
    articles = list(version.sections.filter(kind="article").order_by("position"))
    now = timezone.now()
    answers = [
        Answer.objects.create(
            consultation=consultation, verdict="explained", text=f"Giải trình {i}."
        )
        for i in range(ARTICLES)
    ]
    Comment.objects.bulk_create(
        [
            Comment(
                consultation=consultation,
                version=version,
                section=None if i % 20 == 0 else articles[i % ARTICLES],
                author_kind="organisation" if i % 3 == 0 else "individual",
                name=f"Người góp ý số {i}",
                organisation=ORGANISATIONS[i % len(ORGANISATIONS)] if i % 3 == 0 else "",
                email=f"nguoi{i}@example.vn",
                body="Đề nghị làm rõ phạm vi áp dụng và thời hạn thực hiện của điều này. " * 3,
                status=Comment.Status.PUBLISHED,
                consent_at=now,
                consent_version=actions.CONSENT_VERSION,
                token_hash=f"bench-{i:064d}"[-64:],
                code_hash="",
                token_expires_at=now,
                confirmed_at=now,
                answer=answers[i % ARTICLES] if i % 2 else None,
            )
            for i in range(COMMENTS)
        ],
        batch_size=500,
    )
    actions.comments_redraw([version.pk])  # as publishing each of them would have
    return consultation


def post_script(base: str, path: str) -> str:
    """A wrk script posting the comment form, with a CSRF cookie and token read once."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + path, timeout=30).read().decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "section": "dieu-12",
            "author_kind": "individual",
            "name": "Nguyễn Văn Nam",
            "email": "nam.nguyen@example.vn",
            "body": "Đề nghị bổ sung thời hạn thực hiện.",
            "consent": "on",
            "website": "",
        }
    )
    return (
        'wrk.method = "POST"\n'
        f'wrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "{cookie}"\n'
        f'wrk.headers["Referer"] = "{base}{path}"\n'
    )


def synthesis_figures(consultation) -> tuple[float, float, float]:
    """Seconds (wall clock, then processor time: on a busy machine the first waits for the
    second) and peak memory in MB of the whole synthesis: its rows, its HTML and its PDF."""
    from egov import synthesis

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    started, started_cpu = time.perf_counter(), cpu()
    context = synthesis.build_context(consultation)
    synthesis.render_body(context)
    pdf = synthesis.render_pdf(context)
    seconds, cpu_seconds = time.perf_counter() - started, cpu() - started_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"synthesis: {len(pdf) / 1e6:.1f} MB PDF, {len(context['rows'])} rows")
    return seconds, cpu_seconds, peak / 1024


def print_synthesis(consultation) -> None:
    seconds, cpu_seconds, peak_mb = synthesis_figures(consultation)
    print(
        f"synthesis of {COMMENTS} comments: {seconds:.1f} s ({cpu_seconds:.1f} s of processor), "
        f"peak memory {peak_mb:.0f} MB (load average {os.getloadavg()[0]:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--post-connections", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the pages (3)")
    parser.add_argument("--synthesis-only", action="store_true")
    parser.add_argument("--no-synthesis", action="store_true", help="measure the pages only")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL.")
    call_command("migrate", verbosity=0)
    consultation = seed()
    # Planner statistics, as autovacuum keeps them on a live database (a fresh bulk insert has
    # none, and the plans of the page's queries would be guesses).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if args.synthesis_only:
        print_synthesis(consultation)
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    detail = consultation.get_absolute_url()
    form = f"/gop-y-du-thao/{consultation.pk}/gop-y/"
    # Each repetition measures the minimal page and then the consultation's, back to back on
    # the same server, so that both see the same load; the median of the ratios is printed.
    ratios: dict[str, list[float]] = {}
    for mode, no_cache in (("cached", False), ("no cache", True)):
        process = serve(port, no_cache)
        try:
            urllib.request.urlopen(base + detail, timeout=60)
            pages = [(mode, "")] if no_cache else [(mode, ""), ("uncached", CSRF_SCRIPT)]
            for _repetition in range(args.repeat):
                minimal = measure(base + "/bench/minimal/", args.duration, args.connections, "")
                report(mode, "minimal", args.connections, minimal)
                for name, script in pages:
                    page = measure(base + detail, args.duration, args.connections, script)
                    report(name, "consultation", args.connections, page)
                    ratios.setdefault(name, []).append(page["rps"] / minimal["rps"])
            if no_cache:
                script = post_script(base, form)
                posted = measure(base + form, args.duration, args.post_connections, script)
                report(mode, "post comment", args.post_connections, posted)
        finally:
            process.terminate()
            process.wait()
    print(
        f"\nRatios to the minimal page (same server, same workers), median of {args.repeat} "
        f"(load average {os.getloadavg()[0]:.1f}):"
    )
    for mode in ("cached", "uncached", "no cache"):
        each = " ".join(f"{ratio:.2f}" for ratio in ratios[mode])
        print(f"{mode:9} consultation {statistics.median(ratios[mode]):6.2f}   ({each})")
    if args.no_synthesis:
        return
    # In a process of its own, as the Celery worker renders it: the peak memory is the job's,
    # not that of this process's earlier work.
    subprocess.run([sys.executable, __file__, "--synthesis-only"], check=True)
    print(
        "\nTargets: consultation cached >= 0.5 and uncached >= 0.1 of minimal; posting p95 "
        "< 150 ms at 8 clients; synthesis < 20 s and < 500 MB."
    )


if __name__ == "__main__":
    main()
