"""`msp check`: the deployment self-test in plain words, with Django's checks as one part."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from msp.audit.models import AuditEntry
from msp.operations import selfcheck
from msp.operations.jobs import JOBS
from msp.operations.models import JobRun
from msp.operations.selfcheck import FAIL, PASS, WARN

pytestmark = pytest.mark.django_db


def by_area(findings):
    found = {}
    for finding in findings:
        found.setdefault(finding.area, []).append(finding)
    return found


def test_the_demo_passes_with_notes(capsys, settings):
    settings.NOTIFY_API_KEY = ""
    call_command("deployment_check")
    out = capsys.readouterr().out
    assert (
        "[ok  ] Database: The SQLite database answers." in out
        or "PostgreSQL database answers" in out
    )
    assert "[ok  ] Migrations: Every migration is applied." in out
    if connection.vendor == "sqlite":
        assert "[ok  ] Person search: The index of names agrees with the people table." in out
    assert "[ok  ] Static files:" in out
    assert "[ok  ] Audit trail: Intact" in out
    assert "[note] Settings: Running in demo mode" in out
    assert "[note] Drift reminders: Not set up: set MSP_NOTIFY_API_KEY" in out
    assert "`msp job audit-verify` has never run" in out
    assert "Django checks: Django's system checks found no problems." in out
    assert "All checks passed" in out


def test_deploy_adds_djangos_deployment_checks(capsys, monkeypatch):
    # The browser tests set this for Playwright; a deployment never has it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    call_command("deployment_check", "--deploy")
    out = capsys.readouterr().out
    # The demo's settings are not a production deployment's: Django says so, as a note.
    assert "[note] Django checks: Django's deployment checks passed with warnings" in out
    assert "security.W" in out


def test_jobs_that_ran_recently_pass_and_late_or_failed_ones_fail(settings):
    for name in JOBS:
        JobRun.objects.create(
            job=name, started_at=timezone.now() - timedelta(hours=2),
            finished_at=timezone.now(), succeeded=True, summary="done",
        )  # fmt: skip
    jobs = by_area(selfcheck.check_jobs())["Scheduled jobs"]
    assert [f.outcome for f in jobs] == [PASS, PASS, PASS]
    JobRun.objects.create(
        job="audit-verify", started_at=timezone.now() - timedelta(hours=1),
        finished_at=timezone.now(), succeeded=False, summary="The audit trail is broken",
    )  # fmt: skip
    JobRun.objects.filter(job="retention").update(started_at=timezone.now() - timedelta(days=12))
    settings.PRODUCTION = True
    outcomes = {
        f.words.split(" ")[0]: f.outcome for f in by_area(selfcheck.check_jobs())["Scheduled jobs"]
    }
    assert outcomes == {"drift-reminders": PASS, "audit-verify": FAIL, "retention": FAIL}


def test_a_broken_audit_trail_fails_the_check(practitioner):
    from msp.audit.services import audit_append

    audit_append(actor=practitioner, action="view", detail="one")
    audit_append(actor=practitioner, action="view", detail="two")
    first = AuditEntry.objects.order_by("sequence").first()
    # Tamper below the app, as someone with database access might (triggers refuse updates).
    from tests.audit.test_chain import _bypass

    _bypass("UPDATE audit_auditentry SET detail = %s WHERE id = %s", ["edited", first.pk])
    with pytest.raises(CommandError, match="checks failed"):
        call_command("deployment_check")
    assert [f.outcome for f in selfcheck.check_audit()] == [FAIL]


def test_missing_static_files_are_named(settings, monkeypatch):
    from django.contrib.staticfiles import finders

    monkeypatch.setattr(finders, "find", lambda name: None if name == "msp/app.css" else name)
    [finding] = selfcheck.check_static_files()
    assert (
        finding.outcome == FAIL and "msp/app.css" in finding.words and "make setup" in finding.words
    )


def test_a_job_that_never_ran_is_a_note_in_the_demo_and_a_failure_in_production(settings):
    outcomes = {f.outcome for f in by_area(selfcheck.check_jobs())["Scheduled jobs"]}
    assert outcomes == {WARN}
    settings.PRODUCTION = True
    outcomes = {f.outcome for f in by_area(selfcheck.check_jobs())["Scheduled jobs"]}
    assert outcomes == {FAIL}


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_a_broken_name_index_fails_the_check():
    from msp.people import name_index

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name_index.TABLE}_insert")
    [finding] = selfcheck.check_search_index()
    assert finding.outcome == FAIL and f"{name_index.TABLE}_insert" in finding.words
    assert "msp name-index rebuild" in finding.words
    with pytest.raises(CommandError, match="incomplete"):
        call_command("name-index", "check")
    call_command("name-index", "rebuild")
    assert selfcheck.check_search_index()[0].outcome == PASS
