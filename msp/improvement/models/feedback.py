"""The person's own feedback, asked for after closure by someone independent of the case: what
they (or their representative) said, and the single-use codes that let them answer themselves."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from msp.enquiries.models import ExperienceAnswer


class Respondent(models.TextChoices):
    PERSON = "person", "The person"
    REPRESENTATIVE = "representative", "Their representative"


class FeedbackOutcome(models.TextChoices):
    ANSWERED = "answered", "Answered the questions"
    DECLINED = "declined", "Declined to answer"
    NOT_REACHED = "not_reached", "Could not be reached"


class FeedbackMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    VISIT = "visit", "Visit"
    VIDEO = "video", "Video call"
    LETTER = "letter", "Letter or paper form"
    OWN = "own", "Answered themselves with a code"


class FeedbackResponse(models.Model):
    """What one respondent said when followed up (or that they declined, or could not be
    reached). The person and a representative are separate respondents and are never counted
    together. A later try with the same respondent replaces the earlier one in the figures
    (`current`); the history keeps both."""

    enquiry = models.ForeignKey("enquiries.Enquiry", on_delete=models.PROTECT, related_name="+")
    respondent = models.CharField(max_length=16, choices=Respondent.choices)
    outcome = models.CharField(max_length=16, choices=FeedbackOutcome.choices)
    method = models.CharField(max_length=16, choices=FeedbackMethod.choices)
    answered_on = models.DateField()
    comments = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the person or representative answered themselves with a code",
    )
    current = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-answered_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enquiry", "respondent"],
                condition=Q(current=True),
                name="feedback_one_current_per_respondent",
            )
        ]
        indexes = [models.Index(fields=["current", "answered_on"])]

    def __str__(self) -> str:
        return f"Feedback from {self.respondent} on enquiry {self.enquiry_id}"


class FeedbackAnswer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.PROTECT, related_name="answers")
    question = models.CharField(max_length=64)
    answer = models.CharField(max_length=16, choices=ExperienceAnswer.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="feedback_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"


class FeedbackCode(models.Model):
    """A single-use code a follow-up worker gives the person or their representative, to answer
    the questions themselves. Only a keyed digest of the code is kept; it expires, and it is used
    up by the answers it brings."""

    enquiry = models.ForeignKey("enquiries.Enquiry", on_delete=models.PROTECT, related_name="+")
    respondent = models.CharField(max_length=16, choices=Respondent.choices)
    digest = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    response = models.OneToOneField(
        FeedbackResponse, on_delete=models.PROTECT, null=True, blank=True, related_name="code"
    )
    history = HistoricalRecords(excluded_fields=["digest"])

    class Meta:
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"Feedback code for enquiry {self.enquiry_id}"


class FeedbackCodeAttempt(models.Model):
    """One try at a code on the public page, kept a day for the rate limits. The address is
    kept only as a keyed digest."""

    at = models.DateTimeField(db_index=True)
    address = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"Code tried at {self.at:%Y-%m-%d %H:%M}"
