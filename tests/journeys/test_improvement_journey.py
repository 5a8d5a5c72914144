"""The improvement programme over HTTP, as a safeguarding lead new to it would use it: start a
pilot for the North team over three months with a target of 25 cases, follow its live figures
beside the baseline, write the plan, complete the impact statement at the review date with the
figures filled in, sign it off and download the board's PDF."""

from datetime import timedelta

import pytest

from msp.core.dates import today
from msp.improvement.models import ImprovementProject
from msp.improvement.projects.services import default_end
from tests.factories import ConversationFactory, PersonFactory
from tests.improvement.support import date_fields
from tests.reporting.conftest import close, make_enquiry
from tests.support.pdf import assert_tagged_pdf

pytestmark = pytest.mark.django_db


def ok(response, status=200):
    assert response.status_code == status, response.content.decode()[:3000]
    return response.content.decode()


def test_a_lead_runs_a_pilot_from_start_to_the_boards_pdf(
    client, lead, team, other_team, practitioner
):
    start = today() - timedelta(days=130)
    # The North team's cases: three in the pilot's three months, one in the three months before.
    for days, asked in ((5, True), (20, True), (60, False)):
        enquiry = make_enquiry(
            PersonFactory(team=team, actor=practitioner),
            actor=practitioner,
            start=start + timedelta(days=days),
            lead=practitioner,
        )
        if asked:
            ConversationFactory(
                enquiry=enquiry,
                actor=practitioner,
                held_on=enquiry.start_date + timedelta(days=1),
                stage="start",
                new_outcomes=[{"words": "I want to feel safe", "expressed_by": "person"}],
            )
            close(enquiry, actor=practitioner, end=enquiry.start_date + timedelta(days=10))
    before = make_enquiry(
        PersonFactory(team=team, actor=practitioner),
        actor=practitioner,
        start=start - timedelta(days=30),
    )
    close(before, actor=practitioner, end=before.start_date + timedelta(days=5))

    client.force_login(lead)
    assert "Improving practice" in ok(client.get("/enquiries/"))
    page = ok(client.get("/improvement/"))
    assert "No projects yet" in page and "Start a project" in page
    page = ok(client.get("/improvement/projects/new/"))
    assert "The guide suggests 20 to 30 cases" in page and "There is a problem" not in page

    review = start + timedelta(days=100)
    response = client.post(
        "/improvement/projects/new/",
        {
            "name": "North team pilot",
            "lead": lead.pk,
            "teams": [team.pk],
            "include_other": "on",
            "target_cases": "25",
            **date_fields("start_date", start),
            **date_fields("review_date_1", review),
        },
    )
    project = ImprovementProject.objects.get()
    base = f"/improvement/projects/{project.pk}/"
    assert response.status_code == 302 and response.url == base
    assert project.end_date == default_end(start)  # three months, as nobody said otherwise
    assert 88 <= (project.end_date - project.start_date).days <= 91
    assert project.target_cases == 25 and project.team_ids == [team.pk]

    # The live figures, with the baseline beside them.
    response = client.get(base)
    page = ok(response)
    assert "3 of 25 cases" in page and "Baseline" in page and "This project" in page
    rows = {r.figure.key: r for r in response.context["rows"]}
    assert [c.raw for c in rows["cases"].cells] == [3, 1]
    assert [c.raw for c in rows["with_start"].cells] == [2, 0]
    assert [c.raw for c in rows["concluded"].cells] == [2, 1]
    assert "Live figures, counted from the records on" in page

    # Part 1: the plan.
    page = ok(client.get(base + "plan/"))
    assert "What problems do you want to put right?" in page
    plan = {
        "seen_version": "1",
        "completed_by": "Me and the North team manager, by the start date",
        "issues": "People are asked what they want too late",
        "starts_with": "Every North enquiry for three months",
        "current_practice": "A fixed process",
        "what_needs_to_change": "Ask at the start",
        "how_change_happens": "Briefing and supervision",
        "anticipated_impacts": "More outcomes met",
        "unintended_outcomes": "Longer enquiries; watched weekly",
        "how_measured": "The project page, monthly",
        "how_shared": "With the board",
    }
    assert client.post(base + "plan/", plan).status_code == 302
    assert "Completed" in ok(client.get(base))

    # At the review date: the impact statement, with the figures beside the words.
    page = ok(client.get(base + "statement/"))
    assert 'data-testid="evidence-engagement"' in page and "as at" in page
    from msp.improvement import impact_tool

    answers = {q.field: f"What happened: {q.label}" for q in impact_tool.STATEMENT}
    answers["better_outcomes"] = "Both people asked at the start had their outcomes fully met."
    assert client.post(base + "statement/", {"seen_version": "1", **answers}).status_code == 302

    # Sign off: the figures are fixed.
    page = ok(client.get(base + "statement/sign-off/"))
    assert "The impact statement is not finished" not in page
    assert client.post(base + "statement/sign-off/", {"seen_version": "2"}).status_code == 302
    page = ok(client.get(base))
    assert "Figures fixed when the impact statement was signed off" in page
    assert f"Signed off by {lead}" in page

    # A case that closes afterwards does not change what was signed off.
    late = make_enquiry(
        PersonFactory(team=team, actor=practitioner),
        actor=practitioner,
        start=start + timedelta(days=30),
    )
    close(late, actor=practitioner, end=today())
    response = client.get(base)
    rows = {r.figure.key: r for r in response.context["rows"]}
    assert [c.raw for c in rows["cases"].cells] == [3, 1]

    # What we planned beside what happened, the history, and the board's PDF.
    page = ok(client.get(base + "impact/"))
    assert "People are asked what they want too late" in page and "Both people asked" in page
    page = ok(client.get(base + "history/"))
    assert "Part 2: the impact statement" in page and "Signed off" in page
    pdf = client.get(base + "report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="improvement-project-' in pdf["Content-Disposition"]
    assert_tagged_pdf(pdf.content)
