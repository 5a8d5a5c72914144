from django.core.management.base import BaseCommand, CommandError

from msp.facts import services


class Command(BaseCommand):
    help = "Rebuild the statutory return's reporting facts from the case records, or check them."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])

    def handle(self, *args, action, **options):
        if action == "rebuild":
            people = services.rebuild()
            self.stdout.write(f"Reporting facts rebuilt for {people:,} people")
            return
        differing = services.check()
        if differing:
            raise CommandError(
                "The reporting facts differ from the case records (run `msp facts rebuild`): "
                + "; ".join(differing)
            )
        self.stdout.write("The reporting facts agree with the case records")
