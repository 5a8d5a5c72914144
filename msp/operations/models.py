from django.db import models


class JobRun(models.Model):
    """One run of a scheduled job: when it ran, whether it finished well, and a plain summary
    (counts only, never names). `msp check` reads these to tell whether the jobs are scheduled."""

    job = models.CharField(max_length=40)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    summary = models.TextField(blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["job", "-started_at"], name="jobrun_job_started")]

    def __str__(self) -> str:
        return f"{self.job} at {self.started_at:%Y-%m-%d %H:%M}"
