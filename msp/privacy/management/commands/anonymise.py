"""`msp anonymise --output PATH`: a safe copy of the database for testing or training.

SQLite only for --output. For PostgreSQL, restore a dump into a new database and run
`msp anonymise --in-place --i-understand` with DATABASE_URL pointing at it (docs/data-protection.md).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from msp.privacy import safe_copy

WARNING = """
  !!! --in-place REPLACES EVERY NAME, NHS NUMBER, NOTE, PASSWORD AND THE AUDIT TRAIL IN THE
  !!! DATABASE THIS PROCESS IS CONNECTED TO ({name}). IT CANNOT BE UNDONE. Only ever run it
  !!! against a restored copy, never the live service.
"""


class Command(BaseCommand):
    help = "Make an anonymised copy of the database for testing or training."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Write the anonymised copy here (SQLite)")
        parser.add_argument(
            "--in-place", action="store_true", help="Anonymise the connected database itself"
        )
        parser.add_argument(
            "--i-understand",
            action="store_true",
            help="Confirm that --in-place destroys the real data in the connected database",
        )
        parser.add_argument("--seed", type=int, default=7, help="Seed for the synthetic values")
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace an existing file at --output"
        )

    def handle(
        self,
        *args,
        output=None,
        in_place=False,
        i_understand=False,
        seed=7,
        overwrite=False,
        **options,
    ):
        if bool(output) == bool(in_place):
            raise CommandError("Give either --output PATH or --in-place (with --i-understand)")
        default = connections["default"]
        if in_place:
            self.stderr.write(WARNING.format(name=default.settings_dict.get("NAME")))
            if not i_understand:
                raise CommandError(
                    "Refused: --in-place needs --i-understand as well. Nothing was changed."
                )
            counts = safe_copy.scrub_database("default", seed=seed)
            safe_copy.vacuum("default")
            self.stdout.write(self._summary("Anonymised the database", counts))
            return
        if default.vendor != "sqlite":
            raise CommandError(
                "--output copies SQLite databases only. For PostgreSQL: pg_dump the database, "
                "restore it into a new database with psql, then run `msp anonymise --in-place "
                "--i-understand` with DATABASE_URL set to the new database."
            )
        output = output.resolve()
        if output.exists() and not overwrite:
            raise CommandError(
                f"{output} already exists: choose another --output or add --overwrite"
            )
        if str(output) == str(Path(default.settings_dict["NAME"]).resolve()):
            raise CommandError("--output must not be the live database file")
        if output.exists():
            output.unlink()
        safe_copy.copy_sqlite(output=output)
        try:
            summary = safe_copy.scrub_copy_in_subprocess(output, seed=seed)
        except Exception:
            output.unlink(missing_ok=True)
            raise
        self.stdout.write(f"Wrote an anonymised copy to {output}. {summary.strip()}")

    @staticmethod
    def _summary(headline: str, counts: dict) -> str:
        return (
            f"{headline}: {counts['people']} people and {counts['staff']} staff given synthetic "
            f"identities, {counts['emptied']} sessions, tokens and log rows removed, audit trail "
            "dropped. Every staff password is unusable: set new ones with `msp changepassword`."
        )
