"""Enquiries over the API: scope, filters, the practice written through the services, 409s."""

from datetime import timedelta

import pytest

from msp.audit.models import AuditEntry
from msp.core.dates import today
from msp.outcomes.models import DesiredOutcome, OutcomeStatus
from tests.factories import DesiredOutcomeFactory, EnquiryFactory, close_enquiry

pytestmark = pytest.mark.django_db


def test_list_scope_and_filters(api_as, practitioner, manager, team, other_team, enquiry):
    closed = EnquiryFactory(concern__person__team=team, kind="other")
    close_enquiry(closed, actor=practitioner)
    EnquiryFactory(concern__person__team=other_team)
    api = api_as(manager)

    def ids(**params):
        response = api.get("/api/v1/enquiries", params)
        assert response.status_code == 200, response.content
        return sorted(e["id"] for e in response.json()["results"])

    assert ids() == sorted([enquiry.pk, closed.pk])
    assert ids(status="open") == [enquiry.pk]
    assert ids(status="closed") == [closed.pk]
    assert ids(kind="other") == [closed.pk]
    assert ids(lead=practitioner.pk) == [enquiry.pk]
    assert ids(team=other_team.pk) == []
    assert ids(end_from=today().isoformat()) == [closed.pk]
    assert ids(start_from=(today() + timedelta(days=1)).isoformat()) == []
    assert ids(start_to=today().isoformat()) == sorted([enquiry.pk, closed.pk])


def test_outsiders_never_see_it(api_as, other_practitioner, board_member, enquiry):
    outcome = DesiredOutcomeFactory(enquiry=enquiry)
    for user in (other_practitioner, board_member):
        api = api_as(user)
        for path in (
            "",
            "/conversations",
            "/outcomes",
            f"/outcomes/{outcome.pk}",
            "/capacity-assessments",
            "/representations",
            "/closing-review",
        ):
            assert api.get(f"/api/v1/enquiries/{enquiry.pk}{path}").status_code == 404, path
    assert api_as(other_practitioner).get("/api/v1/enquiries").json()["count"] == 0
    assert api_as(board_member).get("/api/v1/enquiries").status_code == 403


def test_detail_is_audited(api_as, performance_officer, enquiry):
    body = api_as(performance_officer).get(f"/api/v1/enquiries/{enquiry.pk}").json()
    assert body["status"] == "open" and body["concern"] == enquiry.concern.reference
    entry = AuditEntry.objects.filter(action="view", object_type="enquiry").latest("sequence")
    assert entry.detail == "via API" and entry.object_id == str(enquiry.pk)


def test_performance_officer_reads_but_cannot_write(api_as, performance_officer, enquiry):
    response = api_as(performance_officer).post(
        f"/api/v1/enquiries/{enquiry.pk}/capacity-assessments",
        {
            "decision": "Where to live",
            "assessed_on": today().isoformat(),
            "outcome": "has_capacity",
            "assessor": "Dr A",
        },
    )
    assert response.status_code == 404


def _day(n):
    return (today() - timedelta(days=n)).isoformat()


def test_the_practice_from_first_conversation_to_closure(api_as, practitioner, enquiry):
    api = api_as(practitioner)
    base = f"/api/v1/enquiries/{enquiry.pk}"
    first = api.post(
        f"{base}/conversations",
        {
            "held_on": _day(40),
            "stage": "start",
            "method": "in_person",
            "participants": ["person"],
            "new_outcomes": [
                {"words": "I want to feel safe at home", "expressed_by": "person"},
                {"words": "I want to see my grandson", "expressed_by": "person"},
            ],
        },
    )
    assert first.status_code == 201, first.content
    outcomes = api.get(f"{base}/outcomes").json()["results"]
    safe, grandson = outcomes[0]["id"], outcomes[1]["id"]

    during = api.post(
        f"{base}/conversations",
        {
            "held_on": _day(30),
            "stage": "during",
            "method": "phone",
            "participants": ["person"],
            "revisits": [
                {"outcome": safe, "answer": "still"},
                {
                    "outcome": grandson,
                    "answer": "changed",
                    "words": "I want to see my grandson every week",
                    "reason": "She said weekly matters",
                },
            ],
        },
    )
    assert during.status_code == 201, during.content
    detail = api.get(f"{base}/outcomes/{grandson}").json()
    assert detail["words"] == "I want to see my grandson every week"
    assert [e["kind"] for e in detail["events"]] == ["expressed", "revised"]

    revised = api.post(
        f"{base}/outcomes/{safe}/revision",
        {
            "version": 1,
            "words": "I want to feel safe in my own home",
            "reason": "Her words",
            "happened_on": _day(20),
        },
    )
    assert revised.status_code == 200, revised.content
    assert revised.json()["version"] == 2

    capacity = api.post(
        f"{base}/capacity-assessments",
        {
            "decision": "Where to live",
            "assessed_on": _day(20),
            "outcome": "lacks_capacity",
            "assessor": "Dr Patel",
        },
    )
    assert capacity.status_code == 201, capacity.content
    representation = api.post(
        f"{base}/representations",
        {"role": "care_act_advocate", "name": "Sam Advocate", "from_date": _day(19)},
    )
    assert representation.status_code == 201, representation.content

    review = api.put(
        f"{base}/closing-review",
        {
            "reviewed_on": _day(1),
            "ratings": [
                {"outcome": safe, "achievement": "fully"},
                {"outcome": grandson, "achievement": "partially"},
            ],
            "action_and_result": "risk_identified_action",
            "risk_outcome": "reduced",
            "experience": [{"topic": "felt_listened_to", "answer": "yes"}],
            "experience_answered_by": "person",
        },
    )
    assert review.status_code == 200, review.content
    version = review.json()["version"]
    assert api.get(f"{base}/closing-review").json()["reviewed_on"] == _day(1)

    stale = api.post(f"{base}/closure", {"version": version - 1, "end_date": _day(1)})
    assert stale.status_code == 409 and stale.json()["current_version"] == version
    closed = api.post(f"{base}/closure", {"version": version, "end_date": _day(1)})
    assert closed.status_code == 200, closed.content
    body = closed.json()
    assert body["status"] == "closed"
    assert body["sac_asked_outcomes"] == "asked_expressed"
    assert body["sac_outcomes_achieved"] == "partially"
    assert body["sac_lacked_capacity"] == "lacked_capacity"
    assert body["sac_advocate_support"] is True


def test_conversation_errors_name_the_nested_field(api_as, practitioner, enquiry):
    outcome = DesiredOutcomeFactory(enquiry=enquiry)
    response = api_as(practitioner).post(
        f"/api/v1/enquiries/{enquiry.pk}/conversations",
        {
            "held_on": _day(5),
            "stage": "during",
            "method": "phone",
            "participants": ["person"],
            "new_outcomes": [{"words": "", "expressed_by": "person"}],
            "revisits": [{"outcome": outcome.pk, "answer": "withdrawn", "reason": ""}],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "revisits.0.reason"
    response = api_as(practitioner).post(
        f"/api/v1/enquiries/{enquiry.pk}/conversations",
        {
            "held_on": _day(5),
            "stage": "during",
            "method": "phone",
            "participants": ["person"],
            "new_outcomes": [{"words": "More care", "expressed_by": "person"}],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "new_outcomes.0.words"
    response = api_as(practitioner).post(
        f"/api/v1/enquiries/{enquiry.pk}/conversations",
        {"held_on": _day(5), "stage": "sometime", "method": "phone", "participants": []},
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"stage"}
    assert enquiry.conversations.count() == 0


def test_stale_outcome_change_is_409_with_current_version(api_as, practitioner, enquiry):
    outcome = DesiredOutcomeFactory(enquiry=enquiry)
    api = api_as(practitioner)
    url = f"/api/v1/enquiries/{enquiry.pk}/outcomes/{outcome.pk}"
    change = {"words": "I want to feel safe", "reason": "Asked again", "happened_on": _day(3)}
    assert api.post(f"{url}/revision", {**change, "version": 1}).status_code == 200
    stale = api.post(f"{url}/withdrawal", {"version": 1, "reason": "x", "happened_on": _day(2)})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert stale.json()["current"]["words"] == "I want to feel safe"
    outcome.refresh_from_db()
    assert outcome.status == OutcomeStatus.CURRENT
    withdrawn = api.post(
        f"{url}/withdrawal",
        {"reason": "No longer wanted", "happened_on": _day(2)},
        **{"If-Match": "2"},
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert DesiredOutcome.objects.get(pk=outcome.pk).status == OutcomeStatus.WITHDRAWN


def test_allocation_checks_the_version(api_as, manager, practitioner, team, enquiry):
    api = api_as(manager)
    url = f"/api/v1/enquiries/{enquiry.pk}/allocation"
    ok = api.patch(url, {"version": enquiry.version, "team": team.pk, "lead": manager.pk})
    assert ok.status_code == 200, ok.content
    assert ok.json()["lead"]["id"] == manager.pk
    stale = api.patch(url, {"version": enquiry.version, "team": team.pk, "lead": practitioner.pk})
    assert stale.status_code == 409 and stale.json()["current"]["lead"]["id"] == manager.pk
    assert (
        api_as(practitioner)
        .patch(url, {"version": ok.json()["version"], "team": team.pk})
        .status_code
        == 404
    )


def test_closure_problems_are_explained(api_as, practitioner, enquiry):
    response = api_as(practitioner).post(
        f"/api/v1/enquiries/{enquiry.pk}/closure", {"version": enquiry.version, "end_date": _day(0)}
    )
    assert response.status_code == 422
    messages = [e["message"] for e in response.json()["errors"]]
    assert "Record the closing review first" in messages


def test_list_queries_are_bounded(api_as, lead, team, django_assert_max_num_queries):
    for _ in range(6):
        EnquiryFactory(concern__person__team=team)
    api = api_as(lead)
    with django_assert_max_num_queries(10):
        assert len(api.get("/api/v1/enquiries").json()["results"]) == 6


def test_a_retired_outcome_category_is_refused(api_as, practitioner, enquiry):
    from tests.outcomes.test_services import retire

    retire("desired_outcome_categories", "be_and_feel_safer")
    response = api_as(practitioner).post(
        f"/api/v1/enquiries/{enquiry.pk}/conversations",
        {
            "held_on": _day(0),
            "stage": "start",
            "method": "phone",
            "participants": ["person"],
            "new_outcomes": [
                {
                    "words": "I want to feel safe",
                    "expressed_by": "person",
                    "category": "be_and_feel_safer",
                }
            ],
        },
    )
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == "new_outcomes.0.category"
    assert enquiry.conversations.count() == 0
