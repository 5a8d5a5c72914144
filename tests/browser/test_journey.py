"""The whole practice in a real browser, as a practitioner would do it: sign in, find (or add) the
person, record the concern and the decision, talk with the person about what they want, revisit
it, consider capacity, review and close. Every page visited is checked with axe-core.
"""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .audit import PageAudit
from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_WORDS = "I want my son to stop taking my pension"
KEPT_WORDS = "I want to keep seeing my grandson on Sundays"
CHANGED_WORDS = "I want my son to pay back what he took, without the police"
CHANGE_REASON = "Mary said she feels stronger now her grandson is helping with her bills"
FULLY_VIEW = "He has paid it all back"
PARTLY_VIEW = "Most Sundays, when he is not working"


def days_ago(days: int) -> date:
    """Dates relative to the council's today, so the journey never goes stale."""
    return timezone.localdate() - timedelta(days=days)


def fill_date(scope, legend: str, when: date) -> None:
    group = scope.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day", exact=True).fill(str(when.day))
    group.get_by_label("Month", exact=True).fill(str(when.month))
    group.get_by_label("Year", exact=True).fill(str(when.year))


def choose(scope, legend: str, option: str) -> None:
    """Pick a radio button (or tick a checkbox) by its question and its label, as a person reads them."""
    scope.get_by_role("group", name=legend, exact=True).get_by_label(option, exact=True).check()


def submit(page: Page, audit: PageAudit, button: str, label: str = "") -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=button, exact=True).click()
    audit.check(label)


def follow(page: Page, audit: PageAudit, link: str, label: str = "") -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name=link, exact=True).first.click()
    audit.check(label)


def outcome_box(page: Page, text: str):
    """The bordered block on a form that belongs to one outcome, found by its words."""
    return page.locator(".msp-outcome").filter(has_text=text)


def expect_banner(page: Page, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def test_practitioner_records_the_whole_practice(page: Page, journey_practitioner):
    audit = PageAudit(page)
    received, decided = days_ago(28), days_ago(27)
    first_talk, second_talk, assessed, reviewed = (
        days_ago(25),
        days_ago(14),
        days_ago(13),
        days_ago(3),
    )

    # Sign in: the home page sends a signed-out visitor to the sign-in page.
    page.goto("/")
    audit.check("sign in")
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/"))
    page.get_by_label("Username", exact=True).fill(journey_practitioner.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    submit(page, audit, "Sign in", "caseload")
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")

    # New concern: find the person first; they are not known, so add them.
    nav = page.get_by_role("navigation", name="Menu")
    with page.expect_navigation(wait_until="load"):
        nav.get_by_role("link", name="New concern", exact=True).click()
    audit.check("find the person")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "New safeguarding concern: find the person"
    )
    page.get_by_label("Name, council reference or NHS number", exact=True).fill("Mary Whitfield")
    submit(page, audit, "Search", "no one found")
    expect(page.get_by_role("heading", name="No one found")).to_be_visible()
    follow(page, audit, "The person is not here: add a new person", "add a person")

    page.get_by_label("First name", exact=True).fill("Mary")
    page.get_by_label("Last name", exact=True).fill("Whitfield")
    fill_date(page, "Date of birth", date(1941, 4, 3))
    page.get_by_label("NHS number (optional)", exact=True).fill("943 476 5919")
    page.get_by_label("Sex", exact=True).select_option(label="Female")
    submit(page, audit, "Add person", "new concern")
    expect(page).to_have_url(re.compile(r"/concerns/new/[^/]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Safeguarding concern about Mary Whitfield"
    )

    # Bad input: the empty form comes back with the GOV.UK error summary, whose links move
    # focus to the fields they are about.
    submit(page, audit, "Save concern", "empty concern form")
    assert page.title().startswith("Error:"), page.title()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    targets = {
        "Enter what was reported": "id_what_reported",
        "Choose who raised the concern": "id_raised_by_relationship",
        "Choose the type of risk": "id_type_of_risk",
        "Choose where the risk is": "id_location_of_risk",
        "Choose who is thought to be the source of risk": "id_source_of_risk",
    }
    for message, field_id in targets.items():
        summary.get_by_role("link", name=message, exact=True).click()
        expect(page.locator(f"#{field_id}")).to_be_focused()
        expect(page.locator(f"#{field_id}-error")).to_contain_text(message)
    date_link = summary.locator('a[href="#id_received_date_0"]')
    expect(date_link).to_have_count(1)
    date_link.click()
    expect(page.locator("#id_received_date_0")).to_be_focused()

    # The concern, properly this time.
    fill_date(page, "Date the concern was received", received)
    choose(page, "Who raised the concern?", "Family member or friend")
    page.get_by_label("Their name and organisation (optional)", exact=True).fill(
        "Tom Whitfield, grandson"
    )
    page.get_by_label("What was reported?", exact=True).fill(
        "Tom says his uncle has been taking Mary's pension from her bank account."
    )
    page.get_by_label("Type of risk", exact=True).select_option(label="Financial or Material Abuse")
    page.get_by_label("Where is the risk?", exact=True).select_option(label="Own Home")
    choose(page, "Who is thought to be the source of risk?", "Other - Known to individual")
    expect(page.get_by_label("Team screening the concern", exact=True)).to_have_value(
        str(journey_practitioner.teams.get().pk)
    )
    submit(page, audit, "Save concern", "concern")
    expect_banner(page, "recorded")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Concern "))

    # The decision: all three questions yes, a section 42 enquiry, led by the practitioner.
    follow(page, audit, "Record the decision", "decision")
    choose(
        page,
        "Does the person have needs for care and support (whether or not the council is meeting them)?",
        "Yes",
    )
    choose(page, "Are they experiencing, or at risk of, abuse or neglect?", "Yes")
    choose(page, "As a result of those needs, are they unable to protect themselves?", "Yes")
    choose(page, "Decision", "Section 42 enquiry")
    fill_date(page, "Date of the decision", decided)
    page.get_by_label("Team for the enquiry", exact=True).select_option(label="North locality")
    page.get_by_label("Lead practitioner (optional)", exact=True).select_option(
        label="Priya Shah (North locality)"
    )
    submit(page, audit, "Record decision", "enquiry opened")
    expect_banner(page, "Decision recorded and enquiry opened")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mary Whitfield")
    expect(page.locator(".govuk-summary-card")).to_contain_text("Priya Shah, North locality")
    enquiry_url = page.url

    # The start conversation: what Mary wants, in her own words. "More care" is a service, not
    # an outcome: the page says why, at the top and at the field.
    follow(page, audit, "Talk with Mary about what they want", "start conversation")
    fill_date(page, "Date of the conversation or meeting", first_talk)
    expect(
        page.get_by_role("group", name="Stage of the enquiry").get_by_label("Start", exact=True)
    ).to_be_checked()
    choose(page, "Who took part?", "The person")
    choose(page, "How did it happen?", "In person")
    for number, words in ((1, FIRST_WORDS), (2, KEPT_WORDS), (3, "more care")):
        question = f"What does Mary want to happen? (outcome {number})"
        page.get_by_label(question, exact=True).fill(words)
        page.locator(".msp-outcome").filter(
            has=page.get_by_label(question, exact=True)
        ).get_by_label("Who expressed it?", exact=True).select_option(label="The person themselves")
    submit(page, audit, "Save conversation", "not an outcome")
    assert page.title().startswith("Error:"), page.title()
    explanation = "“more care” is a service response"
    expect(page.locator(".govuk-error-summary")).to_contain_text(explanation)
    expect(page.locator("#id_outcome_2_words-error")).to_contain_text(explanation)
    expect(page.locator("#id_outcome_2_words-error")).to_contain_text(
        "Ask Mary what they want to happen, in their own words"
    )
    expect(page.get_by_label("What does Mary want to happen? (outcome 1)")).to_have_value(
        FIRST_WORDS
    )
    page.locator(".govuk-error-summary").get_by_role("link", name=re.compile("more care")).click()
    expect(page.locator("#id_outcome_2_words")).to_be_focused()
    # Fix it: Mary's two outcomes stand; the service goes elsewhere.
    page.locator("#id_outcome_2_words").fill("")
    page.locator(".msp-outcome").filter(has=page.locator("#id_outcome_2_words")).get_by_label(
        "Who expressed it?", exact=True
    ).select_option(label="Choose who expressed it")
    submit(page, audit, "Save conversation", "after start conversation")
    expect_banner(page, "Conversation recorded")
    for words in (FIRST_WORDS, KEPT_WORDS):
        expect(page.get_by_role("heading", name=f"“{words}”", exact=True)).to_be_visible()

    # During the enquiry: one outcome has changed, the other is still wanted.
    follow(page, audit, "Revisit outcomes", "during conversation")
    expect(
        page.get_by_role("group", name="Stage of the enquiry").get_by_label("During", exact=True)
    ).to_be_checked()
    fill_date(page, "Date of the conversation or meeting", second_talk)
    choose(page, "Who took part?", "The person")
    choose(page, "Who took part?", "Their advocate")
    choose(page, "How did it happen?", "Phone")
    changed = outcome_box(page, f"“{FIRST_WORDS}”")
    choose(changed, "Does Mary still want this?", "Changed")
    changed.get_by_label("If changed, what does Mary want now, in their words?", exact=True).fill(
        CHANGED_WORDS
    )
    changed.get_by_label("Why did it change, or why does Mary no longer want it?", exact=True).fill(
        CHANGE_REASON
    )
    kept = outcome_box(page, f"“{KEPT_WORDS}”")
    choose(kept, "Does Mary still want this?", "Still wanted as it is")
    submit(page, audit, "Save conversation", "after during conversation")
    expect_banner(page, "Conversation recorded")
    expect(page.get_by_role("heading", name=f"“{CHANGED_WORDS}”", exact=True)).to_be_visible()

    # Capacity for this decision, and an IMCA.
    follow(page, audit, "Record a capacity assessment", "capacity")
    page.get_by_label("Which decision was capacity assessed for?", exact=True).fill(
        "Whether to let her son manage her money"
    )
    fill_date(page, "Date of the assessment", assessed)
    choose(page, "Outcome of the assessment", "Lacks capacity for this decision")
    page.get_by_label("Who assessed capacity?", exact=True).fill("Priya Shah")
    submit(page, audit, "Save assessment", "after capacity")
    expect_banner(page, "Capacity assessment recorded")

    follow(page, audit, "Add a representative or advocate", "representative")
    choose(
        page,
        "What kind of representative or advocate?",
        "Independent Mental Capacity Advocate (IMCA)",
    )
    page.get_by_label("Their name", exact=True).fill("Ann Okafor")
    fill_date(page, "Representing the person from", assessed)
    submit(page, audit, "Save representative", "after representative")
    expect_banner(page, "Representative recorded")
    expect(page.get_by_text("Ann Okafor", exact=True)).to_be_visible()

    # The closing review: one outcome fully achieved, one partly; the risk reduced.
    follow(page, audit, "Closing review", "closing review")
    fill_date(page, "Date of the closing review", reviewed)
    fully = outcome_box(page, f"“{CHANGED_WORDS}”")
    choose(fully, "In Mary's view, was this achieved?", "Fully achieved")
    fully.get_by_label("What Mary said (optional)", exact=True).fill(FULLY_VIEW)
    partly = outcome_box(page, f"“{KEPT_WORDS}”")
    choose(partly, "In Mary's view, was this achieved?", "Partly achieved")
    partly.get_by_label("What Mary said (optional)", exact=True).fill(PARTLY_VIEW)
    choose(page, "Action taken and result", "Risk identified and action taken")
    choose(page, "What happened to the risk?", "Risk reduced")
    choose(page, "Who answered the questions about the experience?", "The person")
    choose(page, "Mary felt listened to", "Yes")
    choose(page, "Mary feels safer now", "Partly")
    submit(page, audit, "Save and continue", "close")
    expect_banner(page, "Closing review saved")

    # Closure: the statutory answers are worked out from what was recorded.
    expect(page.get_by_role("heading", level=1)).to_have_text("Close the enquiry")
    closing = page.get_by_role("group", name="Date the enquiry closed")
    expect(closing.get_by_label("Day", exact=True)).to_have_value(str(reviewed.day))
    derived = {
        "Asked about desired outcomes": "Yes they were asked and outcomes were expressed",
        "Expressed outcomes achieved": "Partially achieved",
        "Lacked capacity for decisions about the enquiry": "Yes, they lacked capacity",
        "Supported by an advocate, family or friend": "Yes",
    }
    figures = page.locator(".govuk-summary-list")
    for question, answer in derived.items():
        row = figures.locator(".govuk-summary-list__row").filter(
            has=page.locator("dt", has_text=re.compile(f"^{re.escape(question)}$"))
        )
        expect(row.locator(".govuk-summary-list__value")).to_have_text(answer)
        expect(row.get_by_role("link", name=f"Change {question.lower()}")).to_be_visible()
    submit(page, audit, "Close the enquiry", "closed enquiry")
    expect_banner(page, "Enquiry closed")
    assert page.url == enquiry_url

    # The enquiry page now shows the closure answers and the journey of each outcome.
    closure = page.get_by_role("heading", name="At closure").locator(
        "xpath=following-sibling::dl[1]"
    )
    expected_closure = {
        "Action taken and result": "Risk identified and action taken",
        "Risk": "Risk reduced",
        "Asked about desired outcomes": "Yes they were asked and outcomes were expressed",
        "Outcomes achieved": "Partially achieved",
        "Lacked capacity": "Yes, they lacked capacity",
        "Supported by an advocate, family or friend": "Yes",
    }
    for key, value in expected_closure.items():
        row = closure.locator(".govuk-summary-list__row").filter(
            has=page.locator("dt", has_text=re.compile(f"^{re.escape(key)}$"))
        )
        expect(row.locator("dd")).to_have_text(value)
    expect(page.locator(".govuk-summary-card")).to_contain_text(
        f"Closed on {reviewed.day} {reviewed:%B %Y}"
    )

    # Each outcome's journey opens on demand.
    for summary in page.locator("details.msp-outcome-journey > summary").all():
        summary.click()
    steps = page.locator("details.msp-outcome-journey .msp-timeline > li")
    first_said = steps.filter(has_text="First said").filter(has_text=FIRST_WORDS)
    expect(first_said).to_have_count(1)
    change = steps.filter(has=page.get_by_role("heading", name="Changed", exact=True))
    expect(change).to_have_count(1)
    expect(change).to_contain_text(f"“{CHANGED_WORDS}”")
    expect(change).to_contain_text(CHANGE_REASON)
    expect(steps.filter(has_text="Still wanted").filter(has_text=KEPT_WORDS)).to_have_count(1)
    # A rating quotes what Mary said about it at the end.
    expect(
        steps.filter(has_text="Rated at the end: Fully achieved").filter(has_text=FULLY_VIEW)
    ).to_have_count(1)
    expect(
        steps.filter(has_text="Rated at the end: Partly achieved").filter(has_text=PARTLY_VIEW)
    ).to_have_count(1)
    # Closed: nothing more can be recorded from the page.
    expect(page.get_by_role("link", name="Record a conversation")).to_have_count(0)

    audit.assert_clean()
