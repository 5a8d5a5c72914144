"""The enquiry page as a case grows, in Chromium at 1280 by 800: with 10 outcomes and 30
conversations the summary, the task list and the person's current outcomes are still on the
first screen; each outcome's journey opens on demand (and is there without JavaScript); the
closed enquiry shows the person's experience answers. Checked with axe-core."""

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .audit import PageAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "test-password-123"  # tests.factories.PASSWORD
SHOTS = Path("/tmp/ux-docs-shots")
WORDS = [
    "I want to feel safe at home",
    "I want the carers to treat me with respect",
    "I want my son to get help with his drinking",
    "I want to manage my own money again",
    "I want to keep seeing my granddaughter",
    "I want to stay living in my flat",
    "I want to go back to the day centre on Tuesdays",
    "I want the neighbour to stop coming round late at night",
    "I want to choose who comes into my home",
    "I want to be told what is happening, in plain words",
]


@pytest.fixture
def grown_case(reference_lists):
    from msp.accounts.models import Role
    from tests.factories import (
        ConversationFactory,
        DesiredOutcomeFactory,
        EnquiryFactory,
        TeamFactory,
        UserFactory,
    )

    team = TeamFactory(name="North locality")
    practitioner = UserFactory(username="grown.practitioner", role=Role.PRACTITIONER, teams=[team])
    enquiry = EnquiryFactory(concern__person__team=team, actor=practitioner, lead=practitioner)
    for words in WORDS:
        DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner, words=words)
    for day in range(30):
        ConversationFactory(
            enquiry=enquiry,
            actor=practitioner,
            held_on=enquiry.start_date + timedelta(days=1 + day),
            notes=f"Visit {day + 1}: talked through what is happening and what comes next.",
        )
    return practitioner, enquiry


def sign_in(page: Page, audit: PageAudit, username: str) -> None:
    page.goto("/accounts/sign-in/")
    audit.check("sign in")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Sign in").click()
    audit.check("after sign in")


def _bottom(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"] + box["height"]


def test_a_grown_case_keeps_its_summary_tasks_and_outcomes_on_the_first_screen(
    page: Page, grown_case
):
    practitioner, enquiry = grown_case
    page.set_viewport_size({"width": 1280, "height": 800})
    audit = PageAudit(page)
    sign_in(page, audit, practitioner.username)
    page.goto(f"/enquiries/{enquiry.pk}/")
    audit.check("enquiry with 10 outcomes and 30 conversations")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "enquiry-first-screen.png"))
    page.screenshot(path=str(SHOTS / "enquiry-whole.png"), full_page=True)

    assert _bottom(page, ".govuk-summary-card") <= 800
    assert _bottom(page, ".govuk-task-list") <= 800
    outcomes = page.locator(".msp-outcome-list li")
    assert outcomes.count() == 10
    assert _bottom(page, ".msp-outcome-list") <= 800
    for words in WORDS:
        assert page.locator(".msp-outcome-list").get_by_text(words).is_visible()

    # Each journey is closed until asked for, and opens on demand.
    journeys = page.locator("details.msp-outcome-journey")
    assert journeys.count() == 10
    first = journeys.first
    assert first.get_attribute("open") is None
    assert not first.locator(".msp-timeline").is_visible()
    first.locator("summary").click()
    assert first.locator(".msp-timeline").is_visible()
    assert first.locator(".msp-timeline__title").first.inner_text().startswith("First said")
    page.screenshot(path=str(SHOTS / "enquiry-journey-open.png"))
    audit.check("a journey opened")
    audit.assert_clean()


def test_without_javascript_the_journeys_still_open(chromium, live_server, grown_case):
    practitioner, enquiry = grown_case
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(practitioner.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Sign in").click()
    page.goto(f"/enquiries/{enquiry.pk}/")
    journey = page.locator("details.msp-outcome-journey").nth(3)
    journey.locator("summary").click()
    assert journey.locator(".msp-timeline").is_visible()
    context.close()


def test_the_closed_enquiry_shows_the_persons_experience(page: Page, grown_case):
    from msp.enquiries import services as enquiry_services
    from msp.enquiries.models import ExperienceAnswer
    from msp.reference import selectors as ref

    practitioner, enquiry = grown_case
    topics = [item.code for item in ref.items("experience_topics")]
    answers = [ExperienceAnswer.YES, ExperienceAnswer.PARTLY, ExperienceAnswer.NO]
    end = enquiry.start_date + timedelta(days=40)
    enquiry_services.closing_review_record(
        actor=practitioner,
        enquiry=enquiry,
        reviewed_on=end,
        ratings={
            o.pk: {"achievement": "fully"} for o in enquiry_services.current_outcomes(enquiry)
        },
        action_and_result="risk_identified_action",
        risk_outcome="reduced",
        experience={t: answers[i % 3] for i, t in enumerate(topics)},
        experience_answered_by="person",
        experience_comments="They listened to me this time.",
    )
    enquiry_services.enquiry_close(actor=practitioner, enquiry=enquiry, end_date=end)
    audit = PageAudit(page)
    sign_in(page, audit, practitioner.username)
    page.goto(f"/enquiries/{enquiry.pk}/")
    audit.check("closed enquiry")
    section = page.locator("h2", has_text="experience of the enquiry")
    assert section.is_visible()
    rows = page.locator("h2:has-text('experience of the enquiry') + dl .govuk-summary-list__row")
    text = rows.all_inner_texts()
    assert any("The person" in row for row in text)
    for index, topic in enumerate(topics):
        label = ref.label("experience_topics", topic)
        expected = ExperienceAnswer(answers[index % 3]).label
        assert any(label in row and expected in row for row in text), (label, expected)
    assert any("They listened to me this time." in row for row in text)
    page.locator("h2", has_text="experience of the enquiry").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "enquiry-closed-experience.png"))
    audit.assert_clean()
