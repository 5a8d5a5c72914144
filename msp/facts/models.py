"""Narrow rows the statutory return counts, kept up to date by the case services in the same
transaction as the change (decision 0011). Derived data: rebuilt from the case records by
`msp facts rebuild`, and checked against them by `msp facts check`.

Each table holds only what the return groups or filters by, with an index that covers the
return's query, so a national year is counted from the indexes alone.
"""

from django.db import models


class PersonYear(models.Model):
    """One person in one reporting year's SG1 population: how many of their concerns were
    received, and s42 and other enquiries commenced, in the year, with their age band on the
    year's last day (or at death) and their demographics."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The year the reporting year starts in")
    band = models.CharField(max_length=16)
    sex = models.CharField(max_length=32)
    ethnicity = models.CharField(max_length=32)
    primary_support_reason = models.CharField(max_length=32)
    autism = models.BooleanField()
    aspergers = models.BooleanField()
    restricted = models.BooleanField()
    concerns = models.PositiveIntegerField()
    s42 = models.PositiveIntegerField()
    other = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="person_year_once")]
        indexes = [
            models.Index(
                fields=["year", "restricted", "band", "sex", "ethnicity",
                        "primary_support_reason", "autism", "aspergers", "concerns", "s42",
                        "other"],
                name="person_year_sg1",
            )
        ]  # fmt: skip


class CaseFact(models.Model):
    """A live concern and its enquiry (if any, and live), reduced to what SG2c to SG4a and the
    data-quality rules read."""

    concern = models.OneToOneField(
        "concerns.Concern", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, blank=True)
    start_date = models.DateField(null=True)
    end_date = models.DateField(null=True)
    action_and_result = models.CharField(max_length=32, blank=True)
    risk_outcome = models.CharField(max_length=16, blank=True)
    lacked_capacity = models.CharField(max_length=32, blank=True)
    advocate_support = models.BooleanField(null=True)
    asked_outcomes = models.CharField(max_length=32, blank=True)
    outcomes_achieved = models.CharField(max_length=16, blank=True)
    has_allegation = models.BooleanField()
    restricted = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(
                fields=["kind", "restricted", "end_date", "action_and_result", "risk_outcome",
                        "lacked_capacity", "advocate_support", "asked_outcomes",
                        "outcomes_achieved", "has_allegation"],
                name="case_fact_concluded",
            )
        ]  # fmt: skip


class RiskFact(models.Model):
    """One distinct type, location and source of risk among a live concern's allegations.
    The `first_*` flags mark one row per distinct pair, so each cross-tabulation counts an
    enquiry once per cell by summing a flag rather than counting distinct concerns."""

    concern = models.ForeignKey("concerns.Concern", on_delete=models.CASCADE, related_name="+")
    type_of_risk = models.CharField(max_length=32)
    location_of_risk = models.CharField(max_length=32)
    source_of_risk = models.CharField(max_length=32)
    first_type_source = models.BooleanField()
    first_location_source = models.BooleanField()
    first_type_location = models.BooleanField()
    kind = models.CharField(max_length=8, blank=True)
    end_date = models.DateField(null=True)
    restricted = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "type_of_risk", "location_of_risk", "source_of_risk"],
                name="risk_fact_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["kind", "restricted", "end_date", "type_of_risk", "location_of_risk",
                        "source_of_risk", "first_type_source", "first_location_source",
                        "first_type_location"],
                name="risk_fact_concluded",
            )
        ]  # fmt: skip
