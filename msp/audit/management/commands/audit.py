from django.core.management.base import BaseCommand, CommandError

from msp.audit.chain import verify


class Command(BaseCommand):
    help = "Audit trail tools. `msp audit verify` proves that no entry was changed, inserted or removed."

    def add_arguments(self, parser):
        parser.add_argument("task", choices=["verify"])

    def handle(self, *args, **options):
        verdict = verify()
        if not verdict.ok:
            raise CommandError(
                f"The audit trail is broken: {verdict.problem} ({verdict.checked} entries checked before it)"
            )
        self.stdout.write(f"The audit trail is intact: {verdict.checked} entries checked.")
