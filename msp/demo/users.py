"""The demo teams and the demo users who sign in to them, all with one published password."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from msp.accounts import policy
from msp.accounts.models import Role, Team, User

PASSWORD = "safeguarding-demo"
URL = "http://127.0.0.1:8000/"

NORTH = "North Locality Team"
SOUTH = "South Locality Team"
HOSPITALS = "Hospitals and Care Homes Team"
TEAMS = [NORTH, SOUTH, HOSPITALS]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    teams: tuple[str, ...] = ()
    admin: bool = False
    case_access: bool = False


DEMO_USERS = [
    DemoUser("practitioner", "Priya", "Shah", Role.PRACTITIONER, (NORTH,)),
    DemoUser("practitioner.north", "Tom", "Whitfield", Role.PRACTITIONER, (NORTH,)),
    DemoUser("practitioner.south", "Sam", "Okafor", Role.PRACTITIONER, (SOUTH,)),
    DemoUser("practitioner.south2", "Aisha", "Rahman", Role.PRACTITIONER, (SOUTH,)),
    DemoUser("practitioner.hospitals", "Grace", "Mensah", Role.PRACTITIONER, (HOSPITALS,)),
    DemoUser("practitioner.hospitals2", "Daniel", "Hughes", Role.PRACTITIONER, (HOSPITALS,)),
    DemoUser("manager", "Helen", "Marsh", Role.TEAM_MANAGER, (NORTH,)),
    DemoUser("lead", "Joanne", "Pritchard", Role.SAFEGUARDING_LEAD, tuple(TEAMS)),
    # Granted case access so the return's data-quality links open the records at fault.
    DemoUser("performance", "Mark", "Ellis", Role.PERFORMANCE_OFFICER, case_access=True),
    DemoUser("board", "Ruth", "Adams", Role.BOARD_MEMBER),
    DemoUser("admin", "Alex", "Morgan", Role.ADMINISTRATOR, admin=True),
]


@transaction.atomic
def ensure_demo_users() -> tuple[dict[str, Team], dict[str, User], int]:
    """Create the demo teams and users that are missing; leave existing ones as they are.

    Returns the teams by name, the users by username, and how many users were created.
    """
    teams = {name: Team.objects.get_or_create(name=name)[0] for name in TEAMS}
    existing = {
        u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])
    }
    hashed = None
    created = 0
    users = {}
    for spec in DEMO_USERS:
        user = existing.get(spec.username)
        if user is None:
            # One hash serves every demo user: hashing is deliberately slow.
            hashed = hashed or make_password(PASSWORD)
            user = User.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@demo.invalid",
                role=spec.role,
                is_staff=spec.admin,
                is_superuser=spec.admin,
                case_access=spec.case_access,
                password=hashed,
            )
            user.teams.set([teams[name] for name in spec.teams])
            created += 1
        users[spec.username] = user
    return teams, users, created


def table_lines() -> list[str]:
    """The demo sign-ins as a plain text table."""
    rows = [("Username", "Name", "Role", "Teams")]
    for spec in DEMO_USERS:
        teams = ", ".join(spec.teams) if spec.teams else "-"
        if policy.sees_all_teams(User(role=spec.role, case_access=spec.case_access)):
            teams = "all teams"
        rows.append(
            (spec.username, f"{spec.first_name} {spec.last_name}", Role(spec.role).label, teams)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
        for row in rows
    ]
    lines.insert(1, "-" * max(len(line) for line in lines))
    lines += ["", f"Password for every demo user: {PASSWORD}", f"Sign in at {URL}"]
    return lines
