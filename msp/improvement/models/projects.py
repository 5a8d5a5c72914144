"""Improvement projects: a pilot or a roll-out of Making Safeguarding Personal, its scope, the
cases a lead added or left out, and the two parts of the impact tool."""

from django.db import models
from simple_history.models import HistoricalRecords


class ImprovementProject(models.Model):
    """A project the council runs to change practice, with the cases it covers.

    A case falls in scope when its enquiry started in the period and matches every chosen
    filter (teams or areas, client groups, types of risk); a lead may add or leave out a case
    with a reason (`ProjectCase`). Teams and the people named to edit it are kept as lists of
    ids so that every version in the history shows them as they were.
    """

    name = models.CharField(max_length=200)
    lead = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", help_text="Who leads it"
    )
    manager = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who manages it day to day",
    )
    editor_ids = models.JSONField(default=list, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    team_ids = models.JSONField(default=list, blank=True)
    areas = models.JSONField(default=list, blank=True)
    client_groups = models.JSONField(default=list, blank=True)  # primary support reasons
    types_of_risk = models.JSONField(default=list, blank=True)
    include_other = models.BooleanField(
        default=True, help_text="Other safeguarding enquiries count, not only section 42"
    )
    target_cases = models.PositiveIntegerField(default=25)
    baseline_start = models.DateField()
    baseline_end = models.DateField()
    review_dates = models.JSONField(default=list, blank=True)  # ISO dates, earliest first
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def named_user_ids(self) -> set[int]:
        """Everyone named on the project: its lead, its manager and the others named to edit it."""
        return {self.lead_id, self.manager_id, *self.editor_ids} - {None}


class ProjectCase(models.Model):
    """A lead's decision to add a case to a project or leave it out, with the reason.

    One row per project and enquiry: a changed mind updates the row, and the history keeps
    every earlier decision with who made it and when.
    """

    project = models.ForeignKey(
        ImprovementProject, on_delete=models.PROTECT, related_name="case_decisions"
    )
    enquiry = models.ForeignKey("enquiries.Enquiry", on_delete=models.PROTECT, related_name="+")
    included = models.BooleanField(help_text="Added to the project (or left out of it)")
    reason = models.TextField()
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "enquiry"], name="project_case_once")
        ]

    def __str__(self) -> str:
        return f"{'Added to' if self.included else 'Left out of'} project {self.project_id}"


class ImpactPlan(models.Model):
    """Part 1 of the impact tool: the plan, written before the change."""

    project = models.OneToOneField(
        ImprovementProject, on_delete=models.PROTECT, related_name="plan"
    )
    # One answer per question in impact_tool.PLAN (a test holds the two together).
    completed_by = models.TextField(blank=True)
    issues = models.TextField(blank=True)
    starts_with = models.TextField(blank=True)
    current_practice = models.TextField(blank=True)
    what_needs_to_change = models.TextField(blank=True)
    how_change_happens = models.TextField(blank=True)
    anticipated_impacts = models.TextField(blank=True)
    unintended_outcomes = models.TextField(blank=True)
    how_measured = models.TextField(blank=True)
    how_shared = models.TextField(blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Plan for project {self.project_id}"


class ImpactStatement(models.Model):
    """Part 2 of the impact tool: the impact statement, written at the review point.

    Until it is signed off the figures beside it are counted live; signing off copies them into
    `figures` with the day they were counted, so a later change to the records cannot rewrite
    what the board was told.
    """

    project = models.OneToOneField(
        ImprovementProject, on_delete=models.PROTECT, related_name="statement"
    )
    # One answer per question in impact_tool.STATEMENT.
    issues_addressed = models.TextField(blank=True)
    work_completed = models.TextField(blank=True)
    people_involved = models.TextField(blank=True)
    key_results = models.TextField(blank=True)
    engagement = models.TextField(blank=True)
    saying_what_they_want = models.TextField(blank=True)
    better_outcomes = models.TextField(blank=True)
    skills_and_tools = models.TextField(blank=True)
    training_needed = models.TextField(blank=True)
    policy_changes = models.TextField(blank=True)
    recording_experience = models.TextField(blank=True)
    recording_improvements = models.TextField(blank=True)
    participation_strategy = models.TextField(blank=True)
    influence = models.TextField(blank=True)
    way_forward = models.TextField(blank=True)
    figures = models.JSONField(default=dict, blank=True)
    figures_as_at = models.DateField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Impact statement for project {self.project_id}"

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None
