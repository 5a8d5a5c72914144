"""How long the statutory return takes at council and national scale, against DuckDB as a ceiling.

    .venv/bin/python bench/return.py --scales council,national --databases sqlite,postgres

For each scale and database: fill a database (SQLite: cached under var/bench/; PostgreSQL: a
throwaway server), then in a child process time `build_return(year)` several times (median and
minimum wall time), count its queries and read the child's peak memory. Then export the rows
the return reads (people, concerns, enquiries, allegations) to CSV, load them into an in-memory
DuckDB and time only DuckDB's SQL for the same aggregates (SG1a-c individuals by age band, sex
and ethnicity; SG1d-f cases; the three risk cross-tabulations with COUNT DISTINCT; the closing
answers behind SG2c, SG2e, SG3a and SG4a). The DuckDB totals are checked against the return's.
"""

import argparse
import csv
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdb  # noqa: E402

TARGETS = {"council": 0.5, "national": 5.0}  # seconds on SQLite, from the issue

EXPORTS = {
    "people": (
        "people_person",
        ["id", "date_of_birth", "date_of_death", "sex", "ethnicity", "primary_support_reason"]
        + ["autism", "aspergers"],
        "",
    ),
    "concerns": (
        "concerns_concern",
        ["id", "person_id", "received_date", "archived_at IS NOT NULL AS archived"],
        "",
    ),
    "enquiries": (
        "enquiries_enquiry",
        ["id", "concern_id", "person_id", "kind", "start_date", "end_date", "action_and_result"]
        + ["risk_outcome", "sac_lacked_capacity", "sac_advocate_support", "sac_asked_outcomes"]
        + ["sac_outcomes_achieved", "archived_at IS NOT NULL AS archived"],
        "",
    ),
    "allegations": (
        "concerns_allegation",
        ["concern_id", "type_of_risk", "location_of_risk", "source_of_risk"]
        + ["archived_at IS NOT NULL AS archived"],
        "",
    ),
}
TYPES = {
    "id": "BIGINT",
    "person_id": "BIGINT",
    "concern_id": "BIGINT",
    "date_of_birth": "DATE",
    "date_of_death": "DATE",
    "received_date": "DATE",
    "start_date": "DATE",
    "end_date": "DATE",
    "autism": "BOOLEAN",
    "aspergers": "BOOLEAN",
    "archived": "BOOLEAN",
    "sac_advocate_support": "BOOLEAN",
}

BAND = """
    CASE
      WHEN p.date_of_birth IS NULL THEN 'unknown'
      ELSE (
        CASE
          WHEN age < 18 THEN 'under_18' WHEN age <= 64 THEN '18_64' WHEN age <= 74 THEN '65_74'
          WHEN age <= 84 THEN '75_84' WHEN age <= 94 THEN '85_94' ELSE '95_plus'
        END)
    END"""
QUERIES = {
    "SG1a-c individuals": f"""
        WITH c AS (SELECT DISTINCT person_id FROM concerns
                   WHERE received_date BETWEEN $s AND $e AND NOT archived),
             s AS (SELECT DISTINCT person_id FROM enquiries
                   WHERE kind = 's42' AND start_date BETWEEN $s AND $e AND NOT archived),
             o AS (SELECT DISTINCT person_id FROM enquiries
                   WHERE kind = 'other' AND start_date BETWEEN $s AND $e AND NOT archived),
             pop AS (SELECT person_id FROM c UNION SELECT person_id FROM s
                     UNION SELECT person_id FROM o),
             aged AS (
               SELECT p.*, date_sub('year', p.date_of_birth,
                   CASE WHEN p.date_of_death < $e THEN p.date_of_death ELSE $e END) AS age
               FROM people p JOIN pop ON pop.person_id = p.id)
        SELECT {BAND.replace("p.", "aged.")} AS band, aged.sex, aged.ethnicity,
               count(c.person_id) AS concerns, count(s.person_id) AS s42,
               count(o.person_id) AS other
        FROM aged LEFT JOIN c ON c.person_id = aged.id LEFT JOIN s ON s.person_id = aged.id
             LEFT JOIN o ON o.person_id = aged.id
        GROUP BY ALL""",
    "SG1d-f cases": """
        SELECT 'concerns' AS col, p.primary_support_reason, p.autism, p.aspergers,
               count(*) AS n
        FROM concerns c JOIN people p ON p.id = c.person_id
        WHERE c.received_date BETWEEN $s AND $e AND NOT c.archived GROUP BY ALL
        UNION ALL
        SELECT e.kind, p.primary_support_reason, p.autism, p.aspergers, count(*)
        FROM enquiries e JOIN people p ON p.id = e.person_id
        WHERE e.start_date BETWEEN $s AND $e AND NOT e.archived GROUP BY ALL""",
    **{
        f"SG2 {rows} x {columns}": f"""
        SELECT {rows}, {columns}, count(DISTINCT a.concern_id) AS n
        FROM allegations a
        WHERE NOT a.archived AND a.concern_id IN (
            SELECT concern_id FROM enquiries
            WHERE kind = 's42' AND end_date BETWEEN $s AND $e AND NOT archived)
        GROUP BY ALL"""
        for rows, columns in (
            ("type_of_risk", "source_of_risk"),
            ("location_of_risk", "source_of_risk"),
            ("type_of_risk", "location_of_risk"),
        )
    },
    "SG2c/e SG3a SG4a answers": """
        SELECT action_and_result, risk_outcome, sac_lacked_capacity, sac_advocate_support,
               sac_asked_outcomes, sac_outcomes_achieved, count(*) AS n
        FROM enquiries
        WHERE kind = 's42' AND end_date BETWEEN $s AND $e AND NOT archived
        GROUP BY ALL""",
}


# Worker side (runs in a child process with DATABASE_URL set) -------------------------------


def return_worker(runs: int) -> dict:
    benchdb.setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from msp.core.periods import ReportingYear
    from msp.returns.build import build_return
    from msp.returns.tables import total

    year = ReportingYear.parse(benchdb.YEAR)
    start_rss = benchdb.peak_rss_mb()
    with CaptureQueriesContext(connection) as queries:
        result = build_return(year)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        build_return(year)
        times.append(time.perf_counter() - began)
    slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]
    return {
        "times": times,
        "queries": len(queries.captured_queries),
        "slowest": [{"seconds": float(q["time"]), "sql": q["sql"][:300]} for q in slowest],
        "peak_rss_mb": round(benchdb.peak_rss_mb()),
        "start_rss_mb": round(start_rss),
        "totals": {
            "concerns": total(result.tables["SG1f"], "concerns"),
            "s42": total(result.tables["SG1f"], "s42"),
            "other": total(result.tables["SG1f"], "other"),
            "s42 individuals": total(result.tables["SG1a"], "s42"),
            "SG2a cells": total(result.tables["SG2a"]),
        },
    }


def export_worker(folder: str) -> dict:
    """Write the columns the return reads to CSV files, streamed in batches."""
    benchdb.setup_django()
    from django.db import connection

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, (table, columns, _) in EXPORTS.items():
        headings = [c.split(" AS ")[-1] for c in columns]
        with (out / f"{name}.csv").open("w", newline="") as handle, connection.cursor() as cur:
            writer = csv.writer(handle)
            writer.writerow(headings)
            cur.execute(f"SELECT {', '.join(columns)} FROM {table}")  # noqa: S608
            counts[name] = 0
            while batch := cur.fetchmany(50_000):
                writer.writerows(
                    [int(v) if isinstance(v, bool) else v for v in row] for row in batch
                )
                counts[name] += len(batch)
    (out / "done.json").write_text(json.dumps(counts))
    return counts


def duckdb_times(folder: Path, runs: int) -> dict:
    import duckdb

    from_year = benchdb.YEAR
    start = f"{from_year[:4]}-04-01"
    end = f"{int(from_year[:4]) + 1}-03-31"
    db = duckdb.connect(":memory:")
    for name, (_, columns, _) in EXPORTS.items():
        headings = [c.split(" AS ")[-1] for c in columns]
        types = {h: TYPES.get(h, "VARCHAR") for h in headings}
        db.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv(?, header = true, columns = ?)",
            [str(folder / f"{name}.csv"), types],
        )
    params = {"s": start, "e": end}

    def run_all() -> dict:
        found = {}
        for label, sql in QUERIES.items():
            sql = sql.replace("$s", "DATE '" + params["s"] + "'")
            sql = sql.replace("$e", "DATE '" + params["e"] + "'")
            found[label] = db.execute(sql).fetchall()
        return found

    results = run_all()  # warm-up, and the figures to check
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run_all()
        times.append(time.perf_counter() - began)
    cases = results["SG1d-f cases"]
    return {
        "times": times,
        "totals": {
            "concerns": sum(r[-1] for r in cases if r[0] == "concerns"),
            "s42": sum(r[-1] for r in cases if r[0] == "s42"),
            "other": sum(r[-1] for r in cases if r[0] == "other"),
            "s42 individuals": sum(r[4] for r in results["SG1a-c individuals"]),
            "SG2a cells": sum(r[-1] for r in results["SG2 type_of_risk x source_of_risk"]),
        },
    }


# Orchestration ----------------------------------------------------------------------------


def csv_folder(scale: str, url: str) -> Path:
    """CSV copies of a scale's rows, made once per generator version (the same seed gives the
    same rows on either database, so one export serves both)."""
    folder = benchdb.VAR / f"{scale}-csv-{benchdb.generator_version()}"
    if not (folder / "done.json").exists():
        benchdb.run_json([benchdb.PYTHON, __file__, "--export", str(folder)], url)
    return folder


def measure(scale: str, database: str, url: str, runs: int, generation: dict) -> dict:
    figures = benchdb.run_json([benchdb.PYTHON, __file__, "--worker", "--runs", str(runs)], url)
    ceiling = duckdb_times(csv_folder(scale, url), runs)
    return {
        "scale": scale,
        "database": database,
        "generation": generation,
        "return": figures,
        "duckdb": ceiling,
    }


def report(rows: list[dict]) -> None:
    table = []
    for row in rows:
        times, ceiling = row["return"]["times"], row["duckdb"]["times"]
        median, best = statistics.median(times), min(times)
        duck = statistics.median(ceiling)
        agree = "yes" if row["return"]["totals"] == row["duckdb"]["totals"] else "NO"
        target = TARGETS[row["scale"]] if row["database"] == "sqlite" else None
        table.append(
            [
                row["scale"],
                row["database"],
                f"{median:.3f} / {best:.3f}",
                "-" if target is None else ("met" if median < target else f"over {target}"),
                f"{duck:.3f}",
                f"{median / duck:.1f}x",
                f"{row['return']['peak_rss_mb']} ({row['return']['start_rss_mb']})",
                row["return"]["queries"],
                agree,
            ]
        )
    print()
    benchdb.print_table(
        [
            "scale",
            "database",
            "return s (median / min)",
            "target",
            "DuckDB s",
            "ratio",
            "peak RSS MB (at start)",
            "queries",
            "totals agree",
        ],
        table,
    )
    print()
    for row in rows:
        totals = row["return"]["totals"]
        print(f"{row['scale']} / {row['database']}: {json.dumps(totals)}")
        for query in row["return"]["slowest"][:3]:
            print(f"  {query['seconds']:.3f} s  {query['sql'][:150]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="council,national")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--runs", type=int, default=5, help="Timed runs of each (5)")
    parser.add_argument("--json", help="Also write the figures to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--export", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(return_worker(args.runs)))
        return
    if args.export:
        print(json.dumps(export_worker(args.export)))
        return
    scales = benchdb.parse_list(args.scales, benchdb.SCALES)
    databases = benchdb.parse_list(args.databases, benchdb.DATABASES)
    print(
        f"Statutory return benchmark, year {benchdb.YEAR}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at the start"
    )
    rows = []
    for database in databases:
        for scale in scales:
            print(f"  {scale} on {database}: preparing data ...", flush=True)
            if database == "sqlite":
                url, generation = benchdb.sqlite_database(scale)
                rows.append(measure(scale, database, url, args.runs, generation))
            else:
                with benchdb.postgres_server() as url:
                    generation = benchdb.postgres_database(url, scale)
                    rows.append(measure(scale, database, url, args.runs, generation))
            print(f"  {scale} on {database}: done", flush=True)
    report(rows)
    print(
        f"Load average {os.getloadavg()[0]:.1f} at the end (other work on the machine skews times)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
