"""Writes about running the service: the record of scheduled job runs.

A job run holds no case data (a job's summary is counts only), so it has no audit entry of its
own; the jobs that change records (retention) write their audit entries through their services.
"""

from django.db import transaction
from django.utils import timezone

from msp.operations.models import JobRun


@transaction.atomic
def job_run_start(*, job: str) -> JobRun:
    """Record that a scheduled job has started."""
    return JobRun.objects.create(job=job, started_at=timezone.now())


@transaction.atomic
def job_run_finish(*, run: JobRun, succeeded: bool, summary: str) -> JobRun:
    """Record how a scheduled job ended and what it did, in counts."""
    run.finished_at = timezone.now()
    run.succeeded = succeeded
    run.summary = summary[:2000]
    run.save(update_fields=["finished_at", "succeeded", "summary"])
    return run
