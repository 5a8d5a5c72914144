"""The administration pages an administrator uses, in Chromium with axe-core (WCAG 2.2 AA),
signed in as the demo administrator: the index, staff accounts (the list with its filters, the
add and change forms), teams, the council's settings and adult population, the reference lists,
the catalogue of ideas that are not outcomes, the retention schedule and the sign-in records."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .audit import PageAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/ux-docs-shots")


@pytest.fixture
def demo_admin(reference_lists):
    from msp.core.models import AdultPopulation, council_settings
    from msp.demo.users import PASSWORD, ensure_demo_users
    from msp.privacy.models import RetentionSchedule
    from msp.reference.models import NotOutcomeIdea

    _, users, _ = ensure_demo_users()
    council_settings()
    AdultPopulation.objects.create(year="2025-26", adults=251_000, source="Synthetic figure")
    return {
        "user": users["admin"],
        "password": PASSWORD,
        "other": users["practitioner"],
        "team": users["practitioner"].teams.first(),
        "idea": NotOutcomeIdea.objects.first(),
        "retention": RetentionSchedule.objects.first(),
    }


def visit(page: Page, audit: PageAudit, url: str, name: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response.status}"
    audit.check(url)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"admin-{name}.png"), full_page=True)


def test_the_administrators_pages_meet_wcag_22_aa(page: Page, demo_admin):
    from msp.reference.models import ReferenceItem

    audit = PageAudit(page)
    page.goto("/accounts/sign-in/")
    audit.check("sign in")
    page.get_by_label("Username", exact=True).fill("admin")
    page.get_by_label("Password", exact=True).fill(demo_admin["password"])
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Sign in").click()
    audit.check("after sign in")

    other = demo_admin["other"]
    item = ReferenceItem.objects.order_by("pk").first()
    pages = {
        "index": "/admin/",
        "users": "/admin/accounts/user/",
        "users-filtered": "/admin/accounts/user/?role__exact=practitioner&is_active__exact=1",
        "users-search": "/admin/accounts/user/?q=shah",
        "user-add": "/admin/accounts/user/add/",
        "user-change": f"/admin/accounts/user/{other.pk}/change/",
        "user-password": f"/admin/accounts/user/{other.pk}/password/",
        "user-history": f"/admin/accounts/user/{other.pk}/history/",
        "teams": "/admin/accounts/team/",
        "team-add": "/admin/accounts/team/add/",
        "team-change": f"/admin/accounts/team/{demo_admin['team'].pk}/change/",
        "council-settings": "/admin/core/councilsettings/",
        "council-settings-change": "/admin/core/councilsettings/1/change/",
        "population": "/admin/core/adultpopulation/",
        "population-add": "/admin/core/adultpopulation/add/",
        "population-change": "/admin/core/adultpopulation/1/change/",
        "population-history": "/admin/core/adultpopulation/1/history/",
        "reference-items": "/admin/reference/referenceitem/",
        "reference-items-filtered": "/admin/reference/referenceitem/?list_code=type_of_risk",
        "reference-item-change": f"/admin/reference/referenceitem/{item.pk}/change/",
        "ideas": "/admin/reference/notoutcomeidea/",
        "idea-change": f"/admin/reference/notoutcomeidea/{demo_admin['idea'].pk}/change/",
        "retention": "/admin/privacy/retentionschedule/",
        "sign-in-attempts": "/admin/axes/accessattempt/",
        "sign-in-failures": "/admin/axes/accessfailurelog/",
        "sign-ins": "/admin/axes/accesslog/",
    }
    if demo_admin["retention"] is not None:
        pages["retention-change"] = (
            f"/admin/privacy/retentionschedule/{demo_admin['retention'].pk}/change/"
        )
    for name, url in pages.items():
        visit(page, audit, url, name)

    # The add-user form, sent empty, shows its errors accessibly too.
    page.goto("/admin/accounts/user/add/")
    audit.check("user add")
    with page.expect_navigation(wait_until="load"):
        page.locator("input[name=_save]").click()
    audit.check("user add with errors")
    page.screenshot(path=str(SHOTS / "admin-user-add-errors.png"), full_page=True)
    audit.assert_clean()
