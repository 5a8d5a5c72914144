"""What an import tells the user back: every error as CSV, and the rows it could not take.

The rejected rows come back in the format they arrived in (a ZIP of CSV files, or a workbook)
with an extra "errors" column, so they can be corrected and uploaded again.
"""

import csv
import io
import zipfile

from msp.core.spreadsheets import csv_text, safe_cell
from msp.core.words import counted, joined
from msp.interop.formats import COLUMNS, ERRORS_COLUMN, HEADERS, REQUIRED, TABLES, Vocabulary
from msp.interop.reading import XLSX, Source
from msp.interop.validation import Problem, Validation

ERROR_HEADER = ["file", "row", "column", "value", "expected"]


def records_in_words(people: int, concerns: int, enquiries: int, risks: int) -> str:
    """ "1 person, 3 concerns, 3 enquiries and 2 risks": what an import brought in."""
    return joined(
        [
            counted(people, "person", "people"),
            counted(concerns, "concern"),
            counted(enquiries, "enquiry", "enquiries"),
            counted(risks, "risk"),
        ]
    )


def problem_cells(problem: Problem) -> list:
    return [problem.location, problem.row or "", problem.column, problem.value, problem.expected]


def errors_csv(validation: Validation) -> str:
    """Every error, one a line."""
    return csv_text([ERROR_HEADER, *(problem_cells(p) for p in validation.problems)])


def _rejected_rows(source: Source, validation: Validation, table: str):
    """The table's rows that had errors (as they were given), each with its errors."""
    by_row = validation.problems_by_row(table)
    with source.table(table) as (header, rows):
        yield [*[h for h in header if h.strip().lower() != ERRORS_COLUMN], ERRORS_COLUMN]
        keep = [i for i, h in enumerate(header) if h.strip().lower() != ERRORS_COLUMN]
        for number, cells in rows:
            problems = by_row.get(number)
            if not problems:
                continue
            given = [cells[i] if i < len(cells) else "" for i in keep]
            messages = "; ".join(f"{p.column}: {p.expected}" for p in problems)
            yield [*given, messages]


def rejected_rows(source: Source, validation: Validation) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the rejected rows, in the upload's own format."""
    stem = source.name.rsplit(".", 1)[0]
    if source.kind == XLSX:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for table in TABLES:
            sheet = book.create_sheet(title=table)
            for row in _rejected_rows(source, validation, table):
                sheet.append([safe_cell(cell) for cell in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return (
            buffer.getvalue(),
            f"{stem}-rejected.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            for row in _rejected_rows(source, validation, table):
                writer.writerow([safe_cell(cell) for cell in row])
            archive.writestr(f"{table}.csv", text.getvalue())
    return buffer.getvalue(), f"{stem}-rejected.zip", "application/zip"


KIND_WORDS = {
    "date": "a date, as YYYY-MM-DD",
    "code": "a code or its label",
    "yes_no": "yes or no",
    "text": "text",
}


def format_columns() -> list[dict]:
    """Every table's columns as the validation reads them: name, what goes in, whether required
    and the codes accepted. The format help page and the template both come from this."""
    vocabulary = Vocabulary()
    return [
        {
            "table": table,
            "columns": [
                {
                    "name": column.name,
                    "kind": KIND_WORDS[column.kind],
                    "required": column.name in REQUIRED[table],
                    "codes": vocabulary.codes.get(column.list_code, []) if column.list_code else [],
                    "max_length": column.max_length,
                    "note": column.note,
                }
                for column in COLUMNS[table]
            ],
        }
        for table in TABLES
    ]


def template_workbook() -> bytes:
    """An empty workbook to fill in: a sheet per table headed with its columns, and a sheet
    saying what each column takes."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for table in TABLES:
        book.create_sheet(title=table).append(HEADERS[table])
    guide = book.create_sheet(title="columns")
    guide.append(["table", "column", "what goes in", "required", "codes accepted", "notes"])
    for section in format_columns():
        for column in section["columns"]:
            guide.append(
                [
                    section["table"],
                    column["name"],
                    column["kind"],
                    "yes" if column["required"] else "no",
                    ", ".join(column["codes"]),
                    column["note"],
                ]
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
