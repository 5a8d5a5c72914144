"""Every page of the improvement programme in Chromium with axe-core (WCAG 2.2 AA), as the roles
that use them, including the error states; screenshots for looking at them as a user would."""

import os
from datetime import timedelta

import pytest
from playwright.sync_api import Page

from .audit import PageAudit
from .test_accessibility_sweep import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("MSP_SHOTS", "")


@pytest.fixture
def world(reference_lists):
    from msp.accounts.models import Role
    from msp.core.dates import today
    from msp.improvement.briefing import services as briefing
    from msp.improvement.information import services as information
    from msp.improvement.projects import services as projects
    from tests.factories import ConversationFactory, TeamFactory, UserFactory
    from tests.improvement.test_information import picture
    from tests.reporting.conftest import close, make_enquiry

    team = TeamFactory(name="North locality")
    users = {
        "practitioner": UserFactory(
            username="programme.practitioner", role=Role.PRACTITIONER, teams=[team]
        ),
        "manager": UserFactory(username="programme.manager", role=Role.TEAM_MANAGER, teams=[team]),
        "lead": UserFactory(username="programme.lead", role=Role.SAFEGUARDING_LEAD),
        "board": UserFactory(username="programme.board", role=Role.BOARD_MEMBER),
    }
    worker, lead = users["practitioner"], users["lead"]
    start = today() - timedelta(days=120)
    enquiries = []
    for days in (3, 10, 40):
        from tests.factories import PersonFactory

        enquiry = make_enquiry(
            PersonFactory(team=team, actor=worker),
            actor=worker,
            start=start + timedelta(days=days),
            lead=worker,
        )
        ConversationFactory(
            enquiry=enquiry,
            actor=worker,
            held_on=enquiry.start_date + timedelta(days=1),
            stage="start",
            new_outcomes=[{"words": "I want to feel safe at home", "expressed_by": "person"}],
        )
        enquiries.append(enquiry)
    close(
        enquiries[0],
        actor=worker,
        end=enquiries[0].start_date + timedelta(days=8),
        experience={"felt_listened_to": "yes"},
    )
    project = projects.project_create(
        actor=lead,
        name="North team pilot",
        lead=lead,
        manager=users["manager"],
        start_date=start,
        team_ids=[team.pk],
        review_dates=[start + timedelta(days=100)],
    )
    projects.plan_update(actor=lead, project=project, issues="People are asked too late")
    projects.project_case_decide(
        actor=lead, project=project, enquiry=enquiries[2], included=False, reason="Opened in error"
    )
    briefing.briefing_save_draft(actor=lead, **briefing.starting_point())
    briefing.briefing_publish(actor=lead)
    briefing.briefing_save_draft(actor=lead, change_note="Second", **briefing.starting_point())
    information.leaflet_section_update(
        actor=lead,
        kind="easy-read",
        position=1,
        heading="We want you to be safe",
        text="Someone is worried about you.\n\nWe want to help.",
        picture=picture(size=(300, 200)),
        picture_description="A social worker and a woman talking",
    )
    summary = information.personal_summary_create(
        actor=worker,
        enquiry=enquiries[1],
        how_to_reach="Priya, North locality. Phone 01234 567890",
        what_happens_next="I will visit you next week.",
        large_print=True,
    )
    return {"users": users, "project": project, "enquiries": enquiries, "summary": summary}


def visit(page: Page, audit: PageAudit, url: str, label: str = "") -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response.status}"
    audit.check(label or url)
    if SHOTS:
        name = (label or url).strip("/").replace("/", "_").replace("?", "_").replace("&", "_")
        page.screenshot(path=f"{SHOTS}/{name or 'home'}.png", full_page=True)


def submit(page: Page, audit: PageAudit, button: str, label: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=button).click()
    audit.check(label)


def test_every_programme_page_meets_wcag_22_aa(page: Page, world):
    audit = PageAudit(page)
    project = world["project"]
    base = f"/improvement/projects/{project.pk}/"
    enquiry = world["enquiries"][1]
    summary = world["summary"]

    sign_in(page, audit, "programme.lead")
    for url in (
        "/improvement/",
        "/improvement/projects/new/",
        base,
        base + "details/",
        base + "plan/",
        base + "statement/",
        base + "statement/sign-off/",
        base + "impact/",
        base + "history/",
        base + "cases/?figure=with_start&set=project",
        base + "cases/?figure=cases&set=baseline",
        base + "cases/add/",
        base + "cases/decisions/",
        base + f"cases/{world['enquiries'][0].pk}/leave-out/",
        "/improvement/briefing/",
        "/improvement/briefing/versions/",
        "/improvement/briefing/versions/2/",
        "/improvement/briefing/draft/",
        "/improvement/briefing/draft/publish/",
        "/improvement/briefing/readers/",
        "/improvement/information/",
        "/improvement/information/what-happens-now/",
        "/improvement/information/easy-read/",
        "/improvement/information/easy-read/sections/1/",
        "/improvement/information/what-happens-now/sections/2/",
    ):
        visit(page, audit, url)

    # Error states: a new project with nothing filled in, a case with no reason.
    visit(page, audit, "/improvement/projects/new/", "new project again")
    submit(page, audit, "Start the project", "new project with errors")
    assert page.locator(".govuk-error-summary").is_visible()
    visit(page, audit, base + "cases/add/", "add a case again")
    submit(page, audit, "Add the case", "add a case with errors")
    assert page.locator(".govuk-error-summary li").count() == 2

    sign_in(page, audit, "programme.manager")
    for url in (base, "/improvement/briefing/", "/improvement/briefing/readers/"):
        visit(page, audit, url, f"manager {url}")

    sign_in(page, audit, "programme.practitioner")
    visit(page, audit, "/enquiries/", "caseload with the briefing notice")
    visit(page, audit, "/improvement/briefing/", "practitioner briefing")
    submit(page, audit, "I have read this briefing", "briefing read")
    visit(page, audit, f"/enquiries/{enquiry.pk}/", "enquiry with the summary link")
    visit(page, audit, f"/improvement/enquiries/{enquiry.pk}/summary/")
    visit(page, audit, f"/improvement/summaries/{summary.pk}/")
    visit(page, audit, "/improvement/information/easy-read/", "practitioner easy read")

    sign_in(page, audit, "programme.board")
    for url in ("/improvement/", base, base + "impact/", base + "history/"):
        visit(page, audit, url, f"board {url}")
    assert "[c]" in page.goto(base).text()
    audit.check("board project again")
    audit.assert_clean()
