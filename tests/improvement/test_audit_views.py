"""Case file audit pages over HTTP: drawing a sample, its export, auditing a case beside the
read-only file, the results with their counts, and query counts for every list."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from msp.audit.models import AuditEntry
from msp.core.dates import today
from msp.improvement.audits import services
from msp.improvement.models import AuditSample, CaseAudit
from tests.factories import days_ago
from tests.improvement.support import date_fields

pytestmark = pytest.mark.django_db


def sample_post(team, **extra) -> dict:
    data = {
        "which": "closed",
        **date_fields("period_start", days_ago(40)),
        **date_fields("period_end", today()),
        "team": str(team.pk),
        "size": "10",
    }
    data.update(extra)
    return data


def test_a_manager_draws_a_seeded_sample_and_downloads_it(client, manager, team, closed_cases):
    client.force_login(manager)
    response = client.post(reverse("improvement:audit_sample_new"), sample_post(team, seed="777"))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "777" in page and "12" in page  # the seed and how many cases matched
    sample = AuditSample.objects.get()
    download = client.get(reverse("improvement:audit_sample_download", args=[sample.pk, "csv"]))
    assert 'filename="audit-sample' in download["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert ["Seed", "777"] in rows
    references = {e.concern.reference for e in closed_cases["north"]}
    listed = [r[1] for r in rows if r and r[0].isdigit()]
    assert len(listed) == 10 and set(listed) <= references
    xlsx = client.get(reverse("improvement:audit_sample_download", args=[sample.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="export", object_id=str(sample.pk)).exists()


def test_every_problem_with_a_sample_shows_at_once(client, manager, team):
    client.force_login(manager)
    response = client.post(
        reverse("improvement:audit_sample_new"),
        {"which": "closed", "size": "0", "seed": "abc"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    for message in (
        "Enter the start of the period",
        "Enter the end of the period",
        "Enter how many cases to sample",
        "Enter a whole number",
    ):
        assert message in page


def draw(manager, team, seed=5):
    return services.audit_sample_draw(
        actor=manager,
        which="closed",
        period_start=days_ago(40),
        period_end=today(),
        size=10,
        seed=seed,
        team=team,
    )


def answers_post(audit_questions, answer="yes", **extra) -> dict:
    data = {}
    for question in audit_questions:
        data[f"answer_{question.pk}"] = answer
        data[f"note_{question.pk}"] = "" if answer == "yes" else "Nothing in the file"
    data.update(extra)
    return data


def test_the_auditor_sees_the_case_beside_the_questions_and_completes_it(
    client, manager, team, closed_cases
):
    sample = draw(manager, team)
    enquiry = sample.cases.first().enquiry
    client.force_login(manager)
    url = reverse("improvement:case_audit", args=[sample.pk, enquiry.pk])
    page = client.get(url).content.decode()
    assert "Was the person asked what they wanted to happen at the start?" in page
    assert "Conversations and meetings" in page  # the case file, read-only
    assert reverse("enquiries:conversation_new", args=[enquiry.pk]) not in page
    assert AuditEntry.objects.filter(
        action="view", object_id=str(enquiry.pk), detail="opened for a case file audit"
    ).exists()
    # The first save publishes the product's questions as version 1 and starts the audit.
    client.post(url, {"action": "save"})
    audit = CaseAudit.objects.get()
    questions = list(audit.question_set.questions.all())
    response = client.post(
        url,
        answers_post(
            questions,
            grade="good",
            summary="A clear record",
            actions="",
            action="complete",
            seen_version=str(audit.version),
        ),
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.is_completed and audit.grade == "good"
    shown = client.get(reverse("improvement:audit", args=[audit.pk])).content.decode()
    assert "A clear record" in shown


def test_completing_with_gaps_names_every_one(client, manager, team, closed_cases):
    sample = draw(manager, team)
    enquiry = sample.cases.first().enquiry
    client.force_login(manager)
    url = reverse("improvement:case_audit", args=[sample.pk, enquiry.pk])
    client.post(url, {"action": "save"})
    audit = CaseAudit.objects.get()
    response = client.post(url, {"action": "complete", "seen_version": str(audit.version)})
    page = response.content.decode()
    assert "Answer question 1" in page and "Answer question 10" in page
    assert "Choose the grade for the case" in page and "Write a summary" in page


def complete(manager, sample, enquiry, asked_at_start: str, grade: str):
    audit = services.case_audit_start(actor=manager, sample=sample, enquiry=enquiry)
    answers = {}
    for question in audit.question_set.questions.all():
        answer = asked_at_start if question.topic == "asked_at_start" else "not_applicable"
        answers[question.pk] = (answer, "" if answer in ("yes", "not_applicable") else "Missing")
    return services.case_audit_save(
        actor=manager,
        audit=audit,
        answers=answers,
        grade=grade,
        summary="Read",
        actions="Ask at the start",
        complete=True,
    )


def test_results_by_question_team_and_practitioner_with_their_counts(
    client, manager, practitioner, team, closed_cases
):
    sample = draw(manager, team)
    entries = list(sample.cases.all())
    complete(manager, sample, entries[0].enquiry, "yes", "good")
    complete(manager, sample, entries[1].enquiry, "no", "requires_improvement")
    complete(manager, sample, entries[2].enquiry, "no", "inadequate")
    client.force_login(manager)
    period = date_fields("from_date", days_ago(40)) | date_fields("to_date", today())
    page = client.get(reverse("improvement:audit_results"), period).content.decode()
    assert "3 cases" in page
    # Asked at the start: 1 yes of 3 audits where it applied.
    assert "33.3% (1 of 3)" in page
    assert team.name in page and escape(practitioner) in page
    # A practitioner sees their own audits and the actions for them.
    client.force_login(practitioner)
    own = client.get(reverse("improvement:audits_own")).content.decode()
    assert "Showing 1 to 3 of 3" in own and own.count("Ask at the start") == 3
    for entry in entries[:3]:
        assert entry.enquiry.concern.reference in own


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_run_in_a_fixed_number_of_queries(client, manager, team, closed_cases):
    """The same number of queries for a sample of 2 as of 10, for 1 audit as for 4, and for one
    sample in the list as for five."""
    small, large = draw(manager, team, seed=1), draw(manager, team, seed=2)
    services.audit_sample_draw(
        actor=manager,
        which="closed",
        period_start=days_ago(40),
        period_end=today(),
        size=2,
        seed=3,
        team=team,
    )
    small = type(small).objects.get(seed=3)
    client.force_login(manager)
    sample_url = lambda s: reverse("improvement:audit_sample", args=[s.pk])  # noqa: E731
    results_url = reverse("improvement:audit_results")
    index_url = reverse("improvement:audits")
    complete(manager, large, large.cases.first().enquiry, "yes", "good")
    before = {
        "sample": _queries(client, sample_url(small)),
        "results": _queries(client, results_url),
        "index": _queries(client, index_url),
    }
    for entry in list(large.cases.all())[1:4]:
        complete(manager, large, entry.enquiry, "no", "inadequate")
    draw(manager, team, seed=8)
    draw(manager, team, seed=9)
    assert _queries(client, sample_url(large)) == before["sample"]
    assert _queries(client, results_url) == before["results"]
    assert _queries(client, index_url) == before["index"]
