"""Person search on SQLite reads a trigram index instead of every name in the council
(msp/people/name_index.py), and finds a reference through indexes of the upper-cased references,
as PostgreSQL does since people/0007. PostgreSQL is left as it is."""

from django.db import migrations

from msp.people import name_index

REFERENCE_INDEXES = {
    "person_reference_upper": "(UPPER(reference))",
    "person_source_reference_upper": "(UPPER(source_reference))",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in name_index.CREATE:
        schema_editor.execute(statement)
    for name, definition in REFERENCE_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON people_person {definition}")
    schema_editor.execute("ANALYZE people_person")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in name_index.DROP:
        schema_editor.execute(statement)
    for name in REFERENCE_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0007_search_indexes_postgres")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
