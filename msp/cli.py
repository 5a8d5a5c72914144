"""The `msp` command: the product's management commands under one name.

`msp serve` runs the app under gunicorn (`--dev` for Django's development server); `msp check`
tests a deployment in plain words; `msp demo --people 500 --seed 7` fills the database with
synthetic data; any other word is passed to Django's management commands (migrate,
createsuperuser ...).
"""

import os
import sys

# msp words that are spelt differently as Django command names.
ALIASES = {
    "demo-users": "demo_users",
    # Django's system check is one part of the deployment check (msp/operations).
    "check": "deployment_check",
}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msp.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "serve":
        from msp.operations.server import serve

        serve(args[1:])
        return
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["msp", *args])


if __name__ == "__main__":
    main()
