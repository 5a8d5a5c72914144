"""The measures and return pages reuse figures for up to a minute for the same question, say
when they were worked out, work them out again when asked, and never share them between
different scopes. Downloads of the return are always worked out afresh."""

from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from msp.reporting import recent
from tests.factories import PersonFactory, UserFactory
from tests.reporting.conftest import close, make_enquiry

pytestmark = pytest.mark.django_db

YEAR = {"year": "2025-26"}


@pytest.fixture(autouse=True)
def reuse_for_a_minute(settings, tmp_path):
    settings.FIGURES_MAX_AGE = 60
    # Files as in production, in this test's own folder (the two suites run side by side).
    settings.CACHES = {
        **settings.CACHES,
        "figures": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "figures"),
        },
    }
    yield
    if (tmp_path / "figures").is_dir():
        caches["figures"].clear()


def measures(client, params=None):
    return client.get("/reporting/measures/", {**YEAR, "view": "team", **(params or {})})


def concluded(response) -> int:
    return response.context["result"].totals["concluded"]


def conclude_one(team, actor, day=date(2025, 7, 1)):
    enquiry = make_enquiry(PersonFactory(team=team, actor=actor), actor=actor, start=day)
    close(enquiry, actor=actor, end=day + timedelta(days=10))


def test_the_same_question_within_a_minute_is_answered_from_the_figures_worked_out(
    client, council, manager, team, practitioner
):
    client.force_login(manager)
    first = measures(client)
    page = first.content.decode()
    assert "Figures worked out at" in page and "work them out again now" in page
    conclude_one(team, practitioner)
    with CaptureQueriesContext(connection) as reused:
        second = measures(client)
    assert concluded(second) == concluded(first)
    assert second.context["worked"].at == first.context["worked"].at
    with CaptureQueriesContext(connection) as fresh:
        again = measures(client, {recent.FRESH: "1"})
    assert concluded(again) == concluded(first) + 1
    # The aggregates are what the reuse saves.
    assert len(reused) < len(fresh) - 5


def test_figures_are_not_shared_between_scopes(
    client, council, manager, team, other_team, practitioner, other_practitioner
):
    other_manager = UserFactory(role=manager.role, teams=[other_team])
    client.force_login(manager)
    ours = concluded(measures(client))
    client.force_login(other_manager)
    theirs = concluded(measures(client))
    assert ours != theirs
    # The same scope asked by another user of that team is the same question.
    client.force_login(UserFactory(role=manager.role, teams=[team]))
    assert concluded(measures(client)) == ours


def test_no_reuse_when_the_age_is_zero(client, council, manager, team, practitioner, settings):
    settings.FIGURES_MAX_AGE = 0
    client.force_login(manager)
    before = concluded(measures(client))
    conclude_one(team, practitioner)
    assert concluded(measures(client)) == before + 1


def test_the_return_page_reuses_its_figures_but_downloads_are_fresh(
    client, lead, team, practitioner
):
    def sg2_total(tables) -> int:
        return sum(cell["value"] for cell in tables["SG2a"] if isinstance(cell["value"], int))

    client.force_login(lead)
    conclude_one(team, practitioner)
    first = client.get("/returns/", YEAR)
    assert "Figures worked out at" in first.content.decode()
    shown = first.context["worked"].value.as_json()["tables"]
    conclude_one(team, practitioner, day=date(2025, 8, 1))
    second = client.get("/returns/", YEAR)
    assert second.context["worked"].at == first.context["worked"].at
    download = client.get("/returns/2025-26/download/json/").json()
    assert sg2_total(download["tables"]) == sg2_total(shown) + 1
    fresh = client.get("/returns/", {**YEAR, recent.FRESH: "1"})
    assert fresh.context["worked"].at > first.context["worked"].at
    assert sg2_total(fresh.context["worked"].value.as_json()["tables"]) == sg2_total(shown) + 1


def test_a_cache_that_cannot_be_written_is_passed_by(client, council, manager, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    settings.CACHES = {
        **settings.CACHES,
        "figures": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(blocked),
        },
    }
    client.force_login(manager)
    assert measures(client).status_code == 200
