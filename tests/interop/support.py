"""Building small interchange file sets for the tests: rows as dicts, written as CSV, ZIP or XLSX."""

import csv
import io
import zipfile
from pathlib import Path

from msp.interop.formats import HEADERS, TABLES


def person(ref="P1", **values) -> dict:
    return {
        "person_ref": ref,
        "date_of_birth": "1940-05-01",
        "sex": "female",
        "ethnicity": "white",
        "primary_support_reason": "physical",
        "autism": "no",
        "aspergers": "no",
        **values,
    }


def concern(ref="C1", person_ref="P1", **values) -> dict:
    """A concluded s42 enquiry by default."""
    return {
        "concern_ref": ref,
        "person_ref": person_ref,
        "received_date": "2024-05-01",
        "team": "North locality",
        "enquiry_type": "s42",
        "enquiry_start_date": "2024-05-03",
        "enquiry_end_date": "2024-07-01",
        "action_and_result": "risk_identified_action",
        "risk_outcome": "reduced",
        "lacked_capacity": "did_not_lack_capacity",
        "advocate_support": "",
        "asked_outcomes": "asked_expressed",
        "outcomes_achieved": "fully",
        **values,
    }


def risk(concern_ref="C1", **values) -> dict:
    return {
        "concern_ref": concern_ref,
        "type_of_risk": "physical",
        "location_of_risk": "own_home",
        "source_of_risk": "other_known",
        **values,
    }


def file_set(people=None, concerns=None, risks=None) -> dict[str, list[dict]]:
    return {
        "people": [person()] if people is None else people,
        "concerns": [concern()] if concerns is None else concerns,
        "risks": [risk()] if risks is None else risks,
    }


def _rows(table, rows, header=None):
    header = header or HEADERS[table]
    return [header, *([row.get(h, "") for h in header] for row in rows)]


def csv_bytes(table, rows, header=None, bom=False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(_rows(table, rows, header))
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def write_folder(folder: Path, tables: dict, bom=False, headers=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        (folder / f"{table}.csv").write_bytes(
            csv_bytes(table, tables[table], (headers or {}).get(table), bom=bom)
        )
    return folder


def zip_bytes(tables: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for table in TABLES:
            archive.writestr(f"{table}.csv", csv_bytes(table, tables[table]))
    return buffer.getvalue()


def xlsx_bytes(tables: dict) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for table in TABLES:
        sheet = book.create_sheet(table)
        for row in _rows(table, tables[table]):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def staged_batch():
    """An upload waiting on the import page (for the permission sweep)."""
    from msp.accounts.models import Role
    from msp.interop.models import ImportBatch
    from tests.factories import UserFactory

    return ImportBatch.objects.create(
        file_name="upload.zip",
        content=zip_bytes(file_set()),
        uploaded_by=UserFactory(role=Role.PERFORMANCE_OFFICER),
    )
