"""The `msp` command: the product's management commands under one name.

`msp serve` runs the app on 127.0.0.1:8000; `msp demo --people 500 --seed 7` fills the database with
synthetic data; any other word is passed to Django's management commands (migrate, createsuperuser ...).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msp.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "demo-users":
        # Django command names cannot contain hyphens.
        args[0] = "demo_users"
    if args and args[0] == "serve":
        address = args[1] if len(args) > 1 else "127.0.0.1:8000"
        args = ["runserver", address, "--noreload", *args[2:]]
    execute_from_command_line(["msp", *args])


if __name__ == "__main__":
    main()
