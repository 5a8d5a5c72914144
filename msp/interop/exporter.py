"""Writing case records in the interchange format: a ZIP of three CSV files, a folder of them,
or an XLSX workbook with three sheets. Rows are streamed from the database in chunks, and every
cell goes through safe_cell so that nothing runs as a formula in a spreadsheet program.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from msp.accounts import policy
from msp.concerns.models import Allegation, Concern
from msp.core.spreadsheets import safe_cell
from msp.enquiries.models import Enquiry
from msp.interop.formats import CONCERNS, HEADERS, PEOPLE, RISKS, TABLES
from msp.people.models import Person
from msp.privacy.selectors import exclude_restricted

CHUNK = 2000


@dataclass(frozen=True)
class Selection:
    """Which records: concerns received in a period and/or handled by a team (all when empty).
    `viewer` is who exports: restricted people they may not open are left out, with their
    concerns and risks."""

    date_from: date | None = None
    date_to: date | None = None
    team_id: int | None = None
    viewer: Any = None

    @property
    def everything(self) -> bool:
        return self.date_from is None and self.date_to is None and self.team_id is None


def concerns_selected(selection: Selection) -> QuerySet[Concern]:
    # People whose processing is restricted (UK GDPR article 18) never leave in an export.
    concerns = exclude_restricted(Concern.objects.filter(archived_at__isnull=True))
    if selection.viewer is not None:
        concerns = policy.without_withheld(concerns, selection.viewer, "person_id")
    if selection.date_from:
        concerns = concerns.filter(received_date__gte=selection.date_from)
    if selection.date_to:
        concerns = concerns.filter(received_date__lte=selection.date_to)
    if selection.team_id:
        concerns = concerns.filter(team_id=selection.team_id)
    return concerns


def _ref(record) -> str:
    # A record imported from another system keeps that system's ref; our own records use ours.
    return record.source_reference or record.reference


def people_rows(selection: Selection):
    people = exclude_restricted(Person.objects.filter(archived_at__isnull=True), person_field="")
    if selection.viewer is not None:
        people = policy.without_withheld(people, selection.viewer)
    if not selection.everything:
        people = people.filter(pk__in=concerns_selected(selection).values("person_id"))
    for p in people.order_by("pk").iterator(chunk_size=CHUNK):
        yield [
            _ref(p),
            p.date_of_birth,
            p.date_of_death,
            p.sex,
            p.ethnicity,
            p.primary_support_reason,
            p.autism,
            p.aspergers,
        ]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def concern_rows(selection: Selection):
    concerns = (
        concerns_selected(selection)
        .select_related("person", "team")
        .order_by("pk")
        .iterator(chunk_size=CHUNK)
    )
    while batch := _take(concerns, CHUNK):
        enquiries = {
            e.concern_id: e for e in Enquiry.objects.filter(concern_id__in=[c.pk for c in batch])
        }
        for c in batch:
            e = enquiries.get(c.pk)
            row = [_ref(c), _ref(c.person), c.received_date, c.team.name, c.decision]
            if e is None:
                row += [""] * 8
            else:
                row += [
                    e.start_date,
                    e.end_date,
                    e.action_and_result,
                    e.risk_outcome,
                    e.sac_lacked_capacity,
                    _yes_no(e.sac_advocate_support),
                    e.sac_asked_outcomes,
                    e.sac_outcomes_achieved,
                ]
            yield row


def _take(iterator, size: int) -> list:
    batch = []
    for item in iterator:
        batch.append(item)
        if len(batch) == size:
            break
    return batch


def risk_rows(selection: Selection):
    allegations = (
        Allegation.objects.filter(archived_at__isnull=True)
        .filter(concern__in=concerns_selected(selection))
        .select_related("concern")
        .order_by("concern_id", "pk")
    )
    for a in allegations.iterator(chunk_size=CHUNK):
        yield [_ref(a.concern), a.type_of_risk, a.location_of_risk, a.source_of_risk]


ROWS = {PEOPLE: people_rows, CONCERNS: concern_rows, RISKS: risk_rows}


def _csv_cell(value):
    value = safe_cell(value)
    return value.isoformat() if isinstance(value, date) else value


def write_csv(stream, table: str, selection: Selection) -> int:
    """One table as CSV on a text stream; returns the number of rows."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(HEADERS[table])
    count = 0
    for row in ROWS[table](selection):
        writer.writerow([_csv_cell(cell) for cell in row])
        count += 1
    return count


def export_zip(target, selection: Selection) -> dict[str, int]:
    """The three CSV files in a ZIP, written to a path or a binary file object."""
    counts = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            with archive.open(f"{table}.csv", "w") as member:
                text = io.TextIOWrapper(member, encoding="utf-8", newline="")
                counts[table] = write_csv(text, table, selection)
                text.flush()
                text.detach()
    return counts


def export_folder(folder: Path, selection: Selection) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as stream:
            counts[table] = write_csv(stream, table, selection)
    return counts


def export_xlsx(target, selection: Selection) -> dict[str, int]:
    """A workbook with sheets people, concerns and risks, written to a path or file object."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    counts = {}
    for table in TABLES:
        sheet = book.create_sheet(title=table)
        sheet.append(HEADERS[table])
        count = 0
        for row in ROWS[table](selection):
            cells = []
            for value in row:
                value = safe_cell(value)
                if isinstance(value, date):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "yyyy-mm-dd"
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
            count += 1
        counts[table] = count
    book.save(target)
    return counts
