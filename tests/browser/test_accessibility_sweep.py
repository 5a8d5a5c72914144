"""Every other page of the product, in Chromium with axe-core (WCAG 2.2 AA), as the roles that use
them: the measures and board pages, the statutory return, import and export, audit, restricted
records, data protection and API tokens. The practice pages are covered by test_journey.py."""

import pytest
from playwright.sync_api import Page

from .audit import PageAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "test-password-123"  # tests.factories.PASSWORD


@pytest.fixture
def world(reference_lists):
    from msp.accounts.models import Role
    from msp.people import restrictions
    from tests.factories import (
        DesiredOutcomeFactory,
        EnquiryFactory,
        TeamFactory,
        UserFactory,
        close_enquiry,
    )

    team = TeamFactory(name="North locality")
    practitioner = UserFactory(username="sweep.practitioner", role=Role.PRACTITIONER, teams=[team])
    users = {
        "practitioner": practitioner,
        "manager": UserFactory(username="sweep.manager", role=Role.TEAM_MANAGER, teams=[team]),
        "lead": UserFactory(username="sweep.lead", role=Role.SAFEGUARDING_LEAD),
        "performance": UserFactory(
            username="sweep.performance", role=Role.PERFORMANCE_OFFICER, case_access=True
        ),
        "board": UserFactory(username="sweep.board", role=Role.BOARD_MEMBER),
    }
    closed = EnquiryFactory(concern__person__team=team, actor=practitioner, lead=practitioner)
    DesiredOutcomeFactory(enquiry=closed, actor=practitioner)
    close_enquiry(closed, actor=practitioner, achievement="partially")
    open_enquiry = EnquiryFactory(concern__person__team=team, actor=practitioner, lead=practitioner)
    restricted = EnquiryFactory(concern__person__team=team, actor=practitioner)
    restrictions.restriction_place(
        actor=users["lead"], person=restricted.person, reason="staff", named_users=[]
    )
    data_protection_work(users["lead"], closed.person, open_enquiry.person, restricted.person)
    return {"users": users, "closed": closed, "open": open_enquiry, "restricted": restricted}


def data_protection_work(lead, *people) -> None:
    """A row in each list of the data protection page, one of them a restricted record that
    another safeguarding lead, not named on it, sees without a name."""
    from datetime import date

    from msp.accounts.models import Role
    from msp.privacy import services
    from msp.privacy.models import Anonymisation
    from tests.factories import PersonFactory, UserFactory

    UserFactory(username="sweep.lead.unnamed", role=Role.SAFEGUARDING_LEAD)
    first, second, hidden = people
    for person in (first, hidden):
        services.legal_hold_place(
            actor=lead, person=person, reason="Police investigation", placed_on=date(2026, 1, 5)
        )
    services.processing_restrict(actor=lead, person=second, reason="Contests the record")
    services.rectification_record(
        actor=lead, person=hidden, received_on=date(2026, 2, 1), what_is_wrong="Her name",
        statement="My name is spelt wrongly", decision="not_corrected", decision_reason="Right",
    )  # fmt: skip
    Anonymisation.objects.create(
        person=PersonFactory(team=first.team),
        rule="7 years after the last enquiry closed",
        due_on=date(2025, 4, 1),
    )


def sign_in(page: Page, audit: PageAudit, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/sign-in/")
    audit.check("sign in")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Sign in").click()
    audit.check("after sign in")


def visit(page: Page, audit: PageAudit, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, f"{url} answered {response.status}"
    audit.check(url)


def test_every_other_page_meets_wcag_22_aa(page: Page, world):
    audit = PageAudit(page)
    person = world["closed"].person
    hidden = world["restricted"].person
    year = "2025-26"

    sign_in(page, audit, "sweep.lead")
    for url in (
        "/reporting/measures/",
        "/reporting/measures/?dimension=team",
        "/reporting/board/",
        "/returns/",
        f"/returns/?year={year}",
        "/returns/reviews/",
        "/returns/reviews/new/",
        "/data/export/",
        "/audit/",
        "/audit/?username=sweep.practitioner",
        f"/audit/people/{person.reference}/",
        "/audit/break-glass/",
        f"/people/{person.reference}/restriction/",
        f"/people/{hidden.reference}/restriction/",
        "/privacy/",
        f"/people/?for=data-protection&text={person.last_name}",
        f"/privacy/people/{person.reference}/",
        f"/privacy/people/{person.reference}/rectification/",
        f"/privacy/people/{person.reference}/legal-hold/",
        "/account/tokens/",
        "/account/tokens/new/",
        "/api/v1/docs",
        f"/enquiries/{world['open'].pk}/allocate/",
        "/concerns/waiting/",
        "/accounts/staff/",
        "/audit/staff-access/",
        f"/accounts/staff/{world['users']['practitioner'].pk}/",
    ):
        visit(page, audit, url)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Issue an enrolment code").click()
    audit.check("enrolment code issued")

    sign_in(page, audit, "sweep.performance")
    for url in (
        "/data/import/",
        "/data/import/format/",
        "/reporting/measures/?dimension=age_band",
        f"/returns/?year={year}",
    ):
        visit(page, audit, url)

    sign_in(page, audit, "sweep.lead.unnamed")
    visit(page, audit, "/privacy/")  # the restricted record's rows without a name
    assert page.get_by_text("Restricted record", exact=True).count() == 2

    sign_in(page, audit, "sweep.board")
    visit(page, audit, "/reporting/board/")

    sign_in(page, audit, "sweep.manager")
    for url in ("/enquiries/", "/reporting/measures/", f"/enquiries/{world['closed'].pk}/"):
        visit(page, audit, url)

    sign_in(page, audit, "sweep.practitioner")
    visit(page, audit, f"/people/{hidden.reference}/", status=403)  # restricted: break glass
    visit(page, audit, "/enquiries/?view=team")  # the restricted person as "Restricted record"
    visit(page, audit, f"/people/?text={hidden.last_name}")
    visit(page, audit, "/accounts/two-factor/set-up/")
    audit.assert_clean()
