"""The improvement project pages over HTTP: who sees what, every problem at once, the figures on
the page, the cases behind them, sign-off and the board's PDF."""

from datetime import date

import pytest
from django.utils.html import escape

from msp.audit.models import Action, AuditEntry
from msp.core import printing
from msp.core.models import council_settings
from msp.improvement.models import ImprovementProject
from msp.improvement.projects import figures, selectors, services
from tests.factories import UserFactory
from tests.improvement.support import date_fields
from tests.improvement.test_figures import independent
from tests.improvement.test_project_services import complete_statement
from tests.support.pdf import assert_tagged_pdf

pytestmark = pytest.mark.django_db


def url(project, page=""):
    return f"/improvement/projects/{project.pk}/{page}"


def test_the_programme_page_lists_projects_with_a_count(client, pilot, board_member):
    client.force_login(board_member)
    page = client.get("/improvement/").content.decode()
    assert "North pilot" in page and "Showing 1 to 1 of 1" in page
    assert "Start a project" not in page


def test_starting_a_project_shows_every_problem_at_once(client, lead):
    client.force_login(lead)
    response = client.post(
        "/improvement/projects/new/",
        {
            "name": "",
            "target_cases": "lots",
            **date_fields("start_date", date(2025, 9, 1)),
            **date_fields("end_date", date(2025, 8, 1)),
            "start_date_0": "1",
            "review_date_1_0": "40",
            "review_date_1_1": "1",
            "review_date_1_2": "2025",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    summary = page[
        page.index("govuk-error-summary") : page.index("</ul>", page.index("govuk-error-summary"))
    ]
    for message in (
        "Enter a name for the project",
        "Choose who leads the project",
        "Enter the target as a whole number, like 25",
        "The end date must be on or after the start date",
        "Review date must be a real date",
    ):
        assert message in summary, message
    assert not ImprovementProject.objects.exists()


def test_a_lead_starts_a_pilot_with_the_defaults(client, lead, team):
    client.force_login(lead)
    response = client.post(
        "/improvement/projects/new/",
        {
            "name": "North pilot",
            "lead": lead.pk,
            "teams": [team.pk],
            "include_other": "on",
            "target_cases": "25",
            **date_fields("start_date", date(2025, 9, 1)),
            **date_fields("review_date_1", date(2025, 12, 15)),
        },
    )
    project = ImprovementProject.objects.get()
    assert response.status_code == 302 and response.url == url(project)
    assert (project.end_date, project.target_cases, project.team_ids) == (
        date(2025, 11, 30),
        25,
        [team.pk],
    )


def test_the_project_page_shows_the_figures_of_its_cases(client, pilot, cases, lead):
    client.force_login(lead)
    response = client.get(url(pilot))
    rows = {r.figure.key: r for r in response.context["rows"]}
    for which, keys in (("project", "abcdei"), ("baseline", "h")):
        enquiries = [cases[k] for k in keys]
        for e in enquiries:
            e.refresh_from_db()
        by_hand = independent(enquiries)
        cells = {key: next(c for c in row.cells if c.which == which) for key, row in rows.items()}
        for item in figures.catalogue():
            if item.num in by_hand:
                assert cells[item.key].raw == by_hand[item.num], (which, item.key)
    page = response.content.decode()
    assert "5 of 25 cases" in page
    assert f"{url(pilot)}cases/?figure=with_start&amp;set=project" in page


def test_the_board_sees_suppressed_figures_and_no_cases(client, pilot, cases, board_member):
    client.force_login(board_member)
    response = client.get(url(pilot))
    page = response.content.decode()
    assert response.context["suppressed"] and "[c]" in page
    assert "/cases/?figure=" not in page and "Cases added or left out" not in page
    assert client.get(url(pilot, "cases/?figure=cases")).status_code == 404
    assert client.get(url(pilot, "cases/decisions/")).status_code == 404


def test_staff_see_exact_figures_only_when_every_team_behind_them_is_theirs(
    client, pilot, lead, practitioner, other_practitioner, other_team
):
    client.force_login(practitioner)  # the North pilot holds only North's cases
    assert not client.get(url(pilot)).context["suppressed"]
    client.force_login(other_practitioner)
    response = client.get(url(pilot))
    assert response.context["suppressed"] and "/cases/?figure=" not in response.content.decode()
    # The list behind a figure holds only the cases they may see anyway: none of North's.
    assert "Showing 0 of 0" in client.get(url(pilot, "cases/?figure=cases")).content.decode()
    # A South case added by hand puts South's cases behind the figures too.
    from tests.factories import EnquiryFactory

    south = EnquiryFactory(concern__person__team=other_team, actor=other_practitioner)
    services.project_case_decide(
        actor=lead, project=pilot, enquiry=south, included=True, reason="Same provider"
    )
    client.force_login(practitioner)
    assert client.get(url(pilot)).context["suppressed"]


def test_the_cases_behind_a_figure_are_paginated_and_hide_restricted_people(
    client, pilot, cases, lead, team, practitioner
):
    from msp.people import restrictions

    a = cases["a"]
    restrictions.restriction_place(actor=lead, person=a.person, reason="staff", named_users=[])
    client.force_login(practitioner)
    response = client.get(url(pilot, "cases/?figure=with_start&set=project"))
    page = response.content.decode()
    assert "Showing 1 to 2 of 2" in page  # A and D; E is South's
    assert "Restricted record" in page and escape(a.person.full_name) not in page
    assert escape(cases["d"].person.full_name) in page
    assert AuditEntry.objects.filter(
        actor=practitioner, action=Action.VIEW, object_type="improvementproject"
    ).exists()
    assert client.get(url(pilot, "cases/?figure=nonsense")).status_code == 404
    via = client.get(url(pilot, "cases/?figure=defined_via&set=project")).content.decode()
    assert "Showing 1 to 1 of 1" in via and escape(cases["b"].person.full_name) in via


def test_case_list_in_a_fixed_number_of_queries(
    client, pilot, cases, lead, django_assert_max_num_queries
):
    client.force_login(lead)
    council_settings()
    client.get(url(pilot, "cases/?figure=cases"))
    with django_assert_max_num_queries(20):
        response = client.get(url(pilot, "cases/?figure=cases"))
    assert len(response.context["rows"]) == 5


def test_project_page_in_a_fixed_number_of_queries(
    client, pilot, cases, lead, django_assert_max_num_queries
):
    client.force_login(lead)
    client.get(url(pilot))
    with django_assert_max_num_queries(30):
        client.get(url(pilot))


def test_adding_and_leaving_out_a_case_by_hand(client, pilot, cases, lead):
    client.force_login(lead)
    g = cases["g"]
    response = client.post(url(pilot, "cases/add/"), {"reference": "nope", "reason": ""})
    page = response.content.decode()
    assert "Say why you are adding this case" in page
    response = client.post(url(pilot, "cases/add/"), {"reference": "C999999", "reason": "Because"})
    assert "There is no enquiry with that reference that you can see" in response.content.decode()
    response = client.post(
        url(pilot, "cases/add/"),
        {"reference": g.concern.reference.lower(), "reason": "Started late"},
    )
    assert response.status_code == 302
    assert g in selectors.project_cases(pilot)
    response = client.post(url(pilot, f"cases/{g.pk}/leave-out/"), {"reason": "Changed our minds"})
    assert response.status_code == 302
    assert g not in selectors.project_cases(pilot)
    page = client.get(url(pilot, "cases/decisions/")).content.decode()
    assert "Changed our minds" in page and "Add back" in page


def test_the_statement_page_puts_the_figures_beside_the_words(client, pilot, cases, lead):
    client.force_login(lead)
    response = client.get(url(pilot, "statement/"))
    page = response.content.decode()
    assert (
        'data-testid="evidence-engagement"' in page
        and 'data-testid="evidence-better_outcomes"' in page
    )
    assert "as at" in page


def test_sign_off_lists_what_is_missing_then_fixes_the_figures(client, pilot, cases, lead):
    client.force_login(lead)
    page = client.get(url(pilot, "statement/sign-off/")).content.decode()
    assert "The impact statement is not finished" in page and "What happens next?" in page
    complete_statement(pilot, lead)
    response = client.post(url(pilot, "statement/sign-off/"), {"seen_version": 2})
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.statement.signed_off
    page = client.get(url(pilot)).content.decode()
    assert "Figures fixed when the impact statement was signed off" in page
    for page_url in ("statement/", "plan/", "details/", "cases/add/"):
        response = client.post(url(pilot, page_url), {"issues": "Too late"})
        assert response.status_code == 302 and response.url == url(pilot)
    assert f"Signed off by {lead}" in client.get(url(pilot)).content.decode()
    assert client.get(url(pilot, "statement/sign-off/")).status_code == 404


def test_the_board_pdf_is_tagged_and_named_for_the_council(
    client, pilot, cases, lead, board_member, monkeypatch
):
    settings = council_settings()
    settings.report_name = "Northshire County Council"
    settings.save()
    rendered = []
    real = printing.pdf_bytes
    monkeypatch.setattr(printing, "pdf_bytes", lambda html: rendered.append(html) or real(html))
    complete_statement(pilot, lead)
    client.force_login(board_member)
    response = client.get(url(pilot, "report.pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert_tagged_pdf(response.content)
    html = rendered[-1]
    assert "Northshire County Council: North pilot" in html
    assert "[c]" in html and "Answer to What were the main results?" in html
    assert "What we planned" in html and "What happened" in html
    assert AuditEntry.objects.filter(actor=board_member, action=Action.DOWNLOAD).exists()
    # The board always gets suppressed figures, even if it asks for the team's copy.
    client.get(url(pilot, "report.pdf?audience=team"))
    assert "[c]" in rendered[-1]
    client.force_login(lead)
    client.get(url(pilot, "report.pdf?audience=team"))
    assert "Not suppressed" in rendered[-1]


def test_a_named_editor_edits_but_cannot_sign_off(client, pilot, lead, practitioner):
    services.project_update(actor=lead, project=pilot, editors=[practitioner])
    client.force_login(practitioner)
    assert client.get(url(pilot, "plan/")).status_code == 200
    assert client.get(url(pilot, "statement/sign-off/")).status_code == 404
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(url(pilot, "plan/")).status_code == 404


def test_the_list_of_projects_in_a_fixed_number_of_queries(
    client, lead, team, django_assert_max_num_queries
):
    for n in range(8):
        services.project_create(
            actor=lead,
            name=f"Project {n}",
            lead=lead,
            start_date=date(2025, 1 + n, 1),
            review_dates=[date(2025, 12, 1)],
        )
    client.force_login(lead)
    client.get("/improvement/")
    with django_assert_max_num_queries(10):
        response = client.get("/improvement/")
    assert "Showing 1 to 8 of 8" in response.content.decode()


def test_case_decisions_and_history_in_a_fixed_number_of_queries(
    client, pilot, cases, lead, django_assert_max_num_queries
):
    client.force_login(lead)
    for page in ("cases/decisions/", "history/"):
        client.get(url(pilot, page))
        with django_assert_max_num_queries(16):
            response = client.get(url(pilot, page))
        assert response.context["page"].total >= 2
