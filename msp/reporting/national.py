"""England's published headline figures, read from a file the council can update.

The file (msp/reporting/data/national.json, or the path in the NATIONAL_FIGURES_FILE setting)
holds one entry per reporting year; a figure that was not published, or not found, is null, and
the dashboard says which name to fill in. Each year may also give England's adult population
(for rates per 100,000 adults) and, under "regions", each region's counts and adult population
by its ONS code. docs/measures.md says how to add a year.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

DEFAULT_FILE = Path(__file__).parent / "data" / "national.json"
FIGURES = (
    "concerns",
    "s42_enquiries",
    "s42_individuals",
    "other_enquiries",
    "risk_reduced_or_removed_percent",
    "outcomes_expressed_percent",
    "outcomes_achieved_percent",
    "adult_population",
)
# What the file may give for a region (under "regions", by ONS code: msp.core.models.Region).
REGION_FIGURES = ("concerns", "s42_enquiries", "other_enquiries", "adult_population")


@dataclass(frozen=True)
class RegionYear:
    code: str
    concerns: int | None = None
    s42_enquiries: int | None = None
    other_enquiries: int | None = None
    adult_population: int | None = None


@dataclass(frozen=True)
class NationalYear:
    year: str
    source: str
    concerns: int | None = None
    s42_enquiries: int | None = None
    s42_individuals: int | None = None
    other_enquiries: int | None = None
    risk_reduced_or_removed_percent: float | None = None
    outcomes_expressed_percent: float | None = None
    outcomes_achieved_percent: float | None = None
    adult_population: int | None = None
    regions: dict = field(default_factory=dict)

    def region(self, code: str) -> RegionYear | None:
        return self.regions.get(code) if code else None


def figures_file() -> Path:
    return Path(getattr(settings, "NATIONAL_FIGURES_FILE", "") or DEFAULT_FILE)


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict[str, NationalYear]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    years = {}
    for entry in data["years"]:
        unknown = set(entry) - {"year", "source", "regions", *FIGURES}
        if unknown:
            raise ValueError(f"{path}: {entry.get('year')}: unknown figures {sorted(unknown)}")
        regions = {}
        for code, given in (entry.get("regions") or {}).items():
            unknown = set(given) - set(REGION_FIGURES)
            if unknown:
                raise ValueError(
                    f"{path}: {entry.get('year')}: region {code}: unknown figures {sorted(unknown)}"
                )
            regions[code] = RegionYear(code=code, **{name: given.get(name) for name in given})
        years[entry["year"]] = NationalYear(
            year=entry["year"],
            source=entry.get("source", ""),
            regions=regions,
            **{name: entry.get(name) for name in FIGURES},
        )
    return years


def national_years() -> dict[str, NationalYear]:
    """Every year in the file, re-read when the file changes."""
    path = figures_file()
    return _load(str(path), path.stat().st_mtime)


def national_year(label: str) -> NationalYear | None:
    return national_years().get(label)


def file_name() -> str:
    """The figures file as the page names it: relative to the project when it is inside it."""
    path = figures_file()
    base = Path(settings.BASE_DIR)
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
