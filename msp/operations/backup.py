"""Backups and restores of the whole database.

SQLite: the online backup API copies the database page by page while the app keeps serving
(readers and the writer carry on; a page changed during the copy is copied again), then checks the
copy with PRAGMA integrity_check. PostgreSQL: pg_dump's custom format (consistent as of its start,
while the app runs), checked by listing it with pg_restore; the client tools must be of the
server's major version or newer.

A restore goes into an empty database only: it never mixes a backup with live records.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Said in plain words; nothing was changed."""


def _kind_of_file(path: Path) -> str:
    with path.open("rb") as handle:
        start = handle.read(16)
    if start.startswith(SQLITE_MAGIC):
        return "sqlite"
    if start.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not an MSP backup (neither a SQLite database nor a pg_dump file)")


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed. Install PostgreSQL's client tools of the server's version "
            "(on Debian: apt-get install postgresql-client)."
        )
    version = subprocess.run(  # noqa: S603 (the client tool found on PATH, fixed arguments)
        [found, "--version"], capture_output=True, text=True, check=False
    )
    tool_major = int(version.stdout.split()[-1].split(".")[0]) if version.returncode == 0 else 0
    server_major = connection.pg_version // 10000
    if tool_major < server_major:
        raise BackupError(
            f"{name} is version {tool_major} but the database server is version {server_major}: "
            f"install the client tools of version {server_major} or newer."
        )
    return found


def _pg_environment() -> dict:
    """Connection settings for the client tools, as libpq's environment variables (so the
    password never appears in a process list)."""
    params = connection.get_connection_params()
    env = dict(os.environ)
    mapping = {
        "host": "PGHOST",
        "port": "PGPORT",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "dbname": "PGDATABASE",
        "sslmode": "PGSSLMODE",
    }
    for key, variable in mapping.items():
        if params.get(key):
            env[variable] = str(params[key])
    return env


def backup(path: Path) -> str:
    """Write a backup of the configured database to `path`; return a plain description."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new file name")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        partial = path.with_name(path.name + ".partial")
        target = sqlite3.connect(partial)
        try:
            # Copies 1,024 pages at a time, so writers wait only a moment between steps.
            connection.connection.backup(target, pages=1024)
            verdict = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if verdict != "ok":
            partial.unlink(missing_ok=True)
            raise BackupError(f"The copy failed its integrity check: {verdict}")
        partial.rename(path)
        return f"Backed up the SQLite database to {path} ({path.stat().st_size:,} bytes, checked)"
    if connection.vendor == "postgresql":
        pg_dump = _pg_tool("pg_dump")
        partial = path.with_name(path.name + ".partial")
        done = subprocess.run(  # noqa: S603 (the client tool, fixed arguments)
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)],
            env=_pg_environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        listed = subprocess.run(  # noqa: S603 (the client tool, fixed arguments)
            [_pg_tool("pg_restore"), "--list", str(partial)],
            capture_output=True,
            text=True,
            check=False,
        )
        if listed.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError(f"The dump cannot be read back: {listed.stderr.strip()}")
        partial.rename(path)
        return (
            f"Backed up the PostgreSQL database to {path} ({path.stat().st_size:,} bytes, checked)"
        )
    raise BackupError(f"Backups of {connection.vendor} databases are not supported")


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(path: Path) -> str:
    """Restore a backup into the configured database, which must be empty."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    kind = _kind_of_file(path)
    connection.ensure_connection()
    if kind != connection.vendor:
        raise BackupError(
            f"{path} is a {kind} backup but DATABASE_URL points at a {connection.vendor} database"
        )
    if not _database_is_empty():
        raise BackupError(
            "The database is not empty. Restore into a new, empty database, check it, then point "
            "the service at it (docs/deployment.md, restore drill)."
        )
    if kind == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"The backup failed its integrity check: {verdict}")
            source.backup(connection.connection)
        finally:
            source.close()
        return f"Restored {path} into the SQLite database"
    done = subprocess.run(  # noqa: S603 (the client tool, fixed arguments)
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            connection.settings_dict["NAME"],
            str(path),
        ],
        env=_pg_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed, nothing was restored: {done.stderr.strip()}")
    return f"Restored {path} into the PostgreSQL database"
