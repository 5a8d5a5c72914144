"""Building the Safeguarding Adults Collection return for a reporting year."""

from dataclasses import dataclass, field

from msp.core.periods import ReportingYear
from msp.returns.selectors import YearData
from msp.returns.tables import Cell, compute_tables
from msp.returns.validation import Finding, run_rules


@dataclass
class ReturnResult:
    year: str
    tables: dict[str, list[Cell]]
    validation: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "year": self.year,
            "tables": {
                code: [cell.as_dict() for cell in cells] for code, cells in self.tables.items()
            },
            "validation": [finding.as_dict() for finding in self.validation],
        }

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.validation if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.validation if f.severity == "warning"]


def build_return(year: ReportingYear, *, include_validation: bool = True) -> ReturnResult:
    """Every table of the year's specification (in its order) and, unless told not to, the
    validation findings. Runs a fixed number of aggregate queries whatever the data size."""
    data = YearData(year)
    tables = compute_tables(data)
    findings = run_rules(data, tables) if include_validation else []
    return ReturnResult(year=year.label, tables=tables, validation=findings)
