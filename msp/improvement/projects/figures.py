"""A project's figures: the MSP measures for its cases and for its baseline, counted by the
reporting selectors (msp/reporting/measures.py) and drift by the enquiry selectors, never
counted again here.

A project's cases are counted over their whole course: a case that started in the pilot counts
as concluded once it closes, whenever that is. The baseline's cases are counted the same way, so
the two columns mean the same thing. Figures are kept as a flat dict of counts
(`"concluded.defined": 12`), which is also what an impact statement freezes when it is signed off.
"""

from dataclasses import dataclass
from datetime import date

from msp.core.dates import today
from msp.core.models import council_settings
from msp.core.periods import Period
from msp.enquiries import selectors as enquiry_selectors
from msp.privacy.selectors import exclude_restricted
from msp.reference import selectors as ref
from msp.reporting import measures
from msp.reporting.disclosure import Presenter

PROJECT = "project"
BASELINE = "baseline"
SETS = {PROJECT: "This project", BASELINE: "Baseline"}
# Every case counts whenever it started or ended: the scope has already chosen the cases.
WHOLE_COURSE = Period(date(1900, 1, 1), date(9999, 12, 31), "the whole course of the cases")
CONCLUDED_KEYS = (
    "concluded",
    "defined",
    "defined_direct",
    "fully",
    "partially",
    "not_met",
    "with_end",
    "long_open",
    "long_open_with_during",
)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    num: str  # a key of the flat counts
    den: str | None = None
    section: str = ""  # the part 2 evidence it belongs to (impact_tool.Question.evidence)
    indent: bool = False


def _catalogue(drift_days: int) -> list[Figure]:
    figures = [
        Figure("cases", "Cases in scope", "started.started", section="cases"),
        Figure("concluded", "Concluded so far", "concluded.concluded", "started.started", "cases"),
        Figure(
            "with_start",
            "Asked what they wanted at the start (a start conversation)",
            "started.with_start",
            "started.started",
            "engagement",
        ),
        Figure(
            "long_open_with_during",
            f"Outcomes revisited during the enquiry (a conversation during it, out of "
            f"concluded cases open more than {drift_days} days)",
            "concluded.long_open_with_during",
            "concluded.long_open",
            "engagement",
        ),
        Figure(
            "with_end",
            "Asked at the end (an end conversation, or a closing review saying who answered, "
            "out of concluded cases)",
            "concluded.with_end",
            "concluded.concluded",
            "engagement",
        ),
        Figure(
            "defined",
            "Said what they wanted to happen (outcomes defined, out of concluded cases)",
            "concluded.defined",
            "concluded.concluded",
            "saying",
        ),
        Figure(
            "defined_direct",
            "in their own words",
            "concluded.defined_direct",
            "concluded.defined",
            "saying",
            indent=True,
        ),
        Figure(
            "defined_via",
            "only through a representative, advocate or best-interests decision",
            "concluded.defined_via",
            "concluded.defined",
            "saying",
            indent=True,
        ),
        Figure(
            "fully",
            "Outcomes fully met (out of those who said what they wanted)",
            "concluded.fully",
            "concluded.defined",
            "outcomes",
        ),
        Figure(
            "partially",
            "Outcomes partly met",
            "concluded.partially",
            "concluded.defined",
            "outcomes",
        ),
        Figure("not_met", "Outcomes not met", "concluded.not_met", "concluded.defined", "outcomes"),
    ]
    for item in ref.items("experience_topics"):
        figures.append(
            Figure(
                f"experience-{item.code}",
                f"{item.label}: yes (out of those who answered)",
                f"experience.{item.code}.yes",
                f"experience.{item.code}.answered",
                "experience",
            )
        )
    figures += [
        Figure(
            "no_start",
            "Open with no start conversation",
            "drift.no_start",
            "drift.open",
            "drift",
        ),
        Figure(
            "no_recent",
            f"Open with no conversation for more than {drift_days} days",
            "drift.no_recent",
            "drift.open",
            "drift",
        ),
        Figure(
            "closed_without_end",
            "Closed without asking at the end",
            "drift.closed_without_end",
            "drift.closed",
            "drift",
        ),
    ]
    return figures


def catalogue() -> list[Figure]:
    """Every figure a project shows, in order (labels follow the council's drift threshold)."""
    return _catalogue(council_settings().drift_days)


def figure(key: str) -> Figure | None:
    return next((f for f in catalogue() if f.key == key), None)


def options_for(cases) -> measures.Options:
    """Measures options limited to these cases (any kind: the project's scope chose them)."""
    return measures.Options(
        period=WHOLE_COURSE,
        scope=measures.Scope(team_ids=None, enquiry_ids=cases.values("pk")),
        include_other=True,
    )


def count(cases) -> dict[str, int]:
    """The flat counts for one set of cases: four grouped queries whatever their number."""
    options = options_for(cases)
    flat: dict[str, int] = {}
    for key, value in measures.started_counts(options)[None].items():
        flat[f"started.{key}"] = value or 0
    concluded = measures.concluded_counts(options, only=CONCLUDED_KEYS)[None]
    for key in (*CONCLUDED_KEYS, "defined_via"):
        flat[f"concluded.{key}"] = concluded.get(key, 0) or 0
    for row in measures.experience_counts(options).get(None, []):
        topic = row["topic"]
        flat[f"experience.{topic}.{row['answer']}"] = row["n"]
        flat[f"experience.{topic}.answered"] = (
            flat.get(f"experience.{topic}.answered", 0) + row["n"]
        )
    for key, value in enquiry_selectors.drift_counts(exclude_restricted(cases)).items():
        flat[f"drift.{key}"] = value or 0
    return flat


def cases_behind(cases, key: str):
    """The enquiries a figure counts, among these cases, with the counts' own conditions."""
    chosen = figure(key)
    if chosen is None:
        return None
    source, _, name = chosen.num.partition(".")
    options = options_for(cases)
    if source == "started":
        return measures.started_cases(options, name)
    if source == "concluded":
        return measures.concluded_cases(options, name)
    if source == "experience":
        topic, _, answer = name.partition(".")
        return measures.experience_cases(options, topic, answer)
    return enquiry_selectors.drifting(exclude_restricted(cases), name)


@dataclass
class Cell:
    which: str  # PROJECT or BASELINE
    count: int | str
    out_of: int | str
    share: float | str
    raw: int  # the unsuppressed count, to decide whether to offer the list (never shown)


@dataclass
class Row:
    figure: Figure
    cells: list[Cell]  # in the order of SETS


def rows(figures: dict, presenter: Presenter, sections: tuple[str, ...] = ()) -> list[Row]:
    """Table rows for each figure (or some sections'), for the project and its baseline, each
    passed through the presenter. `figures` is what `live()` gives, or its frozen copy."""
    out = []
    drift_days = figures.get("drift_days")
    for item in _catalogue(drift_days) if drift_days is not None else catalogue():
        if sections and item.section not in sections:
            continue
        cells = []
        for name, flat in sets_of(figures).items():
            num = flat.get(item.num, 0)
            den = flat.get(item.den, 0) if item.den else None
            cells.append(
                Cell(
                    which=name,
                    count=presenter.count(num),
                    out_of="" if den is None else presenter.count(den),
                    share="" if den is None else presenter.percent(num, den),
                    raw=num,
                )
            )
        out.append(Row(figure=item, cells=cells))
    return out


# The figures shown beside each part 2 question that carries evidence; drift sits with
# engagement, since a drifting case is one where the person is not being talked with.
EVIDENCE = {
    "engagement": ("engagement", "drift"),
    "saying": ("saying",),
    "outcomes": ("outcomes",),
    "experience": ("experience",),
}


def evidence_rows(figures: dict, presenter: Presenter, question) -> list[Row]:
    return rows(figures, presenter, EVIDENCE[question.evidence])


def live(project_cases, baseline_cases) -> dict:
    """The figures as the records stand now, for the project and its baseline."""
    return {
        PROJECT: count(project_cases),
        BASELINE: count(baseline_cases),
        "as_at": today().isoformat(),
        "drift_days": council_settings().drift_days,
    }


def sets_of(figures: dict) -> dict[str, dict[str, int]]:
    """Only the two sets of counts from a figures dict (live or frozen)."""
    return {name: figures.get(name, {}) for name in SETS}
