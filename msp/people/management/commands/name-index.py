from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from msp.people import name_index


class Command(BaseCommand):
    help = "Make person search's index of names afresh (SQLite), or check it."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])

    def handle(self, *args, action, **options):
        if connection.vendor != "sqlite":
            self.stdout.write("PostgreSQL keeps its own indexes of names: nothing to do")
            return
        if action == "rebuild":
            name_index.recreate()
        problems = name_index.problems()
        if problems:
            raise CommandError(" ".join(problems))
        self.stdout.write("Person search's index of names agrees with the people table")
