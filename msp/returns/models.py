from django.db import models
from simple_history.models import HistoricalRecords

from msp.core.models import Recorded


class SafeguardingAdultsReview(Recorded):
    """A Safeguarding Adults Review (Care Act s44) the board decided to hold: the source of SG5.

    Archived with a reason, never deleted: a SAR once reported stays reconstructable.
    """

    reference = models.CharField(max_length=40, unique=True, help_text="The board's own reference")
    title = models.CharField(max_length=200)
    decided_on = models.DateField(help_text="When the board decided to hold the review")
    completed_on = models.DateField(null=True, blank=True)
    any_died = models.BooleanField(default=False, help_text="One or more individuals died")
    individuals_died = models.PositiveIntegerField(default=0)
    individuals_survived = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = "safeguarding adults review"
        indexes = [models.Index(fields=["completed_on"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"
