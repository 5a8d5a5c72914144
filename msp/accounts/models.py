from django.contrib.auth.models import AbstractUser
from django.db import models


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    active = models.BooleanField(default=True)

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
