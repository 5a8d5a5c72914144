"""Which specification applies to a year or a day, built once from the year modules."""

from contextlib import contextmanager
from datetime import date
from functools import lru_cache

from msp.core.periods import ReportingYear
from msp.sac.model import Changes, YearSpec
from msp.sac.years import FIRST, LATER

# Years added while the product runs (a draft of next year's changes tried out): see adding_year.
_ADDED: dict[str, Changes] = {}


def _chain() -> dict[str, Changes]:
    return {**LATER, **_ADDED}


@lru_cache(maxsize=1)
def _built() -> dict[str, YearSpec]:
    specs = {FIRST.year: FIRST}
    previous = FIRST
    for label, changes in sorted(_chain().items()):
        expected = ReportingYear.starting(ReportingYear.parse(previous.year).start.year + 1).label
        if label != expected:
            raise ValueError(f"The specification for {expected} is missing (next came {label})")
        previous = changes.apply(previous, label)
        specs[label] = previous
    return specs


def defined_years() -> list[str]:
    """Every year with a specification, oldest first."""
    return list(_built())


def spec_for(year: ReportingYear | str) -> YearSpec:
    """The specification of a reporting year. A year before the first is given the first's;
    a year after the last defined carries the last one forward until its own is added."""
    label = year if isinstance(year, str) else year.label
    specs = _built()
    if label in specs:
        return specs[label]
    start = ReportingYear.parse(label).start.year
    first = ReportingYear.parse(FIRST.year).start.year
    return specs[FIRST.year] if start < first else specs[list(specs)[-1]]


def spec_on(day: date | None = None) -> YearSpec:
    """The specification in force on a day (today when not given)."""
    if day is None:
        from msp.core.dates import today

        day = today()
    return spec_for(ReportingYear.containing(day))


def label(list_name: str, code: str | None, *, on: date | None = None) -> str:
    """A code's label as it was on a day (today when not given). A code not on that year's
    list (retired earlier, or added later) keeps the label of the nearest year that had it, so
    a past record reads as it did in its year."""
    if not code:
        return ""
    spec = spec_on(on)
    found = spec.label(list_name, code) if list_name in spec.lists else None
    if found is not None:
        return found
    specs = list(_built().values())
    position = [s.year for s in specs].index(spec.year)
    for candidate in [*reversed(specs[:position]), *specs[position:]]:
        if list_name in candidate.lists and candidate.label(list_name, code) is not None:
            return candidate.label(list_name, code)
    return code


def labels(list_name: str, *, on: date | None = None) -> dict[str, str]:
    """Every code a list has ever had, with its label as `label` gives it on that day."""
    codes = []
    for spec in _built().values():
        if list_name in spec.lists:
            codes += [c for c in spec.list(list_name).code_set() if c not in codes]
    return {code: label(list_name, code, on=on) for code in codes}


@contextmanager
def adding_year(year: str, changes: Changes):
    """Use a year's changes before they are shipped (a draft of next year's specification),
    for as long as the block runs."""
    _ADDED[year] = changes
    _built.cache_clear()
    try:
        yield spec_for(year)
    finally:
        del _ADDED[year]
        _built.cache_clear()
