"""The teams the bulk demo data is spread over, and who decides on and leads its enquiries."""

from django.db import transaction

from msp.accounts.models import Role, Team, User
from msp.demo.bulk.plan import Team as PlannedTeam
from msp.demo.generator import LEADS, TEAM_SHARE
from msp.demo.users import NORTH, ensure_demo_users

EXTRA_TEAM_WEIGHT = 33


@transaction.atomic
def ensure_staff(teams: int) -> tuple[list[PlannedTeam], int]:
    """The demo teams and users, plus numbered locality teams beyond the three demo teams, each
    with two practitioners who lead its enquiries and the safeguarding lead deciding on concerns.

    Returns the teams as the planner needs them and the id of the user recorded as the author.
    """
    if teams < 1:
        raise ValueError("--teams must be at least 1")
    by_name, users, _ = ensure_demo_users()
    planned = []
    for name, weight in TEAM_SHARE[:teams]:
        decider = users["manager" if name == NORTH else "lead"]
        leads = [users[username].pk for username, _ in LEADS[name]]
        planned.append(PlannedTeam(by_name[name].pk, weight, decider.pk, leads))
    lead = users["lead"]
    password = lead.password  # the demo users' shared password, already hashed
    for number in range(len(TEAM_SHARE) + 1, teams + 1):
        team, _ = Team.objects.get_or_create(name=f"Locality Team {number}")
        lead.teams.add(team)
        leads = []
        for letter in "ab":
            user, created = User.objects.get_or_create(
                username=f"practitioner.team{number}{letter}",
                defaults={
                    "first_name": "Practitioner",
                    "last_name": f"{number}{letter.upper()}",
                    "email": f"practitioner.team{number}{letter}@demo.invalid",
                    "role": Role.PRACTITIONER,
                    "password": password,
                },
            )
            user.teams.add(team)
            leads.append(user.pk)
        planned.append(PlannedTeam(team.pk, EXTRA_TEAM_WEIGHT, lead.pk, leads))
    return planned, lead.pk
