"""The return in the long CSV layout of the national publication (NHS England's, now DHSC's,
"Safeguarding Adults, England" data files): one line per cell, with the council's codes.

Columns, as NHSDigital/ASC-Safeguarding-Adults writes them (publication_outputs/
data_tables_export_outputs.py): GEOGRAPHY, COUNCIL_TYPE, REGION_CODE, REGION_NAME, ONS_CODE,
LA_CODE, LA_NAME, TABLE_REFERENCE, ENQUIRY_TYPE, CATEGORY, SUBCATEGORY, VALUE. CATEGORY is the
row's label and SUBCATEGORY the column's where the columns are categories (the source of risk
in SG2a); where the columns are enquiry types (concerns, s42, other) they are ENQUIRY_TYPE.

Disclosure control is not applied here: `present` is given by the caller, the identity for the
council's own submission and the publication's rounding and suppression for what is shared.
"""

from collections.abc import Callable

from msp import sac
from msp.core.models import council_settings, report_council_name
from msp.core.spreadsheets import csv_text
from msp.returns.build import ReturnResult

HEADER = [
    "GEOGRAPHY", "COUNCIL_TYPE", "REGION_CODE", "REGION_NAME", "ONS_CODE", "LA_CODE", "LA_NAME",
    "TABLE_REFERENCE", "ENQUIRY_TYPE", "CATEGORY", "SUBCATEGORY", "VALUE",
]  # fmt: skip
GEOGRAPHY = "England"
# Tables whose figures are "not available" ([x]) when the council recorded none at all, as the
# publication shows councils that returned no Making Safeguarding Personal data.
NOT_AVAILABLE_WHEN_EMPTY = {"SG4a_part1", "SG4a_part2"}


def council_columns() -> list[str]:
    council = council_settings()
    return [
        GEOGRAPHY,
        council.council_type,
        council.region_code,
        council.region_name,
        council.ons_code,
        council.cassr_code,
        report_council_name(),
    ]


def rows(
    result: ReturnResult,
    *,
    present: Callable[[int], int | str] = lambda n: n,
    not_available: str | None = None,
) -> list[list]:
    """Every cell of the return as the publication lays it out (header first), sorted as the
    publication sorts its file: table, enquiry type, category, subcategory.

    `present` turns each count into what is shown; `not_available`, when given, replaces the
    cells of a Making Safeguarding Personal table the council left empty.
    """
    spec = sac.spec_for(result.year)
    council = council_columns()
    out = []
    for code, cells in result.tables.items():
        table = spec.tables[code]
        row_labels = dict(spec.rows(code))
        column_labels = dict(spec.columns(code))
        empty = not any(c.value for c in cells)
        for cell in cells:
            value = present(cell.value)
            if not_available is not None and empty and code in NOT_AVAILABLE_WHEN_EMPTY:
                value = not_available
            out.append(
                [
                    *council,
                    table.reference,
                    table.enquiry_type(cell.column),
                    row_labels[cell.row],
                    column_labels[cell.column] if table.crosstab else "",
                    value,
                ]
            )
    out.sort(key=lambda r: (r[7], r[8], r[9], r[10]))
    return [HEADER, *out]


def as_csv(result: ReturnResult, **options) -> str:
    return csv_text(rows(result, **options))
