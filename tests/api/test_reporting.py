"""Measures over the API: the reporting scope, the measures page's roles, the user's own scope."""

import pytest

from msp.core.dates import today
from msp.core.periods import ReportingYear
from tests.factories import DesiredOutcomeFactory, close_enquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(enquiry, practitioner):
    DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    return close_enquiry(enquiry, actor=practitioner)


def test_measures_for_the_current_year(api_as, lead, closed):
    response = api_as(lead).get("/api/v1/measures", {"breakdown": "team"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["period"]["label"] == ReportingYear.containing(today()).label
    assert body["breakdown"] and body["totals"]


def test_measures_need_the_reporting_scope(api_as, lead, closed):
    assert api_as(lead, scopes=["read"]).get("/api/v1/measures").status_code == 403


def test_measures_follow_the_pages_roles(api_as, board_member, practitioner, closed):
    assert api_as(board_member).get("/api/v1/measures").status_code == 403
    assert api_as(practitioner).get("/api/v1/measures").status_code == 200


def test_other_teams_count_nothing(api_as, lead, other_practitioner, closed):
    mine = api_as(lead).get("/api/v1/measures").json()["totals"]
    theirs = api_as(other_practitioner).get("/api/v1/measures").json()["totals"]
    assert mine != theirs


def test_bad_year_names_the_field(api_as, lead):
    response = api_as(lead).get("/api/v1/measures", {"year": "2025-27"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "year"


def test_statutory_return_for_officers_and_leads(api_as, performance_officer, lead, closed):
    year = ReportingYear.containing(today()).label
    for user in (performance_officer, lead):
        response = api_as(user).get(f"/api/v1/returns/{year}")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["year"] == year and body["tables"]


def test_statutory_return_refused_to_others(
    api_as, practitioner, board_member, performance_officer
):
    for user in (practitioner, board_member):
        assert api_as(user).get("/api/v1/returns/2025-26").status_code == 403
    officer = api_as(performance_officer)
    assert officer.get("/api/v1/returns/2025-27").status_code == 422
    assert (
        api_as(performance_officer, scopes=["read"]).get("/api/v1/returns/2025-26").status_code
        == 403
    )
