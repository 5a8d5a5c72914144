"""The evidence pages in Chromium with axe-core (WCAG 2.2 AA): audits, follow-ups, feedback,
the side by side, supervision and champions, and the public code page on a phone."""

import os
from datetime import timedelta

import pytest
from playwright.sync_api import Page

from .audit import PageAudit
from .test_accessibility_sweep import sign_in
from .test_improvement_pages import submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("MSP_SHOTS", "")


@pytest.fixture
def world(reference_lists):
    from msp.accounts.models import Role
    from msp.core.dates import today
    from msp.improvement.audits import services as audits
    from msp.improvement.feedback import services as feedback
    from msp.improvement.feedback import wording
    from msp.improvement.supervision import services as supervision
    from tests.factories import ConversationFactory, PersonFactory, TeamFactory, UserFactory
    from tests.reporting.conftest import close, make_enquiry

    team = TeamFactory(name="North locality")
    worker = UserFactory(username="evidence.practitioner", role=Role.PRACTITIONER, teams=[team])
    manager = UserFactory(username="evidence.manager", role=Role.TEAM_MANAGER, teams=[team])
    lead = UserFactory(username="evidence.lead", role=Role.SAFEGUARDING_LEAD)
    colleague = UserFactory(username="evidence.colleague", role=Role.PRACTITIONER, teams=[team])
    UserFactory(username="evidence.board", role=Role.BOARD_MEMBER)
    start = today() - timedelta(days=40)
    cases = []
    for index in range(4):
        enquiry = make_enquiry(
            PersonFactory(team=team, actor=worker), actor=worker, start=start, lead=worker
        )
        if index < 3:
            ConversationFactory(
                enquiry=enquiry,
                actor=worker,
                held_on=start,
                stage="start",
                new_outcomes=[{"words": "I want to stay at home", "expressed_by": "person"}],
            )
        cases.append(close(enquiry, actor=worker, end=today() - timedelta(days=5)))
    sample = audits.audit_sample_draw(
        actor=manager,
        which="closed",
        period_start=start,
        period_end=today(),
        size=4,
        seed=11,
        team=team,
    )
    done = audits.case_audit_start(actor=manager, sample=sample, enquiry=cases[0])
    audits.case_audit_save(
        actor=manager,
        audit=done,
        answers={q.pk: ("no", "Not in the file") for q in done.question_set.questions.all()},
        grade="requires_improvement",
        summary="The start conversation is missing",
        actions="Record it",
        complete=True,
    )
    feedback.feedback_record(
        actor=colleague,
        enquiry=cases[1],
        respondent="person",
        outcome="answered",
        method="phone",
        answered_on=today(),
        answers={q.code: "yes" for q in wording.questions()},
    )
    _, plain = feedback.feedback_code_issue(actor=colleague, enquiry=cases[2], respondent="person")
    note = supervision.supervision_note_create(
        actor=manager, enquiry=cases[3], held_on=today(), reflection="What she wants now"
    )
    supervision.champion_mark(actor=lead, team=team, user=worker)
    return {
        "team": team,
        "cases": cases,
        "sample": sample,
        "audit": done,
        "code": plain,
        "note": note,
        "worker": worker,
    }


def test_every_evidence_page_meets_wcag_22_aa(page: Page, world):
    audit = PageAudit(page)
    team, cases, sample = world["team"], world["cases"], world["sample"]
    sign_in(page, audit, "evidence.manager")
    for url in (
        "/improvement/",
        "/improvement/audits/",
        "/improvement/audits/samples/new/",
        f"/improvement/audits/samples/{sample.pk}/",
        f"/improvement/audits/samples/{sample.pk}/cases/{cases[1].pk}/",
        f"/improvement/audits/{world['audit'].pk}/",
        "/improvement/audits/results/",
        "/improvement/audits/questions/",
        "/improvement/audits/questions/versions/",
        "/improvement/audits/questions/versions/1/",
        "/improvement/audits/mine/",
        "/improvement/feedback/",
        f"/improvement/triangulation/?team={team.pk}",
        f"/improvement/enquiries/{cases[3].pk}/supervision/",
        f"/improvement/enquiries/{cases[3].pk}/supervision/new/",
        f"/improvement/supervision/{world['note'].pk}/",
        f"/improvement/supervision/practitioners/{world['worker'].pk}/",
        "/improvement/teams/",
        f"/improvement/teams/{team.pk}/",
    ):
        visit(page, audit, url, f"manager {url}")
    visit(page, audit, "/improvement/audits/samples/new/", "sample again")
    submit(page, audit, "Draw the sample", "sample with errors")
    assert page.locator(".govuk-error-summary").is_visible()
    visit(page, audit, f"/improvement/audits/samples/{sample.pk}/cases/{cases[1].pk}/", "audit")
    submit(page, audit, "Complete the audit", "audit with errors")
    assert page.locator(".govuk-error-summary").is_visible()

    sign_in(page, audit, "evidence.colleague")
    for url in (
        "/improvement/follow-ups/",
        "/improvement/follow-ups/?show=done",
        f"/improvement/follow-ups/{cases[1].pk}/",
        f"/improvement/follow-ups/{cases[0].pk}/record/",
        f"/improvement/follow-ups/{cases[0].pk}/code/",
    ):
        visit(page, audit, url, f"colleague {url}")
    visit(page, audit, f"/improvement/follow-ups/{cases[0].pk}/record/", "record again")
    submit(page, audit, "Save the follow-up", "follow-up with errors")
    assert page.locator(".govuk-error-summary").is_visible()
    visit(page, audit, f"/improvement/follow-ups/{cases[0].pk}/code/", "code again")
    page.get_by_label("The person", exact=True).check()
    submit(page, audit, "Make the code", "code shown")
    assert page.get_by_test_id("code").is_visible()

    sign_in(page, audit, "evidence.lead")
    for url in (
        "/improvement/audits/questions/draft/",
        "/improvement/audits/questions/draft/publish/",
        f"/improvement/teams/{team.pk}/",
        f"/improvement/supervision/practitioners/{world['worker'].pk}/supervisor/",
        "/improvement/briefing/",
    ):
        visit(page, audit, url, f"lead {url}")

    sign_in(page, audit, "evidence.board")
    visit(page, audit, "/improvement/feedback/", "board feedback")
    assert page.get_by_test_id("suppressed").is_visible()
    audit.assert_clean()


def test_the_public_page_on_a_phone(chromium, live_server, world):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    page = context.new_page()
    audit = PageAudit(page)
    try:
        visit(page, audit, "/your-say/", "phone start")
        page.get_by_label("Your code").fill("ABCD-2345")
        submit(page, audit, "Start", "phone wrong code")
        assert "We cannot use that code" in page.locator(".govuk-error-summary").inner_text()
        page.get_by_label("Your code").fill(world["code"])
        submit(page, audit, "Start", "phone questions")
        assert page.get_by_text("Did we listen to you?").is_visible()
        # Nothing scrolls sideways on a phone.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/phone-questions.png", full_page=True)
        page.get_by_role("group", name="Did we listen to you?").get_by_label("Yes").check()
        submit(page, audit, "Send my answers", "phone thank you")
        assert page.get_by_role("heading", name="Thank you").is_visible()
        assert world["cases"][2].person.full_name not in page.content()
        audit.assert_clean()
    finally:
        context.close()
