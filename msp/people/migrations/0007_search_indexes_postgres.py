"""Person search on PostgreSQL reads indexes instead of every name in the council.

The search asks for part of a name (`UPPER(name) LIKE UPPER('%word%')`), a sound-alike key
(`name_keys LIKE '% key %'`) or a reference (`UPPER(reference) = UPPER(text)`), joined by OR.
PostgreSQL can answer an OR from indexes only when every part has one: trigram indexes
(pg_trgm) for the parts of names and the keys, expression indexes for the references. Without
them each search read all 200,000 people twice (about 360 ms of the server's CPU each time at
council scale; docs/performance.md). SQLite has no such index and is left as it was.

pg_trgm is a trusted extension (PostgreSQL 13 and later), so the database's owner may create it;
docs/decisions/0014 and docs/deployment.md say what a council's database administrator does
when the application's role may not.
"""

from django.db import migrations

INDEXES = {
    "person_first_name_trgm": "USING gin (UPPER(first_name) gin_trgm_ops)",
    "person_last_name_trgm": "USING gin (UPPER(last_name) gin_trgm_ops)",
    "person_preferred_name_trgm": "USING gin (UPPER(preferred_name) gin_trgm_ops)",
    "person_name_keys_trgm": "USING gin (name_keys gin_trgm_ops)",
    "person_reference_upper": "(UPPER(reference))",
    "person_source_reference_upper": "(UPPER(source_reference))",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON people_person {definition}")
    schema_editor.execute("ANALYZE people_person")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0006_name_keys_silent_p")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
