"""`msp demo`: fill the database with synthetic people, concerns and enquiries for trying MSP out."""

import time

from django.core.management.base import BaseCommand, CommandError

from msp.demo import summary
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
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds people",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add demo data even though the database already holds people",
        )

    def handle(self, *args, people, seed, if_empty, force, **options):
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
