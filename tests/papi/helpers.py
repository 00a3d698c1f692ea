"""Builders shared by the PAPI tests."""

from contextlib import contextmanager
from datetime import date

from portal.indicators import Indicator, Measurement, registry
from portal.models import Dimension
from portal.papi import actions
from portal.papi.models import ActionPlan, PlanTask


def make_plan(year=2024):
    plan, _ = ActionPlan.objects.get_or_create(
        year=year, defaults={"title": f"Kế hoạch nâng cao Chỉ số PAPI năm {year}"}
    )
    return plan


def make_task(*, plan=None, dimension="D2", unit=None, title="Công khai quy hoạch", **fields):
    fields.setdefault("start_date", date(2024, 1, 2))
    fields.setdefault("deadline", date(2024, 6, 28))
    fields.setdefault("area", "transparency")
    return PlanTask.objects.create(
        plan=plan or make_plan(),
        dimension=Dimension.objects.get(code=dimension),
        unit=unit,
        title=title,
        **fields,
    )


def add_update(task, on, status, progress=None, note="Đã thực hiện"):
    return actions.task_update_add(
        task=task,
        user=None,
        on=on,
        status=status,
        progress=100 if progress is None else progress,
        note=note,
    )


@contextmanager
def registered(*indicators):
    for indicator in indicators:
        registry.register(indicator)
    try:
        yield indicators
    finally:
        for indicator in indicators:
            registry.unregister(indicator.code)


def fixed_indicator(code="TEST-TR01", dimension="D2", values=None, **fields):
    """An indicator whose value per quarter comes from `values` ({"2024-Q4": 87.5})."""
    values = values or {}

    def compute(period):
        value = values.get(str(period))
        return Measurement(value, {"source": "test"}) if value is not None else None

    fields.setdefault("label", "Văn bản công bố đúng hạn")
    fields.setdefault("unit", "%")
    return Indicator(code=code, dimension=dimension, compute=compute, **fields)


__all__ = ["add_update", "fixed_indicator", "make_plan", "make_task", "registered"]
