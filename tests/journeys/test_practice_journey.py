"""The whole practice over HTTP, as a practitioner records it: concern, decision, enquiry, start
conversation with two outcomes, a revisit that changes one, capacity and an advocate, the closing
review, closure, and the statutory answers derived from what was recorded."""

from datetime import timedelta

import pytest
from django.utils.html import escape

from msp.core.dates import today
from msp.core.periods import ReportingYear
from msp.enquiries.models import Enquiry
from msp.outcomes.models import DesiredOutcome, EventKind, OutcomeStatus
from msp.people.models import Person
from msp.reporting import measures

pytestmark = pytest.mark.django_db


def date_fields(name: str, days_ago: int) -> dict:
    day = today() - timedelta(days=days_ago)
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def post(client, url, data, *, expect_redirect=True):
    response = client.post(url, data)
    if expect_redirect:
        assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_practitioner_records_the_whole_practice(client, practitioner, team):
    client.force_login(practitioner)

    # Front door: the person is not known, so they are added, then the concern is recorded.
    assert client.get("/people/", {"for": "concern", "text": "Mary Whitfield"}).status_code == 200
    response = post(
        client,
        "/people/new/?for=concern",
        {
            "first_name": "Mary",
            "last_name": "Whitfield",
            "nhs_number": "943 476 5919",
            "sex": "female",
            **date_fields("date_of_birth", 30000),
        },
    )
    person = Person.objects.get(last_name="Whitfield")
    assert response.url == f"/concerns/new/{person.reference}/"
    response = post(
        client,
        response.url,
        {
            **date_fields("received_date", 40),
            "raised_by_relationship": "family_friend",
            "raised_by_name": "Joan (neighbour)",
            "what_reported": "Her son is taking her pension and shouting at her.",
            "type_of_risk": "financial_material",
            "location_of_risk": "own_home",
            "source_of_risk": "other_known",
            "team": team.pk,
        },
    )
    concern_url = response.url
    response = post(
        client,
        concern_url + "decision/",
        {
            "criteria_care_needs": "yes",
            "criteria_abuse_or_neglect": "yes",
            "criteria_unable_to_protect": "yes",
            "decision": "s42",
            **date_fields("decision_date", 39),
            "team": team.pk,
            "lead": practitioner.pk,
        },
    )
    enquiry = Enquiry.objects.get(person=person)
    assert response.url == f"/enquiries/{enquiry.pk}/"
    base = response.url

    # Start conversation: two outcomes in Mary's words.
    conversation = {
        "stage": "start",
        "kind": "conversation",
        "participants": ["person"],
        "method": "in_person",
        **date_fields("held_on", 35),
    }
    post(
        client,
        base + "conversations/new/",
        {
            **conversation,
            "outcome_0_words": "I want my son to stop taking my money",
            "outcome_0_expressed_by": "person",
            "outcome_0_category": "be_and_feel_safer",
            "outcome_1_words": "I want to keep seeing my grandson",
            "outcome_1_expressed_by": "person",
        },
    )
    money, grandson = DesiredOutcome.objects.filter(enquiry=enquiry).order_by("id")

    # A service response is not an outcome: refused with an explanation, and nothing is saved.
    response = post(
        client,
        base + "conversations/new/",
        {
            **conversation,
            "stage": "during",
            "outcome_0_words": "More care",
            "outcome_0_expressed_by": "person",
        },
        expect_redirect=False,
    )
    assert response.status_code == 200
    assert "service response" in response.content.decode()
    assert enquiry.conversations.count() == 1

    # During: one outcome changes (with a reason), the other is still wanted; an advocate joins.
    post(
        client,
        base + "conversations/new/",
        {
            **conversation,
            "stage": "during",
            "participants": ["person", "advocate"],
            **date_fields("held_on", 20),
            "revisit_0_answer": "changed",
            "revisit_0_words": "I want my son to pay back what he took",
            "revisit_0_reason": "Mary feels more confident now her money is safe",
            "revisit_1_answer": "still",
        },
    )
    post(
        client,
        base + "capacity/new/",
        {
            "decision": "Whether to take legal action against her son",
            "outcome": "lacks_capacity",
            "assessor": "Priya Shah",
            **date_fields("assessed_on", 19),
        },
    )
    post(
        client,
        base + "representatives/new/",
        {"role": "imca", "name": "Alex Byrne", **date_fields("from_date", 19)},
    )
    post(
        client,
        base + "risks/new/",
        {
            "options": "Stay at home with a money plan; move in with daughter",
            "persons_choice": "Stay at home",
            **date_fields("held_on", 18),
        },
    )
    post(
        client,
        base + "responses/new/",
        {"code": "family_group_conference", **date_fields("agreed_on", 18)},
    )

    # Closing is refused while outcomes are unrated.
    page = client.get(base + "close/").content.decode()
    assert "cannot close yet" in page
    assert "I want my son to pay back what he took" in page

    post(
        client,
        base + "review/",
        {
            **date_fields("reviewed_on", 2),
            f"rating_{money.pk}_achievement": "fully",
            f"rating_{money.pk}_persons_view": "He has paid it back and I feel safe",
            f"rating_{grandson.pk}_achievement": "partially",
            f"rating_{grandson.pk}_practitioner_reasons": "Visits are supervised for now",
            "action_and_result": "risk_identified_action",
            "risk_outcome": "reduced",
            "experience_answered_by": "person",
            "experience_felt_listened_to": "yes",
            "experience_feels_safer_now": "partly",
        },
    )
    # The figures for the return, worked out from the record, to check; no reason boxes.
    page = client.get(base + "close/").content.decode()
    # The review said who answered, so it is the end conversation: no warning before closing.
    assert "was asked at the end" not in page
    assert "Yes they were asked and outcomes were expressed" in page
    assert "Partially achieved" in page
    assert "Yes, they lacked capacity" in page
    assert page.count('class="govuk-link" href="/enquiries/') >= 4  # a Change link for each
    assert "<textarea" not in page
    post(client, base + "close/", date_fields("end_date", 1))

    enquiry.refresh_from_db()
    assert enquiry.end_date == today() - timedelta(days=1)
    assert (
        enquiry.sac_asked_outcomes,
        enquiry.sac_outcomes_achieved,
        enquiry.sac_lacked_capacity,
        enquiry.sac_advocate_support,
    ) == (
        "asked_expressed",
        "partially",
        "lacked_capacity",
        True,
    )
    assert enquiry.sac_corrections == {}
    assert enquiry.risk_outcome == "reduced"
    money.refresh_from_db()
    assert money.words == "I want my son to pay back what he took"
    assert money.status == OutcomeStatus.CURRENT and money.achievement == "fully"
    kinds = list(money.events.values_list("kind", flat=True))
    assert kinds == [EventKind.EXPRESSED, EventKind.REVISED, EventKind.RATED]
    assert money.history.count() >= 3  # every version kept

    page = client.get(base).content.decode()
    assert "I want my son to stop taking my money" in page  # first words on the timeline
    assert "Mary feels more confident now her money is safe" in page
    assert "Partly achieved" in page and "Fully achieved" in page
    assert "Closed on" in page
    # Closed after a full closing review: no drift flag, and the end-of-enquiry measure counts it.
    assert "Closed without asking" not in page
    closed = client.get("/enquiries/?status=closed").content.decode()
    assert escape(enquiry.person.full_name) in closed and "msp-flag" not in closed
    year = ReportingYear.containing(enquiry.end_date)
    totals = measures.concluded_counts(measures.Options(period=year, scope=measures.COUNCIL))[None]
    assert (totals["concluded"], totals["with_end"]) == (1, 1)


def test_correcting_a_derived_answer_needs_a_reason(client, practitioner, enquiry):
    client.force_login(practitioner)
    base = f"/enquiries/{enquiry.pk}/"
    post(
        client,
        base + "conversations/new/",
        {
            "stage": "start",
            "kind": "conversation",
            "participants": ["person"],
            "method": "phone",
            **date_fields("held_on", 10),
            "asked_no_outcomes": "on",
        },
    )
    post(
        client,
        base + "review/",
        {**date_fields("reviewed_on", 3), "action_and_result": "no_risk_no_action"},
    )
    # The Change link opens the one answer with its reason, on a page of its own.
    answer_url = base + "close/answers/sac_asked_outcomes/"
    page = client.get(base + "close/").content.decode()
    assert f'href="{answer_url}"' in page
    page = client.get(answer_url).content.decode()
    assert "(worked out from the record)" in page
    response = post(client, answer_url, {"answer": "no"}, expect_redirect=False)
    assert "Enter why you changed the answer to" in response.content.decode()
    post(
        client,
        answer_url,
        {"answer": "no", "reason": "She was not asked: the call was with her GP"},
    )
    page = client.get(base + "close/").content.decode()
    assert "She was not asked: the call was with her GP" in page
    assert "Changed from" in page
    enquiry.refresh_from_db()
    assert enquiry.end_date is None
    post(client, base + "close/", date_fields("end_date", 2))
    enquiry.refresh_from_db()
    assert enquiry.sac_asked_outcomes == "no"
    assert enquiry.sac_corrections["sac_asked_outcomes"]["derived"] == "asked_none_expressed"
    assert enquiry.sac_corrections["sac_asked_outcomes"]["reason"] == (
        "She was not asked: the call was with her GP"
    )


def test_closing_without_asking_warns_and_can_be_put_right(client, practitioner, enquiry):
    client.force_login(practitioner)
    base = f"/enquiries/{enquiry.pk}/"
    post(
        client,
        base + "review/",
        {**date_fields("reviewed_on", 3), "action_and_result": "no_risk_no_action"},
    )
    page = client.get(base + "close/").content.decode()
    assert f"does not show that {enquiry.person.known_as} was asked at the end" in page
    post(client, base + "close/", date_fields("end_date", 2))
    page = client.get(base).content.decode()
    assert "Closed without asking" in page and "Record the end conversation" in page
    post(
        client,
        base + "conversations/new/?stage=end",
        {
            "stage": "end",
            "kind": "conversation",
            "participants": ["person"],
            "method": "phone",
            **date_fields("held_on", 1),
        },
    )
    assert "Closed without asking" not in client.get(base).content.decode()
