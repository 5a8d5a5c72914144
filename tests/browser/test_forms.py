"""Every form of the practice in Chromium with every field wrong at once: the error summary lists
each problem once, linked to a field that shows the same message, and the page meets WCAG 2.2 AA
under axe-core in that state. Also the pages new to the forms: the close page's summary of the
figures and the page that changes one of them, a search carried into adding a person, and the
page that shows what someone else changed when two people save the same record.

Screenshots of each page go to $MSP_SHOTS (default /tmp/forms-shots) for a person to look at.
"""

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .audit import PageAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "test-password-123"  # tests.factories.PASSWORD
SHOTS = Path(os.environ.get("MSP_SHOTS", "/tmp/forms-shots"))
NEXT_YEAR = str(timezone.localdate().year + 1)


@pytest.fixture
def world(reference_lists):
    from msp.accounts.models import Role
    from msp.enquiries import services as enquiries
    from msp.privacy import services as privacy
    from tests.factories import (
        ConcernFactory,
        DesiredOutcomeFactory,
        EnquiryFactory,
        PersonFactory,
        TeamFactory,
        UserFactory,
    )

    team = TeamFactory(name="North locality")
    practitioner = UserFactory(
        username="forms.practitioner",
        first_name="Priya",
        last_name="Shah",
        role=Role.PRACTITIONER,
        teams=[team],
    )
    users = {
        "practitioner": practitioner,
        "manager": UserFactory(
            username="forms.manager",
            first_name="Sam",
            last_name="Okoro",
            role=Role.TEAM_MANAGER,
            teams=[team],
        ),
        "lead": UserFactory(username="forms.lead", role=Role.SAFEGUARDING_LEAD),
        "performance": UserFactory(
            username="forms.performance", role=Role.PERFORMANCE_OFFICER, case_access=True
        ),
    }
    margaret = PersonFactory(
        team=team, first_name="Margaret", last_name="Okafor", date_of_birth=date(1938, 11, 5)
    )
    concern = ConcernFactory(person=margaret, actor=practitioner)
    enquiry = EnquiryFactory(concern__person__team=team, actor=practitioner, lead=practitioner)
    outcomes = [
        DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner, words=words)
        for words in ("I want to feel safe at home", "I want to keep seeing my grandson")
    ]
    reviewed = EnquiryFactory(concern__person__team=team, actor=practitioner, lead=practitioner)
    rated = DesiredOutcomeFactory(enquiry=reviewed, actor=practitioner)
    enquiries.closing_review_record(
        actor=practitioner,
        enquiry=reviewed,
        reviewed_on=timezone.localdate(),
        ratings={rated.pk: {"achievement": "partially"}},
        action_and_result="risk_identified_action",
        risk_outcome="reduced",
    )
    privacy.legal_hold_place(
        actor=users["lead"],
        person=margaret,
        reason="Police investigation",
        placed_on=timezone.localdate() - timedelta(days=20),
    )
    return {
        "users": users,
        "margaret": margaret,
        "concern": concern,
        "enquiry": enquiry,
        "outcomes": outcomes,
        "reviewed": reviewed,
    }


def sign_in(page: Page, audit: PageAudit, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/sign-in/")
    audit.check("sign in")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Sign in").click()
    audit.check("after sign in")


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def open_page(page: Page, audit: PageAudit, url: str, name: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response.status}"
    audit.check(name)
    expect(page.locator(".govuk-back-link")).to_have_count(1)


def submit(page: Page, audit: PageAudit, name: str, button: str | None = None) -> None:
    form_button = (
        page.get_by_role("button", name=button, exact=True)
        if button
        else page.locator("main form button.govuk-button[type=submit]").last
    )
    with page.expect_navigation(wait_until="load"):
        form_button.click()
    audit.check(name)


def expect_every_error_linked(page: Page, at_least: int) -> None:
    """Each field error is in the summary, and each summary link lands on a field (or a part of
    the page) that is there."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.title().startswith("Error:"), page.title()
    links = summary.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= at_least, (page.url, hrefs)
    for href in hrefs:
        assert page.locator(href).count() == 1, f"summary links to {href}, not on the page"
    messages = page.locator("p.govuk-error-message")
    for i in range(messages.count()):
        field_id = messages.nth(i).get_attribute("id").removesuffix("-error")
        text = messages.nth(i).inner_text().removeprefix("Error:").strip()
        linked = summary.locator(f'a[href="#{field_id}"], a[href="#{field_id}_0"]')
        expect(linked).to_have_count(1)
        expect(linked).to_have_text(text)


def fill(page: Page, values: dict[str, str]) -> None:
    for name, value in values.items():
        page.locator(f'main [name="{name}"]').first.fill(value)


def test_every_form_with_every_field_wrong(page: Page, world):
    audit = PageAudit(page)
    margaret, enquiry = world["margaret"], world["enquiry"]
    base = f"/enquiries/{enquiry.pk}/"
    safe = world["outcomes"][0]
    future = {"_0": "12", "_1": "3", "_2": NEXT_YEAR}

    def dated(name: str) -> dict:
        return {f"{name}{part}": value for part, value in future.items()}

    sign_in(page, audit, "forms.practitioner")
    cases = [
        # (name for the screenshot, url, values to type, at least this many errors)
        (
            "add-person",
            "/people/new/?for=concern",
            {"nhs_number": "123 456 7890", **dated("date_of_birth")},
            4,
        ),
        (
            "change-person",
            f"/people/{margaret.reference}/change/",
            {"first_name": "", "nhs_number": "12", **dated("date_of_birth")},
            3,
        ),
        ("new-concern", f"/concerns/new/{margaret.reference}/", dated("received_date"), 6),
        ("add-allegation", f"/concerns/{world['concern'].reference}/allegations/new/", {}, 3),
        (
            "decision",
            f"/concerns/{world['concern'].reference}/decision/",
            dated("decision_date"),
            5,
        ),
        (
            "conversation",
            base + "conversations/new/",
            {
                **dated("held_on"),
                "outcome_0_words": "I want more monitoring",
                "outcome_1_words": "Not substantiated",
            },
            7,
        ),
        ("capacity", base + "capacity/new/", dated("assessed_on"), 4),
        ("representative", base + "representatives/new/", {}, 3),
        ("risk-discussion", base + "risks/new/", {}, 3),
        ("response", base + "responses/new/", {}, 2),
        ("closing-review", base + "review/", {}, 4),
        (
            "change-outcome",
            f"{base}outcomes/{safe.pk}/change/",
            {"words": "Safeguarding plan in place", **dated("happened_on")},
            3,
        ),
        ("outcome-withdraw", f"{base}outcomes/{safe.pk}/withdraw/", {}, 2),
        ("outcome-replace", f"{base}outcomes/{safe.pk}/replace/", {"words": "More care"}, 3),
        ("plan-b", f"{base}outcomes/{safe.pk}/plan-b/", {"words": "Case closed"}, 2),
        ("tension", f"{base}outcomes/{safe.pk}/tension/", {}, 3),
    ]
    for name, url, values, at_least in cases:
        open_page(page, audit, url, name)
        if name == "closing-review":
            page.locator("main [name='reviewed_on_0']").fill("")
        if name == "decision":
            # A section 42 enquiry led by someone outside the team, with nothing else answered.
            page.locator('main [name="decision"][value="s42"]').check()
            page.locator('main [name="lead"]').select_option(str(world["users"]["lead"].pk))
        fill(page, values)
        submit(page, audit, f"{name} with every error")
        expect_every_error_linked(page, at_least)
        shot(page, name)

    sign_in(page, audit, "forms.lead")
    privacy = f"/privacy/people/{margaret.reference}/"
    for name, url, values, at_least in [
        ("restrict-processing", privacy + "restrict-processing/", {}, 1),
        (
            "rectification",
            privacy + "rectification/",
            {"nhs_number": "12", **dated("received_on")},
            4,
        ),
        ("legal-hold", privacy + "legal-hold/", dated("placed_on"), 2),
        (
            "export",
            "/data/export/",
            {"date_from_0": "31", "date_from_1": "2", "date_from_2": "2025"},
            1,
        ),
        ("api-token", "/account/tokens/new/", {"expires_on_2": "2999"}, 3),
    ]:
        open_page(page, audit, url, name)
        fill(page, values)
        if name == "legal-hold":
            submit(page, audit, f"{name} with every error", button="Place the hold")
        else:
            submit(page, audit, f"{name} with every error")
        expect_every_error_linked(page, at_least)
        shot(page, name)

    sign_in(page, audit, "forms.performance")
    open_page(page, audit, "/returns/reviews/new/", "review register")
    fill(page, {"individuals_died": "-1", **dated("decided_on")})
    submit(page, audit, "review register with every error")
    expect_every_error_linked(page, 4)
    shot(page, "review-register")
    audit.assert_clean()


def test_finding_a_person_and_carrying_the_search(page: Page, world):
    audit = PageAudit(page)
    sign_in(page, audit, "forms.practitioner")
    nav = page.get_by_role("navigation", name="Menu")
    with page.expect_navigation(wait_until="load"):
        nav.get_by_role("link", name="New concern", exact=True).click()
    audit.check("new concern")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    shot(page, "find-person-opens")
    page.get_by_label("Name, council reference or NHS number", exact=True).fill("Margret Okafer")
    submit(page, audit, "sound-alike search", button="Search")
    expect(page.get_by_role("link", name="Margaret Okafor", exact=True)).to_be_visible()
    expect(page.get_by_text("Similar spelling")).to_be_visible()
    shot(page, "find-person-similar-spelling")
    page.get_by_label("Name, council reference or NHS number", exact=True).fill("Ann Whitfield")
    group = page.get_by_role("group", name="Date of birth", exact=True)
    group.get_by_label("Day", exact=True).fill("3")
    group.get_by_label("Month", exact=True).fill("4")
    group.get_by_label("Year", exact=True).fill("1941")
    submit(page, audit, "no one found", button="Search")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="The person is not here: add a new person").click()
    audit.check("add a person, carried")
    expect(page.get_by_label("First name", exact=True)).to_have_value("Ann")
    expect(page.get_by_label("Last name", exact=True)).to_have_value("Whitfield")
    born = page.get_by_role("group", name="Date of birth", exact=True)
    expect(born.get_by_label("Year", exact=True)).to_have_value("1941")
    shot(page, "add-person-carried")
    audit.assert_clean()


def test_the_close_page_and_changing_one_answer(page: Page, world):
    audit = PageAudit(page)
    reviewed = world["reviewed"]
    sign_in(page, audit, "forms.practitioner")
    open_page(page, audit, f"/enquiries/{reviewed.pk}/close/", "close")
    rows = page.locator(".govuk-summary-list__row")
    expect(rows).to_have_count(4)
    expect(page.locator("main textarea")).to_have_count(0)
    shot(page, "close-summary")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="Change expressed outcomes achieved").click()
    audit.check("change one answer")
    page.get_by_label("Fully achieved", exact=True).check()
    submit(page, audit, "answer without a reason", button="Save answer")
    expect_every_error_linked(page, 1)
    shot(page, "change-answer-error")
    page.get_by_label("Why is the answer worked out from the record wrong?").fill(
        "She told me at the end that both had been met"
    )
    submit(page, audit, "answer saved", button="Save answer")
    expect(page).to_have_url(re.compile(r"/close/#answer-sac_outcomes_achieved$"))
    row = page.locator("#answer-sac_outcomes_achieved")
    expect(row).to_contain_text("Fully achieved")
    expect(row).to_contain_text("She told me at the end that both had been met")
    shot(page, "close-summary-corrected")
    audit.assert_clean()


def test_two_people_saving_the_same_record(page: Page, world):
    from msp.people import services as people

    audit = PageAudit(page)
    margaret = world["margaret"]
    sign_in(page, audit, "forms.practitioner")
    open_page(page, audit, f"/people/{margaret.reference}/change/", "change details")
    page.get_by_label("Preferred name (optional)", exact=True).fill("Peggy")
    # Meanwhile the manager changes the same record.
    people.person_update(
        actor=world["users"]["manager"], person=margaret, interpreter_language="Yoruba"
    )
    submit(page, audit, "someone else changed it", button="Save changes")
    expect_every_error_linked(page, 1)
    conflict = page.locator("#conflict")
    expect(conflict).to_contain_text("Interpreter needed: language (optional)")
    expect(conflict).to_contain_text("Yoruba")
    expect(conflict).to_contain_text("Sam Okoro")
    expect(page.get_by_label("Preferred name (optional)", exact=True)).to_have_value("Peggy")
    # The manager's change to a detail this user left alone is taken into the form.
    expect(page.get_by_label("Interpreter needed: language (optional)", exact=True)).to_have_value(
        "Yoruba"
    )
    shot(page, "conflict-person")
    submit(page, audit, "saved again", button="Save changes")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("details saved")
    margaret.refresh_from_db()
    assert (margaret.preferred_name, margaret.interpreter_language) == ("Peggy", "Yoruba")

    enquiry = world["enquiry"]
    safe = world["outcomes"][0]
    open_page(page, audit, f"/enquiries/{enquiry.pk}/review/", "closing review")
    page.get_by_role("group", name="Action taken and result", exact=True).get_by_label(
        "No risk identified and no action taken", exact=True
    ).check()
    from msp.outcomes import services as outcomes

    outcomes.outcome_revise(
        actor=world["users"]["manager"],
        outcome=safe,
        words="I want to feel safe at home at night",
        reason="She is most afraid at night",
        happened_on=timezone.localdate(),
        name="Margaret",
    )
    submit(page, audit, "review over someone's change", button="Save and continue")
    expect(page.locator("#conflict")).to_contain_text("I want to feel safe at home at night")
    expect(
        page.get_by_role("group", name="Action taken and result", exact=True).get_by_label(
            "No risk identified and no action taken", exact=True
        )
    ).to_be_checked()
    shot(page, "conflict-closing-review")
    audit.assert_clean()
