"""`msp demo-users`: make sure the demo sign-ins exist and show them."""

from django.core.management.base import BaseCommand

from msp.demo.users import ensure_demo_users, table_lines


class Command(BaseCommand):
    help = "Create the demo teams and users if they are missing, and list the demo sign-ins."

    def handle(self, *args, **options):
        _, _, created = ensure_demo_users()
        if created:
            self.stdout.write(f"Created {created} demo users.")
        for line in table_lines():
            self.stdout.write(line)
