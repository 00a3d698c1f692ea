from datetime import date

import pytest

from portal.indicators import Direction, Indicator, registry
from portal.periods import Quarter


def test_it_parses_and_walks_quarters():
    q4 = Quarter.parse("2024-Q4")
    assert (q4.start, q4.end) == (date(2024, 10, 1), date(2024, 12, 31))
    assert q4.next() == Quarter(2025, 1)
    assert Quarter.parse("q1-2025").previous() == q4
    assert Quarter.containing(date(2026, 2, 14)) == Quarter(2026, 1)
    with pytest.raises(ValueError):
        Quarter.parse("2024-Q5")


def test_it_registers_and_computes_an_indicator_over_a_quarter():
    indicator = Indicator(
        code="TEST-DAYS",
        dimension="D5",
        label="Số ngày trong quý",
        unit="ngày",
        compute=lambda period: (period.end - period.start).days + 1,
        direction=Direction.LOWER_IS_BETTER,
    )
    registry.register(indicator)
    try:
        assert registry.get("TEST-DAYS").compute(Quarter(2024, 1)) == 91  # leap year
        assert indicator in registry.for_dimension("D5")
        assert indicator.is_better(80, 91)
    finally:
        registry.unregister("TEST-DAYS")
    with pytest.raises(KeyError):
        registry.get("TEST-DAYS")


def test_it_reports_duplicate_codes():
    first = Indicator(code="TEST-DUP", dimension="D1", label="a", unit="", compute=lambda p: 1)
    registry.register(first)
    registry.register(first)
    try:
        assert registry.duplicate_codes() == ["TEST-DUP"]
    finally:
        registry.unregister("TEST-DUP")
    assert registry.duplicate_codes() == []
