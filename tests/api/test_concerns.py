"""Concerns over the API: scope, filters, record, allegation, decision."""

from datetime import timedelta

import pytest

from msp.concerns.models import Concern
from msp.core.dates import today
from tests.factories import ConcernFactory, PersonFactory, allegation_data, days_ago

pytestmark = pytest.mark.django_db


def test_list_filters_and_scope(api_as, practitioner, team, other_team):
    old = ConcernFactory(person__team=team, received_date=days_ago(100))
    new = ConcernFactory(person__team=team, received_date=days_ago(10))
    ConcernFactory(person__team=other_team)
    api = api_as(practitioner)

    def refs(**params):
        return [c["reference"] for c in api.get("/api/v1/concerns", params).json()["results"]]

    assert refs() == [new.reference, old.reference]
    assert refs(received_from=days_ago(50).isoformat()) == [new.reference]
    assert refs(received_to=days_ago(50).isoformat()) == [old.reference]
    assert refs(decision="undecided") == [new.reference, old.reference]
    assert refs(decision="s42") == []
    assert refs(person=old.person.reference) == [old.reference]
    assert api.get("/api/v1/concerns", {"decision": "maybe"}).status_code == 422


def test_outsider_gets_404(api_as, other_practitioner, board_member, enquiry):
    ref = enquiry.concern.reference
    for user in (other_practitioner, board_member):
        assert api_as(user).get(f"/api/v1/concerns/{ref}").status_code == 404
        assert api_as(user).get(f"/api/v1/concerns/{ref}/allegations").status_code == 404


def test_record_concern_and_decide(api_as, practitioner, team):
    person = PersonFactory(team=team)
    api = api_as(practitioner)
    response = api.post(
        "/api/v1/concerns",
        {
            "person": person.reference,
            "received_date": days_ago(5).isoformat(),
            "raised_by_relationship": "police",
            "what_reported": "Neighbour reports shouting at night",
            "allegations": [allegation_data()],
        },
    )
    assert response.status_code == 201, response.content
    ref = response.json()["reference"]
    assert response.json()["team"]["id"] == team.pk
    assert len(response.json()["allegations"]) == 1
    added = api.post(
        f"/api/v1/concerns/{ref}/allegations", allegation_data(type_of_risk="physical")
    )
    assert added.status_code == 201
    decision = {
        "decision": "s42",
        "decision_date": days_ago(4).isoformat(),
        "criteria_care_needs": True,
        "criteria_abuse_or_neglect": True,
        "criteria_unable_to_protect": True,
        "team": team.pk,
        "lead": practitioner.pk,
    }
    decided = api.post(f"/api/v1/concerns/{ref}/decision", decision)
    assert decided.status_code == 200, decided.content
    assert decided.json()["decision"] == "s42" and decided.json()["enquiry_id"]
    again = api.post(f"/api/v1/concerns/{ref}/decision", decision)
    assert again.status_code == 422


def test_decision_refusals_name_the_field(api_as, practitioner, team):
    concern = ConcernFactory(person__team=team)
    response = api_as(practitioner).post(
        f"/api/v1/concerns/{concern.reference}/decision",
        {
            "decision": "s42",
            "decision_date": (today() + timedelta(days=3)).isoformat(),
            "criteria_care_needs": True,
            "criteria_abuse_or_neglect": True,
            "criteria_unable_to_protect": False,
        },
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"decision", "team", "decision_date"}  # every problem at once
    assert Concern.objects.get(pk=concern.pk).decision == ""


def test_concern_for_another_team_is_refused(api_as, practitioner, team, other_team):
    person = PersonFactory(team=team)
    response = api_as(practitioner).post(
        "/api/v1/concerns",
        {
            "person": person.reference,
            "team": other_team.pk,
            "received_date": days_ago(1).isoformat(),
            "raised_by_relationship": "self",
            "what_reported": "x",
        },
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "team"


def test_outsider_cannot_decide(api_as, other_practitioner, team):
    concern = ConcernFactory(person__team=team)
    response = api_as(other_practitioner).post(
        f"/api/v1/concerns/{concern.reference}/decision",
        {
            "decision": "none",
            "decision_date": days_ago(1).isoformat(),
            "criteria_care_needs": False,
            "criteria_abuse_or_neglect": False,
            "criteria_unable_to_protect": False,
            "decision_reason": "x",
        },
    )
    assert response.status_code == 404


def test_list_queries_are_bounded(api_as, practitioner, team, django_assert_max_num_queries):
    for _ in range(6):
        ConcernFactory(person__team=team)
    api = api_as(practitioner)
    with django_assert_max_num_queries(10):
        assert len(api.get("/api/v1/concerns").json()["results"]) == 6
