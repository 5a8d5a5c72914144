"""Reflective supervision on a case, the supervisors the council names, and MSP champions."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class SupervisionNote(models.Model):
    """A reflective supervision session about one case, written by the practitioner's supervisor
    with them. Seen only by the practitioner, their supervisors and safeguarding leads."""

    enquiry = models.ForeignKey("enquiries.Enquiry", on_delete=models.PROTECT, related_name="+")
    practitioner = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    reflection = models.TextField()
    agreed_actions = models.TextField(blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["practitioner", "held_on"])]

    def __str__(self) -> str:
        return f"Supervision on enquiry {self.enquiry_id}, {self.held_on}"


class NamedSupervisor(models.Model):
    """The supervisor a safeguarding lead names for a practitioner, besides their team managers.
    Clearing it keeps the row (supervisor empty); the history keeps who it was."""

    practitioner = models.OneToOneField(
        "accounts.User", on_delete=models.PROTECT, related_name="named_supervisor"
    )
    supervisor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    named_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    named_at = models.DateTimeField()
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Supervisor of {self.practitioner_id}"


class Champion(models.Model):
    """A member of staff a safeguarding lead has marked as an MSP champion for their team.
    Ending it keeps the row with when and by whom."""

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    marked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField()
    ended_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["team__name", "user__first_name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"],
                condition=Q(ended_at__isnull=True),
                name="champion_once_per_team",
            )
        ]

    def __str__(self) -> str:
        return f"Champion {self.user_id} in team {self.team_id}"
