"""Several years of a council's data, up to yesterday, with caseloads that look like real ones.

    msp demo --concerns 200000 --years 4 --seed 7

The years run from the oldest complete one to the year in progress. Concerns are spread over them
by days; every enquiry of a past year has closed, and those of the year in progress are open while
their duration has not yet run out. The staff is sized to the open work: teams of 8 to 15
practitioners, each holding 20 to 40 open enquiries (some more are waiting for allocation), with
a team manager each. Every user signs in with the demo password.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count

from msp.accounts.models import Role, Team, User
from msp.core.periods import ReportingYear
from msp.demo.bulk import shares
from msp.demo.bulk.load import Result, generate
from msp.demo.bulk.plan import Team as PlannedTeam
from msp.demo.generator import LEADS, TEAM_SHARE
from msp.demo.users import NORTH, ensure_demo_users
from msp.enquiries.models import Enquiry

TEAM_SIZE = (8, 15)
OPEN_PER_PRACTITIONER = (20, 40)
EXTRA_TEAM_WEIGHT = 33
# Share of the open work that is allocated (the rest waits for allocation).
ALLOCATED = 1 - shares.UNALLOCATED_OPEN
# Open enquiries a day of concerns leaves at any time: the share of concerns that become enquiries
# (section 42 and other) times the mean number of days an enquiry stays open.
ENQUIRIES_PER_CONCERN = 0.35 * 0.80 + 0.65 * 0.04 + shares.OTHER_ENQUIRY
_DURATION_WEIGHTS = [
    b - a
    for a, b in zip([0, *shares.DURATION.cumulative], shares.DURATION.cumulative, strict=False)
]
MEAN_DAYS_OPEN = sum(
    weight * (low + high) / 2
    for (low, high), weight in zip(shares.DURATION.values, _DURATION_WEIGHTS, strict=True)
) / sum(_DURATION_WEIGHTS)
# Staff is sized for a little less open work than expected, so that quotas fill.
SIZING_MARGIN = 0.85


@dataclass
class CouncilResult:
    years: list[Result] = field(default_factory=list)
    teams: int = 0
    practitioners: int = 0
    open_per_practitioner: tuple[int, int] = (0, 0)

    @property
    def total_rows(self) -> int:
        return sum(result.total_rows for result in self.years)

    @property
    def rows(self) -> dict[str, int]:
        rows: dict[str, int] = {}
        for result in self.years:
            for table, count in result.rows.items():
                rows[table] = rows.get(table, 0) + count
        return rows


def years_up_to(day: date, count: int) -> list[ReportingYear]:
    """The `count` reporting years ending with the one in progress on `day`."""
    current = ReportingYear.containing(day)
    return [ReportingYear.starting(current.start.year - back) for back in range(count - 1, -1, -1)]


def concerns_by_year(total: int, years: list[ReportingYear], day: date) -> list[int]:
    """Concerns per year in proportion to the days of each year up to yesterday."""
    last = day - timedelta(days=1)
    days = [(min(year.end, last) - year.start).days + 1 for year in years]
    shares_ = [total * d // sum(days) for d in days]
    shares_[-1] += total - sum(shares_)
    return shares_


def practitioners_needed(concerns_in_current_year: int, days_so_far: int) -> int:
    per_day = concerns_in_current_year / max(days_so_far, 1)
    expected_open = per_day * ENQUIRIES_PER_CONCERN * min(MEAN_DAYS_OPEN, days_so_far) * ALLOCATED
    return max(TEAM_SIZE[0], int(expected_open * SIZING_MARGIN / sum(OPEN_PER_PRACTITIONER) * 2))


def team_sizes(practitioners: int, rng: random.Random) -> list[int]:
    """Teams of 8 to 15 practitioners adding up to about `practitioners`."""
    count = max(1, round(practitioners / sum(TEAM_SIZE) * 2))
    weights = [weight for _, weight in TEAM_SHARE] + [EXTRA_TEAM_WEIGHT] * max(0, count - 3)
    weights = weights[:count]
    sizes = [
        min(TEAM_SIZE[1], max(TEAM_SIZE[0], round(practitioners * w / sum(weights))))
        for w in weights
    ]
    # A little variety, as in any council, without leaving the range.
    return [min(TEAM_SIZE[1], max(TEAM_SIZE[0], size + rng.randint(-1, 1))) for size in sizes]


@transaction.atomic
def ensure_council_staff(sizes: list[int]) -> tuple[list[PlannedTeam], int, dict[int, str]]:
    """The demo teams and users, more locality teams as needed, and each team's practitioners
    (the demo leads first) and a manager. Returns the planned teams, the recording user's id and
    each team's manager's username."""
    by_name, users, _ = ensure_demo_users()
    lead = users["lead"]
    password = lead.password  # the demo users' shared password, already hashed
    names = [name for name, _ in TEAM_SHARE] + [
        f"Locality Team {n}" for n in range(len(TEAM_SHARE) + 1, len(sizes) + 1)
    ]
    planned, managers = [], {}

    def member(username: str, first: str, last: str, role: str, team: Team) -> User:
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.invalid",
                "role": role,
                "password": password,
            },
        )
        user.teams.add(team)
        return user

    for number, (name, size) in enumerate(zip(names, sizes, strict=False), start=1):
        team = by_name.get(name) or Team.objects.get_or_create(name=name)[0]
        lead.teams.add(team)
        leads = [users[username].pk for username, _ in LEADS.get(name, [])]
        for index in range(len(leads) + 1, size + 1):
            user = member(
                f"practitioner.t{number}p{index}", "Practitioner", f"{number}-{index}",
                Role.PRACTITIONER, team,
            )  # fmt: skip
            leads.append(user.pk)
        if name == NORTH:
            manager = users["manager"]
        else:
            manager = member(
                f"manager.t{number}", "Manager", f"Team {number}", Role.TEAM_MANAGER, team
            )
        managers[team.pk] = manager.username
        weight = dict(TEAM_SHARE).get(name, EXTRA_TEAM_WEIGHT)
        planned.append(PlannedTeam(team.pk, weight, manager.pk, leads[:size]))
    return planned, lead.pk, managers


def generate_council(
    *,
    concerns: int,
    years: int = 4,
    seed: int = 7,
    today: date | None = None,
    progress=None,
) -> CouncilResult:
    """Fill an empty database with `concerns` concerns over `years` reporting years up to
    yesterday, written in bulk, with staff sized to the open work (module docstring)."""
    from msp.core.dates import today as current_day

    if years < 1:
        raise ValueError("--years must be at least 1")
    progress = progress or (lambda line: None)
    day = today or current_day()
    reporting_years = years_up_to(day, years)
    per_year = concerns_by_year(concerns, reporting_years, day)
    current = reporting_years[-1]
    days_so_far = (day - current.start).days
    rng = random.Random(seed)
    sizes = team_sizes(practitioners_needed(per_year[-1], days_so_far), rng)
    teams, actor_id, _ = ensure_council_staff(sizes)
    quota = {
        lead_id: rng.randint(*OPEN_PER_PRACTITIONER) for team in teams for lead_id in team.lead_ids
    }
    result = CouncilResult(teams=len(teams), practitioners=len(quota))
    for index, (year, count) in enumerate(zip(reporting_years, per_year, strict=True)):
        if count < 1:
            continue
        progress(f"  {year.label}: {count:,} concerns")
        result.years.append(
            generate(
                concerns=count,
                seed=seed + index,
                year=year,
                today=day,
                progress=progress,
                staff=(teams, actor_id),
                history=True,
                open_quota=quota if year == current else None,
            )
        )
    held = list(
        Enquiry.objects.filter(end_date__isnull=True, lead_id__in=list(quota))
        .values("lead_id")
        .annotate(open=Count("id"))
        .values_list("open", flat=True)
    )
    held += [0] * (len(quota) - len(held))  # practitioners with nothing open
    result.open_per_practitioner = (min(held), max(held)) if held else (0, 0)
    return result


def describe(result: CouncilResult) -> str:
    low, high = result.open_per_practitioner
    rows = result.rows
    return (
        f"{rows.get('concern', 0):,} concerns and {rows.get('enquiry', 0):,} enquiries over "
        f"{len(result.years)} years; {result.teams} teams, {result.practitioners} practitioners "
        f"holding {low} to {high} open enquiries each ({result.total_rows:,} rows)"
    )
