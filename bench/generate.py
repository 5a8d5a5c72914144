"""How long `msp demo --concerns N` takes to fill a database at council and national scale.

    .venv/bin/python bench/generate.py [--scales council,national] [--databases sqlite,postgres]

Each run starts from an empty, migrated database (migration is not timed) and writes the scale's
concerns with the benchmark seed and year in a child process, reporting wall time, rows written,
rows a second and the child's peak memory. The SQLite databases it makes replace the cached ones
under var/bench/ that bench/return.py and bench/dashboard.py reuse.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdb  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="council,national")
    parser.add_argument("--databases", default="sqlite")
    args = parser.parse_args()
    scales = benchdb.parse_list(args.scales, benchdb.SCALES)
    databases = benchdb.parse_list(args.databases, benchdb.DATABASES)
    rows = []
    for database in databases:
        for scale in scales:
            print(f"  {scale} on {database} ...", flush=True)
            if database == "sqlite":
                _, figures = benchdb.sqlite_database(scale, fresh=True)
            else:
                with benchdb.postgres_server() as url:
                    figures = benchdb.postgres_database(url, scale)
            tables = figures["tables"]
            rows.append(
                [
                    scale,
                    database,
                    f"{benchdb.SCALES[scale]:,}",
                    f"{tables['enquiry']:,}",
                    f"{tables['person']:,}",
                    f"{figures['rows']:,}",
                    f"{figures['seconds']:.1f}",
                    f"{figures['rows_per_second']:,}",
                    f"{figures['peak_rss_mb']} ({figures['start_rss_mb']})",
                ]
            )
    print(f"Bulk demo data, seed {benchdb.SEED}, year {benchdb.YEAR}")
    benchdb.print_table(
        [
            "scale",
            "database",
            "concerns",
            "enquiries",
            "people",
            "rows",
            "seconds",
            "rows/s",
            "peak RSS MB (at start)",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
