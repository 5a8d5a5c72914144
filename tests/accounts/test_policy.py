import pytest

from msp.accounts import policy
from msp.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = {
    # fixture: (views cases, records cases, sees all teams)
    "practitioner": (True, True, False),
    "manager": (True, True, False),
    "lead": (True, True, True),
    "performance_officer": (True, False, True),
    "board_member": (False, False, False),
    "administrator": (False, False, False),
}


@pytest.mark.parametrize(("fixture", "expected"), ROLES.items())
def test_what_each_role_may_do(request, fixture, expected):
    user = request.getfixturevalue(fixture)
    assert (
        policy.can_view_cases(user),
        policy.can_record_cases(user),
        policy.sees_all_teams(user),
    ) == expected
    assert (user.can_view_cases, user.can_record_cases) == expected[:2]


def test_visible_teams(practitioner, lead, board_member, team, other_team):
    assert policy.visible_team_ids(practitioner) == {team.pk}
    assert policy.visible_team_ids(lead) is None
    assert policy.visible_team_ids(board_member) == set()
    assert policy.can_view_team(practitioner, team.pk)
    assert not policy.can_view_team(practitioner, other_team.pk)
    assert not policy.can_view_team(practitioner, None)
    assert policy.can_view_team(lead, other_team.pk)


def test_recording_for_a_team(practitioner, performance_officer, lead, team, other_team):
    assert policy.can_record_for_team(practitioner, team.pk)
    assert not policy.can_record_for_team(practitioner, other_team.pk)
    assert not policy.can_record_for_team(practitioner, None)
    assert policy.can_record_for_team(lead, other_team.pk)
    assert not policy.can_record_for_team(performance_officer, team.pk)


def test_allocation(practitioner, manager, lead, team, other_team):
    assert policy.can_allocate(manager, team.pk)
    assert not policy.can_allocate(manager, other_team.pk)
    assert not policy.can_allocate(practitioner, team.pk)
    assert policy.can_allocate(lead, other_team.pk)
    lead.is_active = False
    assert not policy.can_allocate(lead, team.pk)


def test_inactive_and_anonymous_users_see_nothing(practitioner, team):
    from django.contrib.auth.models import AnonymousUser

    practitioner.is_active = False
    assert not policy.can_view_cases(practitioner)
    assert policy.visible_team_ids(practitioner) == set()
    assert not policy.can_view_cases(AnonymousUser())
    assert not policy.can_view_cases(None)


def test_a_manager_of_several_teams_sees_each(team, other_team):
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[team, other_team])
    assert policy.visible_team_ids(manager) == {team.pk, other_team.pk}
    assert policy.measures_by_worker_first(manager)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PERFORMANCE_OFFICER, Role.BOARD_MEMBER])
def test_aggregate_roles_see_cases_only_when_granted(client, enquiry, role):
    from tests.factories import UserFactory

    user = UserFactory(role=role)
    client.force_login(user)
    assert client.get(f"/enquiries/{enquiry.pk}/").status_code == 404
    assert client.get(f"/people/{enquiry.person.reference}/").status_code == 404
    user.case_access = True
    user.save()
    client.force_login(user)
    assert client.get(f"/enquiries/{enquiry.pk}/").status_code == 200
    assert not policy.can_record_for_team(user, enquiry.team_id)


@pytest.mark.django_db
def test_home_sends_each_role_to_its_work(client):
    from tests.factories import UserFactory

    for role, case_access, target in [
        (Role.PERFORMANCE_OFFICER, False, "/returns/"),
        (Role.PERFORMANCE_OFFICER, True, "/enquiries/"),
        (Role.BOARD_MEMBER, False, "/reporting/board/"),
        (Role.PRACTITIONER, False, "/enquiries/"),
    ]:
        client.force_login(UserFactory(role=role, case_access=case_access))
        assert client.get("/").url == target


# --- the improvement programme ---------------------------------------------------------------

PROGRAMME = {
    # fixture: (sees projects, starts one, signs off, edits the briefing, reads it, sees readers)
    "practitioner": (True, False, False, False, True, False),
    "manager": (True, False, False, False, True, True),
    "lead": (True, True, True, True, True, True),
    "performance_officer": (True, False, False, False, True, False),
    "board_member": (True, False, False, False, False, False),
    "administrator": (False, False, False, False, False, False),
}


@pytest.mark.parametrize(("fixture", "expected"), PROGRAMME.items())
def test_what_each_role_may_do_in_the_programme(request, fixture, expected):
    user = request.getfixturevalue(fixture)
    assert (
        policy.can_view_programme(user),
        policy.can_create_project(user),
        policy.can_sign_off_statement(user),
        policy.can_edit_briefing(user),
        policy.can_read_briefing(user),
        policy.can_see_briefing_readers(user),
    ) == expected


def test_who_edits_a_project_and_who_sees_its_figures_exactly(
    lead,
    practitioner,
    other_practitioner,
    manager,
    board_member,
    performance_officer,
    team,
    other_team,
):
    class Project:
        named_user_ids = {practitioner.pk}

    assert policy.can_edit_project(lead, Project)
    assert policy.can_edit_project(practitioner, Project)
    assert not policy.can_edit_project(manager, Project)
    assert not policy.can_edit_project(board_member, Project)
    north = {team.pk}
    assert policy.programme_figures_exact(practitioner, north)
    assert not policy.programme_figures_exact(practitioner, {team.pk, other_team.pk})
    assert not policy.programme_figures_exact(practitioner, None)  # every team
    assert not policy.programme_figures_exact(other_practitioner, north)
    assert policy.programme_figures_exact(lead, None)
    assert policy.programme_figures_exact(performance_officer, None)
    assert not policy.programme_figures_exact(board_member, north)
    assert policy.briefing_reader_team_ids(manager) == {team.pk}
    assert policy.briefing_reader_team_ids(lead) is None
