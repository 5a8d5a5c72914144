"""Fast inserts of many case rows together with their "+" history rows.

An import of 100,000 concerns writes some 300,000 case rows and as many history rows. Django's
bulk_create (and simple-history's bulk_create_with_history on top of it) prepares every field of
every object through the ORM, about 0.3 ms a row on the reference machine: over three minutes.
Here each row is a plain tuple, the columns that are the same for every row are prepared once,
and rows go to the database with executemany. The history rows are the case rows plus the four
history columns, written in the same transaction, so each imported record's history starts with
"Created" by the acting user with the reason "Imported from <file>".

Primary keys are reserved up front (the sequence on PostgreSQL; on SQLite the write lock that
the import's transaction holds makes max(id) + 1 safe), so history rows and child rows can refer
to them without reading anything back.
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

BATCH = 5000


def reserve_ids(model, count: int) -> list[int]:
    """`count` primary keys for new rows of `model`. Call inside the import's transaction."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")  # noqa: S608  # nosec B608 - table name from the model
            highest = cursor.fetchone()[0]
            # AUTOINCREMENT never reuses an id, even a deleted one: start after the highest ever.
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            start = max(highest, row[0] if row else 0) + 1
            return list(range(start, start + count))
    raise ImproperlyConfigured(f"Imports support SQLite and PostgreSQL, not {connection.vendor}")


class RowWriter:
    """Inserts rows of one model: `varying` names the columns given per row (after the id);
    every other column gets the same value in every row (its default, or the import's
    who-and-when)."""

    def __init__(self, model, *, varying: Sequence[str], actor, reason: str, constants=None):
        self.model = model
        now = timezone.now()
        fields = [f for f in model._meta.concrete_fields if f.attname != "id"]
        given = {
            "created_at": now,
            "updated_at": now,
            "created_by_id": actor.pk if actor else None,
            **(constants or {}),
        }
        self.varying = list(varying)
        fixed = [f for f in fields if f.attname not in self.varying]
        self.fixed_values = tuple(
            f.get_db_prep_save(
                given[f.attname] if f.attname in given else f.get_default(), connection
            )
            for f in fixed
        )
        by_name = {f.attname: f for f in fields}
        columns = ["id", *(by_name[n].column for n in self.varying), *(f.column for f in fixed)]
        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        self.insert = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
        history = model.history.model
        history_columns = [
            *columns,
            "history_date",
            "history_change_reason",
            "history_type",
            "history_user_id",
        ]
        self.history_insert = (
            f"INSERT INTO {quote(history._meta.db_table)} "  # noqa: S608
            f"({', '.join(quote(c) for c in history_columns)}) "
            f"VALUES ({', '.join(['%s'] * len(history_columns))})"
        )
        history_date = history._meta.get_field("history_date").get_db_prep_save(now, connection)
        self.history_values = (history_date, reason, "+", actor.pk if actor else None)

    def write(self, rows: Iterable[tuple]) -> int:
        """Insert rows given as (id, *varying values already adapted with `db_date`)."""
        count = 0
        batch: list[tuple] = []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append(row + self.fixed_values)
                if len(batch) == BATCH:
                    count += self._flush(cursor, batch)
                    batch = []
            if batch:
                count += self._flush(cursor, batch)
        return count

    def _flush(self, cursor, batch: list[tuple]) -> int:
        cursor.executemany(self.insert, batch)
        extra = self.history_values
        cursor.executemany(self.history_insert, [row + extra for row in batch])
        return len(batch)


def db_date(value):
    """A date as the database driver wants it (SQLite: text; PostgreSQL: the date itself)."""
    return connection.ops.adapt_datefield_value(value)
