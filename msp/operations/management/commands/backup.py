"""`msp backup PATH`: see msp/operations/backup.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from msp.operations import backup


class Command(BaseCommand):
    help = "Back up the whole database to a new file, while the service runs."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            self.stdout.write(backup.backup(path))
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
