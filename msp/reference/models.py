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


class NotOutcomeIdea(models.Model):
    """An idea that is not a desired outcome (a conclusion of the enquiry, a service response, a
    step in the process), with the patterns that catch it however it is worded and the
    explanation a practitioner is shown. Councils edit the catalogue; every version is kept."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=100, help_text="A short name, for this list only")
    patterns = models.TextField(
        help_text=(
            "One pattern a line. Words match whole words in order, ignoring capitals and "
            "punctuation; a/b matches either word; substantiat* matches any word starting so; "
            "... lets up to three other words come between. For example: "
            "more/extra/additional care/carers"
        )
    )
    explanation = models.CharField(
        max_length=255,
        help_text="Finishes the sentence “[the words] is …”, for example “a service response, "
        "which may serve an outcome but is not one”",
    )
    instead = models.CharField(
        "example of an outcome",
        max_length=255,
        help_text="An outcome in a person's own words, offered as an example of what to record "
        "instead, for example “I want to feel safe at night”",
    )
    examples = models.TextField(
        blank=True,
        help_text="Phrases these patterns must refuse, one a line. Checked when you save.",
    )
    in_use = models.BooleanField(default=True, help_text="Untick to stop using it; it is kept")
    sort_order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "idea that is not an outcome"
        verbose_name_plural = "ideas that are not outcomes"

    def __str__(self) -> str:
        return self.name
