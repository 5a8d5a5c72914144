"""How long the board dashboard (/reporting/board/) takes at council scale.

    .venv/bin/python bench/dashboard.py [--scales council] [--databases sqlite] [--runs 5]

Signs in as the demo board member with Django's test client and GETs the page for the benchmark
year several times (after one warm-up request), reporting median and minimum wall time, the query
count and the child process's peak memory. Skips with a message when the page is not there yet.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdb  # noqa: E402

PATH = "/reporting/board/"


def worker(runs: int) -> dict:
    benchdb.setup_django()
    from django.db import connection
    from django.test import Client
    from django.urls import Resolver404, resolve

    from msp.accounts.models import User

    try:
        resolve(PATH)
    except Resolver404:
        return {"skipped": f"{PATH} is not a page yet"}
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="board"))
    url = f"{PATH}?year={benchdb.YEAR}"
    # An execute wrapper, not the debug query log: each request empties the log.
    queries = []

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append({"time": time.perf_counter() - began, "sql": sql})

    with connection.execute_wrapper(timed):
        response = client.get(url)
    if response.status_code != 200:
        return {"skipped": f"{url} answered {response.status_code}"}
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - began)
    slowest = sorted(queries, key=lambda q: -q["time"])[:3]
    return {
        "times": times,
        "queries": len(queries),
        "bytes": len(response.content),
        "peak_rss_mb": round(benchdb.peak_rss_mb()),
        "slowest": [{"seconds": float(q["time"]), "sql": q["sql"][:150]} for q in slowest],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="council")
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.runs)))
        return
    scales = benchdb.parse_list(args.scales, benchdb.SCALES)
    databases = benchdb.parse_list(args.databases, benchdb.DATABASES)
    command = [benchdb.PYTHON, __file__, "--worker", "--runs", str(args.runs)]
    rows, notes = [], []
    for database in databases:
        for scale in scales:
            if database == "sqlite":
                url, _ = benchdb.sqlite_database(scale)
                figures = benchdb.run_json(command, url, MSP_ALLOWED_HOSTS="localhost")
            else:
                with benchdb.postgres_server() as url:
                    benchdb.postgres_database(url, scale)
                    figures = benchdb.run_json(command, url, MSP_ALLOWED_HOSTS="localhost")
            if "skipped" in figures:
                print(f"Skipped {scale} on {database}: {figures['skipped']}")
                continue
            times = figures["times"]
            rows.append(
                [
                    scale,
                    database,
                    f"{statistics.median(times):.3f} / {min(times):.3f}",
                    figures["queries"],
                    figures["peak_rss_mb"],
                ]
            )
            notes += [
                f"{scale} / {database}: {q['seconds']:.3f} s  {q['sql']}"
                for q in figures["slowest"]
            ]
    if rows:
        print(f"Board dashboard {PATH} for {benchdb.YEAR}")
        benchdb.print_table(
            ["scale", "database", "GET s (median / min)", "queries", "peak RSS MB"], rows
        )
        print()
        print("\n".join(notes))


if __name__ == "__main__":
    main()
