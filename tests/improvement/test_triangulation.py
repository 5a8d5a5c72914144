"""The side by side: recorded measures, audits and feedback for a team and period, checked
against an independent count of known data, with disagreements, the spreadsheet and the board."""

import io

import pytest
from django.urls import reverse

from msp.core.dates import today
from msp.core.models import council_settings
from msp.core.periods import Period
from msp.enquiries.models import Conversation
from msp.improvement.audits import services as audits
from msp.improvement.feedback import services as feedback
from msp.improvement.feedback import wording
from msp.improvement.triangulation import figures
from msp.reporting.disclosure import Presenter
from tests.factories import days_ago
from tests.improvement.support import date_fields

pytestmark = pytest.mark.django_db

EXACT = Presenter(suppress=False)


@pytest.fixture
def evidence(manager, colleague, team, closed_cases):
    """Three audits (asked at the start: yes, no, no) and four follow-ups (three people, one
    representative) of the North cases."""
    north = closed_cases["north"]
    sample = audits.audit_sample_draw(
        actor=manager,
        which="closed",
        period_start=days_ago(40),
        period_end=today(),
        size=12,
        seed=99,
        team=team,
    )
    for entry, answer in zip(list(sample.cases.all())[:3], ("yes", "no", "no"), strict=True):
        audit = audits.case_audit_start(actor=manager, sample=sample, enquiry=entry.enquiry)
        answers = {}
        for question in audit.question_set.questions.all():
            given = answer if question.topic == "asked_at_start" else "not_applicable"
            answers[question.pk] = (given, "" if given != "no" else "Not in the file")
        audits.case_audit_save(
            actor=manager,
            audit=audit,
            answers=answers,
            grade="good",
            summary="Read",
            complete=True,
        )
    said = [("person", "yes"), ("person", "yes"), ("person", "no"), ("representative", "yes")]
    for enquiry, (respondent, answer) in zip(north[:4], said, strict=True):
        feedback.feedback_record(
            actor=colleague,
            enquiry=enquiry,
            respondent=respondent,
            outcome="answered",
            method="phone",
            answered_on=today(),
            answers={q.code: answer for q in wording.questions()},
        )
    return sample


def period() -> Period:
    return Period(days_ago(40), today(), "the last 40 days")


def row(found, key):
    return next(r for r in found.rows if r.theme.key == key)


def test_the_three_sources_against_an_independent_count(team, closed_cases, evidence):
    found = figures.triangulate(period(), {team.pk}, EXACT)
    north = closed_cases["north"]
    # Counted again here straight from the records, without the reporting selectors.
    with_start = (
        Conversation.objects.filter(enquiry__in=north, stage="start")
        .values("enquiry_id")
        .distinct()
        .count()
    )
    assert found.cases_concluded == len(north) == 12
    asked = row(found, "asked_at_start")
    assert (asked.recorded.count, asked.recorded.out_of) == (with_start, 12) == (9, 12)
    assert (asked.audit.count, asked.audit.out_of) == (1, 3)
    achieved = row(found, "achieved")
    assert (achieved.person.count, achieved.person.out_of) == (2, 3)
    assert (achieved.representative.count, achieved.representative.out_of) == (1, 1)
    assert found.audits == 3 and found.followed_up == {"person": 3, "representative": 1}


def test_where_the_sources_disagree_is_said_in_words(team, closed_cases, evidence):
    asked = row(figures.triangulate(period(), {team.pk}, EXACT), "asked_at_start")
    assert asked.disagreement == (
        "Recorded as asked at the start in 75.0% of cases; audits found it in the file in 33.3%."
    )


def test_the_other_team_and_the_council(other_team, team, closed_cases, evidence):
    south = figures.triangulate(period(), {other_team.pk}, EXACT)
    assert south.cases_concluded == 1 and south.audits == 0
    council = figures.triangulate(period(), None, EXACT)
    assert council.cases_concluded == 13 and council.audits == 3


def query(team=None) -> dict:
    data = date_fields("from_date", days_ago(40)) | date_fields("to_date", today())
    if team:
        data["team"] = str(team.pk)
    return data


def test_the_page_for_the_team_manager(client, manager, team, closed_cases, evidence):
    client.force_login(manager)
    page = client.get(reverse("improvement:triangulation"), query(team)).content.decode()
    assert "North locality" in page and "Sources disagree" in page
    assert "75.0% (9 of 12)" in page and "33.3% (1 of 3)" in page
    assert 'data-testid="suppressed"' not in page


def test_the_whole_council_is_suppressed_for_a_team_manager(
    client, manager, closed_cases, evidence
):
    client.force_login(manager)
    page = client.get(reverse("improvement:triangulation"), query()).content.decode()
    assert 'data-testid="suppressed"' in page and "(1 of 3)" not in page


def test_the_spreadsheet(client, manager, team, closed_cases, evidence):
    from openpyxl import load_workbook

    client.force_login(manager)
    response = client.get(reverse("improvement:triangulation_download"), query(team))
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Side by side"].iter_rows(values_only=True))
    asked = next(r for r in rows if r[0] == "Asked what they wanted at the start")
    assert asked[1] == "9 of 12" and asked[2] == 75.0 and asked[3] == "1 of 3"
    assert asked[-1].startswith("Recorded as asked at the start in 75.0%")


def test_the_board_report_includes_it_only_when_the_council_chooses(
    client, lead, closed_cases, evidence
):
    client.force_login(lead)
    board = reverse("reporting:board")
    assert "Evidence beside the figures" not in client.get(board, query()).content.decode()
    settings = council_settings()
    settings.board_report_triangulation = True
    settings.save()
    page = client.get(board, query() | {"board_view": "1"}).content.decode()
    assert "Evidence beside the figures" in page
    assert "Asked what they wanted at the start" in page


def test_the_page_runs_in_a_fixed_number_of_queries(
    client, manager, colleague, team, closed_cases, evidence
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manager)
    url = reverse("improvement:triangulation")
    client.get(url, query(team))  # the session and the reference lists are read once
    with CaptureQueriesContext(connection) as small:
        client.get(url, query(team))
    feedback.feedback_record(
        actor=colleague,
        enquiry=closed_cases["north"][5],
        respondent="person",
        outcome="declined",
        method="phone",
        answered_on=today(),
    )
    with CaptureQueriesContext(connection) as large:
        client.get(url, query(team))
    assert len(small) == len(large)
