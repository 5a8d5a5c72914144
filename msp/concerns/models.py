from django.db import models
from simple_history.models import HistoricalRecords

from msp.core.models import Recorded


class RaisedBy(models.TextChoices):
    SELF = "self", "The person themselves"
    FAMILY_FRIEND = "family_friend", "Family member or friend"
    CARE_PROVIDER = "care_provider", "Care provider"
    HEALTH = "health", "Health (GP, hospital, community health)"
    POLICE = "police", "Police"
    HOUSING = "housing", "Housing"
    COUNCIL = "council", "Council staff"
    MEMBER_OF_PUBLIC = "public", "Member of the public"
    OTHER = "other", "Other"


class Decision(models.TextChoices):
    S42 = "s42", "Section 42 enquiry"
    OTHER = "other", "Other safeguarding enquiry"
    NONE = "none", "No enquiry"


class Concern(Recorded):
    """A safeguarding concern as reported, and the decision on whether it leads to an enquiry."""

    reference = models.CharField(max_length=40, unique=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="concerns")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="concerns")
    received_date = models.DateField()
    raised_by_name = models.CharField(max_length=200, blank=True)
    raised_by_relationship = models.CharField(max_length=32, choices=RaisedBy.choices)
    what_reported = models.TextField()
    decision = models.CharField(max_length=8, choices=Decision.choices, blank=True)
    criteria_care_needs = models.BooleanField(null=True)
    criteria_abuse_or_neglect = models.BooleanField(null=True)
    criteria_unable_to_protect = models.BooleanField(null=True)
    decision_reason = models.TextField(blank=True)
    other_support_offered = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_date = models.DateField(null=True, blank=True)
    source_reference = models.CharField(max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_date", "-id"]
        indexes = [
            models.Index(fields=["received_date"]),
            models.Index(fields=["team", "decision"]),
            # The statutory return and dashboard count a year's concerns per person and team
            # from the index alone.
            models.Index(
                fields=["received_date", "person", "team"],
                name="concern_year_person",
                condition=models.Q(archived_at__isnull=True),
            ),
            # Who a team may see: the people its concerns are about, read from the index alone
            # when searching for a person (msp/people/selectors.py).
            models.Index(fields=["team", "person"], name="concern_team_person"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def decided(self) -> bool:
        return bool(self.decision)


class Allegation(Recorded):
    """One allegation: a type of risk, where it happened, and who is thought to be the source."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="allegations")
    type_of_risk = models.CharField(max_length=32)
    location_of_risk = models.CharField(max_length=32)
    source_of_risk = models.CharField(max_length=32)
    detail = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        indexes = [
            # The cross-tabulated risk tables read allegations of concluded enquiries from the index.
            models.Index(
                fields=["concern", "type_of_risk", "location_of_risk", "source_of_risk"],
                name="allegation_concern_risk",
                condition=models.Q(archived_at__isnull=True),
            )
        ]
