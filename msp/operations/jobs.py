"""The scheduled jobs, how often each should run, and running one with a record of the run.

Run them from cron or a systemd timer (docs/deployment.md) as `msp job NAME`. Each run is recorded
(msp.operations.models.JobRun), and `msp check` says when a job has not run as often as it should.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta


class JobFailed(Exception):
    """The job ran but did not do all it should: the message says what, in plain words."""


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    every: timedelta  # how often the schedule runs it
    run: Callable[[], str]  # returns a summary in counts; raises JobFailed


def _drift_reminders() -> str:
    from msp.operations import reminders

    try:
        report = reminders.send_drift_reminders()
    except reminders.NotConfigured as error:
        raise JobFailed(str(error)) from error
    if report.failed:
        raise JobFailed(report.summary + ". " + "; ".join(report.problems[:5]))
    return report.summary


def _retention() -> str:
    from msp.drafts.services import drafts_expired_delete
    from msp.privacy.services import retention_run

    report = retention_run(apply=True)
    drafts = drafts_expired_delete()
    return (
        f"{len(report.anonymised)} people anonymised as the retention schedule says; "
        f"{drafts} expired unsaved drafts deleted"
    )


def _audit_verify() -> str:
    from msp.audit.chain import verify

    verdict = verify()
    if not verdict.ok:
        raise JobFailed(
            f"The audit trail is broken: {verdict.problem} "
            f"({verdict.checked} entries checked before it)"
        )
    return f"The audit trail is intact: {verdict.checked} entries checked"


JOBS = {
    job.name: job
    for job in (
        Job(
            "drift-reminders",
            "email lead practitioners and team managers about drifting enquiries (weekdays)",
            timedelta(days=1),
            _drift_reminders,
        ),
        Job(
            "retention",
            "anonymise the people the retention schedule says are due, delete expired unsaved drafts (weekly)",
            timedelta(days=7),
            _retention,
        ),
        Job(
            "audit-verify",
            "prove the audit trail is intact (daily)",
            timedelta(days=1),
            _audit_verify,
        ),
    )
}


def run_job(name: str) -> tuple[bool, str]:
    """Run a job and record the run. Returns whether it succeeded and its summary."""
    from msp.operations.services import job_run_finish, job_run_start

    job = JOBS[name]
    run = job_run_start(job=name)
    try:
        summary = job.run()
        succeeded = True
    except JobFailed as error:
        summary, succeeded = str(error), False
    except Exception as error:
        job_run_finish(run=run, succeeded=False, summary=f"stopped by {type(error).__name__}")
        raise
    job_run_finish(run=run, succeeded=succeeded, summary=summary)
    return succeeded, summary
