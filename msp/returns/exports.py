"""The return as files: JSON (the contract other tools read), CSV (one long file of codes), the
national publication's long CSV layout (labels and the council's codes: publication.py) and XLSX
(one grid per table with the official labels, plus the validation report). Every spreadsheet
cell goes through msp.core.spreadsheets so nothing in it can run as a formula. This is the
council's own submission: no disclosure control is applied."""

import io
import json

from openpyxl import Workbook

from msp import sac
from msp.core.spreadsheets import csv_text, xlsx_sheet
from msp.returns import publication
from msp.returns.build import ReturnResult

FORMATS = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "publication": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def filename(result: ReturnResult, fmt: str) -> str:
    if fmt == "publication":
        return f"sac-return-{result.year}-publication-layout.csv"
    return f"sac-return-{result.year}.{fmt}"


def as_json(result: ReturnResult) -> str:
    return json.dumps(result.as_json(), indent=2)


def as_csv(result: ReturnResult) -> str:
    """One file, one line per cell: table,row,column,value (codes from sac-categories.json)."""
    rows: list[list] = [["table", "row", "column", "value"]]
    for code, cells in result.tables.items():
        rows += [[code, cell.row, cell.column, cell.value] for cell in cells]
    return csv_text(rows)


def table_grid(result: ReturnResult, code: str) -> dict:
    """A table laid out for people: the official row and column labels around the counts."""
    spec = sac.spec_for(result.year)
    table = spec.tables[code]
    columns = spec.columns(code)
    values = {(c.row, c.column): c.value for c in result.tables[code]}
    return {
        "code": code,
        "title": table.title,
        "basis": BASES[table.basis],
        "row_heading": table.row_heading,
        "column_heading": table.column_heading,
        "columns": [label for _, label in columns],
        "rows": [
            (label, [values.get((row, column), 0) for column, _ in columns])
            for row, label in spec.rows(code)
        ],
    }


BASES = {
    "raised": "Concerns received and enquiries commenced in the year",
    "concluded": "Section 42 enquiries concluded in the year",
    "reviews": "Reviews completed in the year",
}


def as_xlsx(result: ReturnResult) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for code in result.tables:
        grid = table_grid(result, code)
        rows: list[list] = [
            [f"{code}: {grid['title']}"],
            [f"{grid['basis']}, {result.year}"],
            [],
            [grid["row_heading"], *grid["columns"]],
        ]
        rows += [[label, *values] for label, values in grid["rows"]]
        sheet = xlsx_sheet(workbook, code, rows)
        sheet.column_dimensions["A"].width = 60
    findings: list[list] = [["Rule", "Severity", "Message", "Records", "Links (first 50)"]]
    for finding in result.validation:
        findings.append(
            [
                finding.rule,
                finding.severity,
                finding.message,
                finding.total,
                " ".join(link.href for link in finding.links),
            ]
        )
    if len(findings) == 1:
        findings.append(["", "", "No problems found", "", ""])
    xlsx_sheet(workbook, "Validation", findings)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(result: ReturnResult, fmt: str) -> bytes:
    if fmt == "json":
        return as_json(result).encode("utf-8")
    if fmt == "csv":
        return as_csv(result).encode("utf-8")
    if fmt == "publication":
        return publication.as_csv(result).encode("utf-8")
    if fmt == "xlsx":
        return as_xlsx(result)
    raise ValueError(f"The format must be one of {', '.join(FORMATS)}, not {fmt!r}")
