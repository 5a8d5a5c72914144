"""`msp backup` and `msp restore` on both databases: a backup restored into an empty database
gives the same statutory return and an audit chain that verifies."""

import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from msp.audit.chain import verify
from msp.core.periods import ReportingYear
from msp.operations import backup
from msp.returns import exports
from msp.returns.build import build_return
from tests.privacy.support import full_case

ROOT = Path(__file__).resolve().parents[2]
YEAR = "2025-26"


@pytest.fixture
def reference_lists_loaded(transactional_db):
    """Transactional tests may follow one that emptied every table: put the lists back first."""
    from msp.reference import loader, selectors
    from msp.reference.models import ReferenceItem

    loader.load(ReferenceItem)
    selectors.clear_cache()


@pytest.fixture
def cases(reference_lists_loaded, team, practitioner):
    for number, (received, closed) in enumerate(
        [(date(2025, 4, 10), date(2025, 6, 1)), (date(2025, 9, 3), date(2026, 1, 20)),
         (date(2025, 11, 5), None)]
    ):  # fmt: skip
        full_case(
            team=team, actor=practitioner, received=received, closed=closed,
            first_name=f"Backup{number}", nhs_number=["9990000026", "9990000034", "9990000042"][number],
        )  # fmt: skip


def msp(*args, url: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="msp.settings")
    return subprocess.run(
        [sys.executable, "-m", "msp.cli", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


@pytest.fixture
def empty_database(tmp_path):
    """A URL for a new, empty database of the same kind as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"msp_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    params = connection.get_connection_params()
    user = params.get("user", "")
    password = f":{params['password']}" if params.get("password") else ""
    yield f"postgres://{user}{password}@{params.get('host', '127.0.0.1')}:{params.get('port', 5432)}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Committed data, as in real use; serialized_rollback puts the reference lists back afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_an_empty_database_with_the_same_return(
    cases, tmp_path, empty_database, capsys
):
    expected = exports.render(build_return(ReportingYear.parse(YEAR)), "json").decode()
    assert verify().ok and verify().checked > 10
    path = tmp_path / ("msp.backup" if connection.vendor == "postgresql" else "msp.sqlite3")
    call_command("backup", str(path))
    assert "checked" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(path))

    restored = msp("restore", str(path), url=empty_database)
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    again = msp("restore", str(path), url=empty_database)
    assert again.returncode != 0 and "not empty" in again.stderr

    audit = msp("audit", "verify", url=empty_database)
    assert audit.returncode == 0, audit.stderr
    assert f"{verify().checked} entries checked" in audit.stdout
    output = tmp_path / "return.json"
    statutory = msp(
        "return", "--year", YEAR, "--format", "json", "--output", str(output), url=empty_database
    )
    assert statutory.returncode == 0, statutory.stderr
    assert output.read_text() == expected
    assert '"SG1a"' in expected or "SG1" in expected


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    with pytest.raises(backup.BackupError, match="not an MSP backup"):
        backup.restore(path)


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_the_other_kind_of_database(tmp_path):
    path = tmp_path / "other.backup"
    path.write_bytes(b"PGDMP\x01\x0f" if connection.vendor == "sqlite" else b"SQLite format 3\x00")
    with pytest.raises(backup.BackupError, match="backup but DATABASE_URL points at"):
        backup.restore(path)
