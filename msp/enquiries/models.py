from django.db import models
from simple_history.models import HistoricalRecords

from msp.core.models import Recorded


class EnquiryKind(models.TextChoices):
    S42 = "s42", "Section 42 enquiry"
    OTHER = "other", "Other safeguarding enquiry"


class Enquiry(Recorded):
    """A safeguarding enquiry: the conversations, decisions and closing review that follow a concern."""

    concern = models.OneToOneField(
        "concerns.Concern", on_delete=models.PROTECT, related_name="enquiry"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="enquiries")
    kind = models.CharField(max_length=8, choices=EnquiryKind.choices)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="enquiries")
    lead = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_enquiries",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    action_and_result = models.CharField(max_length=32, blank=True)
    risk_outcome = models.CharField(max_length=16, blank=True)
    ceased_at_request = models.BooleanField(default=False)
    # The statutory return's answers, derived from the record at closure (and correctable with a reason).
    sac_asked_outcomes = models.CharField(max_length=32, blank=True)
    sac_outcomes_achieved = models.CharField(max_length=16, blank=True)
    sac_lacked_capacity = models.CharField(max_length=32, blank=True)
    sac_advocate_support = models.BooleanField(null=True)
    sac_corrections = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name_plural = "enquiries"
        indexes = [
            models.Index(fields=["team", "end_date"]),
            models.Index(fields=["lead", "end_date"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["end_date"]),
            # Commenced and concluded enquiries by year for the statutory return.
            models.Index(
                fields=["start_date", "kind", "person"],
                name="enquiry_start_kind_person",
                condition=models.Q(archived_at__isnull=True),
            ),
            models.Index(
                fields=["kind", "end_date", "concern"],
                name="enquiry_concluded_concern",
                condition=models.Q(archived_at__isnull=True),
            ),
            # A caseload's first page in the order it opens in (oldest first): without these,
            # PostgreSQL walked every enquiry by start date to find a team's first 50 open ones.
            models.Index(
                fields=["team", "start_date", "id"],
                name="enquiry_open_team_start",
                condition=models.Q(end_date__isnull=True, archived_at__isnull=True),
            ),
            models.Index(
                fields=["lead", "start_date", "id"],
                name="enquiry_open_lead_start",
                condition=models.Q(end_date__isnull=True, archived_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Enquiry {self.concern.reference}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class Stage(models.TextChoices):
    START = "start", "Start"
    DURING = "during", "During"
    END = "end", "End"


class ConversationKind(models.TextChoices):
    CONVERSATION = "conversation", "Conversation"
    STRATEGY = "strategy_discussion", "Strategy discussion"
    NETWORK = "network_meeting", "Network meeting"
    FGC = "family_group_conference", "Family group conference"
    OTHER = "other", "Other meeting"


class Participant(models.TextChoices):
    PERSON = "person", "The person"
    REPRESENTATIVE = "representative", "Their representative"
    ADVOCATE = "advocate", "Their advocate"
    FAMILY = "family", "Family or friends"
    PROFESSIONALS = "professionals", "Other professionals"


class Method(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    OTHER = "other", "Other"


class RevisitAnswer(models.TextChoices):
    """What the person said, in a conversation, of an outcome they had already expressed."""

    STILL = "still", "Still wanted as it is"
    CHANGED = "changed", "Changed"
    WITHDRAWN = "withdrawn", "No longer wanted"


class Conversation(Recorded):
    """A dated contact with the person or about them, at a stage of the enquiry."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.PROTECT, related_name="conversations")
    held_on = models.DateField()
    stage = models.CharField(max_length=8, choices=Stage.choices)
    kind = models.CharField(
        max_length=32, choices=ConversationKind.choices, default=ConversationKind.CONVERSATION
    )
    participants = models.JSONField(default=list)
    method = models.CharField(max_length=16, choices=Method.choices)
    notes = models.TextField(blank=True)
    asked_no_outcomes = models.BooleanField(
        default=False,
        help_text="The person (or representative) was asked what they want but expressed no outcome",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["enquiry", "stage"]),
            models.Index(fields=["enquiry", "held_on"]),
        ]

    @property
    def person_attended(self) -> bool:
        return Participant.PERSON in self.participants

    @property
    def representative_attended(self) -> bool:
        return (
            Participant.REPRESENTATIVE in self.participants
            or Participant.ADVOCATE in self.participants
        )


class CapacityOutcome(models.TextChoices):
    HAS = "has_capacity", "Has capacity for this decision"
    LACKS = "lacks_capacity", "Lacks capacity for this decision"


class CapacityAssessment(Recorded):
    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.PROTECT, related_name="capacity_assessments"
    )
    decision = models.CharField(
        max_length=255, help_text="The specific decision the assessment is about"
    )
    assessed_on = models.DateField()
    outcome = models.CharField(max_length=16, choices=CapacityOutcome.choices)
    assessor = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-id"]


class Representation(Recorded):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.PROTECT, related_name="representations")
    role = models.CharField(max_length=32)
    name = models.CharField(max_length=200)
    from_date = models.DateField()
    to_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-from_date", "-id"]


class RiskDiscussion(Recorded):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.PROTECT, related_name="risk_discussions")
    held_on = models.DateField()
    options = models.TextField(
        help_text="The options considered, with the risks and benefits of each"
    )
    persons_choice = models.TextField()
    act_against_wishes = models.BooleanField(default=False)
    against_wishes_reason = models.CharField(max_length=32, blank=True)
    against_wishes_detail = models.TextField(blank=True)
    explained_how = models.TextField(blank=True)
    explained_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]


class Response(Recorded):
    """A proportionate route agreed with the person (mediation, family group conference ...)."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.PROTECT, related_name="responses")
    code = models.CharField(max_length=48)
    agreed_on = models.DateField()
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreed_on", "id"]


class AnsweredBy(models.TextChoices):
    PERSON = "person", "The person"
    REPRESENTATIVE = "representative", "Their representative or advocate"


class ClosingReview(Recorded):
    enquiry = models.OneToOneField(Enquiry, on_delete=models.PROTECT, related_name="closing_review")
    reviewed_on = models.DateField()
    experience_answered_by = models.CharField(max_length=16, choices=AnsweredBy.choices, blank=True)
    experience_comments = models.TextField(blank=True)
    # Corrections to the statutory answers proposed before closure, each with its reason:
    # {field: {"value": ..., "reason": ...}}. Closing the enquiry applies them.
    corrections = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()


class ExperienceAnswer(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    NOT_ANSWERED = "not_answered", "Did not answer"


class ExperienceRating(Recorded):
    """One answer about the person's experience. Changed answers keep their history; an
    answer no longer given is archived."""

    review = models.ForeignKey(ClosingReview, on_delete=models.PROTECT, related_name="experience")
    topic = models.CharField(max_length=64)
    answer = models.CharField(max_length=16, choices=ExperienceAnswer.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "topic"],
                condition=models.Q(archived_at__isnull=True),
                name="experience_one_answer_per_topic",
            )
        ]
