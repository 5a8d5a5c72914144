"""Databases for the benchmarks: council and national scale, on SQLite and PostgreSQL.

SQLite databases are cached under var/bench/ (one file per scale, with a note of how it was made)
and reused while the bulk generator is unchanged. PostgreSQL runs on a throwaway server started
by tests/support/postgres.py's own functions and is filled afresh each time.

Every measurement runs in a child process (`python bench/benchdb.py generate ...` or the worker
mode of each bench script) so that its peak memory is its own and DATABASE_URL is set before
Django reads its settings.
"""

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
SCALES = {"council": 20_000, "national": 600_000}
SEED = 7
YEAR = "2025-26"
DATABASES = ("sqlite", "postgres")


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generator_version() -> str:
    """A fingerprint of the bulk generator's code: a cached database is stale when it changes."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "msp" / "demo" / "bulk").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run(args: list[str], url: str, **env) -> str:
    """Run a command with DATABASE_URL pointing at the benchmark database; return its output."""
    done = subprocess.run(
        [str(a) for a in args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def run_json(args: list[str], url: str, **env) -> dict:
    """Run a worker and read the JSON it prints on its last line."""
    return json.loads(run(args, url, **env).strip().splitlines()[-1])


def migrate(url: str) -> None:
    run([PYTHON, "manage.py", "migrate", "--verbosity", "0", "--skip-checks"], url)


def generate(url: str, scale: str) -> dict:
    """Fill an empty, migrated database at a scale; return seconds, rows and peak memory."""
    return run_json(
        [PYTHON, "bench/benchdb.py", "generate", "--concerns", SCALES[scale], "--seed", SEED],
        url,
    )


def sqlite_path(scale: str) -> Path:
    return VAR / f"{scale}.sqlite3"


def sqlite_database(scale: str, *, fresh: bool = False) -> tuple[str, dict]:
    """The cached SQLite database for a scale, made when missing, stale or `fresh` is asked for.
    Returns its URL and the figures from when it was generated."""
    VAR.mkdir(parents=True, exist_ok=True)
    path = sqlite_path(scale)
    note = path.with_suffix(".json")
    url = f"sqlite:///{path}"
    wanted = {"concerns": SCALES[scale], "seed": SEED, "year": YEAR, "code": generator_version()}
    if not fresh and path.exists() and note.exists():
        made = json.loads(note.read_text())
        if {key: made.get(key) for key in wanted} == wanted:
            migrate(url)  # indexes added since the database was made
            return url, made["generation"]
    for leftover in VAR.glob(f"{scale}.sqlite3*"):
        leftover.unlink()
    note.unlink(missing_ok=True)
    migrate(url)
    figures = generate(url, scale)
    note.write_text(json.dumps({**wanted, "generation": figures}, indent=2))
    return url, figures


@contextmanager
def postgres_server():
    """A throwaway PostgreSQL server with an empty database, started and stopped by the test
    suite's own functions (tests/support/postgres.py). Yields the database URL."""
    sys.path.insert(0, str(ROOT))
    from tests.support import postgres

    owner = postgres.server_user()
    bindir = postgres.find_bindir()
    workdir = postgres.make_workdir(owner)
    try:
        port = postgres.start(bindir, workdir, owner)
        postgres.create_database(bindir, port, owner)
        yield f"postgres://{postgres.ROLE}@127.0.0.1:{port}/{postgres.DATABASE}"
    finally:
        try:
            postgres.stop(bindir, workdir, owner)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


def postgres_database(url: str, scale: str) -> dict:
    """Migrate and fill the fresh PostgreSQL database; return the generation figures."""
    migrate(url)
    return generate(url, scale)


def parse_list(text: str, allowed) -> list[str]:
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in allowed]
    if unknown or not chosen:
        raise SystemExit(f"Choose from {', '.join(allowed)} (comma-separated), not {text!r}")
    return chosen


def print_table(headings: list[str], rows: list[list]) -> None:
    cells = [headings] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headings))]
    for index, row in enumerate(cells):
        print(
            "  ".join(
                cell.rjust(widths[i]) if i else cell.ljust(widths[i]) for i, cell in enumerate(row)
            )
        )
        if index == 0:
            print("  ".join("-" * width for width in widths))


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msp.settings")
    import django

    django.setup()


def _generate_worker(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--concerns", type=int, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    setup_django()
    from msp.core.periods import ReportingYear
    from msp.demo import bulk

    before = peak_rss_mb()
    began = time.monotonic()
    result = bulk.generate(concerns=args.concerns, seed=args.seed, year=ReportingYear.parse(YEAR))
    seconds = time.monotonic() - began
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "rows": result.total_rows,
                "tables": result.rows,
                "rows_per_second": round(result.total_rows / seconds),
                "peak_rss_mb": round(peak_rss_mb()),
                "start_rss_mb": round(before),
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["generate"]:
        _generate_worker(sys.argv[2:])
    else:
        raise SystemExit("usage: python bench/benchdb.py generate --concerns N [--seed S]")
