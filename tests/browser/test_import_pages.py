"""The import pages in Chromium with axe-core, as a performance officer uses them: an upload whose
rows name no team, the one error naming those rows, the team chosen on the check page, the
import; then the audit trail's words for it, as a safeguarding lead reads them."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .audit import PageAudit
from .test_accessibility_sweep import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where to save a picture of each page, when asked (to look at them as a user would).
SHOTS = os.environ.get("MSP_SCREENSHOTS", "")


@pytest.fixture
def officers(reference_lists):
    from msp.accounts.models import Role
    from tests.factories import TeamFactory, UserFactory

    TeamFactory(name="North locality")
    TeamFactory(name="Duty team")
    TeamFactory(name="Closed team", active=False)
    return {
        "performance": UserFactory(
            username="import.officer",
            first_name="Sam",
            last_name="Okafor",
            role=Role.PERFORMANCE_OFFICER,
            case_access=True,
        ),
        "lead": UserFactory(username="import.lead", role=Role.SAFEGUARDING_LEAD),
    }


def seen(page: Page, audit: PageAudit, label: str) -> None:
    audit.check(label)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{label}.png"), full_page=True)


def submit(page: Page, name: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=name).click()


def test_rows_that_name_no_team_are_given_a_team_on_the_check_page(page: Page, officers, tmp_path):
    from tests.interop.support import concern, file_set, risk, zip_bytes

    upload = tmp_path / "concerns-2024.zip"
    upload.write_bytes(
        zip_bytes(
            file_set(
                concerns=[concern("C1"), concern("C2", team=""), concern("C3", team="")],
                risks=[risk("C1"), risk("C2")],
            )
        )
    )
    audit = PageAudit(page)
    sign_in(page, audit, "import.officer")
    page.goto("/data/import/")
    seen(page, audit, "01-upload")
    select = page.get_by_label("Team for rows that name no team (optional)")
    expect(select.locator("option")).to_have_text(["Choose a team", "Duty team", "North locality"])

    submit(page, "Upload and check")
    seen(page, audit, "02-upload-with-no-files")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the files to import")

    page.set_input_files("#id_files", str(upload))
    submit(page, "Upload and check")
    seen(page, audit, "03-check-rows-name-no-team")
    expect(page.locator("main")).to_contain_text(
        "The concerns on rows 3 and 4 name no team: choose a team for rows that name no team"
    )
    expect(page.locator("main")).to_contain_text("2 new concerns in the file name no team.")

    submit(page, "Use this team and check again")
    seen(page, audit, "04-check-no-team-chosen")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose a team for rows that name no team"
    )

    page.get_by_label("Team for rows that name no team", exact=True).select_option(
        label="Duty team"
    )
    submit(page, "Use this team and check again")
    seen(page, audit, "05-check-team-chosen")
    expect(page.locator("main")).to_contain_text("They go to Duty team")
    expect(page.locator("main")).not_to_contain_text("name no team: choose")

    submit(page, "Import 6 rows")
    seen(page, audit, "06-imported")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Imported 1 person, 3 concerns, 3 enquiries and 2 risks."
    )
    expect(page.locator("main")).to_contain_text("Concerns that named no team went to Duty team.")

    page.goto("/data/import/format/")
    seen(page, audit, "07-format")
    expect(page.locator("main")).to_contain_text("the team you choose for rows that name no team")

    sign_in(page, audit, "import.lead")
    page.goto("/audit/?username=import.officer")
    seen(page, audit, "08-audit-trail")
    expect(page.locator("main")).to_contain_text(
        "Imported concerns-2024.zip: 1 person, 3 concerns, 3 enquiries and 2 risks."
    )
    expect(page.locator("main")).to_contain_text("Concerns that named no team went to Duty team.")
    expect(page.locator("main")).not_to_contain_text("Reason: ")
    audit.assert_clean()
