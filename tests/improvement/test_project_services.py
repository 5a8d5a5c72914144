"""Writing improvement projects: defaults, every problem at once, who may change what, history
and audit, freezing the figures at sign-off, and adding or leaving out cases."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from msp.accounts.models import Role
from msp.audit.models import Action, AuditEntry
from msp.improvement.models import ImpactStatement, ImprovementProject, ProjectCase
from msp.improvement.projects import selectors, services
from tests.factories import UserFactory
from tests.improvement.conftest import START
from tests.reporting.conftest import close

pytestmark = pytest.mark.django_db


def complete_statement(project, actor):
    from msp.improvement import impact_tool

    services.statement_update(
        actor=actor,
        project=project,
        **{q.field: f"Answer to {q.label}" for q in impact_tool.STATEMENT},
    )


def test_a_project_defaults_to_three_months_a_baseline_before_and_25_cases(pilot, lead):
    assert (pilot.start_date, pilot.end_date) == (START, date(2025, 11, 30))
    assert (pilot.baseline_start, pilot.baseline_end) == (date(2025, 6, 2), date(2025, 8, 31))
    assert pilot.target_cases == 25
    assert pilot.review_dates == ["2025-12-15"]
    assert pilot.plan.version == 1 and pilot.statement.version == 1
    assert pilot.history.get().history_user == lead
    assert AuditEntry.objects.filter(
        object_type="improvementproject", object_id=str(pilot.pk), action=Action.CREATE
    ).exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2026, 1, 31), date(2026, 4, 30)), (date(2025, 11, 30), date(2026, 2, 28))],
)
def test_three_months_from_the_end_of_a_month(start, end):
    assert services.default_end(start) == end


def test_only_a_safeguarding_lead_starts_a_project(practitioner, manager):
    for actor in (practitioner, manager):
        with pytest.raises(ValidationError):
            services.project_create(
                actor=actor,
                name="Mine",
                lead=actor,
                start_date=START,
                review_dates=[date(2025, 12, 1)],
            )
    assert not ImprovementProject.objects.exists()


def test_every_problem_is_reported_at_once(lead, board_member):
    with pytest.raises(ValidationError) as caught:
        services.validate_details(
            {
                "name": " ",
                "lead": board_member,
                "editors": [board_member],
                "start_date": date(2025, 9, 1),
                "end_date": date(2025, 8, 1),
                "client_groups": ["not_a_group"],
                "types_of_risk": ["not_a_risk"],
                "target_cases": 0,
                "baseline_start": date(2025, 10, 1),
                "baseline_end": date(2025, 9, 15),
                "review_dates": [],
            }
        )
    assert set(caught.value.message_dict) == {
        "name",
        "lead",
        "editors",
        "end_date",
        "client_groups",
        "types_of_risk",
        "target_cases",
        "baseline_end",
        "review_dates",
    }


def test_the_baseline_must_end_before_the_project_starts(lead):
    with pytest.raises(ValidationError) as caught:
        services.project_create(
            actor=lead,
            name="Overlap",
            lead=lead,
            start_date=START,
            baseline_start=date(2025, 8, 1),
            baseline_end=date(2025, 9, 10),
            review_dates=[date(2025, 12, 1)],
        )
    assert caught.value.message_dict == {
        "baseline_end": ["The baseline must end before the project starts"]
    }


def test_people_named_on_the_project_may_change_it_and_others_may_not(
    pilot, lead, practitioner, manager
):
    with pytest.raises(ValidationError):
        services.plan_update(actor=practitioner, project=pilot, issues="Not mine to write")
    services.project_update(actor=lead, project=pilot, editors=[practitioner])
    pilot.refresh_from_db()
    plan = services.plan_update(actor=practitioner, project=pilot, issues="Late asking")
    assert plan.issues == "Late asking" and plan.version == 2
    assert plan.history.latest().history_user == practitioner
    with pytest.raises(ValidationError):
        services.plan_update(actor=manager, project=pilot, issues="Not named")


def test_an_out_of_date_copy_is_refused(pilot, lead):
    services.plan_update(actor=lead, project=pilot, seen_version=1, issues="First")
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.plan_update(actor=lead, project=pilot, seen_version=1, issues="Second")


def test_history_shows_who_changed_what(pilot, lead, cases):
    services.plan_update(actor=lead, project=pilot, issues="People asked late")
    services.project_update(actor=lead, project=pilot, target_cases=30)
    versions = selectors.project_history(pilot, with_cases=True)
    changes = [(v.part, what, after) for v in versions for what, _, after in v.changes]
    assert (
        "Part 1: the plan",
        "What problems do you want to put right?",
        "People asked late",
    ) in changes
    assert ("Project details", "Target number of cases", "30") in changes
    assert any(
        part.startswith("Case ") and after == "Added to the project" for part, _, after in changes
    )
    assert {v.by for v in versions} == {lead}


def test_history_names_people_and_teams_in_words(pilot, lead, manager, team, other_team):
    services.project_update(actor=lead, project=pilot, manager=manager, team_ids=[other_team.pk])
    newest, *_, created = selectors.project_history(pilot, with_cases=False)
    assert newest.kind == "Changed" and created.kind == "Created"
    changes = {what: (before, after) for what, before, after in newest.changes}
    assert changes["Who manages it"] == ("(none)", str(manager))
    assert changes["Teams"] == (team.name, other_team.name)
    assert dict((w, a) for w, _, a in created.changes)["Start"] == "1 September 2025"


def test_sign_off_needs_every_answer(pilot, lead):
    with pytest.raises(ValidationError) as caught:
        services.statement_sign_off(actor=lead, project=pilot)
    assert len(caught.value.message_dict) == 15


def test_only_a_safeguarding_lead_signs_off(pilot, lead, practitioner):
    services.project_update(actor=lead, project=pilot, editors=[practitioner])
    complete_statement(pilot, practitioner)
    with pytest.raises(ValidationError):
        services.statement_sign_off(actor=practitioner, project=pilot)


def test_signing_off_freezes_the_figures_and_the_project(pilot, lead, cases, practitioner):
    complete_statement(pilot, lead)
    statement = services.statement_sign_off(actor=lead, project=pilot)
    frozen = statement.figures
    assert frozen["project"]["concluded.concluded"] == 3
    assert statement.figures_as_at is not None and statement.signed_off_by == lead
    # A later change to the records does not rewrite what was signed off.
    close(cases["c"], actor=practitioner, end=date(2025, 12, 1))
    pilot.refresh_from_db()
    assert ImpactStatement.objects.get(pk=statement.pk).figures == frozen
    assert selectors.figures_of(pilot)["project"]["concluded.concluded"] == 3
    for write in (
        lambda: services.plan_update(actor=lead, project=pilot, issues="Too late"),
        lambda: services.project_update(actor=lead, project=pilot, target_cases=20),
        lambda: services.statement_sign_off(actor=lead, project=pilot),
        lambda: services.project_case_decide(
            actor=lead, project=pilot, enquiry=cases["g"], included=True, reason="Late addition"
        ),
    ):
        with pytest.raises(ValidationError):
            write()


def test_adding_and_leaving_out_cases_keeps_every_decision(pilot, lead, cases):
    e = cases["e"]
    with pytest.raises(ValidationError) as caught:
        services.project_case_decide(
            actor=lead, project=pilot, enquiry=e, included=True, reason="Again, please"
        )
    assert caught.value.message_dict == {"enquiry": ["That case is already part of the project"]}
    services.project_case_decide(
        actor=lead, project=pilot, enquiry=e, included=False, reason="Not a pilot case after all"
    )
    assert e not in selectors.project_cases(pilot)
    decision = ProjectCase.objects.get(project=pilot, enquiry=e)
    assert [h.included for h in decision.history.order_by("history_date")] == [True, False]
    entries = AuditEntry.objects.filter(object_type="projectcase", object_id=str(decision.pk))
    assert entries.count() == 2 and {x.person_id for x in entries} == {e.person_id}


def test_a_reason_is_needed_and_outsiders_cannot_add_cases(pilot, lead, cases, other_practitioner):
    with pytest.raises(ValidationError) as caught:
        services.project_case_decide(
            actor=lead, project=pilot, enquiry=cases["g"], included=True, reason=" "
        )
    assert "reason" in caught.value.message_dict
    editor = UserFactory(role=Role.PRACTITIONER, teams=[cases["e"].team])
    services.project_update(actor=lead, project=pilot, editors=[editor])
    pilot.refresh_from_db()
    with pytest.raises(ValidationError):  # a North case the South practitioner cannot see
        services.project_case_decide(
            actor=editor, project=pilot, enquiry=cases["g"], included=True, reason="Out of team"
        )
