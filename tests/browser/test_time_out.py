"""The time-out warning and the drafts kept after it, in Chromium: warned before the idle
time-out, stay signed in; let it expire, send the form, sign in again, get the changes back.
Run under the strict Content-Security-Policy (no bypass), then the new pages under axe-core.

Screenshots go to $MSP_SHOTS (default /tmp/ux-lists-shots)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .audit import PageAudit
from .conftest import CHROMIUM  # noqa: F401 - the launch flags live there

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "test-password-123"  # tests.factories.PASSWORD
SHOTS = Path(os.environ.get("MSP_SHOTS", "/tmp/ux-lists-shots"))


@pytest.fixture
def person(reference_lists):
    from msp.accounts.models import Role
    from tests.factories import PersonFactory, TeamFactory, UserFactory

    team = TeamFactory(name="North locality")
    UserFactory(
        username="timeout.practitioner",
        first_name="Priya",
        last_name="Shah",
        role=Role.PRACTITIONER,
        teams=[team],
    )
    return PersonFactory(team=team, first_name="Margaret", last_name="Jones")


def _sign_in(page):
    page.get_by_label("Username", exact=True).fill("timeout.practitioner")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Sign in").click()


def test_warned_stay_signed_in_then_expire_send_sign_in_and_restore(
    chromium, live_server, settings, person
):
    settings.SESSION_IDLE_SECONDS = 8
    settings.SESSION_WARNING_SECONDS = 5
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )
    change = f"/people/{person.reference}/change/"

    page.goto(f"/accounts/sign-in/?next={change}")
    _sign_in(page)
    assert page.url.endswith(change)
    dialog = page.locator("#msp-timeout")
    expect(dialog).to_be_visible(timeout=6_000)
    expect(page.locator("#msp-timeout-title")).to_have_text("You’re about to be signed out")
    expect(page.get_by_role("button", name="Stay signed in")).to_be_focused()
    page.screenshot(path=str(SHOTS / "time-out-warning.png"))
    page.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()

    # Typed, then left alone until the session ends.
    page.locator("[name=first_name]").fill("Margret")
    expect(page.locator("#msp-timeout-title")).to_have_text("You’re about to be signed out")
    expect(page.locator("#msp-timeout-title")).to_have_text(
        "You have been signed out", timeout=15_000
    )
    page.screenshot(path=str(SHOTS / "time-out-signed-out.png"))
    page.get_by_role("button", name="Back to the page").click()
    expect(dialog).to_be_hidden()
    page.wait_for_timeout(1_500)  # past the server's whole-second idle check
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Save").first.click()
    assert "/accounts/sign-in/" in page.url
    expect(page.locator(".govuk-inset-text")).to_contain_text("has been kept for you")

    settings.SESSION_IDLE_SECONDS = 1800
    _sign_in(page)
    expect(page.locator("h1")).to_have_text("You were signed out before your changes were saved")
    page.screenshot(path=str(SHOTS / "drafts-offer.png"), full_page=True)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Restore my changes").click()
    assert page.url.endswith(change)
    expect(page.locator("[name=first_name]")).to_have_value("Margret")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("filled in below")
    page.screenshot(path=str(SHOTS / "drafts-restored.png"), full_page=True)
    person.refresh_from_db()
    assert person.first_name == "Margaret"  # nothing saved until the user saves
    assert not refused, refused
    context.close()


def test_the_warning_and_the_drafts_page_pass_axe(page, settings, person):
    from msp.accounts.models import User
    from msp.drafts.services import draft_keep

    settings.SESSION_IDLE_SECONDS = 30
    settings.SESSION_WARNING_SECONDS = 28
    audit = PageAudit(page)
    draft_keep(
        user=User.objects.get(username="timeout.practitioner"),
        path=f"/people/{person.reference}/change/",
        form_data={"first_name": ["Margret"]},
    )
    page.goto("/accounts/sign-in/")
    audit.check("sign in")
    _sign_in(page)
    expect(page.locator("h1")).to_have_text("You were signed out before your changes were saved")
    audit.check("drafts offered")
    expect(page.locator("#msp-timeout")).to_be_visible(timeout=6_000)
    audit.check("time-out warning open")
    audit.assert_clean()
