"""The Safeguarding Adults Collection tables: one function per table, catalogued in `TABLES`.

Every function takes the year's `YearData` (the shared aggregate queries in selectors.py) and
returns the whole grid as `Cell`s, zeros included, with the codes of sac-categories.json for rows
and columns. Counting rules (docs/statutory-return.md has the full reasoning):

- SG1: concerns by received date, enquiries by start date, in the year. SG1a-c count distinct
  people, once per column (concerns / s42 / other). SG1d and SG1e count cases, so a person with
  three enquiries appears three times, as the guidance allows; SG1f counts cases.
- Age is taken on the last day of the year, or at death if earlier; no date of birth, or under 18,
  is "unknown".
- SG2-SG4: section 42 enquiries concluded (end date) in the year. In the cross-tabulations an
  enquiry counts once in each distinct cell its allegations fall in.
- SG5: SARs completed in the year.
- A blank sex, ethnicity or primary support reason (or a code not on the year's list) is "not
  known". Blank closing answers (SG2c-SG4a) are not counted anywhere: the validation report
  lists the enquiries so they can be completed.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from msp.core.periods import ReportingYear
from msp.reference import selectors as ref
from msp.returns.selectors import UNDER_18, YearData


@dataclass(frozen=True)
class Cell:
    row: str
    column: str
    value: int

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value}


Labels = list[tuple[str, str]]


@dataclass(frozen=True)
class TableSpec:
    code: str
    title: str
    period_basis: str
    row_heading: str
    column_heading: str
    rows: Callable[[ReportingYear], Labels]
    columns: Callable[[ReportingYear], Labels]
    compute: Callable[[YearData], list[Cell]]

    def row_labels(self, year: ReportingYear) -> Labels:
        return self.rows(year)

    def column_labels(self, year: ReportingYear) -> Labels:
        return self.columns(year)


def reference_list(list_code: str, overrides: dict[str, str] | None = None):
    """Rows from a reference list as it stood on the last day of the year (lists are versioned)."""

    def labels(year: ReportingYear) -> Labels:
        return [
            (item.code, (overrides or {}).get(item.code, item.label))
            for item in ref.items(list_code, on=year.end)
        ]

    return labels


def fixed(pairs: Labels):
    return lambda year: list(pairs)


CASE_COLUMNS: Labels = [
    ("concerns", "Safeguarding Concerns"),
    ("s42", "Section 42 Safeguarding Enquiries"),
    ("other", "Other Safeguarding Enquiries"),
]
S42_COLUMN: Labels = [("s42", "Concluded Section 42 Safeguarding Enquiries")]
AGE_BANDS = reference_list("age_bands_sg1a", {"unknown": "Age unknown"})
SEX = reference_list("sex")
ETHNICITY = reference_list("ethnicity_groups")
SUPPORT_REASON = reference_list("primary_support_reason")
HEALTH_CONDITIONS = fixed(
    [
        (
            "autism_excl_asperger",
            "Learning, Developmental or Intellectual Disability (Autism excluding Asperger's "
            "Syndrome/ High Functioning Autism)",
        ),
        (
            "asperger_hfa",
            "Learning, Developmental or Intellectual Disability (Asperger's Syndrome/ High "
            "Functioning Autism)",
        ),
    ]
)
TYPE_OF_RISK = reference_list("type_of_risk")
LOCATION_OF_RISK = reference_list("location_of_risk")
SOURCE_OF_RISK = reference_list("source_of_risk")
ACTION_AND_RESULT = reference_list("action_taken_and_result")
RISK_OUTCOME = reference_list("risk_outcome")
CAPACITY = fixed(
    [
        ("lacked_capacity", "Yes, they lacked capacity"),
        ("did_not_lack_capacity", "No, they did not lack capacity"),
        ("dont_know", "Don't know"),
        ("not_recorded", "Not recorded"),
        (
            "support_provided",
            "Of which (lacked capacity): support provided by an advocate, family or friend",
        ),
    ]
)
ASKED_OUTCOMES = reference_list("msp_asked_desired_outcomes")
OUTCOMES_ACHIEVED = reference_list("msp_outcomes_achieved")
RISK_IDENTIFIED = ("risk_identified_action", "risk_identified_no_action")


def grid(
    year: ReportingYear,
    rows: Callable[[ReportingYear], Labels],
    columns: Callable[[ReportingYear], Labels],
    counts: dict[tuple[str, str], int],
) -> list[Cell]:
    """Every cell of the table in row-major order, zero where nothing was counted. Counts for
    codes outside the year's lists are dropped (validation would name the records)."""
    column_codes = [code for code, _ in columns(year)]
    return [
        Cell(row, column, int(counts.get((row, column), 0)))
        for row, _ in rows(year)
        for column in column_codes
    ]


def _known(code, allowed: Iterable[str]) -> str:
    return code if code in allowed else "not_known"


def _codes(labels: Callable[[ReportingYear], Labels], year: ReportingYear) -> set[str]:
    return {code for code, _ in labels(year)}


# --- SG1: demographics of concerns raised and enquiries commenced in the year ---------------


def _individuals_by(data: YearData, key: Callable[[dict], str]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.individuals:
        for column, _ in CASE_COLUMNS:
            counts[(key(row), column)] += row[column]
    return counts


def sg1a(data: YearData) -> list[Cell]:
    """Individuals by age band (a person once per column)."""
    counts = _individuals_by(
        data, lambda row: "unknown" if row["band"] == UNDER_18 else row["band"]
    )
    return grid(data.year, AGE_BANDS, CASES, counts)


def sg1b(data: YearData) -> list[Cell]:
    """Individuals by sex; blank or unlisted sex is "not known"."""
    allowed = _codes(SEX, data.year)
    counts = _individuals_by(data, lambda row: _known(row["sex"], allowed))
    return grid(data.year, SEX, CASES, counts)


def sg1c(data: YearData) -> list[Cell]:
    """Individuals by ethnic group; blank or unlisted ethnicity is "not known"."""
    allowed = _codes(ETHNICITY, data.year)
    counts = _individuals_by(data, lambda row: _known(row["ethnicity"], allowed))
    return grid(data.year, ETHNICITY, CASES, counts)


def sg1d(data: YearData) -> list[Cell]:
    """Cases by the person's primary support reason (a person once per case)."""
    allowed = _codes(SUPPORT_REASON, data.year)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.cases:
        reason = _known(row["person__primary_support_reason"], allowed)
        counts[(reason, row["column"])] += row["n"]
    return grid(data.year, SUPPORT_REASON, CASES, counts)


def sg1e(data: YearData) -> list[Cell]:
    """Cases where the person has autism (excluding Asperger's) or Asperger's syndrome; someone
    recorded with both counts in both rows."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.cases:
        if row["person__autism"]:
            counts[("autism_excl_asperger", row["column"])] += row["n"]
        if row["person__aspergers"]:
            counts[("asperger_hfa", row["column"])] += row["n"]
    return grid(data.year, HEALTH_CONDITIONS, CASES, counts)


def sg1f(data: YearData) -> list[Cell]:
    """Total concerns received, s42 enquiries and other enquiries commenced in the year."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.cases:
        counts[("total", row["column"])] += row["n"]
    return grid(data.year, fixed([("total", "Total")]), CASES, counts)


# --- SG2: case details of s42 enquiries concluded in the year -------------------------------


def _crosstab(data, row_field, column_field, rows, columns) -> list[Cell]:
    counts = {
        (r[row_field], r[column_field]): r["n"] for r in data.risk_crosstab(row_field, column_field)
    }
    return grid(data.year, rows, columns, counts)


def sg2a(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by type of risk and source of risk."""
    return _crosstab(data, "type_of_risk", "source_of_risk", TYPE_OF_RISK, SOURCE_OF_RISK)


def sg2b(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by location of risk and source of risk."""
    return _crosstab(data, "location_of_risk", "source_of_risk", LOCATION_OF_RISK, SOURCE_OF_RISK)


def sg2_type_location(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by type of risk and location of risk (NHS reference SG2a_b1)."""
    return _crosstab(data, "type_of_risk", "location_of_risk", TYPE_OF_RISK, LOCATION_OF_RISK)


def _answer_counts(data: YearData, field: str, where=None) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in data.concluded_answers:
        if row[field] and (where is None or where(row)):
            counts[(row[field], "s42")] += row["n"]
    return counts


def sg2c(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by action taken and result."""
    counts = _answer_counts(data, "action_and_result")
    return grid(data.year, ACTION_AND_RESULT, S42, counts)


def sg2e(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by risk outcome: every recorded outcome is counted, so an outcome
    recorded where no risk was identified shows up in the SG2e consistency rule."""
    counts = _answer_counts(data, "risk_outcome")
    return grid(data.year, RISK_OUTCOME, S42, counts)


# --- SG3 and SG4: capacity, advocacy and Making Safeguarding Personal -----------------------


def sg3a(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by whether the adult lacked capacity, plus how many of those who
    lacked capacity were supported by an advocate, family or friend."""
    counts = _answer_counts(data, "sac_lacked_capacity")
    counts[("support_provided", "s42")] = sum(
        row["n"]
        for row in data.concluded_answers
        if row["sac_lacked_capacity"] == "lacked_capacity" and row["sac_advocate_support"]
    )
    return grid(data.year, CAPACITY, S42, counts)


def sg4a_part1(data: YearData) -> list[Cell]:
    """Concluded s42 enquiries by whether the person was asked about their desired outcomes."""
    counts = _answer_counts(data, "sac_asked_outcomes")
    return grid(data.year, ASKED_OUTCOMES, S42, counts)


def sg4a_part2(data: YearData) -> list[Cell]:
    """Of the enquiries where outcomes were expressed, how far they were achieved."""
    counts = _answer_counts(
        data,
        "sac_outcomes_achieved",
        where=lambda row: row["sac_asked_outcomes"] == "asked_expressed",
    )
    return grid(data.year, OUTCOMES_ACHIEVED, S42, counts)


# --- SG5: Safeguarding Adults Reviews ------------------------------------------------------


def sg5a(data: YearData) -> list[Cell]:
    """SARs completed in the year, by whether one or more individuals died."""
    counts = {(code, "sars"): data.reviews[code] for code in ("one_or_more_died", "none_died")}
    return grid(data.year, SG5A_ROWS, SARS, counts)


def sg5b(data: YearData) -> list[Cell]:
    """Individuals involved in SARs completed in the year who died or survived serious harm."""
    counts = {(code, "individuals"): data.reviews[code] for code in ("harm_died", "harm_survived")}
    return grid(data.year, SG5B_ROWS, INDIVIDUALS, counts)


def _spec(code, title, basis, row_heading, column_heading, rows, columns, compute) -> TableSpec:
    return TableSpec(code, title, basis, row_heading, column_heading, rows, columns, compute)


RAISED = "Concerns received and enquiries commenced in the year"
CONCLUDED = "Section 42 enquiries concluded in the year"
SG5A_ROWS = fixed(
    [
        ("one_or_more_died", "Where one or more individuals died"),
        ("none_died", "Where no individuals died"),
    ]
)
SG5B_ROWS = fixed(
    [
        ("harm_died", "Who suffered serious harm and died"),
        ("harm_survived", "Who suffered serious harm and survived"),
    ]
)
CASES = fixed(CASE_COLUMNS)
S42 = fixed(S42_COLUMN)
SARS = fixed([("sars", "Safeguarding Adults Reviews")])
INDIVIDUALS = fixed([("individuals", "Individuals")])

# The catalogue, in the order the tables appear in the return.
TABLES: dict[str, TableSpec] = {
    spec.code: spec
    for spec in [
        _spec("SG1a", "Individuals by age band", RAISED, "Age band", "Individuals involved in", AGE_BANDS, CASES, sg1a),
        _spec("SG1b", "Individuals by sex", RAISED, "Sex", "Individuals involved in", SEX, CASES, sg1b),
        _spec("SG1c", "Individuals by ethnicity", RAISED, "Ethnic group", "Individuals involved in", ETHNICITY, CASES, sg1c),
        _spec("SG1d", "Cases by primary support reason", RAISED, "Primary support reason", "Cases", SUPPORT_REASON, CASES, sg1d),
        _spec("SG1e", "Cases by health condition (autism and Asperger's syndrome)", RAISED, "Health condition", "Cases", HEALTH_CONDITIONS, CASES, sg1e),
        _spec("SG1f", "Total number of concerns, section 42 enquiries and other enquiries", RAISED, "", "Cases", fixed([("total", "Total")]), CASES, sg1f),
        _spec("SG2a", "Concluded section 42 enquiries by type of risk and source of risk", CONCLUDED, "Type of risk", "Source of risk", TYPE_OF_RISK, SOURCE_OF_RISK, sg2a),
        _spec("SG2b", "Concluded section 42 enquiries by location of risk and source of risk", CONCLUDED, "Location of risk", "Source of risk", LOCATION_OF_RISK, SOURCE_OF_RISK, sg2b),
        _spec("SG2_type_location", "Concluded section 42 enquiries by type of risk and location of risk (SG2a_b1)", CONCLUDED, "Type of risk", "Location of risk", TYPE_OF_RISK, LOCATION_OF_RISK, sg2_type_location),
        _spec("SG2c", "Concluded section 42 enquiries by action taken and result", CONCLUDED, "Action taken and result", "Enquiries", ACTION_AND_RESULT, S42, sg2c),
        _spec("SG2e", "Concluded section 42 enquiries where a risk was identified, by risk outcome", CONCLUDED, "Risk outcome", "Enquiries", RISK_OUTCOME, S42, sg2e),
        _spec("SG3a", "Concluded section 42 enquiries: did the adult lack capacity, and support by an advocate, family or friend", CONCLUDED, "Lacked capacity", "Enquiries", CAPACITY, S42, sg3a),
        _spec("SG4a_part1", "Making Safeguarding Personal: was the individual or their representative asked what their desired outcomes were", CONCLUDED, "Asked about desired outcomes", "Enquiries", ASKED_OUTCOMES, S42, sg4a_part1),
        _spec("SG4a_part2", "Making Safeguarding Personal: were the expressed outcomes achieved", CONCLUDED, "Outcomes achieved", "Enquiries", OUTCOMES_ACHIEVED, S42, sg4a_part2),
        _spec("SG5a", "Safeguarding Adults Reviews completed in the year", "Reviews completed in the year", "", "Reviews", SG5A_ROWS, SARS, sg5a),
        _spec("SG5b", "Individuals involved in Safeguarding Adults Reviews completed in the year", "Reviews completed in the year", "", "Individuals", SG5B_ROWS, INDIVIDUALS, sg5b),
    ]
}  # fmt: skip


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
