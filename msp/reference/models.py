from datetime import date

from django.db import models
from simple_history.models import HistoricalRecords


class ReferenceItem(models.Model):
    """One entry of a practice list (outcome categories, responses, representation roles ...);
    the statutory lists are each reporting year's specification (msp/sac).

    Lists change between reporting years, so entries are retired with `active_to`, never deleted:
    old records keep pointing at codes whose labels can still be shown.
    """

    list_code = models.CharField(max_length=64, db_index=True)
    code = models.CharField(max_length=64)
    label = models.CharField(max_length=255)
    sort_order = models.PositiveIntegerField(default=0)
    active_from = models.DateField(default=date(2015, 4, 1))
    active_to = models.DateField(
        null=True, blank=True, help_text="Leave blank while the entry is in use"
    )
    extra = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["list_code", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["list_code", "code"], name="reference_item_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.list_code}: {self.label}"
