"""Writing the planned rows into the database in large batches, one transaction per chunk.

SQLite: `executemany` on the driver's own cursor, with durability relaxed for the load
(synchronous=OFF, a large page cache, temporary tables in memory) and restored afterwards.
PostgreSQL: `COPY ... FROM STDIN` through psycopg's copy API, then the id sequences are moved past
the rows written. Both: the readable-reference counters (msp.core.models.Sequence) are moved on in
the same transaction as each chunk, so people and concerns recorded later through the services
get the next free reference; and the tables are ANALYZEd at the end so the query planner knows
their new size (on PostgreSQL VACUUMed too, when not inside a transaction).

The bulk path writes no history rows (the simple-history Historical* tables) and assumes nobody else
is writing people or concerns while it runs.
"""

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from msp import sac
from msp.concerns.models import Allegation, Concern, RaisedBy
from msp.core.dates import today as current_day
from msp.core.models import Sequence
from msp.core.periods import ReportingYear
from msp.demo.bulk import shares
from msp.demo.bulk.plan import COLUMNS, TABLES, Planner, Starts
from msp.demo.bulk.staff import ensure_staff
from msp.enquiries.models import ClosingReview, Conversation, Enquiry
from msp.facts import services as facts
from msp.outcomes.models import DesiredOutcome
from msp.people.models import Person
from msp.reference import selectors as ref

MODELS = {
    "person": Person,
    "concern": Concern,
    "allegation": Allegation,
    "enquiry": Enquiry,
    "conversation": Conversation,
    "outcome": DesiredOutcome,
    "closing_review": ClosingReview,
}
PRACTICE_UP_TO = 50_000  # concerns: beyond this the practice layer is left out unless asked for
CHUNK = 10_000  # concerns per transaction


@dataclass
class Result:
    year: ReportingYear
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def last_complete_year(day: date) -> ReportingYear:
    """The latest reporting year that has ended before `day`."""
    current = ReportingYear.containing(day)
    return ReportingYear.starting(current.start.year - 1)


def check_codes(year: ReportingYear) -> None:
    """Every code the bulk data uses must be on the year's statutory lists and the practice
    lists the services check against."""
    used = {
        "sex": shares.SEX.values,
        "ethnicity_groups": shares.ETHNICITY.values,
        "primary_support_reason": shares.SUPPORT_YOUNGER.values + shares.SUPPORT_OLDER.values,
        "type_of_risk": list(shares.ALSO) + [t for ts in shares.ALSO.values() for t in ts],
        "location_of_risk": shares.LOCATION.values + shares.INSTITUTION.values,
        "source_of_risk": shares.SOURCE_HOME.values
        + shares.SOURCE_NEGLECT.values
        + shares.SOURCE_MONEY.values
        + shares.SOURCE_OUTSIDE.values
        + shares.SOURCE_INSTITUTION.values,
        "action_taken_and_result": shares.ACTION_AND_RESULT.values,
        "risk_outcome": shares.RISK_OUTCOME.values,
        "mental_capacity": shares.LACKED_CAPACITY.values,
        "msp_asked_desired_outcomes": shares.ASKED_OUTCOMES.values,
        "msp_outcomes_achieved": shares.OUTCOMES_ACHIEVED.values,
    }
    raised_by = set(shares.RAISED_BY_HOME.values + shares.RAISED_BY_INSTITUTION.values)
    if raised_by - set(RaisedBy.values):
        raise ValueError(
            f"Not a way a concern is raised: {sorted(raised_by - set(RaisedBy.values))}"
        )
    spec = sac.spec_for(year)
    for list_code, values in used.items():
        unknown = set(values) - spec.codes(list_code)
        if unknown:
            raise ValueError(f"Codes not on {year.label}'s {list_code} list: {sorted(unknown)}")
    unknown = set(shares.EXPRESSED_BY.values) - ref.codes_in_use("outcome_expressed_by")
    if unknown:
        raise ValueError(f"Codes not on the outcome_expressed_by list: {sorted(unknown)}")


def starts() -> Starts:
    ids = {}
    for name, model in MODELS.items():
        ids[name] = (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    counters = {c.name: c.value for c in Sequence.objects.filter(name__in=["person", "concern"])}
    return Starts(
        ids=ids,
        person_number=counters.get("person", 0) + 1,
        concern_number=counters.get("concern", 0) + 1,
    )


@contextmanager
def tuned_for_loading():
    """Relax SQLite's durability for the load: a crash mid-load loses only demo data."""
    connection.ensure_connection()
    if connection.vendor != "sqlite":
        yield
        return
    # The safety level cannot change inside a transaction (a caller's, or a test's).
    relax = not connection.in_atomic_block
    with connection.cursor() as cursor:
        if relax:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA cache_size=-131072")  # 128 MB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if relax:
                cursor.execute(f"PRAGMA synchronous={settings.SQLITE_SYNCHRONOUS}")
                cursor.execute("PRAGMA temp_store=DEFAULT")
            cursor.execute("PRAGMA cache_size=-2000")


def columns_and_fillers(table: str) -> tuple[list[str], tuple]:
    """The columns to write: the planner's, then any other column of the table filled with its
    field's default, so a field added later with a default does not break the bulk path."""
    model = MODELS[table]
    planned = COLUMNS[table]
    names, fillers = list(planned), []
    for model_field in model._meta.concrete_fields:
        if model_field.column in planned:
            continue
        value = model_field.get_default()  # "" for text fields, None when nullable
        if value is None and not model_field.null:
            raise ValueError(
                f"{model._meta.label}.{model_field.name} has no default: the bulk demo data "
                "cannot fill it (add it to msp/demo/bulk/plan.py)"
            )
        names.append(model_field.column)
        fillers.append(model_field.get_db_prep_save(value, connection))
    return names, tuple(fillers)


def insert(table: str, rows: list[tuple]) -> None:
    if not rows:
        return
    model = MODELS[table]
    columns, fillers = columns_and_fillers(table)
    if fillers:
        rows = [row + fillers for row in rows]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    raw = connection.connection.cursor()
    try:
        if connection.vendor == "postgresql":
            with raw.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(columns))
            raw.executemany(
                f"INSERT INTO {model._meta.db_table} ({names}) VALUES ({marks})",  # noqa: S608  # nosec B608 - names from the model
                rows,
            )
    finally:
        raw.close()


def move_counter(name: str, value: int) -> None:
    Sequence.objects.get_or_create(name=name)
    Sequence.objects.filter(name=name, value__lt=value).update(value=value)


def finish() -> None:
    """Let the database catch up with what was written behind the ORM's back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in connection.ops.sequence_reset_sql(no_style(), list(MODELS.values())):
                cursor.execute(statement)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # As autovacuum would have left a database that has been in use for years: the
            # visibility map set and hint bits written, so the first readers do not pay for it.
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


def generate(
    *,
    concerns: int,
    seed: int = 7,
    year: ReportingYear | None = None,
    teams: int = 3,
    practice: bool | None = None,
    chunk: int = CHUNK,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
    staff: tuple[list, int] | None = None,
    history: bool = False,
    open_quota: dict[int, int] | None = None,
) -> Result:
    """Fill the database with `concerns` concerns received in one reporting year, and the people,
    allegations and enquiries that go with them, written in bulk. Same seed, year and starting
    database, same rows.
    """
    if concerns < 1:
        raise ValueError("--concerns must be at least 1")
    progress = progress or (lambda line: None)
    day = today or current_day()
    year = year or last_complete_year(day)
    practice = concerns <= PRACTICE_UP_TO if practice is None else practice
    ref.clear_cache()
    check_codes(year)
    planned_teams, actor_id = staff or ensure_staff(teams)
    planner = Planner(
        concerns=concerns,
        seed=seed,
        year=year,
        teams=planned_teams,
        starts=starts(),
        today=day,
        practice=practice,
        actor_id=actor_id,
        history=history,
        open_quota=open_quota,
    )
    result = Result(year=year, rows=dict.fromkeys(TABLES, 0))
    began = time.monotonic()
    written = 0
    with tuned_for_loading():
        for part in planner.chunks(chunk):
            with transaction.atomic():
                for table in TABLES:
                    insert(table, part.rows[table])
                    result.rows[table] += len(part.rows[table])
                move_counter("person", part.last_person_number)
                move_counter("concern", part.last_concern_number)
                facts.case_refresh(concern_ids=[row[0] for row in part.rows["concern"]])
            written += part.concerns
            elapsed = time.monotonic() - began
            progress(
                f"  {written:,} of {concerns:,} concerns written "
                f"({result.total_rows / max(elapsed, 1e-6):,.0f} rows a second)"
            )
        finish()
    result.seconds = time.monotonic() - began
    return result
