"""Case file audits: the council's versioned list of audit questions, samples of cases drawn to
audit, and each audit with its answers, grade, summary and actions for the practitioner."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class QuestionSetState(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class AuditQuestionSet(models.Model):
    """One version of the audit questions. At most one draft at a time; a published version never
    changes (audits record the version they used, so their answers keep their meaning)."""

    number = models.PositiveIntegerField(unique=True)
    state = models.CharField(
        max_length=16, choices=QuestionSetState.choices, default=QuestionSetState.DRAFT
    )
    change_note = models.CharField(
        max_length=300, blank=True, help_text="What changed since the version before"
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["state"], condition=Q(state="draft"), name="audit_questions_one_draft"
            )
        ]

    def __str__(self) -> str:
        return f"Audit questions version {self.number}"

    @property
    def is_published(self) -> bool:
        return self.state == QuestionSetState.PUBLISHED


class AnswerScale(models.TextChoices):
    YES_PARTLY_NO = "yes_partly_no", "Yes, partly, no or not applicable"
    YES_NO = "yes_no", "Yes, no or not applicable"


class AuditQuestion(models.Model):
    """A question of one version. `topic` stays the same from version to version when the
    question is reworded, so results can be followed over time."""

    question_set = models.ForeignKey(
        AuditQuestionSet, on_delete=models.PROTECT, related_name="questions"
    )
    position = models.PositiveSmallIntegerField()
    topic = models.SlugField(max_length=64)
    question = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    scale = models.CharField(
        max_length=16, choices=AnswerScale.choices, default=AnswerScale.YES_PARTLY_NO
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question_set", "topic"], name="audit_question_topic_once"
            )
        ]

    def __str__(self) -> str:
        return self.question


class SampleCases(models.TextChoices):
    """Which cases the sample's period picks."""

    CLOSED = "closed", "Closed in the period"
    STARTED = "started", "Started in the period"
    OPEN = "open", "Open at any time in the period"


class AuditSample(models.Model):
    """Cases drawn at random, with a seed, from those matching the filters. Drawing again with the
    same seed and filters gives the same cases while the records are unchanged."""

    drawn_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField()
    seed = models.PositiveIntegerField()
    size = models.PositiveSmallIntegerField()
    pool_size = models.PositiveIntegerField(help_text="How many cases matched the filters")
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lead = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    which = models.CharField(max_length=16, choices=SampleCases.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    type_of_risk = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-drawn_at", "-id"]

    def __str__(self) -> str:
        return f"Audit sample {self.pk}"


class AuditSampleCase(models.Model):
    sample = models.ForeignKey(AuditSample, on_delete=models.PROTECT, related_name="cases")
    enquiry = models.ForeignKey("enquiries.Enquiry", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "enquiry"], name="audit_sample_case_once")
        ]

    def __str__(self) -> str:
        return f"Case {self.enquiry_id} in sample {self.sample_id}"


class AuditStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class AuditGrade(models.TextChoices):
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class CaseAudit(models.Model):
    """One case audited against one version of the questions. The practitioner and team are
    those of the case when the audit started, so results stay with who did the work."""

    sample = models.ForeignKey(AuditSample, on_delete=models.PROTECT, related_name="audits")
    enquiry = models.ForeignKey("enquiries.Enquiry", on_delete=models.PROTECT, related_name="+")
    question_set = models.ForeignKey(
        AuditQuestionSet, on_delete=models.PROTECT, related_name="audits"
    )
    auditor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    practitioner = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=16, choices=AuditStatus.choices, default=AuditStatus.IN_PROGRESS
    )
    grade = models.CharField(max_length=32, choices=AuditGrade.choices, blank=True)
    summary = models.TextField(blank=True)
    actions = models.TextField(blank=True, help_text="Actions for the practitioner")
    completed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "enquiry"], name="case_audit_once")
        ]
        indexes = [models.Index(fields=["status", "completed_at"])]

    def __str__(self) -> str:
        return f"Audit of enquiry {self.enquiry_id}"

    @property
    def is_completed(self) -> bool:
        return self.status == AuditStatus.COMPLETED


class AuditAnswerChoice(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class AuditAnswer(models.Model):
    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(AuditQuestion, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=16, choices=AuditAnswerChoice.choices, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["audit", "question"], name="audit_answer_once")
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id} in audit {self.audit_id}"
