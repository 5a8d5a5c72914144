"""Reads of improvement projects: which cases each covers, its figures, its history."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from msp import sac
from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.concerns.models import Allegation
from msp.enquiries.models import Enquiry
from msp.enquiries.selectors import enquiries_visible_to
from msp.improvement.models import ImpactPlan, ImpactStatement, ImprovementProject, ProjectCase
from msp.improvement.projects import figures
from msp.people.models import Person


def projects_visible_to(user) -> QuerySet[ImprovementProject]:
    """Every project, for anyone who may see the programme (they hold no one's identity)."""
    if not policy.can_view_programme(user):
        return ImprovementProject.objects.none()
    return ImprovementProject.objects.select_related("lead", "manager", "statement").order_by(
        "-start_date", "-id"
    )


def scope_condition(project: ImprovementProject, *, start: date, end: date) -> Q:
    """Enquiries that fall in the project's scope when they started between `start` and `end`.

    Teams and areas are alternatives (a team chosen, or a team in a chosen area); each other
    filter, when chosen, must also match.
    """
    condition = Q(start_date__range=(start, end))
    where = Q()
    if project.team_ids:
        where |= Q(team_id__in=project.team_ids)
    if project.areas:
        where |= Q(team__area__in=project.areas)
    if where:
        condition &= where
    if project.client_groups:
        condition &= Q(person__primary_support_reason__in=project.client_groups)
    if project.types_of_risk:
        condition &= Q(
            Exists(
                Allegation.objects.filter(
                    concern_id=OuterRef("concern_id"),
                    type_of_risk__in=project.types_of_risk,
                    archived_at__isnull=True,
                )
            )
        )
    if not project.include_other:
        condition &= Q(kind="s42")
    return condition


def project_cases(project: ImprovementProject) -> QuerySet[Enquiry]:
    """The project's cases: those in its scope, plus those a lead added, less those left out."""
    decisions = ProjectCase.objects.filter(project_id=project.pk)
    added = decisions.filter(included=True).values("enquiry_id")
    left_out = decisions.filter(included=False).values("enquiry_id")
    in_scope = scope_condition(project, start=project.start_date, end=project.end_date)
    return (
        Enquiry.objects.filter(archived_at__isnull=True)
        .filter(in_scope | Q(pk__in=added))
        .exclude(pk__in=left_out)
    )


def baseline_cases(project: ImprovementProject) -> QuerySet[Enquiry]:
    """The cases the same scope would have held in the baseline period (no additions)."""
    in_scope = scope_condition(project, start=project.baseline_start, end=project.baseline_end)
    return Enquiry.objects.filter(archived_at__isnull=True).filter(in_scope)


def cases_of(project: ImprovementProject, which: str) -> QuerySet[Enquiry]:
    return baseline_cases(project) if which == figures.BASELINE else project_cases(project)


def source_team_ids(project: ImprovementProject) -> set[int] | None:
    """The teams the project's cases can come from (None: any team), for deciding who sees
    its figures exactly."""
    if not project.team_ids and not project.areas:
        return None
    teams = set(project.team_ids)
    if project.areas:
        teams |= set(Team.objects.filter(area__in=project.areas).values_list("pk", flat=True))
    teams |= set(
        ProjectCase.objects.filter(project_id=project.pk, included=True).values_list(
            "enquiry__team_id", flat=True
        )
    )
    return teams


def figures_of(project: ImprovementProject) -> dict:
    """The figures to show: frozen at sign-off, otherwise counted now."""
    statement = project.statement
    if statement.signed_off:
        return statement.figures
    return figures.live(project_cases(project), baseline_cases(project))


@dataclass
class ScopeLabels:
    teams: list[str]
    areas: list[str]
    client_groups: list[str]
    types_of_risk: list[str]
    editors: list[User]


def scope_labels(project: ImprovementProject) -> ScopeLabels:
    """The project's scope in words (two queries: teams and editors)."""
    support = sac.labels("primary_support_reason")
    risks = sac.labels("type_of_risk")
    return ScopeLabels(
        teams=list(
            Team.objects.filter(pk__in=project.team_ids)
            .order_by("name")
            .values_list("name", flat=True)
        )
        if project.team_ids
        else [],
        areas=list(project.areas),
        client_groups=[support.get(code, code) for code in project.client_groups],
        types_of_risk=[risks.get(code, code) for code in project.types_of_risk],
        editors=list(User.objects.filter(pk__in=project.editor_ids).order_by("first_name"))
        if project.editor_ids
        else [],
    )


def areas_in_use() -> list[str]:
    """The areas the council has set on its teams, for choosing a project's scope."""
    return sorted(set(Team.objects.exclude(area="").values_list("area", flat=True).distinct()))


def case_decisions(project: ImprovementProject) -> QuerySet[ProjectCase]:
    return (
        ProjectCase.objects.filter(project=project)
        .select_related("decided_by", "enquiry", "enquiry__person", "enquiry__concern")
        .order_by("-decided_at", "-id")
    )


def listed_cases(user, project: ImprovementProject, which: str, key: str):
    """The cases behind one figure that the user may see, newest first, ready to page through.

    None when the figure has no list (or the user may not see cases). The count of every case
    behind the figure is the figure itself; this is limited to the user's own scope.
    """
    if not policy.can_list_programme_cases(user):
        return None
    behind = figures.cases_behind(cases_of(project, which), key)
    if behind is None:
        return None
    visible = enquiries_visible_to(user).values("pk")
    return (
        behind.filter(pk__in=visible)
        .select_related("person", "team", "lead", "concern")
        .order_by("-start_date", "-id")
    )


def hidden_person_ids(user, person_ids) -> set[int]:
    """Of these people, those whose records are restricted and the user may not open: lists
    show them as "restricted record" without a name or reference. The rule is the policy's
    (msp.accounts.policy.identity_withheld), asked in one query."""
    ids = set(person_ids)
    if not ids:
        return set()
    return set(
        Person.objects.filter(pk__in=ids)
        .filter(policy.identity_withheld(user))
        .values_list("pk", flat=True)
    )


@dataclass
class Version:
    part: str
    at: object
    by: object
    kind: str
    changes: list[tuple[str, str, str]]  # (what, before, after), in words


PROJECT_LABELS = {
    "name": "Name",
    "lead": "Who leads it",
    "manager": "Who manages it",
    "editor_ids": "Also named to edit",
    "start_date": "Start",
    "end_date": "End",
    "team_ids": "Teams",
    "areas": "Areas",
    "client_groups": "Client groups",
    "types_of_risk": "Types of risk",
    "include_other": "Other safeguarding enquiries included",
    "target_cases": "Target number of cases",
    "baseline_start": "Baseline start",
    "baseline_end": "Baseline end",
    "review_dates": "Review dates",
}
CASE_LABELS = {"included": "Decision", "reason": "Reason"}
KINDS = {"+": "Created", "~": "Changed", "-": "Removed"}


class _Words:
    """Turns stored values (ids, codes, booleans) into words for the history page, fetching
    the names it needs in one query per kind."""

    def __init__(self, records):
        user_ids, team_ids = set(), set()
        for record in records:
            for name in ("lead_id", "manager_id"):
                if getattr(record, name, None):
                    user_ids.add(getattr(record, name))
            user_ids |= set(getattr(record, "editor_ids", None) or [])
            team_ids |= set(getattr(record, "team_ids", None) or [])
        self.users = (
            {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
        )
        self.teams = (
            dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "name")) if team_ids else {}
        )
        self.support = sac.labels("primary_support_reason")
        self.risks = sac.labels("type_of_risk")

    def __call__(self, field: str, value) -> str:
        if value in (None, "", []):
            return "(none)"
        if isinstance(value, datetime):
            return f"{timezone.localtime(value):%-d %B %Y, %H:%M}"
        if isinstance(value, date):
            return f"{value:%-d %B %Y}"
        if field == "review_dates":
            return ", ".join(f"{date.fromisoformat(v):%-d %B %Y}" for v in value)
        if field in ("lead", "manager"):
            return self.users.get(value, str(value))
        if field == "editor_ids":
            return ", ".join(self.users.get(v, str(v)) for v in value)
        if field == "team_ids":
            return ", ".join(self.teams.get(v, str(v)) for v in value)
        if field == "client_groups":
            return ", ".join(self.support.get(v, v) for v in value)
        if field == "types_of_risk":
            return ", ".join(self.risks.get(v, v) for v in value)
        if field == "included":
            return "Added to the project" if value else "Left out of the project"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)


def _versions(records: list, part: str, labels: dict[str, str], words: _Words, describe=None):
    out = []
    by_object: dict = {}
    for record in records:  # oldest first, so each is compared with the one before it
        earlier = by_object.get(record.id)
        changes = []
        if earlier is None:
            for field, label in labels.items():
                value = getattr(
                    record, field if field not in ("lead", "manager") else f"{field}_id"
                )
                if value not in (None, "", []):
                    changes.append((label, "", words(field, value)))
        else:
            for change in record.diff_against(earlier, included_fields=list(labels)).changes:
                changes.append(
                    (
                        labels[change.field],
                        words(change.field, change.old),
                        words(change.field, change.new),
                    )
                )
        by_object[record.id] = record
        if changes or earlier is None:
            title = describe(record) if describe else part
            out.append(
                Version(
                    title,
                    record.history_date,
                    record.history_user,
                    KINDS.get(record.history_type, ""),
                    changes,
                )
            )
    return out


def project_history(
    project: ImprovementProject, *, with_cases: bool, limit: int = 200
) -> list[Version]:
    """Every version of the project's details, its plan, its statement and (for those who may
    see cases) its case decisions, newest first, with what changed in words. Bounded: the
    newest `limit` versions of each part, in one query per part."""
    from msp.improvement import impact_tool

    plan_labels = {q.field: q.label for q in impact_tool.PLAN if q.field}
    statement_labels = {q.field: q.label for q in impact_tool.STATEMENT}
    statement_labels["signed_off_at"] = "Signed off"

    def newest(history):
        rows = list(
            history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
        )
        return rows[::-1]

    parts = [
        (
            newest(ImprovementProject.history.filter(id=project.pk)),
            "Project details",
            PROJECT_LABELS,
            None,
        ),
        (
            newest(ImpactPlan.history.filter(project_id=project.pk)),
            "Part 1: the plan",
            plan_labels,
            None,
        ),
        (
            newest(ImpactStatement.history.filter(project_id=project.pk)),
            "Part 2: the impact statement",
            statement_labels,
            None,
        ),
    ]
    if with_cases:
        cases = list(
            ProjectCase.history.filter(project_id=project.pk)
            .select_related("history_user", "enquiry__concern")
            .order_by("-history_date", "-history_id")[:limit]
        )[::-1]
        parts.append((cases, "Cases", CASE_LABELS, lambda r: f"Case {r.enquiry.concern.reference}"))
    words = _Words([record for records, *_ in parts for record in records])
    versions = []
    for records, part, labels, describe in parts:
        versions += _versions(records, part, labels, words, describe)
    versions.sort(key=lambda v: v.at, reverse=True)
    return versions
