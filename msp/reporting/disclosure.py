"""Disclosure control: the rules the national publication applies, applied to what a board sees.

Board members are not entitled to see anything that could identify a person. The published
Safeguarding Adults statistics protect people by suppressing counts of 0 to 4 (shown as "[c]")
and rounding every other count to the nearest 5, and a percentage whose numerator or
denominator is suppressed is suppressed too (otherwise the small number could be worked back out
of it). "[x]" means not available.

Unlike the national tables, a board's percentages are worked out from the same rounded figures
it is shown: a percentage of unrounded counts, set beside the rounded counts (or compared across
the periods a board member can choose), gives back the exact counts rounding hides
(docs/decisions/0009-board-percentages-from-rounded-figures.md). For the same reason the board's
own periods are whole months (msp.reporting.forms).

Everything a board member sees or downloads goes through a `Presenter` with suppression on, so
the page, the spreadsheet and the PDF cannot disagree.
"""

from dataclasses import dataclass

SUPPRESSED = "[c]"
NOT_AVAILABLE = "[x]"
NO_SHARE = "–"  # nothing to divide by (staff pages; the board sees [c] instead)
SMALLEST_SHOWN = 5
ROUND_TO = 5

NOTE = (
    "Figures are shown as the national statistics publish them: counts of 0 to 4 are shown as "
    "[c] and other counts are rounded to the nearest 5. Percentages are worked out from the "
    "rounded figures shown, and a percentage is shown as [c] when the number it counts or the "
    "number it is out of is 0 to 4. Totals may not equal the sum of their rounded parts."
)


def is_small(count: int | None) -> bool:
    return count is not None and count < SMALLEST_SHOWN


def round_count(count: int) -> int:
    """Round to the nearest 5 (whole numbers never fall exactly half-way)."""
    return int((count + ROUND_TO // 2) // ROUND_TO * ROUND_TO)


def suppressed_count(count: int | None) -> int | str:
    """A count as published: "[x]" when unknown, "[c]" when 0-4, else rounded to the nearest 5."""
    if count is None:
        return NOT_AVAILABLE
    if is_small(count):
        return SUPPRESSED
    return round_count(count)


def percentage(numerator: int | None, denominator: int | None) -> float | None:
    """The share as a percentage to one decimal place, or None when there is nothing to divide by."""
    if numerator is None or not denominator:
        return None
    return round(100 * numerator / denominator, 1)


def suppressed_percentage(numerator: int | None, denominator: int | None) -> float | str:
    """A percentage under disclosure control: from the rounded figures (the ones shown), "[c]"
    when either figure is 0-4."""
    if numerator is None or denominator is None:
        return NOT_AVAILABLE
    if is_small(numerator) or is_small(denominator):
        return SUPPRESSED
    return percentage(round_count(numerator), round_count(denominator))


@dataclass(frozen=True)
class Presenter:
    """Formats figures for one audience: `suppress=True` for the board and its downloads.

    `count` and `percent` give values for spreadsheets (numbers stay numbers); `count_text` and
    `percent_text` give what a page shows.
    """

    suppress: bool

    def count(self, value: int | None) -> int | str:
        if self.suppress:
            return suppressed_count(value)
        return NOT_AVAILABLE if value is None else value

    def percent(self, numerator: int | None, denominator: int | None) -> float | str:
        if self.suppress:
            return suppressed_percentage(numerator, denominator)
        share = percentage(numerator, denominator)
        return NO_SHARE if share is None else share

    def count_text(self, value: int | None) -> str:
        shown = self.count(value)
        return f"{shown:,}" if isinstance(shown, int) else shown

    def percent_text(self, numerator: int | None, denominator: int | None) -> str:
        shown = self.percent(numerator, denominator)
        return shown if isinstance(shown, str) else f"{shown:.1f}%"
