"""`msp export --format csv|xlsx PATH`: case records in the interchange format (docs/import-export.md)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.interop import services


def _date(text: str, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{option}: enter a date as YYYY-MM-DD, not {text!r}") from error


class Command(BaseCommand):
    help = (
        "Export people, concerns (with their enquiries) and risks in the interchange format. "
        "CSV: PATH ending .zip writes a ZIP of people.csv, concerns.csv and risks.csv, any other "
        "PATH a folder of them. XLSX: a workbook with three sheets."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--from", dest="date_from", default="", metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", default="", metavar="YYYY-MM-DD")
        parser.add_argument("--team", default="", metavar="NAME")
        parser.add_argument(
            "--user",
            required=True,
            metavar="USERNAME",
            help="Who is exporting: a performance officer or safeguarding lead",
        )

    def handle(self, *args, path, format, date_from, date_to, team, user, **options):
        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"There is no user {user}")
        if not policy.can_export(actor):
            raise CommandError(
                f"{user} may not export case records: only active performance officers and "
                "safeguarding leads may"
            )
        start, end = _date(date_from, "--from"), _date(date_to, "--to")
        if start and end and end < start:
            raise CommandError("--to must not be before --from")
        chosen = None
        if team:
            chosen = Team.objects.filter(name__iexact=team).first()
            if chosen is None:
                raise CommandError(f"There is no team {team}")
        if format == "xlsx" and not path.lower().endswith(".xlsx"):
            raise CommandError("For --format xlsx give a PATH ending .xlsx")
        counts = services.export_run(
            actor=actor, fmt=format, target=path, date_from=start, date_to=end, team=chosen
        )
        self.stdout.write(
            f"Exported {counts['people']} people, {counts['concerns']} concerns and "
            f"{counts['risks']} risks to {path}."
        )
