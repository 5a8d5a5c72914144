"""The connections the app holds are bounded, and SQLite commits are durable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def pool_settings(**env) -> dict:
    code = (
        "import json, msp.settings as s; d = s.DATABASES['default'];"
        "print(json.dumps({'pool': d['OPTIONS'].get('pool'), 'age': d['CONN_MAX_AGE']}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "MSP_"))}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_each_postgresql_worker_holds_at_most_one_connection_per_thread():
    found = pool_settings(DATABASE_URL="postgres://msp@db.invalid/msp", MSP_THREADS="6")
    assert found["age"] == 0  # no connections kept outside the pool
    assert found["pool"]["max_size"] == 6 and found["pool"]["min_size"] == 1
    found = pool_settings(DATABASE_URL="postgres://msp@db.invalid/msp", MSP_DB_POOL_MAX="3")
    assert found["pool"]["max_size"] == 3


def test_sqlite_keeps_each_request_threads_connection():
    """Opening a connection for every request cost a tenth of the server's CPU under load; a
    thread's connection is kept (one per request thread, so bounded by the threads) for ten
    minutes, or as MSP_SQLITE_CONN_MAX_AGE says (0: a new connection for every request)."""
    found = pool_settings(DATABASE_URL="sqlite:////tmp/never-opened.sqlite3")
    assert found == {"pool": None, "age": 600}
    found = pool_settings(
        DATABASE_URL="sqlite:////tmp/never-opened.sqlite3", MSP_SQLITE_CONN_MAX_AGE="0"
    )
    assert found["age"] == 0


@pytest.mark.django_db
def test_the_database_in_use_is_set_as_the_settings_say():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 2  # FULL: a commit survives a power cut
        assert settings.SQLITE_SYNCHRONOUS == "FULL"
    else:
        assert connection.pool is not None
        assert (
            connection.pool.max_size == settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"]
        )
