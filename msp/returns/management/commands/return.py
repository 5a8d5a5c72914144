"""`msp return --year 2025-26 --format json|csv|publication|xlsx --output PATH`: the statutory return as a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from msp.core.periods import ReportingYear
from msp.returns import exports
from msp.returns.build import build_return


class Command(BaseCommand):
    help = "Write the Safeguarding Adults Collection return for a reporting year to a file."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="The reporting year, like 2025-26")
        parser.add_argument(
            "--format",
            default="json",
            help="json (default), csv, publication (the national publication's CSV layout) or xlsx",
            dest="fmt",
        )
        parser.add_argument(
            "--output", help="Where to write the file (standard output when left out, not xlsx)"
        )
        parser.add_argument(
            "--no-validation", action="store_true", help="Leave the validation report out"
        )

    def handle(self, *args, year, fmt, output, no_validation, **options):
        try:
            reporting_year = ReportingYear.parse(year)
        except ValueError as error:
            raise CommandError(f"--year: {error}") from error
        fmt = fmt.lower()
        if fmt not in exports.FORMATS:
            raise CommandError(f"--format must be json, csv, publication or xlsx, not {fmt!r}")
        if fmt == "xlsx" and not output:
            raise CommandError("--output is needed for xlsx: a workbook cannot go to the screen")
        result = build_return(reporting_year, include_validation=not no_validation)
        content = exports.render(result, fmt)
        if not output:
            self.stdout.write(content.decode("utf-8"))
            return
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"--output: the folder {path.parent} does not exist")
        path.write_bytes(content)
        errors, warnings = len(result.errors), len(result.warnings)
        self.stderr.write(
            f"Wrote the {result.year} return to {path} "
            f"({errors} validation error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)})"
        )
