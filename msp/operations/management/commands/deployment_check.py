"""`msp check [--deploy]`: a self-test of the deployment in plain words (msp/operations/selfcheck.py).

`python manage.py check` stays Django's own system check; `msp check` runs it as one part."""

from django.core.management.base import BaseCommand, CommandError

from msp.operations.selfcheck import FAIL, PASS, WARN, run_checks

MARKS = {PASS: "ok  ", WARN: "note", FAIL: "FAIL"}


class Command(BaseCommand):
    help = (
        "Check this deployment: settings, Django's checks, the database and its migrations, static "
        "files, the audit trail and the scheduled jobs. --deploy adds Django's deployment checks."
    )
    requires_system_checks = []  # run as one of the checks, so their failure is reported in words

    def add_arguments(self, parser):
        parser.add_argument("--deploy", action="store_true", help="Django's deployment checks too")

    def handle(self, *args, deploy=False, **options):
        findings = run_checks(deploy=deploy)
        for finding in findings:
            lines = finding.words.splitlines() or [""]
            self.stdout.write(f"[{MARKS[finding.outcome]}] {finding.area}: {lines[0]}")
            for line in lines[1:]:
                self.stdout.write(f"         {line}")
        failed = sum(f.outcome == FAIL for f in findings)
        noted = sum(f.outcome == WARN for f in findings)
        if failed:
            raise CommandError(f"{failed} checks failed, {noted} notes. Fix the failures above.")
        self.stdout.write(f"All checks passed ({noted} notes).")
