"""Several years of council data: every past enquiry closed, caseloads of 20 to 40 open enquiries
for teams of 8 to 15 practitioners, and staff who can sign in."""

from collections import Counter

import pytest
from django.core.management import call_command

from msp.accounts.models import Role, User
from msp.core.dates import today
from msp.core.periods import ReportingYear
from msp.demo.bulk import council
from msp.demo.users import PASSWORD
from msp.enquiries.models import Enquiry

pytestmark = pytest.mark.django_db


def test_concerns_are_spread_over_the_years_by_their_days():
    day = today()
    years = council.years_up_to(day, 3)
    assert years[-1] == ReportingYear.containing(day)
    assert [y.start.year for y in years] == [years[-1].start.year - 2, years[-1].start.year - 1,
                                             years[-1].start.year]  # fmt: skip
    split = council.concerns_by_year(10_000, years, day)
    assert sum(split) == 10_000
    assert split[0] == split[1] >= split[2]


@pytest.mark.parametrize("wanted", [8, 40, 120])
def test_teams_have_8_to_15_practitioners(wanted):
    import random

    sizes = council.team_sizes(wanted, random.Random(3))
    assert all(8 <= size <= 15 for size in sizes)
    assert abs(sum(sizes) - wanted) <= max(8, wanted // 5)


def test_caseloads_look_real_and_everyone_can_sign_in(settings, client):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    result = council.generate_council(concerns=24_000, years=3, seed=5)
    assert sum(r.rows["concern"] for r in result.years) == 24_000
    current = ReportingYear.containing(today())
    open_ = Enquiry.objects.filter(end_date__isnull=True)
    # Only the year in progress has open enquiries; nothing is dated after today.
    assert not open_.filter(start_date__lt=current.start).exists()
    assert not Enquiry.objects.filter(end_date__gt=today()).exists()
    assert not Enquiry.objects.filter(start_date__gt=today()).exists()
    practitioners = User.objects.filter(
        role=Role.PRACTITIONER, led_enquiries__isnull=False
    ).distinct()
    held = Counter(open_.filter(lead__isnull=False).values_list("lead_id", flat=True))
    assert practitioners.count() == result.practitioners
    assert all(20 <= held[p.pk] <= 40 for p in practitioners), sorted(held.values())
    for team_size in Counter(
        User.objects.filter(pk__in=held).values_list("teams", flat=True)
    ).values():
        assert 8 <= team_size <= 15
    some = practitioners.order_by("-username").first()
    response = client.post("/accounts/sign-in/", {"username": some.username, "password": PASSWORD})
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == some.pk
    managers = User.objects.filter(role=Role.TEAM_MANAGER, teams__isnull=False).distinct()
    assert managers.count() == result.teams
    assert council.describe(result).startswith("24,000 concerns")


def test_the_demo_command_writes_several_years(capsys):
    call_command("demo", "--concerns", "6000", "--years", "2", "--seed", "3")
    out = capsys.readouterr().out
    assert "6,000 concerns" in out and "over 2 years" in out
