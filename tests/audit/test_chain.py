"""The audit trail is append-only and tamper-evident."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from msp.audit.chain import verify
from msp.audit.models import Action, AuditEntry
from msp.audit.services import audit_append

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(practitioner):
    for index in range(5):
        audit_append(actor=practitioner, action=Action.VIEW, detail=f"view {index}")
    return list(AuditEntry.objects.order_by("sequence"))


def test_an_untouched_trail_verifies(trail, capsys):
    assert verify().ok
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def test_entries_are_chained(trail):
    for earlier, later in zip(trail, trail[1:], strict=False):
        assert later.prev_hash == earlier.entry_hash
        assert later.sequence == earlier.sequence + 1


def _bypass(sql: str, params: list) -> None:
    """Tamper as an attacker with database access would: past the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A database superuser can switch ordinary triggers off for the session.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER audit_entry_no_update")
            cursor.execute(sql, params)


def test_the_database_refuses_edits(trail):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=trail[1].pk).update(detail="nothing to see")


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_refuses_deletes(trail):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=trail[1].pk).delete()


def test_an_edited_entry_is_detected(trail):
    _bypass(
        "UPDATE audit_auditentry SET detail = %s WHERE id = %s", ["nothing to see", trail[2].pk]
    )
    verdict = verify()
    assert not verdict.ok and "entry 3 was changed" in verdict.problem
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


def test_a_deleted_entry_is_detected(trail):
    _bypass("DELETE FROM audit_auditentry WHERE id = %s", [trail[2].pk])
    verdict = verify()
    assert not verdict.ok and "entry 3 is missing" in verdict.problem


def test_a_deleted_newest_entry_is_detected(trail):
    _bypass("DELETE FROM audit_auditentry WHERE id = %s", [trail[-1].pk])
    assert not verify().ok
