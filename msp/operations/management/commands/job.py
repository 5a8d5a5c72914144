"""`msp job NAME`: run one scheduled job now (cron and systemd timers call this)."""

from django.core.management.base import BaseCommand, CommandError

from msp.operations.jobs import JOBS, run_job


class Command(BaseCommand):
    help = "Run a scheduled job: " + "; ".join(
        f"{job.name}: {job.description}" for job in JOBS.values()
    )

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(JOBS))

    def handle(self, *args, name, **options):
        succeeded, summary = run_job(name)
        if not succeeded:
            raise CommandError(f"{name} did not finish: {summary}")
        self.stdout.write(f"{name}: {summary}.")
