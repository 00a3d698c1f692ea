"""Generates the quarterly PAPI report for a plan of 500 tasks with every indicator over four
quarters and prints the seconds and the peak memory (the process's maximum resident set size;
tracemalloc is left out: tracing every allocation slows rendering several times over).

    DJANGO_ENV=test DATABASE_URL=sqlite:////tmp/papi-bench.sqlite3 \
        .venv/bin/python bench/papi_report_bench.py [--tasks 500] [--indicators 40]

It works on a database of its own (migrated here; SQLite by default in the command above), so
run it against a throw-away database. Target: under 15 s and under 500 MB."""

import argparse
import os
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402

from portal.indicators import DIMENSION_CODES, Indicator, Measurement, registry  # noqa: E402
from portal.models import Dimension, Unit  # noqa: E402
from portal.papi import actions, reports  # noqa: E402
from portal.papi.models import ActionPlan, PlanArea, PlanTask, TaskUpdate  # noqa: E402
from portal.periods import Quarter  # noqa: E402

QUARTER = Quarter(2024, 4)


def build(task_count: int, indicator_count: int) -> None:
    rng = random.Random(2024)
    call_command("migrate", verbosity=0)
    PlanTask.objects.all().delete()
    plan, _ = ActionPlan.objects.update_or_create(
        year=2024, defaults={"title": "Kế hoạch nâng cao Chỉ số PAPI năm 2024 (thử tải)"}
    )
    units = [
        Unit.objects.get_or_create(code=f"bench-{n}", defaults={"name": f"Phòng thử {n}"})[0]
        for n in range(6)
    ]
    dimensions = list(Dimension.objects.all())
    areas = PlanArea.values
    tasks = []
    for n in range(task_count):
        start = date(2024, 1, 2) + timedelta(days=rng.randint(0, 120))
        tasks.append(
            PlanTask(
                plan=plan, dimension=rng.choice(dimensions), area=rng.choice(areas),
                title=f"Nhiệm vụ thử số {n}: tăng cường công khai, minh bạch và giải trình",
                unit=rng.choice(units), start_date=start,
                deadline=start + timedelta(days=rng.randint(30, 300)), order=n,
            )
        )  # fmt: skip
    PlanTask.objects.bulk_create(tasks)
    updates = []
    for task in PlanTask.objects.filter(plan=plan):
        for k in range(rng.randint(0, 3)):
            on = task.start_date + timedelta(days=30 * (k + 1))
            status = "done" if k == 2 else "in_progress"
            updates.append(TaskUpdate(task=task, on=on, status=status, progress=30 * (k + 1),
                                      note="Cập nhật tiến độ thử"))  # fmt: skip
    TaskUpdate.objects.bulk_create(updates)
    for n in range(indicator_count):
        code = f"BENCH-{n:02d}"
        registry.unregister(code)
        registry.register(
            Indicator(
                code=code, dimension=DIMENSION_CODES[n % 8], label=f"Chỉ số thử {n}", unit="%",
                compute=lambda period, n=n: Measurement(40 + (n * 7 + period.number * 5) % 60,
                                                        {"bench": True}),
                target=80, description="Chỉ số tổng hợp để đo hiệu năng.",
            )
        )  # fmt: skip
    quarter = QUARTER
    for _ in range(4):
        actions.indicator_snapshots_compute(quarter=quarter, trigger="scheduled")
        quarter = quarter.previous()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--indicators", type=int, default=40)
    args = parser.parse_args()
    build(args.tasks, args.indicators)
    started = time.perf_counter()
    with translation.override("vi"):
        pdf = reports.render_pdf(QUARTER)
    seconds = time.perf_counter() - started
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB on Linux
    indicators = len(registry.all())
    print(
        f"tasks={args.tasks} indicators={indicators} quarters=4 pdf={len(pdf) / 1024:.0f} KiB\n"
        f"seconds={seconds:.2f} peak_rss={peak_rss:.0f} MiB (target: < 15 s, < 500 MB)"
    )


if __name__ == "__main__":
    main()
