"""Markup typed into free-text fields never runs in the browser: pages show it as text."""

import pytest
from playwright.sync_api import Page, expect

from tests.security.payloads import hostile_enquiry

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_script_runs_from_recorded_text(page: Page, journey_practitioner, journey_team):
    enquiry = hostile_enquiry(actor=journey_practitioner, team=journey_team)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(journey_practitioner.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    outcome = enquiry.outcomes.get()
    for url in (
        f"/enquiries/{enquiry.pk}/",
        f"/people/{enquiry.person.reference}/",
        f"/concerns/{enquiry.concern.reference}/",
        f"/enquiries/{enquiry.pk}/outcomes/{outcome.pk}/",
        "/enquiries/?view=team",
    ):
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.locator("img[src=x]").count() == 0, url
        assert page.locator("main script").count() == 0, url
    page.goto(f"/enquiries/{enquiry.pk}/")
    expect(page.get_by_text("Reported <script>alert('x')</script>", exact=False)).to_be_visible()
    assert dialogs == []
