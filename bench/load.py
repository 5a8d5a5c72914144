"""A whole team's day at once: locust against the app served as `msp serve` serves it (gunicorn).

    .venv/bin/pip install -e '.[bench]'        # locust
    .venv/bin/python bench/load.py --databases sqlite,postgres --users 50 --seconds 120
    .venv/bin/python bench/load.py --databases sqlite --users 10 --seconds 20 --concerns 30000 --years 2

The database is a council's several years made by the bulk generator (`msp demo --concerns N
--years Y`: by default 200,000 concerns over 4 years, teams of 8 to 15 practitioners with 20 to
40 open enquiries each). SQLite databases are kept under var/bench/ and reused while the generator
is unchanged; PostgreSQL runs on a throwaway server filled afresh. The simulated people are in
bench/locustfile.py: practitioners, team managers, performance officers, and an anonymous visitor
asking for trivial pages (the framework's ceiling in the same run). Locust runs headless for a
fixed time against 127.0.0.1 only; then the script prints throughput and the 50th, 95th and 99th
percentiles per page, failures, 5xx answers, and the machine's load average.
"""

import argparse
import csv
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdb  # noqa: E402
import crash  # noqa: E402

ROOT = benchdb.ROOT
PYTHON = benchdb.PYTHON


def _accounts_worker() -> None:
    """Who the simulated people sign in as, and names to search for (JSON on the last line)."""
    benchdb.setup_django()
    from django.db.models import Count

    from msp.accounts.models import Role, User
    from msp.demo.bulk.load import last_complete_year
    from msp.enquiries.models import Enquiry
    from msp.people.models import Person

    with_open = (
        Enquiry.objects.filter(end_date__isnull=True, lead__role=Role.PRACTITIONER)
        .values("lead__username")
        .annotate(n=Count("id"))
        .order_by("lead__username")
    )
    managers = User.objects.filter(role=Role.TEAM_MANAGER, is_active=True, teams__isnull=False)
    surnames = (
        Person.objects.values("last_name").annotate(n=Count("id")).order_by("-n", "last_name")
    )
    from msp.core.dates import today

    print(
        json.dumps(
            {
                "users": {
                    "practitioner": [row["lead__username"] for row in with_open],
                    "manager": sorted(set(managers.values_list("username", flat=True))),
                    "performance": ["performance"],
                },
                "open_per_practitioner": [row["n"] for row in with_open],
                "surnames": [row["last_name"] for row in surnames[:40]],
                "year": last_complete_year(today()).label,
            }
        )
    )


def password_hashing_version() -> str:
    """A fingerprint of how passwords are hashed (the hasher and its settings)."""
    digest = hashlib.sha256((ROOT / "msp" / "accounts" / "hashers.py").read_bytes())
    return digest.hexdigest()[:16]


def sqlite_database(concerns: int, years: int) -> str:
    """The cached council database for these sizes, made when missing or stale."""
    benchdb.VAR.mkdir(parents=True, exist_ok=True)
    path = benchdb.VAR / f"load-{concerns}-{years}.sqlite3"
    note = path.with_suffix(".json")
    url = f"sqlite:///{path}"
    wanted = {
        "concerns": concerns,
        "years": years,
        "code": benchdb.generator_version(),
        # The demo users' passwords are hashed as the hasher of the day hashes them: a
        # database made with an older hasher would time its upgrade, not a sign-in.
        "passwords": password_hashing_version(),
    }
    if path.exists() and note.exists() and json.loads(note.read_text()) == wanted:
        benchdb.migrate(url)
        return url
    for leftover in benchdb.VAR.glob(f"{path.name}*"):
        leftover.unlink()
    fill(url, concerns, years)
    note.write_text(json.dumps(wanted))
    return url


def fill(url: str, concerns: int, years: int) -> None:
    benchdb.migrate(url)
    began = time.monotonic()
    out = benchdb.run(
        [PYTHON, "-m", "msp.cli", "demo", "--concerns", concerns, "--years", years, "--seed", 7],
        url,
    )
    print(f"    {out.strip().splitlines()[-1]} ({time.monotonic() - began:.0f} s)", flush=True)


def run_locust(base: str, accounts: Path, args, prefix: Path) -> subprocess.CompletedProcess:
    locust = shutil.which("locust", path=str(Path(PYTHON).parent)) or shutil.which("locust")
    if not locust:
        raise SystemExit("locust is not installed: .venv/bin/pip install -e '.[bench]'")
    return subprocess.run(
        [
            locust,
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.spawn_rate),
            "--run-time",
            f"{args.seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "MSP_LOAD_USERS": str(accounts)},
        capture_output=True,
        text=True,
        check=False,
        timeout=args.seconds + 120,
    )


def read_stats(prefix: Path) -> tuple[list[dict], list[dict]]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        stats = list(csv.DictReader(handle))
    failures_path = Path(f"{prefix}_failures.csv")
    failures = []
    if failures_path.exists():
        with failures_path.open(newline="") as handle:
            failures = list(csv.DictReader(handle))
    return stats, failures


def _cpu_snapshot(server_session: int) -> dict[str, float]:
    """CPU seconds used so far by the server's processes (its session), PostgreSQL's processes
    and the whole machine (busy, all cores), from /proc: where the cores went during a run."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"server": 0.0, "postgres": 0.0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # the process ended while we looked
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if int(fields[3]) == server_session:
            used["server"] += seconds
        elif name == "postgres":
            used["postgres"] += seconds
    with open("/proc/stat") as handle:
        ticks = [int(v) for v in handle.readline().split()[1:]]
    used["machine"] = (sum(ticks) - ticks[3] - ticks[4]) / tick  # all but idle and I/O wait
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # locust is the child we wait for
    used["locust"] = children.ru_utime + children.ru_stime
    return used


def _error_summary(line: str) -> str:
    """A logged error as its message, exception type and the deepest frames of its stack,
    where the cause is (the log keeps no exception message: msp/operations/logs.py)."""
    try:
        entry = json.loads(line)
    except ValueError:
        return line[:2000]
    exception = entry.get("exception") or {}
    frames = " < ".join(reversed(exception.get("stack", [])[-6:]))
    return f"{entry.get('message', '')}: {exception.get('type', '')} at {frames}"[:2000]


def measure(database: str, url: str, args, workdir: Path) -> dict:
    accounts = benchdb.run_json([PYTHON, "bench/load.py", "--worker", "accounts"], url)
    accounts_file = workdir / f"accounts-{database}.json"
    accounts_file.write_text(json.dumps(accounts))
    port = crash.free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = workdir / f"server-{database}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [PYTHON, "-m", "msp.cli", "serve", f"127.0.0.1:{port}"]
            + (["--workers", str(args.workers)] if args.workers else [])
            + (["--threads", str(args.threads)] if args.threads else []),
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url, "MSP_LOG_LEVEL": "WARNING"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            crash.wait_ready(base, process)
            before = os.getloadavg()
            cpu_before, began = _cpu_snapshot(process.pid), time.monotonic()
            prefix = workdir / f"locust-{database}"
            done = run_locust(base, accounts_file, args, prefix)
            cpu_after, elapsed = _cpu_snapshot(process.pid), time.monotonic() - began
            after = os.getloadavg()
        finally:
            crash.kill_group(process)
    if not Path(f"{prefix}_stats.csv").exists():
        raise RuntimeError(f"locust wrote no figures:\n{done.stdout}\n{done.stderr}")
    stats, failures = read_stats(prefix)
    server_log = log_path.read_text(errors="replace")
    open_counts = accounts["open_per_practitioner"]
    return {
        "database": database,
        "stats": stats,
        "failures": failures,
        "load_before": before,
        "load_after": after,
        "cpu": {key: cpu_after[key] - cpu_before[key] for key in cpu_after},
        "elapsed": elapsed,
        "too_many_clients": server_log.count("too many clients"),
        "server_errors_logged": server_log.count('"level": "ERROR"'),
        # What the server said about its errors, so a 5xx can be looked into after the run.
        "server_error_lines": [
            _error_summary(line) for line in server_log.splitlines() if '"level": "ERROR"' in line
        ][:5],
        "practitioners": len(open_counts),
        "open": (min(open_counts), max(open_counts)) if open_counts else (0, 0),
    }


def show(result: dict, args) -> None:
    load_before, load_after = result["load_before"], result["load_after"]
    low, high = result["open"]
    print(
        f"\n{result['database']}: {args.users} users for {args.seconds} s "
        f"({result['practitioners']} practitioners with {low} to {high} open enquiries); "
        f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} (1 min)"
    )
    rows = []
    for row in result["stats"]:
        rows.append(
            [
                row["Name"],
                row["Request Count"],
                row["Failure Count"],
                f"{float(row['Requests/s']):.1f}",
                row["50%"],
                row["95%"],
                row["99%"],
                row["Max Response Time"].split(".")[0],
            ]
        )
    benchdb.print_table(
        ["page", "requests", "failures", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms"], rows
    )
    fivexx = sum(
        int(f["Occurrences"])
        for f in result["failures"]
        if any(f"{code}" in f["Error"] for code in range(500, 600))
    )
    print(
        f"5xx answers: {fivexx}; 'too many clients' in the server log: "
        f"{result['too_many_clients']}; errors logged by the server: "
        f"{result['server_errors_logged']}"
    )
    cpu, elapsed = result["cpu"], result["elapsed"]
    cores = os.cpu_count() or 1
    print(
        f"CPU over {elapsed:.0f} s on {cores} cores: the machine was busy "
        f"{cpu['machine'] / (elapsed * cores):.0%}; the app server used {cpu['server']:.0f} s, "
        f"PostgreSQL {cpu['postgres']:.0f} s, locust {cpu['locust']:.0f} s, everything else "
        f"{max(cpu['machine'] - cpu['server'] - cpu['postgres'] - cpu['locust'], 0):.0f} s"
    )
    requests = sum(
        int(row["Request Count"]) for row in result["stats"] if row["Name"] != "Aggregated"
    )
    if requests:
        print(
            f"  per request: app server {cpu['server'] / requests * 1000:.0f} ms of CPU, "
            f"PostgreSQL {cpu['postgres'] / requests * 1000:.0f} ms"
        )
    for failure in result["failures"][:10]:
        print(f"  {failure['Occurrences']} x {failure['Name']}: {failure['Error'][:160]}")
    for line in result.get("server_error_lines", []):
        print(f"  server: {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started a second")
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--concerns", type=int, default=200_000)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--workers", type=int, help="as msp serve: the cores plus one")
    parser.add_argument("--threads", type=int, help="as msp serve: 4")
    parser.add_argument("--worker", choices=["accounts"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "accounts":
        _accounts_worker()
        return 0
    if args.users < 1 or not 1 <= args.seconds <= 3600:
        parser.error("--users must be at least 1 and --seconds between 1 and 3600")
    databases = benchdb.parse_list(args.databases, benchdb.DATABASES)
    results = []
    with tempfile.TemporaryDirectory(prefix="msp-load-") as folder:
        workdir = Path(folder)
        for database in databases:
            print(
                f"  {database}: {args.concerns:,} concerns over {args.years} years ...", flush=True
            )
            if database == "sqlite":
                url = sqlite_database(args.concerns, args.years)
                results.append(measure(database, url, args, workdir))
            else:
                with benchdb.postgres_server() as url:
                    fill(url, args.concerns, args.years)
                    results.append(measure(database, url, args, workdir))
            # Shown as soon as measured, so a later database's failure loses nothing.
            show(results[-1], args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
