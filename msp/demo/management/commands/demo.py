"""`msp demo`: fill the database with synthetic people, concerns and enquiries for trying MSP out."""

import time

from django.core.management.base import BaseCommand, CommandError

from msp.core.periods import ReportingYear
from msp.demo import bulk, summary
from msp.demo.generator import generate
from msp.demo.users import table_lines
from msp.people.models import Person


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic demo data: teams, demo users, people, concerns and "
        "enquiries with their whole practice. Same seed on the same day gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=300, help="How many people (300)")
        parser.add_argument("--seed", type=int, default=7, help="Seed for the random choices (7)")
        parser.add_argument(
            "--concerns",
            type=int,
            help=(
                "Instead of --people: write this many concerns received in one reporting year, "
                "with their people and enquiries, in bulk (20000 is a council's year, 600000 "
                "England's)"
            ),
        )
        parser.add_argument(
            "--year",
            help="With --concerns: the reporting year, like 2025-26 (the last complete one)",
        )
        parser.add_argument(
            "--teams", type=int, default=3, help="With --concerns: how many teams (3)"
        )
        parser.add_argument(
            "--years",
            type=int,
            help=(
                "With --concerns: spread them over this many reporting years up to yesterday, "
                "with teams of 8 to 15 practitioners holding 20 to 40 open enquiries each"
            ),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds people",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add demo data even though the database already holds people",
        )

    def handle(
        self, *args, people, seed, if_empty, force, concerns, year, teams, years=None, **options
    ):
        existing = Person.objects.count()
        if existing and if_empty:
            self.stdout.write(
                f"The database already holds data ({existing} people): no demo data generated."
            )
            return
        if existing and not force:
            raise CommandError(
                f"The database already holds {existing} people. Use a fresh database, "
                "or --force to add demo data alongside them."
            )
        if concerns is not None and years is not None:
            self.council(concerns=concerns, years=years, seed=seed)
            return
        if concerns is not None:
            self.bulk(concerns=concerns, seed=seed, year=year, teams=teams)
            return
        if people < 1:
            raise CommandError("--people must be at least 1")
        self.stdout.write(f"Generating demo data for {people} people (seed {seed}) ...")
        started = time.monotonic()
        generate(people=people, seed=seed, progress=self.stdout.write)
        seconds = time.monotonic() - started
        self.stdout.write(f"Done in {seconds:.1f} seconds. The database now holds:")
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write("")
        for line in table_lines():
            self.stdout.write(line)

    def council(self, *, concerns: int, years: int, seed: int) -> None:
        from msp.demo.bulk.council import describe, generate_council

        if concerns < 1 or years < 1:
            raise CommandError("--concerns and --years must be at least 1")
        self.stdout.write(
            f"Writing {concerns:,} concerns over {years} reporting years in bulk (seed {seed}) ..."
        )
        began = time.monotonic()
        try:
            result = generate_council(
                concerns=concerns, years=years, seed=seed, progress=self.stdout.write
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Done in {time.monotonic() - began:.1f} seconds: {describe(result)}.")

    def bulk(self, *, concerns: int, seed: int, year: str | None, teams: int) -> None:
        if concerns < 1:
            raise CommandError("--concerns must be at least 1")
        if teams < 1:
            raise CommandError("--teams must be at least 1")
        try:
            chosen = ReportingYear.parse(year) if year else None
        except ValueError as error:
            raise CommandError(f"--year: {error}") from error
        label = chosen.label if chosen else "the last complete reporting year"
        self.stdout.write(
            f"Writing {concerns:,} concerns received in {label} in bulk (seed {seed}) ..."
        )
        try:
            result = bulk.generate(
                concerns=concerns, seed=seed, year=chosen, teams=teams, progress=self.stdout.write
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Done in {result.seconds:.1f} seconds ({result.total_rows / result.seconds:,.0f} "
            f"rows a second) for {result.year.label}. Rows written:"
        )
        width = max(len(name) for name in result.rows)
        for name, count in result.rows.items():
            self.stdout.write(f"  {name.replace('_', ' ').ljust(width)}  {count:,}")
        self.stdout.write("")
        for line in table_lines():
            self.stdout.write(line)
