"""Validating an interchange file set: every row, every rule, every error collected.

Rows are read one at a time and kept as compact tuples (no model objects), so a file of 100,000
concerns validates in flat memory. Every problem names the file or sheet, the row number as a
spreadsheet shows it (the header is row 1), the column, the value and what was expected.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db.models import Q

from msp import sac
from msp.concerns.models import Concern
from msp.core.dates import date_problem, today
from msp.core.words import row_ranges
from msp.interop.formats import (
    ADVOCATE_SUPPORT_LABEL,
    CODE,
    COLUMNS,
    CONCERNS,
    DATE,
    ERRORS_COLUMN,
    HEADERS,
    NO,
    PEOPLE,
    REQUIRED,
    RISKS,
    TABLES,
    YES,
    YES_NO,
    Vocabulary,
    normalise,
)
from msp.interop.reading import Source, SourceError
from msp.people.models import Person

ENQUIRY_KINDS = ("s42", "other")
ENQUIRY_COLUMNS = (
    "enquiry_start_date",
    "enquiry_end_date",
    "action_and_result",
    "risk_outcome",
    "lacked_capacity",
    "advocate_support",
    "asked_outcomes",
    "outcomes_achieved",
)
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters no cell may hold: PostgreSQL refuses NUL outright, and none belongs in a record.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LOOKUP_CHUNK = 500


class Problem(NamedTuple):
    location: str  # "people.csv" or "people sheet"
    table: str
    row: int  # 0 for a problem of the whole file, or of several rows (then named in `rows`)
    column: str
    value: str
    expected: str
    rows: tuple[int, ...] = ()

    def __str__(self) -> str:
        value = f"“{self.value}”" if self.value else "blank"
        where = [self.location, *([f"row {self.row}"] if self.row else [])]
        if self.column:
            where.append(f"{self.column} ({value})")
        return f"{', '.join(where)}: {self.expected}"


class PersonRow(NamedTuple):
    row: int
    date_of_birth: date | None
    date_of_death: date | None
    sex: str
    ethnicity: str
    primary_support_reason: str
    autism: bool
    aspergers: bool


class ConcernRow(NamedTuple):
    row: int
    person_ref: str
    received_date: date | None
    team: str
    enquiry_type: str
    enquiry_start_date: date | None
    enquiry_end_date: date | None
    action_and_result: str
    risk_outcome: str
    lacked_capacity: str
    advocate_support: bool | None
    asked_outcomes: str
    outcomes_achieved: str


class RiskRow(NamedTuple):
    row: int
    concern_ref: str
    type_of_risk: str
    location_of_risk: str
    source_of_risk: str


@dataclass
class Counts:
    people_new: int = 0
    people_present: int = 0
    concerns_new: int = 0
    concerns_present: int = 0
    enquiries_new: int = 0
    risks_new: int = 0
    risks_present: int = 0

    @property
    def rows_new(self) -> int:
        return self.people_new + self.concerns_new + self.risks_new

    def as_dict(self) -> dict:
        return {**self.__dict__, "rows_new": self.rows_new}


@dataclass
class Validation:
    """The outcome of validating a file set; `commit` in msp.interop.importer writes it."""

    source_name: str
    people: dict[str, PersonRow] = field(default_factory=dict)
    concerns: dict[str, ConcernRow] = field(default_factory=dict)
    risks: list[RiskRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bad_rows: dict[str, set[int]] = field(default_factory=lambda: {t: set() for t in TABLES})
    # Refs already in the database: ref -> (pk, date of birth) for people, ref -> pk for concerns.
    existing_people: dict[str, tuple[int, date | None]] = field(default_factory=dict)
    existing_concerns: dict[str, int] = field(default_factory=dict)
    # Whole-upload problems (unreadable file, missing sheet): nothing can be imported.
    fatal: bool = False
    # The team chosen for new concerns whose team column is blank (none chosen: they are errors).
    blank_team_id: int | None = None
    # The rows of new concerns that name no team.
    rows_without_team: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def person_ok(self, ref: str) -> bool:
        row = self.people.get(ref)
        return row.row not in self.bad_rows[PEOPLE] if row else ref in self.existing_people

    def concern_ok(self, ref: str) -> bool:
        row = self.concerns.get(ref)
        return row is not None and row.row not in self.bad_rows[CONCERNS]

    def counts(self, *, valid_only: bool = True) -> Counts:
        """What an import would write (only the valid rows, unless asked for everything)."""
        counts = Counts()
        for ref, person in self.people.items():
            if valid_only and person.row in self.bad_rows[PEOPLE]:
                continue
            if ref in self.existing_people:
                counts.people_present += 1
            else:
                counts.people_new += 1
        for ref, concern in self.concerns.items():
            if valid_only and concern.row in self.bad_rows[CONCERNS]:
                continue
            if ref in self.existing_concerns:
                counts.concerns_present += 1
            else:
                counts.concerns_new += 1
                counts.enquiries_new += concern.enquiry_type in ENQUIRY_KINDS
        for risk in self.risks:
            if valid_only and risk.row in self.bad_rows[RISKS]:
                continue
            if risk.concern_ref in self.existing_concerns:
                counts.risks_present += 1
            else:
                counts.risks_new += 1
        return counts

    def problems_by_row(self, table: str) -> dict[int, list[Problem]]:
        found: dict[int, list[Problem]] = {}
        for problem in self.problems:
            if problem.table == table:
                for row in problem.rows or (problem.row,):
                    found.setdefault(row, []).append(problem)
        return found


class _Table:
    """Parses the rows of one table, collecting problems as it goes."""

    def __init__(self, validation: Validation, vocabulary: Vocabulary, location: str, table: str):
        self.v = validation
        self.vocabulary = vocabulary
        self.location = location
        self.table = table
        self.today = today()

    def problem(self, row: int, column: str, value: str, expected: str) -> None:
        # Problems are kept (as JSON) with the upload: no control character may go with them.
        value, column = CONTROL.sub("?", str(value)), CONTROL.sub("?", str(column))
        self.v.problems.append(Problem(self.location, self.table, row, column, value, expected))
        self.v.bad_rows[self.table].add(row)

    def header(self, header: list[str]) -> dict[str, int] | None:
        self.width = len(header)
        names = [normalise(h) for h in header]
        known = set(HEADERS[self.table])
        index: dict[str, int] = {}
        ok = True
        for position, name in enumerate(names):
            if name in known and name not in index:
                index[name] = position
            elif name in known:
                self.problem(1, name, header[position], f"Remove the second {name} column")
                ok = False
            elif name and name != ERRORS_COLUMN:
                self.problem(
                    1,
                    header[position],
                    header[position],
                    f"Remove this column or rename it to one of: {', '.join(HEADERS[self.table])}",
                )
                ok = False
        for name in HEADERS[self.table]:
            if name in REQUIRED[self.table] or name == "enquiry_type":
                if name not in index:
                    self.problem(1, name, "", f"Add a column headed {name}")
                    ok = False
        return index if ok else None

    def parse(self, number: int, cells: list[str], index: dict[str, int]) -> tuple[dict, bool]:
        """The row's values as Python values (None or blank where unreadable), and whether all
        were readable."""
        values = {}
        ok = True
        for column in COLUMNS[self.table]:
            position = index.get(column.name)
            raw = cells[position] if position is not None and position < len(cells) else ""
            if not raw:
                if column.name in REQUIRED[self.table]:
                    self.problem(
                        number, column.name, raw, f"Enter the {column.name}: it is required"
                    )
                    ok = False
                values[column.name] = None if column.kind in (DATE, YES_NO) else ""
                continue
            if column.kind == DATE:
                parsed = _date(raw)
                if parsed is None:
                    self.problem(number, column.name, raw, "Enter a date as YYYY-MM-DD")
                    ok = False
                elif too_early := date_problem(parsed, column.name, past_only=False):
                    self.problem(number, column.name, raw, too_early)
                    ok = False
                elif parsed > self.today:
                    self.problem(
                        number,
                        column.name,
                        raw,
                        f"Enter a date that is not in the future (today is {self.today.isoformat()})",
                    )
                    ok = False
                values[column.name] = parsed
            elif column.kind == CODE:
                code = self.vocabulary.code(column.list_code, raw)
                if code is None:
                    self.problem(
                        number, column.name, raw, self.vocabulary.expected(column.list_code)
                    )
                    ok = False
                values[column.name] = code or ""
            elif column.kind == YES_NO:
                answer = _yes_no(raw, column.name)
                if answer is None:
                    self.problem(
                        number, column.name, raw, "Enter yes or no (or y/n, true/false, 1/0)"
                    )
                    ok = False
                values[column.name] = answer
            else:
                if CONTROL.search(raw):
                    self.problem(
                        number,
                        column.name,
                        raw[:40],
                        "Remove the control characters (such as NUL) from this cell",
                    )
                    ok = False
                elif len(raw) > column.max_length:
                    self.problem(
                        number,
                        column.name,
                        raw[:40] + "…",
                        f"Use at most {column.max_length} characters",
                    )
                    ok = False
                values[column.name] = raw
        if any(cells[self.width :]):
            extra = next(c for c in cells[self.width :] if c)
            self.problem(
                number,
                "(beyond the last column)",
                extra,
                "Remove the cells to the right of the last column, or give them a header",
            )
            ok = False
        return values, ok


def _date(raw: str) -> date | None:
    if not DATE_PATTERN.match(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _yes_no(raw: str, column: str) -> bool | None:
    text = normalise(raw)
    if text in YES or (column == "advocate_support" and text == ADVOCATE_SUPPORT_LABEL):
        return True
    if text in NO:
        return False
    return None


def validate(source: Source, *, blank_team_id: int | None = None) -> Validation:
    """Read and check every row of the file set. Nothing is written.

    `blank_team_id` is the team chosen for new concerns that name no team; without one, such
    concerns are an error (one, naming their rows)."""
    validation = Validation(source_name=source.name, blank_team_id=blank_team_id)
    vocabulary = Vocabulary()
    try:
        _people(validation, vocabulary, source)
        _concerns(validation, vocabulary, source)
        _risks(validation, vocabulary, source)
    except SourceError as error:
        validation.fatal = True
        validation.problems.append(Problem(source.name, "", 0, "", "", str(error)))
        return validation
    _look_up_existing(validation)
    _cross_checks(validation, source)
    validation.problems.sort(key=lambda p: (TABLES.index(p.table) if p.table else -1, p.row))
    return validation


def _read(validation, vocabulary, source, table):
    checker = _Table(validation, vocabulary, source.location(table), table)
    try:
        with source.table(table) as (header, rows):
            index = checker.header(header)
            if index is None:
                validation.fatal = True
                return
            for number, cells in rows:
                values, ok = checker.parse(number, cells, index)
                yield checker, number, values, ok
    except SourceError as error:
        raise SourceError(f"{source.location(table)} {error}") from error


def _people(validation: Validation, vocabulary: Vocabulary, source: Source) -> None:
    for checker, number, values, _ok in _read(validation, vocabulary, source, PEOPLE):
        ref = values["person_ref"]
        if not ref:
            continue
        if ref in validation.people:
            checker.problem(
                number,
                "person_ref",
                ref,
                f"person_ref {ref} is already used on row {validation.people[ref].row}: "
                "each person appears once",
            )
            continue
        # A person's details have no date of their own: they take today's lists.
        for column, expected in _not_in_year(values, COLUMNS[PEOPLE], sac.spec_on(), vocabulary):
            checker.problem(number, column, values[column], expected)
        dob, dod = values["date_of_birth"], values["date_of_death"]
        if dob and dod and dod < dob:
            checker.problem(
                number,
                "date_of_death",
                dod.isoformat(),
                f"date_of_death must not be before date_of_birth ({dob.isoformat()})",
            )
        validation.people[ref] = PersonRow(
            number,
            dob,
            dod,
            values["sex"],
            values["ethnicity"],
            values["primary_support_reason"],
            bool(values["autism"]),
            bool(values["aspergers"]),
        )


def _concerns(validation: Validation, vocabulary: Vocabulary, source: Source) -> None:
    for checker, number, values, ok in _read(validation, vocabulary, source, CONCERNS):
        ref = values["concern_ref"]
        if not ref:
            continue
        if ref in validation.concerns:
            checker.problem(
                number,
                "concern_ref",
                ref,
                f"concern_ref {ref} is already used on row {validation.concerns[ref].row}: "
                "each concern appears once",
            )
            continue
        # Cross-column rules only on readable rows: a mistyped date is one error, not three.
        for column, expected in _concern_rules(values, vocabulary) if ok else ():
            value = values[column]
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            checker.problem(number, column, value or "", expected)
        validation.concerns[ref] = ConcernRow(
            number,
            values["person_ref"],
            values["received_date"],
            values["team"],
            values["enquiry_type"],
            values["enquiry_start_date"],
            values["enquiry_end_date"],
            values["action_and_result"],
            values["risk_outcome"],
            values["lacked_capacity"],
            values["advocate_support"],
            values["asked_outcomes"],
            values["outcomes_achieved"],
        )


def _not_in_year(values: dict, columns, spec, vocabulary: Vocabulary):
    """Codes read from the file that were not in use in the row's year."""
    for column in columns:
        code = values[column.name]
        if column.kind == CODE and column.list_code in spec.lists and code:
            if code not in spec.codes(column.list_code):
                yield (
                    column.name,
                    f"{code} was not in use in {spec.year}: "
                    + vocabulary.expected(column.list_code, spec),
                )


def _answer_year(values: dict):
    """The year a concern row's statutory answers belong to: the enquiry's conclusion (or its
    start while open, or the concern's receipt)."""
    day = values["enquiry_end_date"] or values["enquiry_start_date"] or values["received_date"]
    return sac.spec_on(day) if day else sac.spec_on()


def _answer_rules(values: dict, spec, kind: str) -> Iterable[tuple[str, str]]:
    """The year's answer dependencies (msp/sac), worded with the file's column names."""
    concluded = values["enquiry_end_date"] is not None
    for answer in spec.answers.values():
        problem = answer.problem(values, kind=kind, concluded=concluded)
        name = answer.name
        enter = f"Enter {name} (yes or no)" if answer.list_code is None else f"Enter {name}"
        when = answer.only_when
        if problem == "missing" and when is None:
            yield name, f"{enter}: it is required for a concluded {kind} enquiry"
        elif problem == "missing":
            yield (
                name,
                f"{enter}: it is required for a concluded enquiry when {when.answer} is "
                f"{values[when.answer]} ({when.text})",
            )
        elif problem == "not_applicable":
            codes = ", ".join(sorted(when.codes))
            yield (
                name,
                f"Leave {name} blank: it is only recorded when {when.answer} is {codes} "
                f"({when.text})",
            )


def _concern_rules(values: dict, vocabulary: Vocabulary) -> Iterable[tuple[str, str]]:
    """The cross-column rules of one concern row: (column, what was expected)."""
    kind = values["enquiry_type"]
    received, start, end = (
        values["received_date"],
        values["enquiry_start_date"],
        values["enquiry_end_date"],
    )
    if kind not in ENQUIRY_KINDS:
        said = f"enquiry_type is {kind}" if kind else "enquiry_type is blank"
        for column in ENQUIRY_COLUMNS:
            if values[column] not in (None, ""):
                yield column, f"Leave {column} blank: {said}, so there is no enquiry"
        return
    if start is None:
        yield (
            "enquiry_start_date",
            f"Enter the enquiry_start_date: it is required when enquiry_type is {kind}",
        )
    elif received and start < received:
        yield (
            "enquiry_start_date",
            f"enquiry_start_date must not be before received_date ({received.isoformat()})",
        )
    if end and start and end < start:
        yield (
            "enquiry_end_date",
            f"enquiry_end_date must not be before enquiry_start_date ({start.isoformat()})",
        )
    spec = _answer_year(values)
    wrong_year = dict(_not_in_year(values, COLUMNS[CONCERNS], spec, vocabulary))
    yield from wrong_year.items()
    for column, expected in _answer_rules(values, spec, kind):
        if column not in wrong_year:
            yield column, expected


def _risks(validation: Validation, vocabulary: Vocabulary, source: Source) -> None:
    for checker, number, values, ok in _read(validation, vocabulary, source, RISKS):
        concern = validation.concerns.get(values["concern_ref"])
        if ok and concern is not None and concern.received_date is not None:
            # A risk's codes are those of the year its concern was received in.
            spec = sac.spec_on(concern.received_date)
            for column, expected in _not_in_year(values, COLUMNS[RISKS], spec, vocabulary):
                checker.problem(number, column, values[column], expected)
        validation.risks.append(
            RiskRow(
                number,
                values["concern_ref"],
                values["type_of_risk"],
                values["location_of_risk"],
                values["source_of_risk"],
            )
        )


def _chunks(items: list, size: int = LOOKUP_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _look_up_existing(validation: Validation) -> None:
    """Which refs are already in the database: a ref matches a record imported with it
    (source_reference), or else one of the product's own records with that reference."""
    wanted = set(validation.people) | {c.person_ref for c in validation.concerns.values()}
    by_reference: dict[str, tuple[int, date | None]] = {}
    for chunk in _chunks(sorted(wanted)):
        rows = Person.objects.filter(
            Q(source_reference__in=chunk) | Q(source_reference="", reference__in=chunk)
        ).values_list("pk", "reference", "source_reference", "date_of_birth")
        for pk, reference, source_reference, dob in rows:
            if source_reference:
                validation.existing_people[source_reference] = (pk, dob)
            else:
                by_reference[reference] = (pk, dob)
    for ref, found in by_reference.items():
        validation.existing_people.setdefault(ref, found)
    by_reference_c: dict[str, int] = {}
    for chunk in _chunks(sorted(validation.concerns)):
        rows = Concern.objects.filter(
            Q(source_reference__in=chunk) | Q(source_reference="", reference__in=chunk)
        ).values_list("pk", "reference", "source_reference")
        for pk, reference, source_reference in rows:
            if source_reference:
                validation.existing_concerns[source_reference] = pk
            else:
                by_reference_c[reference] = pk
    for ref, pk in by_reference_c.items():
        validation.existing_concerns.setdefault(ref, pk)


def _check_blank_teams(validation: Validation, concerns_at: str) -> None:
    """A new concern that names no team goes to the team chosen for such rows; with none chosen
    they are one error naming the rows (a team is never made up for them)."""
    validation.rows_without_team = [
        concern.row
        for ref, concern in validation.concerns.items()
        if not concern.team and ref not in validation.existing_concerns
    ]
    rows = validation.rows_without_team
    if not rows or validation.blank_team_id is not None:
        return
    if len(rows) == 1:
        said = f"The concern on row {rows[0]} names no team"
        fix = "enter its team in the file"
    else:
        said = f"The concerns on rows {row_ranges(rows)} name no team"
        fix = "enter their team in the file"
    validation.problems.append(
        Problem(
            concerns_at,
            CONCERNS,
            0,
            "team",
            "",
            f"{said}: choose a team for rows that name no team, or {fix}",
            tuple(rows),
        )
    )
    validation.bad_rows[CONCERNS].update(rows)


def _check_teams(validation: Validation, concerns_at: str, problem) -> None:
    """A team named in the file must already exist: a mistyped name would otherwise become a
    team of its own that nobody belongs to, and its cases would be seen by no one."""
    from django.db.models.functions import Lower

    from msp.accounts.models import Team

    _check_blank_teams(validation, concerns_at)
    named = {concern.team.lower() for concern in validation.concerns.values() if concern.team}
    if not named:
        return
    known = set(
        Team.objects.annotate(lowered=Lower("name"))
        .filter(lowered__in=named)
        .values_list("lowered", flat=True)
    )
    teams = ", ".join(
        Team.objects.filter(active=True).order_by("name").values_list("name", flat=True)
    )
    for concern in validation.concerns.values():
        if concern.team and concern.team.lower() not in known:
            problem(
                concerns_at,
                CONCERNS,
                concern.row,
                "team",
                concern.team,
                f"No team is called “{concern.team}”: use the name of one of the council's "
                f"teams ({teams or 'none set up yet'}), or ask an administrator to add the team first",
            )


def _cross_checks(validation: Validation, source: Source) -> None:
    """Rules between tables, and rows that cannot be imported because a row they need cannot."""
    people_at = source.location(PEOPLE)
    concerns_at = source.location(CONCERNS)
    risks_at = source.location(RISKS)

    def problem(location, table, row, column, value, expected):
        value = CONTROL.sub("?", str(value))
        validation.problems.append(Problem(location, table, row, column, value, expected))
        validation.bad_rows[table].add(row)

    for concern in validation.concerns.values():
        ref = concern.person_ref
        if not ref:
            continue  # already reported as required
        person = validation.people.get(ref)
        if person is None and ref not in validation.existing_people:
            problem(
                concerns_at,
                CONCERNS,
                concern.row,
                "person_ref",
                ref,
                f"person_ref {ref} is not in people (nor already in the database)",
            )
            continue
        if person is not None and person.row in validation.bad_rows[PEOPLE]:
            problem(
                concerns_at,
                CONCERNS,
                concern.row,
                "person_ref",
                ref,
                f"person {ref} cannot be imported: fix {people_at} row {person.row} first",
            )
            continue
        dob = person.date_of_birth if person else validation.existing_people[ref][1]
        if dob and concern.received_date and concern.received_date < dob:
            problem(
                concerns_at,
                CONCERNS,
                concern.row,
                "received_date",
                concern.received_date.isoformat(),
                f"received_date must not be before the person's date_of_birth ({dob.isoformat()})",
            )
    _check_teams(validation, concerns_at, problem)
    for risk in validation.risks:
        if not risk.concern_ref:
            continue  # already reported as required
        concern = validation.concerns.get(risk.concern_ref)
        if concern is None:
            already = (
                f" ({risk.concern_ref} is already in the database: add further allegations on "
                "the concern's page)"
                if risk.concern_ref in validation.existing_concerns
                else ""
            )
            problem(
                risks_at,
                RISKS,
                risk.row,
                "concern_ref",
                risk.concern_ref,
                f"concern_ref {risk.concern_ref} is not in concerns{already}",
            )
        elif concern.row in validation.bad_rows[CONCERNS]:
            problem(
                risks_at,
                RISKS,
                risk.row,
                "concern_ref",
                risk.concern_ref,
                f"concern {risk.concern_ref} cannot be imported: fix {concerns_at} row {concern.row} first",
            )
