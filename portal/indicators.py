"""The PAPI spine's indicator registry.

Each app declares its indicators in `<app>/indicators.py` and registers them here; the
registry is filled by autodiscovery when Django starts, as the admin discovers `admin.py`.
The quarterly report and the indicator pages loop over the registry and never import an app.

    from portal.indicators import Indicator, register

    register(Indicator(
        code="TR01", dimension="D2", label=_("Documents published"), unit=_("documents"),
        compute=lambda period: Document.objects.published_between(period.start, period.end).count(),
    ))
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.utils.module_loading import autodiscover_modules

from .periods import Quarter

logger = logging.getLogger(__name__)

Number = int | float | Decimal


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


@dataclass(frozen=True)
class Indicator:
    code: str
    dimension: str  # "D1" … "D8"
    label: str  # lazy gettext
    unit: str  # lazy gettext, e.g. _("days"), "%"
    compute: Callable[[Quarter], Number | None]
    direction: Direction = Direction.HIGHER_IS_BETTER
    target: Number | None = None  # the default yearly target; staff may set their own
    description: str = ""  # lazy gettext: how the value is measured, for the report's annex
    app_label: str = field(default="", compare=False)

    def is_better(self, value: Number, other: Number) -> bool:
        if self.direction == Direction.HIGHER_IS_BETTER:
            return value > other
        return value < other


class IndicatorRegistry:
    def __init__(self):
        self._indicators: list[Indicator] = []

    def register(self, indicator: Indicator) -> Indicator:
        self._indicators.append(indicator)
        return indicator

    def unregister(self, code: str) -> None:
        self._indicators = [i for i in self._indicators if i.code != code]

    def all(self) -> list[Indicator]:
        return sorted(self._indicators, key=lambda i: (i.dimension, i.code))

    def get(self, code: str) -> Indicator:
        for indicator in self._indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    def for_dimension(self, dimension: str) -> list[Indicator]:
        return [i for i in self.all() if i.dimension == dimension]

    def duplicate_codes(self) -> list[str]:
        seen, duplicates = set(), []
        for indicator in self._indicators:
            if indicator.code in seen:
                duplicates.append(indicator.code)
            seen.add(indicator.code)
        return duplicates


registry = IndicatorRegistry()
register = registry.register

DIMENSION_CODES = [f"D{n}" for n in range(1, 9)]


def autodiscover() -> None:
    autodiscover_modules("indicators", register_to=None)


@dataclass(frozen=True)
class Measurement:
    """What `compute` may return instead of a bare number: the value and the figures it was
    computed from, which the quarterly snapshot stores beside it."""

    value: Number | None
    inputs: dict = field(default_factory=dict)


def measure(indicator: Indicator, quarter: Quarter) -> tuple[Decimal | None, dict]:
    """The indicator's value for the quarter (rounded as it is stored) and its inputs."""
    inputs = {"period_start": quarter.start.isoformat(), "period_end": quarter.end.isoformat()}
    try:
        result = indicator.compute(quarter)
    except Exception as exc:
        # One broken indicator must not stop the others or the report; the error is kept.
        logger.exception("Indicator %s failed for %s", indicator.code, quarter)
        return None, {**inputs, "error": f"{type(exc).__name__}: {exc}"}
    if isinstance(result, Measurement):
        inputs.update(result.inputs)
        result = result.value
    if result is None:
        return None, inputs
    try:
        return Decimal(str(result)).quantize(Decimal("0.0001")), inputs
    except InvalidOperation:
        return None, {**inputs, "error": f"not a number: {result!r}"}
