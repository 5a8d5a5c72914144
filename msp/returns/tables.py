"""The Safeguarding Adults Collection tables: one function per table, catalogued in `COMPUTE`.

What each table is (its title, rows and columns, which cases it counts) is the year's
specification (msp/sac); here is only how each is counted from the year's aggregates
(`YearData`, selectors.py). Every function returns the whole grid as `Cell`s, zeros included,
in the specification's row and column order. Counting rules (docs/statutory-return.md has the
full reasoning):

- SG1: concerns by received date, enquiries by start date, in the year. SG1a-c count distinct
  people, once per column (concerns / s42 / other). SG1d and SG1e count cases, so a person with
  three enquiries appears three times, as the guidance allows; SG1f counts cases.
- Age is the specification's rule (msp/sac: on the year's last day, or at death if earlier);
  no date of birth, or under 18, is "unknown".
- SG2-SG4: section 42 enquiries concluded (end date) in the year. In the cross-tabulations an
  enquiry counts once in each distinct cell its allegations fall in. Every recorded answer is
  counted, also one given where it does not apply, so the consistency rules can name it.
- SG5: SARs completed in the year.
- A blank sex, ethnicity or primary support reason (or a code not on the year's list) is "not
  known". Blank closing answers, and codes not on the year's lists, are not counted anywhere:
  the validation report lists the records so they can be completed.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from msp.returns.selectors import YearData
from msp.sac.model import UNDER_ADULT, UNKNOWN


@dataclass(frozen=True)
class Cell:
    row: str
    column: str
    value: int

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value}


def grid(data: YearData, table: str, counts: dict[tuple[str, str], int]) -> list[Cell]:
    """Every cell of the table in row-major order, zero where nothing was counted. Counts for
    codes outside the year's lists are dropped (the DQ-UNLISTED-CODE rule names the records)."""
    columns = [code for code, _ in data.spec.columns(table)]
    return [
        Cell(row, column, int(counts.get((row, column), 0)))
        for row, _ in data.spec.rows(table)
        for column in columns
    ]


def _known(code, allowed: Iterable[str]) -> str:
    return code if code in allowed else "not_known"


CASE_COLUMNS = ("concerns", "s42", "other")


# --- SG1: demographics of concerns raised and enquiries commenced in the year ---------------


def _individuals_by(data: YearData, key: Callable[[dict], str]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.individuals:
        for column in CASE_COLUMNS:
            counts[(key(row), column)] += row[column]
    return counts


def sg1a(data: YearData) -> list[Cell]:
    """Individuals by age band (a person once per column); children are shown as unknown."""
    counts = _individuals_by(
        data, lambda row: UNKNOWN if row["band"] == UNDER_ADULT else row["band"]
    )
    return grid(data, "SG1a", counts)


def sg1b(data: YearData) -> list[Cell]:
    """Individuals by sex; blank or unlisted sex is "not known"."""
    allowed = data.spec.codes("sex")
    return grid(data, "SG1b", _individuals_by(data, lambda row: _known(row["sex"], allowed)))


def sg1c(data: YearData) -> list[Cell]:
    """Individuals by ethnic group; blank or unlisted ethnicity is "not known"."""
    allowed = data.spec.codes("ethnicity_groups")
    return grid(data, "SG1c", _individuals_by(data, lambda row: _known(row["ethnicity"], allowed)))


def sg1d(data: YearData) -> list[Cell]:
    """Cases by the person's primary support reason (a person once per case)."""
    allowed = data.spec.codes("primary_support_reason")
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.cases:
        counts[(_known(row["primary_support_reason"], allowed), row["column"])] += row["n"]
    return grid(data, "SG1d", counts)


def sg1e(data: YearData) -> list[Cell]:
    """Cases where the person has autism (excluding Asperger's) or Asperger's syndrome; someone
    recorded with both counts in both rows."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.cases:
        if row["autism"]:
            counts[("autism_excl_asperger", row["column"])] += row["n"]
        if row["aspergers"]:
            counts[("asperger_hfa", row["column"])] += row["n"]
    return grid(data, "SG1e", counts)


def sg1f(data: YearData) -> list[Cell]:
    """Total concerns received, s42 enquiries and other enquiries commenced in the year."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.cases:
        counts[("total", row["column"])] += row["n"]
    return grid(data, "SG1f", counts)


# --- SG2: case details of s42 enquiries concluded in the year -------------------------------


def _crosstab(data: YearData, table: str, row_field: str, column_field: str) -> list[Cell]:
    counts = {
        (r[row_field], r[column_field]): r["n"] for r in data.risk_crosstab(row_field, column_field)
    }
    return grid(data, table, counts)


def sg2a(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by type of risk and source of risk."""
    return _crosstab(data, "SG2a", "type_of_risk", "source_of_risk")


def sg2b(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by location of risk and source of risk."""
    return _crosstab(data, "SG2b", "location_of_risk", "source_of_risk")


def sg2_type_location(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by type of risk and location of risk (NHS reference SG2a_b1)."""
    return _crosstab(data, "SG2_type_location", "type_of_risk", "location_of_risk")


def answer_counts(data: YearData, answer: str) -> dict[tuple[str, str], int]:
    """Concluded s42 enquiries by one recorded answer (blank answers left out)."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.concluded_answers:
        if row[answer]:
            counts[(row[answer], "s42")] += row["n"]
    return counts


def sg2c(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by action taken and result."""
    return grid(data, "SG2c", answer_counts(data, "action_and_result"))


def sg2e(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by risk outcome: every recorded outcome is counted, so an outcome
    recorded where none applies shows up in the SG2e consistency rule."""
    return grid(data, "SG2e", answer_counts(data, "risk_outcome"))


# --- SG3 and SG4: capacity, advocacy and Making Safeguarding Personal -----------------------


def sg3a(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by whether the adult lacked capacity, plus how many were
    supported by an advocate, family or friend. Support is counted wherever it was recorded,
    so support recorded for someone who did not lack capacity shows up in SG3-ADVOCACY."""
    counts = answer_counts(data, "lacked_capacity")
    counts[("support_provided", "s42")] = sum(
        row["n"] for row in data.concluded_answers if row["advocate_support"]
    )
    return grid(data, "SG3a", counts)


def sg4a_part1(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by whether the person was asked about their desired outcomes."""
    return grid(data, "SG4a_part1", answer_counts(data, "asked_outcomes"))


def sg4a_part2(data: YearData) -> list[Cell]:
    """How far expressed outcomes were achieved: every recorded answer, so one given where no
    outcomes were expressed shows up in SG4-ACHIEVED."""
    return grid(data, "SG4a_part2", answer_counts(data, "outcomes_achieved"))


# --- SG5: Safeguarding Adults Reviews ------------------------------------------------------


def sg5a(data: YearData) -> list[Cell]:
    """SARs completed in the year, by whether one or more individuals died."""
    counts = {(code, "sars"): data.reviews[code] for code in ("one_or_more_died", "none_died")}
    return grid(data, "SG5a", counts)


def sg5b(data: YearData) -> list[Cell]:
    """Individuals involved in SARs completed in the year who died or survived serious harm."""
    counts = {(code, "individuals"): data.reviews[code] for code in ("harm_died", "harm_survived")}
    return grid(data, "SG5b", counts)


# How each table of the specification is counted. A year that adds a table adds its function.
COMPUTE: dict[str, Callable[[YearData], list[Cell]]] = {
    "SG1a": sg1a,
    "SG1b": sg1b,
    "SG1c": sg1c,
    "SG1d": sg1d,
    "SG1e": sg1e,
    "SG1f": sg1f,
    "SG2a": sg2a,
    "SG2b": sg2b,
    "SG2_type_location": sg2_type_location,
    "SG2c": sg2c,
    "SG2e": sg2e,
    "SG3a": sg3a,
    "SG4a_part1": sg4a_part1,
    "SG4a_part2": sg4a_part2,
    "SG5a": sg5a,
    "SG5b": sg5b,
}


def compute_tables(data: YearData) -> dict[str, list[Cell]]:
    """Every table of the year's specification, in its order."""
    missing = [code for code in data.spec.tables if code not in COMPUTE]
    if missing:
        raise LookupError(f"{data.year.label} specifies tables with no counting: {missing}")
    return {code: COMPUTE[code](data) for code in data.spec.tables}


def total(cells: list[Cell], column: str | None = None, rows: Iterable[str] | None = None) -> int:
    """Sum of a table's cells, optionally of one column and some rows."""
    wanted = set(rows) if rows is not None else None
    return sum(
        c.value
        for c in cells
        if (column is None or c.column == column) and (wanted is None or c.row in wanted)
    )


def value(cells: list[Cell], row: str, column: str) -> int:
    return next((c.value for c in cells if c.row == row and c.column == column), 0)
