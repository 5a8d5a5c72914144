"""`msp anonymise`: a copy for testing or training with nothing left that identifies anyone."""

import sqlite3
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from msp.accounts.models import User
from msp.audit.models import AuditEntry
from msp.people import name_index
from msp.people.models import Person
from msp.privacy import safe_copy, services
from msp.privacy.models import RectificationDecision
from tests.privacy.support import SECRETS, full_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_lists_loaded(transactional_db):
    """Transactional tests may follow one that emptied every table (the browser journeys do):
    put the shipped reference lists back first."""
    from msp.reference import loader, selectors

    loader.load_all()
    selectors.clear_cache()


@pytest.fixture
def data(team, practitioner, lead):
    someone, enquiry = full_case(
        team=team, actor=practitioner, received=date(2025, 4, 10), closed=date(2025, 6, 1),
        date_of_birth=date(1944, 5, 17),
    )  # fmt: skip
    services.rectification_record(
        actor=lead, person=someone, received_on=date(2026, 1, 5), what_is_wrong="Spelling",
        statement="Zebedee is spelt with two e's", decision=RectificationDecision.NOT_CORRECTED,
        decision_reason="Quartermaine confirmed it",
    )  # fmt: skip
    services.processing_restrict(actor=lead, person=someone, reason="Quartermaine contests it")
    staff = [(u.username, u.first_name, u.last_name, u.email) for u in User.objects.all()]
    return someone, staff


def _texts(cursor, vendor: str):
    """Every value of every column of every table, as text."""
    tables = connection.introspection.table_names(cursor)
    for table in tables:
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT * FROM {quoted}")
        for row in cursor.fetchall():
            for value in row:
                if value is not None:
                    yield table, str(value)


def _leaks(cursor, vendor, secrets):
    return {(table, s) for table, text in _texts(cursor, vendor) for s in secrets if s in text}


def _staff_secrets(staff):
    secrets = []
    for _username, first, last, email in staff:
        secrets += [f"{first} {last}", email]
    return secrets


def test_scrub_in_place_leaves_nothing_identifying(data):
    someone, staff = data
    secrets = SECRETS + _staff_secrets(staff)
    with connection.cursor() as cursor:
        assert _leaks(cursor, connection.vendor, secrets)  # the scan finds them before
    counts = safe_copy.scrub_database("default", seed=3)
    assert counts["people"] == 1
    with connection.cursor() as cursor:
        assert _leaks(cursor, connection.vendor, secrets) == set()
    person = Person.objects.get(pk=someone.pk)
    assert person.reference != someone.reference and person.first_name
    assert person.date_of_birth < date(1944, 5, 17)
    assert {h.date_of_birth for h in Person.history.filter(id=someone.pk)} == {person.date_of_birth}
    assert not AuditEntry.objects.exists()
    assert all(not u.has_usable_password() for u in User.objects.all())
    # The codes a trainer needs are still there.
    assert (person.sex, person.ethnicity) == (someone.sex, someone.ethnicity)


def test_in_place_needs_the_confirmation_flag(data, capsys):
    with pytest.raises(CommandError, match="--i-understand"):
        call_command("anonymise", "--in-place")
    assert "CANNOT BE UNDONE" in capsys.readouterr().err
    assert Person.objects.filter(first_name="Zebedee").exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="file copies are for SQLite")
# Committed data, as in real use: SQLite's backup cannot read past an open write transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_output_copy_on_sqlite(reference_lists_loaded, data, tmp_path, capsys):
    someone, staff = data
    output = tmp_path / "training.sqlite3"
    call_command("anonymise", "--output", str(output), "--seed", "5")
    assert "Wrote an anonymised copy" in capsys.readouterr().out
    # The live database is untouched.
    assert Person.objects.get(pk=someone.pk).first_name == "Zebedee"
    secrets = SECRETS + _staff_secrets(staff)
    copy = sqlite3.connect(output)
    try:
        cursor = copy.cursor()
        tables = [r[0] for r in cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = set()
        for table in tables:
            for row in cursor.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    found |= {(table, s) for s in secrets if value is not None and s in str(value)}
        assert found == set()
        assert cursor.execute("SELECT count(*) FROM people_person").fetchone()[0] == 1
        # The index of names holds only what indexing the new names afresh gives: no trace of
        # the old ones.
        index = f"{name_index.TABLE}_data"
        blocks = cursor.execute(f"SELECT id, block FROM {index} ORDER BY id").fetchall()
        cursor.execute(f"INSERT INTO {name_index.TABLE}({name_index.TABLE}) VALUES ('rebuild')")
        copy.commit()
        assert cursor.execute(f"SELECT id, block FROM {index} ORDER BY id").fetchall() == blocks
    finally:
        copy.close()
    # Not even in the file's free pages.
    raw = output.read_bytes()
    assert not any(secret.encode() in raw for secret in SECRETS)
    with pytest.raises(CommandError, match="already exists"):
        call_command("anonymise", "--output", str(output))


def test_reference_lists_survive_the_copy_test():
    """The copy test commits and flushes; the reference lists must be back for later tests."""
    from msp.reference.models import ReferenceItem

    assert ReferenceItem.objects.filter(list_code="responses").exists()
