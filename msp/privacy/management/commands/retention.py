"""`msp retention --dry-run | --apply`: anonymise the people the retention schedule says are due."""

from django.core.management.base import BaseCommand, CommandError

from msp.privacy.models import retention_schedule
from msp.privacy.services import retention_run


class Command(BaseCommand):
    help = (
        "Anonymise the people whose records the retention schedule says are due (--dry-run first)."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--dry-run", action="store_true", help="List who is due; change nothing")
        mode.add_argument("--apply", action="store_true", help="Anonymise everyone due")
        parser.add_argument(
            "--list", type=int, default=50, help="How many references to list (default 50)"
        )

    def handle(self, *args, dry_run=False, apply=False, list=50, **options):
        if list < 0:
            raise CommandError("--list must be 0 or more")
        schedule = retention_schedule()
        report = retention_run(apply=apply)
        people = report.anonymised if apply else report.due
        self.stdout.write(f"Retention schedule: {schedule}. Run on {report.on:%-d %B %Y}.")
        verb = "Anonymised" if apply else "Due for anonymisation (dry run, nothing changed)"
        self.stdout.write(f"{verb}: {len(people)} {'person' if len(people) == 1 else 'people'}.")
        by_rule: dict[str, int] = {}
        for due in people:
            by_rule[due.rule] = by_rule.get(due.rule, 0) + 1
        for rule, count in sorted(by_rule.items()):
            self.stdout.write(f"  {count}: {rule}")
        for due in people[:list]:
            self.stdout.write(f"  {due.reference} (due {due.due_on:%-d %B %Y})")
        if len(people) > list:
            self.stdout.write(f"  ... and {len(people) - list} more")
