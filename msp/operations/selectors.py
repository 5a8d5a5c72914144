"""Reads about running the service."""

from msp.operations.models import JobRun


def last_runs(jobs) -> dict[str, JobRun | None]:
    """The latest run of each job, finished or not (None if it never ran)."""
    found: dict[str, JobRun | None] = dict.fromkeys(jobs)
    for job in found:
        found[job] = JobRun.objects.filter(job=job).order_by("-started_at", "-id").first()
    return found
