"""`msp import PATH`: bring case records in from the interchange format (docs/import-export.md)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from msp.accounts import policy
from msp.accounts.models import User
from msp.core.words import counted
from msp.interop import selectors, services
from msp.interop.reading import SourceError, open_paths

SHOWN_ERRORS = 1000


class Command(BaseCommand):
    help = (
        "Import people, concerns (with their enquiries) and risks from the interchange format: "
        "a folder with people.csv, concerns.csv and risks.csv, the three files, a ZIP of them, or "
        "an XLSX workbook with sheets of those names. Every row is checked first; with any error "
        "nothing is imported (unless --valid-only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing")
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="Import the valid rows and leave out the rows with errors",
        )
        parser.add_argument(
            "--team-default",
            default="",
            metavar="NAME",
            help=(
                "The team for rows that name no team: one of the council's active teams. "
                "Without it, a concern with a blank team is an error"
            ),
        )
        parser.add_argument(
            "--user",
            default="",
            metavar="USERNAME",
            help='Who the import is recorded as (default: the system account "import")',
        )
        parser.add_argument(
            "--errors-csv", default="", metavar="FILE", help="Also write every error to a CSV file"
        )

    def handle(self, *args, paths, dry_run, valid_only, team_default, user, errors_csv, **options):
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"There is no user {user}")
            if not policy.can_import(actor):
                raise CommandError(
                    f"{user} may not import case records: only an active performance officer may"
                )
        else:
            actor = services.import_user()
        blank_team = None
        if team_default.strip():
            blank_team = selectors.import_team_named(actor, team_default)
            if blank_team is None:
                names = ", ".join(selectors.import_team_names(actor)) or "none set up yet"
                raise CommandError(
                    f"No active team is called “{team_default.strip()}”: give the name of one of "
                    f"the council's teams ({names}) for rows that name no team"
                )
        try:
            source = open_paths([Path(p) for p in paths])
        except SourceError as error:
            raise CommandError(str(error)) from error
        started = time.monotonic()
        try:
            result = services.import_run(
                actor=actor,
                source=source,
                dry_run=dry_run,
                valid_only=valid_only,
                blank_team=blank_team,
            )
        finally:
            source.close()
        seconds = time.monotonic() - started
        validation = result.validation
        problems = validation.problems
        for problem in problems[:SHOWN_ERRORS]:
            self.stderr.write(str(problem))
        if len(problems) > SHOWN_ERRORS:
            self.stderr.write(f"... and {len(problems) - SHOWN_ERRORS} more errors")
        if errors_csv:
            from msp.interop.reports import errors_csv as as_csv

            Path(errors_csv).write_text(as_csv(validation), encoding="utf-8")
        counts = result.counts or validation.counts(valid_only=True)
        summary = (
            f"{counted(counts.people_new, 'new person', 'new people')} "
            f"({counts.people_present} already present), "
            f"{counted(counts.concerns_new, 'new concern')} "
            f"({counts.concerns_present} already present), "
            f"{counted(counts.enquiries_new, 'enquiry', 'enquiries')}, "
            f"{counted(counts.risks_new, 'risk')}"
        )
        if result.counts is not None:
            left_out = f"; {len(problems)} errors, their rows left out" if problems else ""
            self.stdout.write(f"Imported {summary} in {seconds:.1f} s{left_out}.")
            return
        if dry_run and not problems:
            self.stdout.write(f"Dry run: no errors. Would import {summary}. Nothing written.")
            return
        no_team = (
            " Give --team-default NAME for rows that name no team."
            if validation.rows_without_team and blank_team is None
            else ""
        )
        if dry_run:
            raise CommandError(
                f"Dry run: {len(problems)} errors. Nothing written. "
                f"Without the errors' rows it would import {summary}.{no_team}"
            )
        raise CommandError(
            f"{len(problems)} errors: nothing imported. Correct them and run the import again, "
            f"or use --valid-only to import only the valid rows.{no_team}"
        )
