"""Reporting periods: the statutory year runs 1 April to 31 March; measures also use quarters and
months. How age is taken and banded in a year is the statutory specification's (msp/sac)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # inclusive
    label: str

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


class ReportingYear(Period):
    """A statutory reporting year, written as councils write it: "2025-26"."""

    @classmethod
    def parse(cls, text: str) -> "ReportingYear":
        match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            raise ValueError(f"A reporting year looks like 2025-26, not {text!r}")
        return cls.starting(int(match[1]))

    @classmethod
    def starting(cls, year: int) -> "ReportingYear":
        return cls(date(year, 4, 1), date(year + 1, 3, 31), f"{year}-{(year + 1) % 100:02d}")

    @classmethod
    def containing(cls, day: date) -> "ReportingYear":
        return cls.starting(day.year if day.month >= 4 else day.year - 1)

    def quarters(self) -> list[Period]:
        out = []
        for index in range(4):
            start = _add_months(self.start, 3 * index)
            out.append(
                Period(
                    start, _add_months(start, 3) - timedelta(days=1), f"{self.label} Q{index + 1}"
                )
            )
        return out

    def months(self) -> list[Period]:
        out = []
        for index in range(12):
            start = _add_months(self.start, index)
            out.append(
                Period(start, _add_months(start, 1) - timedelta(days=1), start.strftime("%b %Y"))
            )
        return out


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)
