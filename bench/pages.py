"""One request at a time: how long each busy page takes at council scale, and how many queries.

    .venv/bin/python bench/pages.py --databases sqlite,postgres
    .venv/bin/python bench/pages.py --databases sqlite --concerns 30000 --years 2 --repeat 3

The same council-scale database as bench/load.py (`msp demo --concerns 200000 --years 4`, cached
under var/bench/ for SQLite, filled afresh on a throwaway PostgreSQL server). In a child process
with Django's test client (no server, no network, no other users), each page is asked for once to
warm the caches and then `--repeat` times; the script prints the median and the fastest time and
the number of queries per page. It measures what a page costs on its own, not under load
(that is bench/load.py).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdb  # noqa: E402
import load  # noqa: E402

PYTHON = benchdb.PYTHON
PASSWORD = "safeguarding-demo"


def _time_worker(repeat: int) -> None:
    benchdb.setup_django()
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.db.models import Count
    from django.test import Client

    from msp.accounts.models import Role, User
    from msp.core.dates import today
    from msp.enquiries.models import Enquiry
    from msp.people.models import Person

    settings.DEBUG = True  # so connection.queries counts every query
    settings.ALLOWED_HOSTS = ["testserver"]
    busiest = (
        Enquiry.objects.filter(end_date__isnull=True, lead__role=Role.PRACTITIONER)
        .values("lead_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    practitioner = User.objects.get(pk=busiest["lead_id"])
    manager = User.objects.filter(
        role=Role.TEAM_MANAGER, is_active=True, teams__in=practitioner.teams.all()
    ).first()
    performance = User.objects.get(username="performance")
    enquiry = (
        Enquiry.objects.filter(lead=practitioner, end_date__isnull=True).order_by("start_date")
    ).first()
    surname = (Person.objects.values("last_name").annotate(n=Count("id")).order_by("-n").first())[
        "last_name"
    ]
    on = today()
    conversation = {
        "stage": "during",
        "kind": "conversation",
        "participants": ["person"],
        "method": "phone",
        "held_on_0": on.day,
        "held_on_1": on.month,
        "held_on_2": on.year,
        "notes": "Talked through what has happened since we last spoke.",
        "outcome_0_words": "I want to feel safe when my nephew visits",
        "outcome_0_expressed_by": "person",
    }
    detail = f"/enquiries/{enquiry.pk}/"
    pages = [
        ("caseload", practitioner, "get", "/enquiries/", None, 200),
        ("caseload, page 2", practitioner, "get", "/enquiries/?view=team&page=2", None, 200),
        ("team caseload", manager, "get", "/enquiries/", None, 200),
        ("team caseload, drift", manager, "get", "/enquiries/?drift=no_recent", None, 200),
        ("enquiry page", practitioner, "get", detail, None, 200),
        ("person search", practitioner, "get", f"/people/?text={surname}", None, 200),
        ("conversation form", practitioner, "get", f"{detail}conversations/new/", None, 200),
        (
            "record conversation",
            practitioner,
            "post",
            f"{detail}conversations/new/",
            conversation,
            302,
        ),
        ("measures", manager, "get", "/reporting/measures/", None, 200),
        ("measures (performance)", performance, "get", "/reporting/measures/", None, 200),
        ("trivial: sign-in page", None, "get", "/accounts/sign-in/", None, 200),
    ]
    rows = []
    for name, user, method, url, data, status in pages:
        client = Client()
        if user is not None:
            client.force_login(user)
        times, queries = [], 0
        for attempt in range(repeat + 1):
            reset_queries()
            began = time.perf_counter()
            response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
            elapsed = (time.perf_counter() - began) * 1000
            if response.status_code != status:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
            if attempt:  # the first request warms the caches
                times.append(elapsed)
                queries = len(connection.queries)
        rows.append([name, f"{statistics.median(times):.0f}", f"{min(times):.0f}", queries])
    client = Client()
    began = time.perf_counter()
    response = client.post(
        "/accounts/sign-in/", {"username": practitioner.username, "password": PASSWORD}
    )
    signing_in = (time.perf_counter() - began) * 1000
    rows.append(["sign in (one attempt)", f"{signing_in:.0f}", f"{signing_in:.0f}", "-"])
    if response.status_code != 302:
        rows[-1][0] += f" answered {response.status_code}"
    open_count = busiest["n"]
    team_open = Enquiry.objects.filter(
        end_date__isnull=True, team__in=practitioner.teams.all()
    ).count()
    print(json.dumps({"rows": rows, "open": open_count, "team_open": team_open}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--concerns", type=int, default=200_000)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--worker", choices=["time"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "time":
        _time_worker(args.repeat)
        return 0
    worker = [PYTHON, "bench/pages.py", "--worker", "time", "--repeat", args.repeat]
    for database in benchdb.parse_list(args.databases, benchdb.DATABASES):
        print(f"  {database}: {args.concerns:,} concerns over {args.years} years ...", flush=True)
        if database == "sqlite":
            result = benchdb.run_json(worker, load.sqlite_database(args.concerns, args.years))
        else:
            with benchdb.postgres_server() as url:
                load.fill(url, args.concerns, args.years)
                result = benchdb.run_json(worker, url)
        print(
            f"\n{database}: the busiest practitioner holds {result['open']} open enquiries, "
            f"their team {result['team_open']}; load average {os.getloadavg()[0]:.1f} (1 min)"
        )
        benchdb.print_table(["page", "median ms", "fastest ms", "queries"], result["rows"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
