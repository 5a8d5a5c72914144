from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END""",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS audit_entry_no_update"]

POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION audit_entry_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit entries cannot be changed or deleted'; END;
       $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_entry_refuse()",
]


def forward(apps, schema_editor):
    # SQLite refuses updates only: the test runner empties tables with DELETE between browser
    # tests. Deletions there are still caught by `msp audit verify` (the chain breaks).
    statements = POSTGRES_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = POSTGRES_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
