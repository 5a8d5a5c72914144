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


class EnrolmentCode(models.Model):
    """A one-time code that lets one named member of staff set up their first authenticator.

    An administrator or safeguarding lead issues it and gives it to the person out of band (by
    phone or in person), so that knowing someone's password is not enough to enrol a device in
    their name. Only a hash is kept; the code works once, for a limited time, and a few wrong
    tries withdraw it (msp.accounts.two_factor)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="enrolment_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_by_name = models.CharField(max_length=150, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["user", "used_at", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"Enrolment code for user {self.user_id}"
