"""Reporting periods: the quarter is the unit the PAPI plan is reported in."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    def __post_init__(self):
        if not 1 <= self.number <= 4:
            raise ValueError("A quarter's number is 1 to 4.")

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """Reads "2024-Q4" (also "2024Q4", "q4-2024")."""
        match = re.fullmatch(r"\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*", text) or re.fullmatch(
            r"\s*[Qq]([1-4])\s*-?\s*(\d{4})\s*", text
        )
        if not match:
            raise ValueError(f"Not a quarter: {text!r} (expected for example 2024-Q4)")
        first, second = match.groups()
        year, number = (first, second) if len(first) == 4 else (second, first)
        return cls(int(year), int(number))

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return _("Quarter %(number)s/%(year)s") % {"number": self.number, "year": self.year}
