from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()
    area = models.CharField(
        max_length=120,
        blank=True,
        help_text="The area the team covers (for example North), used to scope improvement projects",
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="The team's phone number, printed on the summaries given to people",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
    PERFORMANCE_OFFICER = "performance_officer", "Performance officer"
    BOARD_MEMBER = "board_member", "Board member"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    """A member of council staff or a board member. What they may see follows from role and teams."""

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.PRACTITIONER)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    case_access = models.BooleanField(
        default=False,
        help_text="Performance officers and board members see aggregates only unless granted case access (read only, every team)",
    )

    class Meta:
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # Role questions asked by templates; the rules themselves live in msp.accounts.policy.
    @property
    def can_view_cases(self) -> bool:
        from msp.accounts import policy

        return policy.can_view_cases(self)

    @property
    def can_record_cases(self) -> bool:
        from msp.accounts import policy

        return policy.can_record_cases(self)

    @property
    def is_manager(self) -> bool:
        return self.role == Role.TEAM_MANAGER


class RestrictionReason(models.TextChoices):
    STAFF = "staff", "The person is a member of staff"
    RELATED_TO_STAFF = "related_to_staff", "The person is related to or known by a member of staff"
    HIGH_PROFILE = "high_profile", "The person is high profile"
    OTHER = "other", "Another reason"


class RecordRestriction(models.Model):
    """A person's records may be opened only by the named users, or by someone who states a
    reason ("break glass"). Lifting a restriction keeps the row with when and by whom."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="restrictions"
    )
    reason = models.CharField(max_length=32, choices=RestrictionReason.choices)
    detail = models.TextField(blank=True)
    named_users = models.ManyToManyField(User, blank=True, related_name="restricted_records")
    placed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "lifted_at"])]

    def __str__(self) -> str:
        return f"Restriction on person {self.person_id}"


class BreakGlassAccess(models.Model):
    """Someone not named on a restricted record opened it, giving a reason. Shown to safeguarding leads."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "user", "expires_at"])]

    def __str__(self) -> str:
        return f"Break glass by {self.user_id} on person {self.person_id}"
