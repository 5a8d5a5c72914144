"""Person search's name index on SQLite: an FTS5 table of trigrams over the names and the
sound-alike keys, kept by triggers on the people table (migration people/0008).

SQLite has no index for `name LIKE '%word%'`, so without this every search read all the
council's people twice (the count and the page), about 95 of the 150 ms a search cost at council
scale (docs/performance.md). The trigram table answers "which people have this part of a name or
this key" from the index; PostgreSQL does the same with its own trigram indexes (people/0007).

The table is an external-content table: it keeps only the index, and reads the names from
people_person. The triggers see every write, whoever makes it (the services, bulk loads, imports,
the safe copy), so nothing else has to remember the index. A later migration that rebuilds the
people table on SQLite (Django does that to alter a column) drops its triggers: the migration
test and `msp check` (`problems`) say so.
"""

# Every statement here is built from this module's own table and column names; what a user
# typed only ever reaches SQLite as a parameter.
# ruff: noqa: S608, S611

from django.db import connections, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

TABLE = "people_person_name_search"
NAME_COLUMNS = ("first_name", "last_name", "preferred_name")
TRIGGERS = (f"{TABLE}_insert", f"{TABLE}_delete", f"{TABLE}_update")
# The shortest text a trigram index can find: shorter words are looked for the slow way.
SHORTEST = 3

_COLUMNS = (*NAME_COLUMNS, "name_keys")
_NEW = ", ".join(f"new.{column}" for column in _COLUMNS)
_OLD = ", ".join(f"old.{column}" for column in _COLUMNS)
_LIST = ", ".join(_COLUMNS)

# FTS5's own commands, written as inserts into the table's hidden column of its own name.
REBUILD = f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')"  # nosec B608
OPTIMIZE = f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')"  # nosec B608
INTEGRITY_CHECK = f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('integrity-check', 1)"  # nosec B608

CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5({_LIST}, content='people_person', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON people_person BEGIN "
    f"INSERT INTO {TABLE}(rowid, {_LIST}) VALUES (new.id, {_NEW}); END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON people_person BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, {_LIST}) VALUES ('delete', old.id, {_OLD}); END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF {_LIST} ON people_person BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, {_LIST}) VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO {TABLE}(rowid, {_LIST}) VALUES (new.id, {_NEW}); END",
    REBUILD,
)
DROP = (*(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS), f"DROP TABLE IF EXISTS {TABLE}")


def findable(words: list[str]) -> bool:
    """Whether every word is long enough for the trigram index to find."""
    return all(len(word) >= SHORTEST for word in words)


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_expression(words: list[str], keys_by_word: list[set[str]]) -> str:
    """Every word is in a name, or sounds like one: an FTS5 query. Keys are matched with the
    spaces that delimit them in `name_keys`, so a key never matches part of a longer key."""
    names = "{" + " ".join(NAME_COLUMNS) + "}"
    clauses = []
    for word, keys in zip(words, keys_by_word, strict=True):
        spelled = f"{names} : {_phrase(word)}"
        if keys:
            sounds = " OR ".join(_phrase(f" {key} ") for key in sorted(keys))
            spelled = f"({spelled} OR name_keys : ({sounds}))"
        clauses.append(spelled)
    return " AND ".join(clauses)


def candidates(words: list[str], keys_by_word: list[set[str]], reference: str) -> Q:
    """People whose names hold every word or sound like it, or whose council or source
    reference is `reference` (in any case), read from indexes alone. One list of ids, so that
    SQLite looks each person up by id instead of reading the table to try each part of an OR."""
    return Q(
        pk__in=RawSQL(  # nosec B611
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s "
            "UNION SELECT id FROM people_person WHERE UPPER(reference) = UPPER(%s) "
            "UNION SELECT id FROM people_person INDEXED BY person_source_reference_upper "
            "WHERE UPPER(source_reference) = UPPER(%s)",
            [match_expression(words, keys_by_word), reference, reference],
        )
    )


def rebuild(using: str = "default") -> None:
    """Index every person again from the table: afterwards the index holds nothing of a name
    that has since been changed (the safe copy calls this before it vacuums)."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(REBUILD)


def compact(using: str = "default") -> None:
    """Merge the index into one piece, leaving out what changed names left behind (retention
    calls this after anonymising people); quicker than `rebuild` on a live table."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(OPTIMIZE)


def recreate(using: str = "default") -> None:
    """The table and its triggers made afresh, and everyone indexed (`msp name-index rebuild`):
    the way back from a trigger that a rebuilt people table lost."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in (*DROP, *CREATE):
            cursor.execute(statement)


def problems(using: str = "default") -> list[str]:
    """What is wrong with the index, in words; empty when it agrees with the people table."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name IN "  # nosec
            f"({', '.join(['%s'] * (1 + len(TRIGGERS)))})",
            [TABLE, *TRIGGERS],
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in (TABLE, *TRIGGERS) if name not in present]
        if missing:
            return [
                "Person search's name index is incomplete (missing: "
                f"{', '.join(missing)}). Run `msp name-index rebuild`."
            ]
        try:
            cursor.execute(INTEGRITY_CHECK)
        except Exception as error:  # noqa: BLE001 (any failure is the finding)
            return [f"Person search's name index does not match the people table ({error})."]
    return []
