"""`msp check`: a self-test of a deployment, in plain words.

Each check answers pass, warning or fail with a sentence a council's IT team can act on. Django's
own system checks (and with --deploy its deployment checks) are one of them.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

PASS, WARN, FAIL = "pass", "warning", "fail"
# The files every page needs: if these are missing, pages arrive unstyled.
PAGE_FILES = ("govuk/govuk-frontend.min.css", "msp/app.css", "msp/init.js")


@dataclass(frozen=True)
class Finding:
    outcome: str
    area: str
    words: str


def check_settings() -> list[Finding]:
    if not settings.PRODUCTION:
        return [
            Finding(
                WARN,
                "Settings",
                "Running in demo mode (MSP_MODE is not production): fine for trying MSP with "
                "synthetic data, never for real records.",
            )
        ]
    found = [
        Finding(PASS, "Settings", "Production mode with a secret key, host names and a database.")
    ]
    if not settings.REQUIRE_TWO_FACTOR and not settings.OIDC_ENABLED:
        found.append(
            Finding(FAIL, "Settings", "Two-factor sign-in is off and there is no single sign-on.")
        )
    return found


def check_django(deploy: bool) -> list[Finding]:
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    out = io.StringIO()
    try:
        call_command("check", deploy=deploy, stdout=out, stderr=out)
    except SystemCheckError as error:
        return [Finding(FAIL, "Django checks", str(error).strip())]
    text = out.getvalue().strip()
    label = "Django's deployment checks" if deploy else "Django's system checks"
    if "WARNING" in text:
        return [Finding(WARN, "Django checks", f"{label} passed with warnings:\n{text}")]
    return [Finding(PASS, "Django checks", f"{label} found no problems.")]


def check_database() -> list[Finding]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - reported in words
        return [
            Finding(
                FAIL,
                "Database",
                f"The database does not answer ({type(error).__name__}). Check DATABASE_URL.",
            )
        ]
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
        connection.vendor, connection.vendor
    )
    found = [Finding(PASS, "Database", f"The {name} database answers.")]
    executor = MigrationExecutor(connection)
    waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if waiting:
        found.append(
            Finding(
                FAIL,
                "Migrations",
                f"{len(waiting)} migrations are not applied yet: run `msp migrate`.",
            )
        )
    else:
        found.append(Finding(PASS, "Migrations", "Every migration is applied."))
        found += check_search_index()
    return found


def check_search_index() -> list[Finding]:
    """SQLite's person search reads a trigram table its triggers keep (msp/people/name_index)."""
    from django.db import connection

    from msp.people import name_index

    if connection.vendor != "sqlite":
        return []
    problems = name_index.problems()
    if problems:
        return [Finding(FAIL, "Person search", problem) for problem in problems]
    return [Finding(PASS, "Person search", "The index of names agrees with the people table.")]


def check_static_files() -> list[Finding]:
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    missing = []
    for name in PAGE_FILES:
        if settings.PRODUCTION:
            try:
                stored = staticfiles_storage.stored_name(name)
            except ValueError:
                stored = None
            if not stored or not staticfiles_storage.exists(stored):
                missing.append(name)
        elif not finders.find(name):
            missing.append(name)
    if missing:
        fix = "run `msp collectstatic --noinput`" if settings.PRODUCTION else "run `make setup`"
        return [Finding(FAIL, "Static files", f"Missing {', '.join(missing)}: {fix}.")]
    where = "collected with hashed names" if settings.PRODUCTION else "served from the build"
    return [
        Finding(PASS, "Static files", f"The styles and scripts pages need are there ({where}).")
    ]


def check_audit() -> list[Finding]:
    from msp.audit.chain import verify

    verdict = verify()
    if verdict.ok:
        return [Finding(PASS, "Audit trail", f"Intact: {verdict.checked} entries checked.")]
    return [
        Finding(
            FAIL,
            "Audit trail",
            f"Broken: {verdict.problem} ({verdict.checked} entries checked before it). "
            "See docs/security.md.",
        )
    ]


def check_jobs() -> list[Finding]:
    from msp.operations import reminders
    from msp.operations.jobs import JOBS
    from msp.operations.selectors import last_runs

    found = []
    missing = reminders.missing_configuration()
    if missing:
        found.append(
            Finding(
                FAIL if settings.PRODUCTION else WARN,
                "Drift reminders",
                "Not set up: set " + "; ".join(missing) + ".",
            )
        )
    now = timezone.now()
    for name, run in last_runs(JOBS).items():
        job = JOBS[name]
        # A daily job that ran yesterday morning is still on time this afternoon.
        late = job.every * 1.5
        if run is None:
            words = f"`msp job {name}` has never run: schedule it (docs/deployment.md)."
            found.append(Finding(FAIL if settings.PRODUCTION else WARN, "Scheduled jobs", words))
        elif run.finished_at is None and now - run.started_at > late:
            found.append(
                Finding(
                    FAIL,
                    "Scheduled jobs",
                    f"{name} started {run.started_at:%-d %B %Y %H:%M} and never finished.",
                )
            )
        elif run.finished_at is not None and not run.succeeded:
            found.append(
                Finding(
                    FAIL,
                    "Scheduled jobs",
                    f"{name} failed on {run.started_at:%-d %B %Y %H:%M}: {run.summary}",
                )
            )
        elif now - run.started_at > late:
            found.append(
                Finding(
                    FAIL if settings.PRODUCTION else WARN,
                    "Scheduled jobs",
                    f"{name} last ran on {run.started_at:%-d %B %Y}: it should run every "
                    f"{_every(job.every)}. Is its timer or cron entry still there?",
                )
            )
        else:
            found.append(
                Finding(
                    PASS,
                    "Scheduled jobs",
                    f"{name} ran on {run.started_at:%-d %B %Y %H:%M}: {run.summary}.",
                )
            )
    return found


def _every(delta) -> str:
    return "day" if delta.days == 1 else f"{delta.days} days"


def run_checks(*, deploy: bool = False) -> list[Finding]:
    findings = check_settings() + check_django(deploy) + check_database()
    if any(f.outcome == FAIL and f.area in ("Database", "Migrations") for f in findings):
        return findings  # the rest need the database and its tables
    return findings + check_static_files() + check_audit() + check_jobs()
