"""Evidence that practice changed, over HTTP, as a team manager and a follow-up worker new to it
would use it: draw a seeded sample of 10 closed cases for the team, audit three and read the
results by question; an independent worker records follow-ups for two cases and gives a code, with
which the person answers on the public page; the side by side shows all three for the quarter."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from msp.accounts.models import Role
from msp.core.dates import today
from msp.core.periods import ReportingYear
from msp.improvement.feedback import wording
from msp.improvement.models import AuditSample, CaseAudit, FeedbackResponse
from tests.factories import ConversationFactory, PersonFactory, UserFactory
from tests.improvement.support import date_fields
from tests.reporting.conftest import close, make_enquiry

pytestmark = pytest.mark.django_db


def ok(response, status=200):
    assert response.status_code == status, response.content.decode()[:3000]
    return response.content.decode()


def test_audits_feedback_and_the_side_by_side_for_a_team_and_quarter(
    client, manager, practitioner, team
):
    quarter = next(q for q in ReportingYear.containing(today()).quarters() if q.contains(today()))
    started = quarter.start - timedelta(days=30)
    cases = []
    for index in range(14):
        enquiry = make_enquiry(
            PersonFactory(team=team, actor=practitioner),
            actor=practitioner,
            start=started,
            lead=practitioner,
        )
        if index % 2 == 0:
            ConversationFactory(
                enquiry=enquiry,
                actor=practitioner,
                held_on=started,
                stage="start",
                new_outcomes=[{"words": "I want to stay at home", "expressed_by": "person"}],
            )
        cases.append(close(enquiry, actor=practitioner, end=today()))
    worker = UserFactory(role=Role.PRACTITIONER, teams=[team], first_name="Fay")

    # The manager draws a seeded sample of 10 closed cases for the team.
    client.force_login(manager)
    ok(client.get(reverse("improvement:index")))
    ok(client.get(reverse("improvement:audits")))
    ok(client.get(reverse("improvement:audit_sample_new")))
    drawn = client.post(
        reverse("improvement:audit_sample_new"),
        {
            "which": "closed",
            **date_fields("period_start", quarter.start),
            **date_fields("period_end", today()),
            "team": str(team.pk),
            "size": "10",
            "seed": "2026",
        },
    )
    assert drawn.status_code == 302, drawn.content.decode()[:2000]
    sample_page = ok(client.get(drawn.url))
    sample = AuditSample.objects.get()
    assert sample.seed == 2026 and sample.cases.count() == 10 and sample.pool_size == 14
    assert "2026" in sample_page

    # Audits three: yes, no, no to "asked at the start"; everything else yes.
    for position, answer in enumerate(("yes", "no", "no")):
        entry = sample.cases.order_by("position")[position]
        url = reverse("improvement:case_audit", args=[sample.pk, entry.enquiry_id])
        ok(client.get(url))
        client.post(url, {"action": "save"})
        audit = CaseAudit.objects.get(enquiry_id=entry.enquiry_id)
        data = {"action": "complete", "seen_version": str(audit.version)}
        for question in audit.question_set.questions.all():
            given = answer if question.topic == "asked_at_start" else "yes"
            data[f"answer_{question.pk}"] = given
            data[f"note_{question.pk}"] = "No start conversation" if given == "no" else ""
        data |= {"grade": "good" if answer == "yes" else "requires_improvement"}
        data |= {"summary": "Read the whole file", "actions": "Ask at the first visit"}
        assert client.post(url, data).status_code == 302
    results = ok(
        client.get(
            reverse("improvement:audit_results"),
            {"year": ReportingYear.containing(today()).label, "quarter": quarter_number(quarter)},
        )
    )
    assert "3 cases" in results and "33.3% (1 of 3)" in results

    # An independent worker follows up two cases, and gives the person a code for a third.
    client.force_login(worker)
    tasks = ok(client.get(reverse("improvement:follow_ups")))
    assert "Showing 1 to 14 of 14" in tasks
    for enquiry, outcome in ((cases[0], "answered"), (cases[1], "declined")):
        ok(client.get(reverse("improvement:follow_up", args=[enquiry.pk])))
        data = {
            "respondent": "person",
            "outcome": outcome,
            "method": "phone",
            **date_fields("answered_on", today()),
        }
        if outcome == "answered":
            data |= {f"answer_{q.code}": "yes" for q in wording.questions()}
        answered = client.post(reverse("improvement:follow_up_record", args=[enquiry.pk]), data)
        assert answered.status_code == 302, answered.content.decode()[:2000]
    code_page = ok(
        client.post(
            reverse("improvement:follow_up_code", args=[cases[2].pk]), {"respondent": "person"}
        )
    )
    plain = re.search(r"/your-say/\?code=([A-Z0-9]+)", code_page)[1]

    # The person answers through the single-use link, without signing in.
    client.logout()
    start_page = ok(client.get(reverse("your_say:start"), {"code": plain}))
    assert cases[2].person.full_name not in start_page
    assert client.post(reverse("your_say:start"), {"code": plain}).status_code == 302
    ok(client.get(reverse("your_say:questions")))
    sent = client.post(
        reverse("your_say:questions"), {f"answer_{q.code}": "no" for q in wording.questions()}
    )
    assert sent.url == reverse("your_say:done")
    assert FeedbackResponse.objects.filter(enquiry=cases[2], method="own").exists()

    # The triangulation page shows the three sources for the team and the quarter.
    client.force_login(manager)
    side = ok(
        client.get(
            reverse("improvement:triangulation"),
            {
                "year": ReportingYear.containing(today()).label,
                "quarter": quarter_number(quarter),
                "team": str(team.pk),
            },
        )
    )
    assert "50.0% (7 of 14)" in side  # recorded as asked at the start
    assert "33.3% (1 of 3)" in side  # audits found it
    assert "50.0% (1 of 2)" in side  # the two people who answered: got what they wanted
    assert "Sources disagree" in side
    download = client.get(
        reverse("improvement:triangulation_download"),
        {"year": ReportingYear.containing(today()).label, "team": str(team.pk)},
    )
    assert download.status_code == 200 and download.content[:2] == b"PK"


def quarter_number(quarter) -> str:
    year = ReportingYear.containing(quarter.start)
    return str(year.quarters().index(quarter) + 1)
