"""The measures page, the board dashboard and the board report downloads, over HTTP."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from openpyxl import load_workbook

from msp.audit.models import AuditEntry
from msp.reporting import views
from tests.factories import ConversationFactory, PersonFactory, UserFactory
from tests.reporting.conftest import close, make_enquiry
from tests.support.pdf import assert_tagged_pdf, pdf_objects

pytestmark = pytest.mark.django_db

YEAR = {"year": "2025-26"}


def page(client, user, url, params=None):
    client.force_login(user)
    response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def names_in(council, practitioner, other_practitioner):
    names = []
    for person in council["people"].values():
        names += [person.full_name, person.reference]
    for enquiry in council["enquiries"]:
        names.append(enquiry.concern.reference)
    for user in (practitioner, other_practitioner):
        names.append(user.get_full_name())
    # A name such as O'Brien appears escaped in a page, so look for both spellings.
    return names + [escape(name) for name in names if escape(name) != name]


# --- the measures page -------------------------------------------------------------------------


def test_board_members_and_administrators_do_not_use_the_measures_page(
    client, board_member, administrator
):
    for user in (board_member, administrator):
        client.force_login(user)
        assert client.get("/reporting/measures/").status_code == 404


def test_a_practitioner_sees_their_own_enquiries_by_default(client, council, practitioner):
    html = page(client, practitioner, "/reporting/measures/", YEAR)
    assert "Enquiries you lead" in html
    assert "Concluded section 42 enquiries" in html
    # E1 and E3 are theirs: two concluded, one with outcomes defined.
    assert '<th scope="row" class="govuk-table__header">Concluded section 42 enquiries</th>' in html
    team = page(client, practitioner, "/reporting/measures/", {**YEAR, "view": "team"})
    assert "North locality" in team


def test_a_team_manager_gets_a_per_worker_table(client, council, manager, practitioner):
    html = page(client, manager, "/reporting/measures/", YEAR)
    assert "by lead practitioner" in html
    assert escape(practitioner.get_full_name()) in html
    assert "Not allocated" in html


def test_leads_filter_by_team_and_choose_a_breakdown(client, council, lead, other_team):
    html = page(
        client,
        lead,
        "/reporting/measures/",
        {**YEAR, "team": other_team.pk, "dimension": "type_of_risk"},
    )
    assert "South locality" in html
    assert "Outcomes per enquiry by type of risk" in html
    assert "once in each category" in html


def test_a_team_outside_the_users_scope_shows_nothing(client, council, manager, other_team):
    html = page(client, manager, "/reporting/measures/", {**YEAR, "team": other_team.pk})
    assert "not one you can see" in html


def test_bad_dates_get_a_clear_message(client, lead):
    html = page(
        client,
        lead,
        "/reporting/measures/",
        {"from_date_0": "1", "from_date_1": "4", "from_date_2": "2025"},
    )
    assert "Enter the date the period ends" in html
    html = page(
        client,
        lead,
        "/reporting/measures/",
        {
            **{f"from_date_{i}": v for i, v in enumerate(["1", "6", "2025"])},
            **{f"to_date_{i}": v for i, v in enumerate(["1", "5", "2025"])},
        },
    )
    assert "The period must end on or after the day it starts" in html
    assert "govuk-error-summary" in html


def test_a_custom_period_is_broken_down_by_month(client, council, lead):
    html = page(
        client,
        lead,
        "/reporting/measures/",
        {
            **{f"from_date_{i}": v for i, v in enumerate(["1", "4", "2025"])},
            **{f"to_date_{i}": v for i, v in enumerate(["30", "6", "2025"])},
            "dimension": "period",
        },
    )
    assert "1 April 2025 to 30 June 2025" in html
    assert "May 2025" in html


# --- the board dashboard -----------------------------------------------------------------------


def test_a_board_member_sees_suppressed_figures_and_no_names(
    client, council, board_member, practitioner, other_practitioner
):
    html = page(client, board_member, "/reporting/board/", YEAR)
    assert "[c]" in html
    assert "counts of 0 to 4 are shown as [c]" in html
    assert "show as the board sees it" not in html.lower()  # no choice for the board
    for name in names_in(council, practitioner, other_practitioner):
        assert name not in html, name
    assert "/people/" not in html and "/enquiries/" not in html
    # 6 concerns: rounded to 5.
    assert (
        '>Safeguarding concerns received</th><td class="govuk-table__cell govuk-table__cell--numeric">5<'
        in html.replace("\n", "").replace("  ", "")
    )


def test_a_board_member_goes_to_the_dashboard_from_home(client, board_member):
    client.force_login(board_member)
    assert client.get("/").url == "/reporting/board/"


def test_leads_see_unsuppressed_figures_and_can_see_the_boards_view(client, council, lead):
    html = page(client, lead, "/reporting/board/", YEAR)
    assert "not suppressed or rounded" in html
    assert "[c]" not in html.split("Headline figures")[1]
    board_view = page(client, lead, "/reporting/board/", {**YEAR, "board_view": "1"})
    assert "[c]" in board_view and "counts of 0 to 4 are shown as [c]" in board_view


def test_each_chart_is_hidden_from_screen_readers_and_followed_by_its_table(client, council, lead):
    html = page(client, lead, "/reporting/board/", YEAR)
    assert html.count("<svg") == 3
    assert html.count('aria-hidden="true" focusable="false"') >= 3
    for chunk in html.split("</svg>")[1:]:
        assert "The figures are in the table below" in chunk.split("<table")[0]
    assert "<script>" not in html and "style=" not in html


def test_national_figures_for_a_published_year(client, lead):
    html = page(client, lead, "/reporting/board/", {"year": "2024-25"})
    assert "England 2024-25" in html
    assert "640,240" in html and "185,270" in html
    # The MSP percentages were not found: the page says which name to add to the file.
    assert "not published" not in html and "add “outcomes_expressed_percent”" in html
    html = page(client, lead, "/reporting/board/", {"year": "2024-25", "quarter": "1"})
    assert "choose a reporting year without a quarter" in html


# --- downloads ---------------------------------------------------------------------------------


def test_the_board_spreadsheet_is_suppressed_and_names_no_one(
    client, council, board_member, practitioner, other_practitioner
):
    client.force_login(board_member)
    response = client.get("/reporting/board/report.xlsx", YEAR)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row]
    headline = workbook["Headlines"]
    rows = {row[0].value: row[1].value for row in headline.iter_rows(min_row=3)}
    assert rows["Safeguarding concerns received"] == 5
    assert rows["Other enquiries started"] == "[c]"
    assert rows["Outcomes defined, % of concluded section 42 enquiries"] == "[c]"
    numbers = [v for v in cells if isinstance(v, int | float)]
    assert all(v % 5 == 0 for v in numbers if isinstance(v, int))
    assert workbook.sheetnames == [
        "About",
        "Headlines",
        "Rates per 100,000 adults",
        "Outcomes met",
        "Concerns by quarter",
        "Outcomes by quarter",
    ]
    text = " ".join(str(v) for v in cells if v is not None)
    for name in names_in(council, practitioner, other_practitioner):
        assert name not in text
    entry = AuditEntry.objects.filter(actor=board_member).latest("sequence")
    assert entry.detail == "board report 2025-26 xlsx downloaded"


def test_the_board_pdf(client, council, board_member, practitioner, other_practitioner, settings):
    settings.COUNCIL_NAME = "<b>Borsetshire</b>"
    client.force_login(board_member)
    response = client.get("/reporting/board/report.pdf", YEAR)
    assert response.status_code == 200
    assert response.content[:4] == b"%PDF"
    assert response["Content-Disposition"] == 'attachment; filename="board-report-2025-26.pdf"'
    html = views.board_report_html(
        response.wsgi_request, views._board_context(response.wsgi_request)
    )
    assert "&lt;b&gt;Borsetshire&lt;/b&gt;" in html and "<b>Borsetshire" not in html
    assert "[c]" in html and "counts of 0 to 4 are shown as [c]" in html
    for name in names_in(council, practitioner, other_practitioner):
        assert name not in html
    assert AuditEntry.objects.filter(detail="board report 2025-26 pdf downloaded").exists()


def test_unknown_download_formats_are_not_found(client, lead):
    client.force_login(lead)
    assert client.get("/reporting/board/report.docx").status_code == 404


# --- bounded queries ---------------------------------------------------------------------------


def _more_data(team, other_team):
    """More people, workers and enquiries in every team and category."""
    for index, where in enumerate([team, other_team] * 3):
        worker = UserFactory(teams=[where])
        person = PersonFactory(team=where, actor=worker, date_of_birth=date(1940 + index, 5, 5))
        enquiry = make_enquiry(
            person,
            actor=worker,
            start=date(2025, 4 + index, 2),
            lead=worker,
            kind="s42" if index % 2 else "other",
        )
        ConversationFactory(
            enquiry=enquiry,
            actor=worker,
            held_on=date(2025, 4 + index, 3),
            new_outcomes=[{"words": "I want to stay at home", "expressed_by": "person"}],
        )
        close(
            enquiry,
            actor=worker,
            end=date(2025, 5 + index, 1),
            experience={"feels_safer_now": "yes"},
        )


PAGES = [
    ("manager", "/reporting/measures/", YEAR),
    ("lead", "/reporting/measures/", {**YEAR, "dimension": "type_of_risk"}),
    ("lead", "/reporting/measures/", {**YEAR, "dimension": "practitioner"}),
    ("board_member", "/reporting/board/", YEAR),
    ("board_member", "/reporting/board/report.xlsx", YEAR),
    ("board_member", "/reporting/board/report.pdf", YEAR),
]


def test_queries_do_not_grow_with_the_data(
    client, council, manager, lead, board_member, team, other_team
):
    users = {"manager": manager, "lead": lead, "board_member": board_member}

    def counts():
        out = []
        for who, url, params in PAGES:
            client.force_login(users[who])
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, params).status_code == 200
            out.append(len(queries))
        return out

    # The first request loads the reference lists and creates the council settings.
    page(client, lead, "/reporting/measures/", YEAR)
    small = counts()
    _more_data(team, other_team)
    assert counts() == small
    assert max(small) <= 40, small


def test_a_team_manager_can_turn_the_per_worker_table_off(client, council, manager):
    html = page(client, manager, "/reporting/measures/", {**YEAR, "dimension": ""})
    assert "by lead practitioner" not in html


def _report(client, user, params=YEAR) -> tuple[bytes, str]:
    client.force_login(user)
    response = client.get("/reporting/board/report.pdf", params)
    assert response.status_code == 200
    html = views.board_report_html(
        response.wsgi_request, views._board_context(response.wsgi_request)
    )
    return response.content, html


def test_the_board_pdf_is_tagged_and_has_each_chart_described(client, council, lead):
    pdf, html = _report(client, lead)
    assert_tagged_pdf(pdf)
    body = pdf_objects(pdf)
    # Three charts, each a picture in the tagged structure with its bars read out as its text.
    assert html.count('<img src="data:image/svg+xml;base64,') == 3
    assert body.count(b"/Subtype /Image") + body.count(b"/Subtype /Form") >= 3
    assert b"/Figure" in body and b"/Alt" in body
    context = views._board_context(_request_for(client, lead))
    activity = context["activity_chart"]
    assert activity.description.startswith("Bar chart: Concerns by quarter. 2024-25 Q1: 0;")
    assert "2025-26 Q1: 2; 2025-26 Q2: 3;" in activity.description
    for bar in activity.bars:
        assert f"{bar.label}: {bar.text}" in activity.description
    assert f'alt="{activity.description}"' in html


def _request_for(client, user):
    client.force_login(user)
    return client.get("/reporting/board/", YEAR).wsgi_request


def test_the_board_pdf_names_the_council_from_its_settings(client, council, lead, settings):
    from msp.core.models import council_settings

    settings.COUNCIL_NAME = "Fallback Council"
    _, html = _report(client, lead)
    assert "<h1>Fallback Council: Safeguarding Adults Board report</h1>" in html
    chosen = council_settings()
    chosen.report_name = "Borsetshire County Council"
    chosen.save()
    _, html = _report(client, lead)
    assert "<h1>Borsetshire County Council: Safeguarding Adults Board report</h1>" in html
    assert "<title>Borsetshire County Council:" in html


def test_no_heading_is_left_alone_at_the_foot_of_a_page(client, council, lead):
    import weasyprint

    _, html = _report(client, lead)
    document = weasyprint.HTML(string=html).render()
    assert len(document.pages) >= 2  # the report runs over pages, so breaks are tested

    def last_block(box):
        children = [c for c in getattr(box, "children", []) if getattr(c, "element_tag", None)]
        if not children:
            return box
        last = children[-1]
        return (
            last
            if last.element_tag in {"h1", "h2", "h3", "figure", "table"}
            else (last_block(last))
        )

    for number, page in enumerate(document.pages[:-1], start=1):
        ending = last_block(page._page_box)
        assert ending.element_tag not in {"h1", "h2", "h3", "caption"}, number


def test_the_board_figures_in_the_publication_layout_are_suppressed(
    client, council, board_member, lead
):
    client.force_login(board_member)
    response = client.get("/reporting/board/report.csv", YEAR)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="board-figures-2025-26-publication-layout.csv"'
    )
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert lines and list(lines[0])[:2] == ["GEOGRAPHY", "COUNCIL_TYPE"]
    assert all(line["VALUE"] in ("[c]", "[x]") or int(line["VALUE"]) % 5 == 0 for line in lines)
    # A lead sees the council's own figures unless they ask for the board's view.
    client.force_login(lead)
    plain = client.get("/reporting/board/report.csv", YEAR).content.decode()
    assert "[c]" not in plain
    shared = client.get("/reporting/board/report.csv", {**YEAR, "board_view": "1"}).content
    assert b"[c]" in shared
    # Only for a whole reporting year.
    assert client.get("/reporting/board/report.csv", {**YEAR, "quarter": "1"}).status_code == 404
