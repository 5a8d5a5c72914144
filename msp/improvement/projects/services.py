"""Writes to improvement projects: every one takes the acting user, runs in one transaction and
keeps history and an audit entry (through msp.core.services.save_recorded)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msp import sac
from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.core.dates import today
from msp.core.services import check_version, save_recorded
from msp.improvement import impact_tool
from msp.improvement.models import ImpactPlan, ImpactStatement, ImprovementProject, ProjectCase
from msp.improvement.projects import figures, selectors

DEFAULT_MONTHS = 3
DEFAULT_TARGET = 25
GUIDE_TARGET = (20, 30)  # msp-practice.json pilot_guidance.suggested_target_cases
LONGEST_DAYS = 366 * 3
MOST_CASES = 10_000
DETAIL_FIELDS = (
    "name",
    "lead",
    "manager",
    "editors",
    "start_date",
    "end_date",
    "team_ids",
    "areas",
    "client_groups",
    "types_of_risk",
    "include_other",
    "target_cases",
    "baseline_start",
    "baseline_end",
    "review_dates",
)


def default_end(start: date) -> date:
    """Three months from the start date: the day before the same date three months on, or the
    last day of that month when it has no such date (31 January runs to 30 April)."""
    month = start.month - 1 + DEFAULT_MONTHS
    year, month = start.year + month // 12, month % 12 + 1
    try:
        return date(year, month, start.day) - timedelta(days=1)
    except ValueError:
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)


def default_baseline(start: date, end: date) -> tuple[date, date]:
    """The same length of time just before the project starts."""
    length = (end - start).days
    baseline_end = start - timedelta(days=1)
    return baseline_end - timedelta(days=length), baseline_end


def _check_editable(project: ImprovementProject) -> None:
    statement = ImpactStatement.objects.filter(project=project).first()
    if statement is not None and statement.signed_off:
        raise ValidationError(
            f"The impact statement was signed off on {timezone.localtime(statement.signed_off_at):%-d %B %Y}, "
            "so this project can no longer be changed. Start a new project for the next stage."
        )


def validate_details(values: dict) -> dict:
    """Check every detail at once and name each problem; give back the cleaned values."""
    errors: dict[str, list[str]] = {}

    def problem(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    name = " ".join((values.get("name") or "").split())
    if not name:
        problem("name", "Enter a name for the project")
    lead = values.get("lead")
    if lead is None:
        problem("lead", "Choose who leads the project")
    elif not policy.may_be_named_on_project(lead):
        problem("lead", "Choose a member of staff to lead the project")
    manager = values.get("manager")
    if manager is not None and not policy.may_be_named_on_project(manager):
        problem("manager", "Choose a member of staff to manage the project")
    editors = list(values.get("editors") or [])
    if any(not policy.may_be_named_on_project(u) for u in editors):
        problem("editors", "Only members of staff can be named to edit the project")
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        problem("start_date", "Enter the date the project starts")
    elif end is None:
        end = default_end(start)
    if start and end:
        if end < start:
            problem("end_date", "The end date must be on or after the start date")
        elif (end - start).days > LONGEST_DAYS:
            problem("end_date", "A project can run for up to three years")
    team_ids = sorted({int(t) for t in values.get("team_ids") or []})
    if team_ids and Team.objects.filter(pk__in=team_ids).count() != len(team_ids):
        problem("team_ids", "Choose teams from the list")
    areas = sorted({a.strip() for a in values.get("areas") or [] if a.strip()})
    if set(areas) - set(selectors.areas_in_use()):
        problem("areas", "Choose areas from the list")
    client_groups = sorted(set(values.get("client_groups") or []))
    if set(client_groups) - sac.spec_on().codes("primary_support_reason"):
        problem("client_groups", "Choose client groups from the list")
    types_of_risk = sorted(set(values.get("types_of_risk") or []))
    if set(types_of_risk) - sac.spec_on().codes("type_of_risk"):
        problem("types_of_risk", "Choose types of risk from the list")
    target = values.get("target_cases")
    if target is None:
        target = DEFAULT_TARGET
    if not 1 <= target <= MOST_CASES:
        problem("target_cases", f"The target must be a whole number from 1 to {MOST_CASES:,}")
    baseline_start, baseline_end = values.get("baseline_start"), values.get("baseline_end")
    if baseline_start is None and baseline_end is None and start and end and end >= start:
        baseline_start, baseline_end = default_baseline(start, end)
    if baseline_start is None:
        problem("baseline_start", "Enter the date the baseline period starts")
    if baseline_end is None:
        problem("baseline_end", "Enter the date the baseline period ends")
    if baseline_start and baseline_end:
        if baseline_end < baseline_start:
            problem("baseline_end", "The baseline must end on or after the date it starts")
        elif start and baseline_end >= start:
            problem("baseline_end", "The baseline must end before the project starts")
    review_dates = sorted({d for d in values.get("review_dates") or [] if d})
    if not review_dates:
        problem("review_dates", "Enter at least one review date")
    elif start and review_dates[0] < start:
        problem("review_dates", "Review dates must be on or after the start date")
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "lead": lead,
        "manager": manager,
        "editor_ids": sorted({u.pk for u in editors}),
        "start_date": start,
        "end_date": end,
        "team_ids": team_ids,
        "areas": areas,
        "client_groups": client_groups,
        "types_of_risk": types_of_risk,
        "include_other": bool(values.get("include_other", True)),
        "target_cases": target,
        "baseline_start": baseline_start,
        "baseline_end": baseline_end,
        "review_dates": [d.isoformat() for d in review_dates],
    }


@transaction.atomic
def project_create(
    *,
    actor: User,
    name: str,
    lead: User,
    start_date: date,
    review_dates: list[date],
    manager: User | None = None,
    editors=(),
    end_date: date | None = None,
    team_ids=(),
    areas=(),
    client_groups=(),
    types_of_risk=(),
    include_other: bool = True,
    target_cases: int = DEFAULT_TARGET,
    baseline_start: date | None = None,
    baseline_end: date | None = None,
    plan: dict | None = None,
) -> ImprovementProject:
    """Start an improvement project with its (empty) plan and impact statement.

    The period defaults to three months from the start date, the baseline to the same length
    just before it, the target to 25 cases.
    """
    if not policy.can_create_project(actor):
        raise ValidationError("Only a safeguarding lead can start an improvement project")
    values = validate_details(
        {
            "name": name,
            "lead": lead,
            "manager": manager,
            "editors": editors,
            "start_date": start_date,
            "end_date": end_date,
            "team_ids": team_ids,
            "areas": areas,
            "client_groups": client_groups,
            "types_of_risk": types_of_risk,
            "include_other": include_other,
            "target_cases": target_cases,
            "baseline_start": baseline_start,
            "baseline_end": baseline_end,
            "review_dates": review_dates,
        }
    )
    project = ImprovementProject(**values)
    save_recorded(project, actor=actor, creating=True, reason="Project started")
    unknown = set(plan or {}) - set(impact_tool.PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown plan answers: {sorted(unknown)}")
    save_recorded(ImpactPlan(project=project, **_tidy(plan or {})), actor=actor, creating=True)
    save_recorded(ImpactStatement(project=project), actor=actor, creating=True)
    return project


@transaction.atomic
def project_update(
    *, actor: User, project: ImprovementProject, seen_version: int | None = None, **details
) -> ImprovementProject:
    """Change a project's details (its people, period, scope, target, baseline, review dates)."""
    project = ImprovementProject.objects.select_for_update().get(pk=project.pk)
    if not policy.can_edit_project(actor, project):
        raise ValidationError("You cannot change this project")
    _check_editable(project)
    check_version(project, seen_version)
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown project details: {sorted(unknown)}")
    current = {
        "name": project.name,
        "lead": project.lead,
        "manager": project.manager,
        "editors": list(User.objects.filter(pk__in=project.editor_ids)),
        "start_date": project.start_date,
        "end_date": project.end_date,
        "team_ids": project.team_ids,
        "areas": project.areas,
        "client_groups": project.client_groups,
        "types_of_risk": project.types_of_risk,
        "include_other": project.include_other,
        "target_cases": project.target_cases,
        "baseline_start": project.baseline_start,
        "baseline_end": project.baseline_end,
        "review_dates": [date.fromisoformat(d) for d in project.review_dates],
    }
    for field, value in validate_details({**current, **details}).items():
        setattr(project, field, value)
    save_recorded(project, actor=actor, reason="Project details changed")
    return project


def _tidy(answers: dict) -> dict:
    return {field: (value or "").strip() for field, value in answers.items()}


def _answer(model, fields, *, actor, project, seen_version, answers, reason):
    unknown = set(answers) - set(fields)
    if unknown:
        raise TypeError(f"Unknown answers: {sorted(unknown)}")
    project = ImprovementProject.objects.select_for_update().get(pk=project.pk)
    if not policy.can_edit_project(actor, project):
        raise ValidationError("You cannot change this project")
    _check_editable(project)
    record = model.objects.select_for_update().get(project=project)
    check_version(record, seen_version)
    for field, value in _tidy(answers).items():
        setattr(record, field, value)
    save_recorded(record, actor=actor, reason=reason)
    return record


@transaction.atomic
def plan_update(
    *, actor: User, project: ImprovementProject, seen_version: int | None = None, **answers
) -> ImpactPlan:
    """Write or change answers in part 1 of the impact tool (the plan)."""
    return _answer(
        ImpactPlan,
        impact_tool.PLAN_FIELDS,
        actor=actor,
        project=project,
        seen_version=seen_version,
        answers=answers,
        reason="Plan changed",
    )


@transaction.atomic
def statement_update(
    *, actor: User, project: ImprovementProject, seen_version: int | None = None, **answers
) -> ImpactStatement:
    """Write or change answers in part 2 of the impact tool (the impact statement)."""
    return _answer(
        ImpactStatement,
        impact_tool.STATEMENT_FIELDS,
        actor=actor,
        project=project,
        seen_version=seen_version,
        answers=answers,
        reason="Impact statement changed",
    )


def unanswered(statement: ImpactStatement) -> list[impact_tool.Question]:
    """The part 2 questions still without an answer."""
    return [q for q in impact_tool.STATEMENT if not getattr(statement, q.field).strip()]


@transaction.atomic
def statement_sign_off(
    *, actor: User, project: ImprovementProject, seen_version: int | None = None
) -> ImpactStatement:
    """Sign off the impact statement: its figures are counted now and kept with it, so later
    changes to the records cannot rewrite them. The project cannot be changed afterwards."""
    if not policy.can_sign_off_statement(actor):
        raise ValidationError("Only a safeguarding lead can sign off the impact statement")
    project = ImprovementProject.objects.select_for_update().get(pk=project.pk)
    statement = ImpactStatement.objects.select_for_update().get(project=project)
    if statement.signed_off:
        raise ValidationError("The impact statement has already been signed off")
    check_version(statement, seen_version)
    missing = unanswered(statement)
    if missing:
        raise ValidationError({q.field: f"Answer “{q.label}” before signing off" for q in missing})
    statement.figures = figures.live(
        selectors.project_cases(project), selectors.baseline_cases(project)
    )
    statement.figures_as_at = today()
    statement.signed_off_by = actor
    statement.signed_off_at = timezone.now()
    save_recorded(statement, actor=actor, reason="Impact statement signed off")
    return statement


@transaction.atomic
def project_case_decide(
    *, actor: User, project: ImprovementProject, enquiry, included: bool, reason: str
) -> ProjectCase:
    """Add a case to a project, or leave one out, with the reason. A later decision about the
    same case replaces this one; the history keeps both."""
    project = ImprovementProject.objects.select_for_update().get(pk=project.pk)
    if not policy.can_edit_project(actor, project) or not policy.can_view_team(
        actor, enquiry.team_id
    ):
        raise ValidationError("You cannot change the cases in this project")
    _check_editable(project)
    reason = " ".join((reason or "").split())
    errors = {}
    if len(reason) < 5:
        errors["reason"] = "Say why (at least 5 characters)"
    if enquiry.archived_at is not None:
        errors["enquiry"] = "That enquiry was archived and cannot be part of a project"
    if errors:
        raise ValidationError(errors)
    in_project = selectors.project_cases(project).filter(pk=enquiry.pk).exists()
    if included and in_project:
        errors["enquiry"] = "That case is already part of the project"
    elif not included and not in_project:
        errors["enquiry"] = "That case is not part of the project"
    if errors:
        raise ValidationError(errors)
    decision = (
        ProjectCase.objects.select_for_update().filter(project=project, enquiry=enquiry).first()
    )
    creating = decision is None
    if creating:
        decision = ProjectCase(project=project, enquiry=enquiry)
    decision.included = included
    decision.reason = reason
    decision.decided_by = actor
    decision.decided_at = timezone.now()
    save_recorded(
        decision,
        actor=actor,
        creating=creating,
        reason="Case added to the project" if included else "Case left out of the project",
    )
    return decision
