"""`msp restore PATH`: see msp/operations/backup.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from msp.operations import backup


class Command(BaseCommand):
    help = "Restore a backup made by msp backup into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            self.stdout.write(backup.restore(path))
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
