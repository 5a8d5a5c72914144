"""Import benchmark: a synthetic interchange file set of N concerns, imported, timed and measured.

    .venv/bin/python bench/import.py --concerns 100000

Generates people.csv, concerns.csv and risks.csv (deterministic for a seed; synthetic only: refs
and codes, no names), imports them with `msp import` into a fresh SQLite database in a temporary
folder (or the database in DATABASE_URL with --use-database-url), then prints rows per second,
wall time and peak resident memory.
"""

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEXES = ["male", "female", "not_known"]
ETHNICITIES = ["white", "mixed", "asian", "black", "other", "refused", "not_known"]
SUPPORT = ["physical", "sensory", "memory_cognition", "learning_disability", "mental_health"]
TYPES = [
    "physical",
    "sexual",
    "psychological",
    "financial_material",
    "neglect_omission",
    "domestic",
    "self_neglect",
    "organisational",
]
LOCATIONS = [
    "own_home",
    "in_community",
    "community_service",
    "care_home_nursing",
    "care_home_residential",
    "hospital_acute",
    "other",
]
SOURCES = ["service_provider", "other_known", "other_unknown"]
ACTIONS = [
    "risk_identified_action",
    "risk_identified_no_action",
    "inconclusive_action",
    "no_risk_action",
    "no_risk_no_action",
    "ceased_at_request",
]
TEAMS = ["North locality", "South locality", "East locality", "West locality", "Hospital team"]
LAST_DAY = date(2025, 3, 31)


def generate(folder: Path, concerns: int, seed: int) -> int:
    """Write the three files; returns the number of rows written."""
    rng = random.Random(seed)
    people = max(1, int(concerns * 0.8))
    with open(folder / "people.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "person_ref",
                "date_of_birth",
                "date_of_death",
                "sex",
                "ethnicity",
                "primary_support_reason",
                "autism",
                "aspergers",
            ]
        )
        for i in range(people):
            dob = date(1930, 1, 1) + timedelta(days=rng.randrange(365 * 70))
            w.writerow(
                [
                    f"LEG{i:07d}",
                    dob.isoformat(),
                    "",
                    rng.choice(SEXES),
                    rng.choice(ETHNICITIES),
                    rng.choice(SUPPORT),
                    rng.choice(["no", "no", "yes"]),
                    "no",
                ]
            )
    risks = 0
    with (
        open(folder / "concerns.csv", "w", newline="", encoding="utf-8") as fc,
        open(folder / "risks.csv", "w", newline="", encoding="utf-8") as fr,
    ):
        wc, wr = csv.writer(fc), csv.writer(fr)
        wc.writerow(
            [
                "concern_ref",
                "person_ref",
                "received_date",
                "team",
                "enquiry_type",
                "enquiry_start_date",
                "enquiry_end_date",
                "action_and_result",
                "risk_outcome",
                "lacked_capacity",
                "advocate_support",
                "asked_outcomes",
                "outcomes_achieved",
            ]
        )
        wr.writerow(["concern_ref", "type_of_risk", "location_of_risk", "source_of_risk"])
        for i in range(concerns):
            ref = f"SC{i:08d}"
            person = f"LEG{(i if i < people else rng.randrange(people)):07d}"
            received = LAST_DAY - timedelta(days=5 + rng.randrange(3 * 365))
            kind = rng.choices(["s42", "other", "none"], weights=[45, 15, 40])[0]
            row = [ref, person, received.isoformat(), rng.choice(TEAMS), kind] + [""] * 8
            if kind != "none":
                start = received + timedelta(days=rng.randrange(5))
                row[5] = start.isoformat()
                if rng.random() < 0.85:
                    end = min(start + timedelta(days=rng.randrange(120)), LAST_DAY)
                    action = rng.choice(ACTIONS)
                    row[6], row[7] = end.isoformat(), action
                    if action.startswith("risk_identified"):
                        row[8] = rng.choice(["remained", "reduced", "removed"])
                    capacity = rng.choice(
                        ["lacked_capacity", "did_not_lack_capacity", "dont_know", "not_recorded"]
                    )
                    row[9] = capacity
                    if capacity == "lacked_capacity":
                        row[10] = rng.choice(["yes", "no"])
                    asked = rng.choice(
                        ["asked_expressed", "asked_expressed", "asked_none_expressed", "no"]
                    )
                    row[11] = asked
                    if asked == "asked_expressed":
                        row[12] = rng.choice(["fully", "partially", "not"])
            wc.writerow(row)
            for _ in range(rng.choice([1, 1, 2, 2, 3]) if kind != "none" else rng.choice([0, 1])):
                wr.writerow([ref, rng.choice(TYPES), rng.choice(LOCATIONS), rng.choice(SOURCES)])
                risks += 1
    return people + concerns + risks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concerns", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--use-database-url",
        action="store_true",
        help="Import into DATABASE_URL (must be an empty, migrated database)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="msp-import-bench-"))
    if not args.use_database_url:
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msp.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    rows = generate(work, args.concerns, args.seed)
    generated = time.monotonic() - started
    print(f"Generated {rows} rows ({args.concerns} concerns) in {generated:.1f} s under {work}")

    from msp.interop import services
    from msp.interop.reading import open_paths

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    source = open_paths([work])
    started = time.monotonic()
    result = services.import_run(actor=services.import_user(), source=source)
    wall = time.monotonic() - started
    source.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if result.counts is None:
        print(f"Import refused: {len(result.validation.problems)} errors, e.g.")
        for problem in result.validation.problems[:5]:
            print("  ", problem)
        raise SystemExit(1)
    counts = result.counts
    print(
        f"Imported {counts.people_new} people, {counts.concerns_new} concerns, "
        f"{counts.enquiries_new} enquiries, {counts.risks_new} risks"
    )
    print(f"Wall time {wall:.1f} s, {rows / wall:,.0f} rows/s")
    print(f"Peak RSS {peak:.0f} MB (before import {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
