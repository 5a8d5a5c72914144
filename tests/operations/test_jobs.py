"""Scheduled jobs: each run is recorded, with how it ended."""

import pytest
from django.core.management import call_command

from msp.operations import jobs
from msp.operations.jobs import JOBS, Job, run_job
from msp.operations.models import JobRun

pytestmark = pytest.mark.django_db


def test_the_audit_and_retention_jobs_record_their_runs(capsys):
    call_command("job", "audit-verify")
    assert "audit-verify: The audit trail is intact" in capsys.readouterr().out
    succeeded, summary = run_job("retention")
    assert succeeded and "anonymised" in summary
    assert set(JobRun.objects.values_list("job", flat=True)) == {"audit-verify", "retention"}
    assert all(run.finished_at and run.succeeded for run in JobRun.objects.all())


def test_a_job_that_breaks_is_recorded_as_failed_and_the_error_is_raised(monkeypatch):
    def broken():
        raise RuntimeError("the disk is full")

    monkeypatch.setitem(
        JOBS, "audit-verify", Job("audit-verify", "", JOBS["audit-verify"].every, broken)
    )
    with pytest.raises(RuntimeError):
        run_job("audit-verify")
    run = JobRun.objects.get()
    assert not run.succeeded and run.finished_at and run.summary == "stopped by RuntimeError"


def test_every_job_says_how_often_it_should_run():
    assert set(jobs.JOBS) == {"drift-reminders", "retention", "audit-verify"}
    assert all(job.every.days >= 1 and job.description for job in jobs.JOBS.values())
