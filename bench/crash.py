"""Kill the server at random moments while people write, and prove nothing acknowledged was lost.

    .venv/bin/python bench/crash.py --databases sqlite,postgres --cycles 50

For each database: a fresh database (SQLite in a temporary folder; PostgreSQL on a throwaway
server started like tests/support/postgres.py) with demo data. Then `msp serve` (gunicorn, as in
production) is started in its own process group; several clients record conversations over HTTP,
half through the API with a personal token and half through the pages with a signed-in session
and the form's CSRF token; after a random 0.5 to 3 seconds of serving the whole process group is
killed with SIGKILL, and the server is started again, for the given number of cycles.

Afterwards, with the server stopped: every write that got a success answer (201 from the API, the
redirect to the enquiry page from the form) must be in the database, the database must pass its
integrity check (SQLite `PRAGMA integrity_check`; PostgreSQL `pg_amcheck --heapallindexed`), and
`msp audit verify` must pass. It prints cycles, writes attempted, acknowledged and checked, losses,
5xx answers, requests cut off by a kill and connections refused while the server was down, and
exits non-zero if anything was lost or answered 5xx.

Only 127.0.0.1 is ever contacted; the loop stops after --cycles.
"""

import argparse
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdb  # noqa: E402

ROOT = benchdb.ROOT
PYTHON = benchdb.PYTHON
PASSWORD = "safeguarding-demo"
MARK = "crash-bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# In the database: setting up and checking ---------------------------------------------------


def _setup_worker() -> None:
    """Create the API token and list the enquiries the clients write to (JSON on the last line)."""
    benchdb.setup_django()
    from datetime import timedelta

    from msp.accounts.models import User
    from msp.api.models import Scope
    from msp.api.services import token_create
    from msp.core.dates import today
    from msp.enquiries.models import Enquiry

    users = {}
    for username in ("practitioner", "manager"):
        user = User.objects.get(username=username)
        team_ids = list(user.teams.values_list("id", flat=True))
        enquiries = list(
            Enquiry.objects.filter(end_date__isnull=True, team_id__in=team_ids, archived_at=None)
            .order_by("id")
            .values_list("id", flat=True)[:20]
        )
        _, secret = token_create(
            actor=user,
            name="Crash bench",
            scopes=[Scope.READ, Scope.WRITE],
            expires_on=today() + timedelta(days=30),
        )
        users[username] = {"token": secret, "enquiries": enquiries}
    print(json.dumps(users))


def _verify_worker() -> None:
    """The markers present, and the database's own integrity verdict (JSON on the last line)."""
    benchdb.setup_django()
    from django.db import connection

    from msp.enquiries.models import Conversation

    present = list(
        Conversation.objects.filter(notes__startswith=MARK).values_list("notes", flat=True)
    )
    integrity = "not checked here"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            integrity = "; ".join(row[0] for row in cursor.fetchall())
    print(json.dumps({"present": present, "integrity": integrity}))


def pg_amcheck(url: str) -> str:
    """PostgreSQL's own check of every table and index (the amcheck extension)."""
    from tests.support import postgres

    tool = postgres.find_bindir() / "pg_amcheck"
    done = subprocess.run(
        [str(tool), "--install-missing", "--heapallindexed", "--parent-check", url],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return f"pg_amcheck failed ({done.returncode}): {done.stdout}{done.stderr}".strip()
    return "ok"


# Over HTTP: the writers ---------------------------------------------------------------------


@dataclass
class Tally:
    attempted: int = 0
    acknowledged: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # 4xx: a bench bug, reported
    connection_failures: int = 0  # the server was down: nothing was sent
    cut_off: int = 0  # sent, then the server died before answering
    lock: threading.Lock = field(default_factory=threading.Lock)


class Writer(threading.Thread):
    def __init__(self, number, kind, base, user, enquiries, tally, stop, token=""):
        super().__init__(daemon=True)
        import requests

        self.number, self.kind, self.base = number, kind, base
        self.user, self.enquiries, self.token = user, enquiries, token
        self.tally, self.stop = tally, stop
        self.session = requests.Session()
        self.signed_in = False
        self.count = 0

    def run(self):
        import requests

        while not self.stop.is_set():
            marker = f"{MARK} {self.kind}{self.number}-{self.count}"
            self.count += 1
            try:
                status, ok = self.write(marker)
            except requests.RequestException as error:
                refused = "refused" in str(error).lower()
                with self.tally.lock:
                    if refused:
                        self.tally.connection_failures += 1
                    else:
                        self.tally.cut_off += 1
                self.stop.wait(0.05)
                continue
            with self.tally.lock:
                self.tally.attempted += 1
                if ok:
                    self.tally.acknowledged.append(marker)
                elif status >= 500:
                    self.tally.server_errors.append(f"{status} {marker}")
                elif status:
                    self.tally.refused.append(f"{status} {marker}")

    def write(self, marker: str) -> tuple[int, bool]:
        enquiry = random.choice(self.enquiries)
        if self.kind == "api":
            response = self.session.post(
                f"{self.base}/api/v1/enquiries/{enquiry}/conversations",
                json={
                    "held_on": date.today().isoformat(),
                    "stage": "during",
                    "method": "phone",
                    "participants": ["person"],
                    "notes": marker,
                },
                headers={"Authorization": f"Bearer {self.token}"},
                timeout=30,
            )
            return response.status_code, response.status_code == 201
        if not self.signed_in:
            status = self.sign_in()
            if not self.signed_in:
                return status, False
        url = f"{self.base}/enquiries/{enquiry}/conversations/new/"
        form = self.session.get(url, timeout=30)
        if form.status_code != 200 or "/accounts/sign-in/" in form.url:
            self.signed_in = "/accounts/sign-in/" not in form.url
            return (form.status_code if form.status_code != 200 else 0), False
        today = date.today()
        response = self.session.post(
            url,
            data={
                "csrfmiddlewaretoken": csrf_of(form.text),
                "stage": "during",
                "kind": "conversation",
                "participants": ["person"],
                "method": "phone",
                "held_on_0": today.day,
                "held_on_1": today.month,
                "held_on_2": today.year,
                "notes": marker,
            },
            headers={"Referer": url},
            allow_redirects=False,
            timeout=30,
        )
        ok = response.status_code == 302 and response.headers.get("Location", "").endswith(
            f"/enquiries/{enquiry}/"
        )
        return response.status_code, ok

    def sign_in(self) -> int:
        url = f"{self.base}/accounts/sign-in/"
        page = self.session.get(url, timeout=30)
        response = self.session.post(
            url,
            data={
                "csrfmiddlewaretoken": csrf_of(page.text),
                "username": self.user,
                "password": PASSWORD,
            },
            headers={"Referer": url},
            allow_redirects=False,
            timeout=60,
        )
        self.signed_in = response.status_code == 302
        return response.status_code


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else ""


# The loop -----------------------------------------------------------------------------------


def wait_ready(base: str, process: subprocess.Popen, limit: float = 90) -> float:
    import requests

    began = time.monotonic()
    while time.monotonic() - began < limit:
        if process.poll() is not None:
            raise RuntimeError("the server stopped while starting (see its log)")
        try:
            if requests.get(base + "/readyz", timeout=2).status_code == 200:
                return time.monotonic() - began
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not become ready in time")


def start_server(url: str, port: int, log, args) -> subprocess.Popen:
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "msp.cli",
            "serve",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "MSP_LOG_LEVEL": "WARNING"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, killed whole
    )


def kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def prepare(url: str, people: int) -> dict:
    benchdb.migrate(url)
    benchdb.run([PYTHON, "-m", "msp.cli", "demo", "--people", people, "--seed", "7"], url)
    benchdb.run([PYTHON, "-m", "msp.cli", "demo-users"], url)
    return benchdb.run_json([PYTHON, "bench/crash.py", "--worker", "setup"], url)


def crash_loop(database: str, url: str, args, workdir: Path) -> dict:
    setup = prepare(url, args.people)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    tally, stop = Tally(), threading.Event()
    writers = []
    for number in range(args.clients):
        kind = "api" if number % 2 == 0 else "page"
        user = "practitioner" if number % 4 < 2 else "manager"
        writers.append(
            Writer(
                number,
                kind,
                base,
                user,
                setup[user]["enquiries"],
                tally,
                stop,
                token=setup[user]["token"],
            )  # fmt: skip
        )
    rng = random.Random(args.seed)
    log_path = workdir / f"server-{database}.log"
    starts = []
    began = time.monotonic()
    with log_path.open("w") as log:
        for cycle in range(1, args.cycles + 1):
            process = start_server(url, port, log, args)
            try:
                starts.append(wait_ready(base, process))
                if cycle == 1:
                    for writer in writers:
                        writer.start()
                time.sleep(rng.uniform(args.serve_min, args.serve_max))
            finally:
                kill_group(process)
            if cycle % 10 == 0:
                print(f"  {database}: {cycle} cycles, {len(tally.acknowledged)} writes acknowledged",
                      flush=True)  # fmt: skip
    stop.set()
    for writer in writers:
        writer.join(timeout=60)
    seconds = time.monotonic() - began
    checked = benchdb.run_json([PYTHON, "bench/crash.py", "--worker", "verify"], url)
    present = set(checked["present"])
    lost = [marker for marker in tally.acknowledged if marker not in present]
    integrity = checked["integrity"] if database == "sqlite" else pg_amcheck(url)
    audit = subprocess.run(
        [PYTHON, "-m", "msp.cli", "audit", "verify"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        "database": database,
        "cycles": args.cycles,
        "seconds": round(seconds),
        "attempted": tally.attempted,
        "acknowledged": len(tally.acknowledged),
        "checked": len(tally.acknowledged),
        "present": len(present),
        "lost": lost,
        "server_errors": tally.server_errors,
        "refused": tally.refused,
        "connection_failures": tally.connection_failures,
        "cut_off": tally.cut_off,
        "integrity": integrity,
        "audit": (audit.stdout or audit.stderr).strip().splitlines()[-1:],
        "audit_ok": audit.returncode == 0,
        "median_start": round(sorted(starts)[len(starts) // 2], 2),
        "log": str(log_path),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--clients", type=int, default=4, help="writers (half API, half pages)")
    parser.add_argument("--people", type=int, default=40, help="demo people to start from")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve-min", type=float, default=1.0, help="seconds served, at least")
    parser.add_argument("--serve-max", type=float, default=4.0, help="seconds served, at most")
    parser.add_argument("--worker", choices=["setup", "verify"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "setup":
        _setup_worker()
        return 0
    if args.worker == "verify":
        _verify_worker()
        return 0
    if args.cycles < 1 or args.clients < 1:
        parser.error("--cycles and --clients must be at least 1")
    databases = benchdb.parse_list(args.databases, benchdb.DATABASES)
    results = []
    with tempfile.TemporaryDirectory(prefix="msp-crash-") as folder:
        workdir = Path(folder)
        for database in databases:
            print(f"  {database}: {args.cycles} cycles with {args.clients} writers ...", flush=True)
            if database == "sqlite":
                url = f"sqlite:///{workdir / 'crash.sqlite3'}"
                results.append(crash_loop(database, url, args, workdir))
            else:
                with benchdb.postgres_server() as url:
                    results.append(crash_loop(database, url, args, workdir))
            if results[-1]["lost"] or results[-1]["server_errors"] or results[-1]["refused"]:
                kept = ROOT / "var" / "bench" / Path(results[-1]["log"]).name
                kept.parent.mkdir(parents=True, exist_ok=True)
                kept.write_bytes(Path(results[-1]["log"]).read_bytes())
                results[-1]["log"] = str(kept)
    load = os.getloadavg()
    print(
        f"Kill loop: SIGKILL to the server's process group, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )
    benchdb.print_table(
        ["database", "cycles", "seconds", "attempted", "acknowledged", "checked", "lost", "5xx",
         "4xx", "cut off", "refused (down)", "integrity", "audit chain", "median start s"],
        [[r["database"], r["cycles"], r["seconds"], r["attempted"], r["acknowledged"], r["checked"],
          len(r["lost"]), len(r["server_errors"]), len(r["refused"]), r["cut_off"], r["connection_failures"],
          r["integrity"], "verified" if r["audit_ok"] else "BROKEN", r["median_start"]]
         for r in results],
    )  # fmt: skip
    bad = False
    for r in results:
        for label, items in (
            ("lost", r["lost"]),
            ("5xx", r["server_errors"]),
            ("4xx", r["refused"]),
        ):
            if items:
                bad = True
                print(f"{r['database']} {label}: {items[:10]} (server log {r['log']})")
        if r["integrity"] != "ok" or not r["audit_ok"]:
            bad = True
            print(f"{r['database']}: integrity {r['integrity']}; audit {r['audit']}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
