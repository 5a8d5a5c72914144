"""Reading an interchange file set, one row at a time, whatever it arrived as.

Three CSV files (a folder, the three paths, or a ZIP of them) or an XLSX workbook with three
sheets. Rows are streamed: nothing here holds a whole table in memory.
"""

import csv
import io
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from msp.core.spreadsheets import FORMULA_STARTS
from msp.interop.formats import TABLES

CSV, XLSX = "csv", "xlsx"


class SourceError(Exception):
    """The upload as a whole cannot be read (not a ZIP, a missing table ...)."""


def cell_text(value) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without '.0', spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    # Our own exports defuse formulas with a leading apostrophe; read such a cell as its text.
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    return text


class Source(ABC):
    """An interchange file set. `rows(table)` yields (row number as the user sees it, cells)."""

    kind = CSV

    def __init__(self, name: str):
        self.name = name

    def location(self, table: str) -> str:
        return f"{table}.csv" if self.kind == CSV else f"{table} sheet"

    @abstractmethod
    def table(self, table: str):
        """A context manager giving (header, rows) for one table; rows is an iterator of
        (row number, list of texts). Each kind of file set reads its own way."""

    def close(self) -> None:  # noqa: B027 - most file sets hold nothing open
        """Release anything the file set holds open (a ZIP or a workbook)."""


def _csv_rows(binary) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    # utf-8-sig drops a byte-order mark if there is one (Excel writes one).
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        header = next(reader, [])
    except UnicodeDecodeError as error:
        raise SourceError(
            "is not UTF-8 text: save it as 'CSV UTF-8' and upload it again"
        ) from error

    def rows():
        number = 1
        try:
            for cells in reader:
                number += 1
                if any(c.strip() for c in cells):
                    yield number, [cell_text(c) for c in cells]
        except UnicodeDecodeError as error:
            raise SourceError(
                f"row {number + 1} is not UTF-8 text: save the file as 'CSV UTF-8' and upload it again"
            ) from error

    return [cell_text(h) for h in header], rows()


class CsvFiles(Source):
    def __init__(self, name: str, paths: dict[str, Path]):
        super().__init__(name)
        self.paths = paths

    @contextmanager
    def table(self, table):
        with open(self.paths[table], "rb") as binary:
            yield _csv_rows(binary)


class ZipOfCsv(Source):
    def __init__(self, name: str, archive: zipfile.ZipFile, members: dict[str, str]):
        super().__init__(name)
        self.archive = archive
        self.members = members

    @contextmanager
    def table(self, table):
        with self.archive.open(self.members[table]) as binary:
            yield _csv_rows(binary)

    def close(self):
        self.archive.close()


class Workbook(Source):
    kind = XLSX

    def __init__(self, name: str, book, sheets: dict[str, str]):
        super().__init__(name)
        self.book = book
        self.sheets = sheets

    @contextmanager
    def table(self, table):
        sheet = self.book[self.sheets[table]]
        values = sheet.iter_rows(values_only=True)
        header = [cell_text(v) for v in next(values, ())]

        def rows():
            for number, cells in enumerate(values, start=2):
                texts = [cell_text(v) for v in cells]
                if any(texts):
                    yield number, texts

        yield header, rows()

    def close(self):
        self.book.close()


def _by_table(names, stem) -> tuple[dict[str, str], list[str]]:
    found = {}
    for name in names:
        key = stem(name)
        if key in TABLES and key not in found:
            found[key] = name
    return found, [t for t in TABLES if t not in found]


def _open_workbook(name: str, handle) -> Workbook:
    import openpyxl

    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SourceError("could not be read as an Excel workbook (.xlsx)") from error
    sheets, missing = _by_table(book.sheetnames, lambda s: s.strip().lower())
    if missing:
        book.close()
        raise SourceError(
            f"has no sheet named {', '.join(missing)}: the workbook needs sheets named "
            "people, concerns and risks"
        )
    return Workbook(name, book, sheets)


def _open_zip(name: str, handle) -> Source:
    try:
        archive = zipfile.ZipFile(handle)
    except zipfile.BadZipFile as error:
        raise SourceError("is not a ZIP file or an Excel workbook") from error
    names = [n for n in archive.namelist() if not n.startswith("__MACOSX") and not n.endswith("/")]
    if "xl/workbook.xml" in names:
        archive.close()
        if hasattr(handle, "seek"):
            handle.seek(0)
        return _open_workbook(name, handle)
    members, missing = _by_table(
        [n for n in names if n.lower().endswith(".csv")],
        lambda n: PurePosixPath(n).stem.strip().lower(),
    )
    if missing:
        archive.close()
        raise SourceError(
            f"has no {', '.join(m + '.csv' for m in missing)}: the ZIP needs people.csv, "
            "concerns.csv and risks.csv"
        )
    return ZipOfCsv(name, archive, members)


def open_paths(paths: list[Path]) -> Source:
    """The file set at these paths: a folder, a ZIP, an XLSX workbook, or the three CSV files."""
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            raise SourceError(f"{path} does not exist")
    if len(paths) == 1 and paths[0].is_dir():
        folder = paths[0]
        files, missing = _by_table(
            sorted(str(p) for p in folder.iterdir() if p.suffix.lower() == ".csv"),
            lambda n: Path(n).stem.strip().lower(),
        )
        if missing:
            raise SourceError(
                f"{folder} has no {', '.join(m + '.csv' for m in missing)}: the folder needs "
                "people.csv, concerns.csv and risks.csv"
            )
        return CsvFiles(folder.name, {t: Path(p) for t, p in files.items()})
    if len(paths) == 1 and paths[0].suffix.lower() in (".zip", ".xlsx"):
        path = paths[0]
        try:
            return _open_zip(path.name, open(path, "rb"))  # noqa: SIM115 - closed by Source.close
        except SourceError as error:
            raise SourceError(f"{path.name} {error}") from error
    files, missing = _by_table([str(p) for p in paths], lambda n: Path(n).stem.strip().lower())
    if missing:
        raise SourceError(
            f"Give the folder, a ZIP or an XLSX workbook, or the three files people.csv, "
            f"concerns.csv and risks.csv (missing: {', '.join(m + '.csv' for m in missing)})"
        )
    return CsvFiles(
        "+".join(Path(p).name for p in files.values()), {t: Path(p) for t, p in files.items()}
    )


def open_bytes(name: str, data: bytes) -> Source:
    """A stored upload (a ZIP of the CSV files, or an XLSX workbook)."""
    try:
        return _open_zip(name, io.BytesIO(data))
    except SourceError as error:
        raise SourceError(f"{name} {error}") from error


def pack_csv_files(files: dict[str, bytes]) -> bytes:
    """Several uploaded CSV files as one ZIP, so every stored upload has the same shape."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(PurePosixPath(name).name, data)
    return buffer.getvalue()
