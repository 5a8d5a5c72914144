"""People over the API: lists in scope, filters, pagination, detail audited, create, update, 409."""

import pytest
from django.core.exceptions import ValidationError

from msp.audit.models import AuditEntry
from msp.people.models import Person
from tests.factories import ConcernFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_list_is_the_users_scope_paginated(api_as, practitioner, team, other_team):
    mine = [PersonFactory(team=team, last_name=f"Ames{n}") for n in range(3)]
    PersonFactory(team=other_team, last_name="Outsider")
    api = api_as(practitioner)
    page = api.get("/api/v1/people", {"limit": 2}).json()
    assert page["count"] == 3 and page["limit"] == 2 and page["offset"] == 0
    assert [p["reference"] for p in page["results"]] == [p.reference for p in mine[:2]]
    second = api.get("/api/v1/people", {"limit": 2, "page": 2}).json()
    assert second["offset"] == 2 and [p["reference"] for p in second["results"]] == [
        mine[2].reference
    ]
    assert api.get("/api/v1/people", {"offset": 1, "limit": 1}).json()["results"][0][
        "reference"
    ] == (mine[1].reference)


def test_filters(api_as, practitioner, team):
    ada = PersonFactory(team=team, first_name="Ada", last_name="Lovelace")
    PersonFactory(team=team, first_name="Bob", last_name="Smith")
    api = api_as(practitioner)

    def refs(**params):
        return [p["reference"] for p in api.get("/api/v1/people", params).json()["results"]]

    assert refs(name="ada love") == [ada.reference]
    assert refs(reference=ada.reference.lower()) == [ada.reference]
    assert refs(nhs_number=f"{ada.nhs_number[:3]} {ada.nhs_number[3:]}") == [ada.reference]
    assert refs(date_of_birth=ada.date_of_birth.isoformat()) == [ada.reference]


def test_bad_filter_is_a_problem_naming_the_parameter(api_as, practitioner):
    response = api_as(practitioner).get("/api/v1/people", {"date_of_birth": "31/02/1950"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert errors[0]["field"] == "date_of_birth" and errors[0]["in"] == "query"
    assert api_as(practitioner).get("/api/v1/people", {"limit": 1000}).status_code == 422


def test_outsiders_get_404_and_empty_lists(api_as, other_practitioner, enquiry):
    person = enquiry.person
    api = api_as(other_practitioner)
    hidden = api.get(f"/api/v1/people/{person.reference}")
    missing = api.get("/api/v1/people/P999999")
    assert hidden.status_code == missing.status_code == 404
    # Nothing tells a hidden record from one that does not exist.
    assert {**hidden.json(), "instance": ""} == {**missing.json(), "instance": ""}
    assert api.get("/api/v1/people", {"reference": person.reference}).json()["count"] == 0


def test_board_member_is_refused(api_as, board_member, enquiry):
    api = api_as(board_member)
    assert api.get("/api/v1/people").status_code == 403
    assert api.get(f"/api/v1/people/{enquiry.person.reference}").status_code == 404


def test_detail_is_audited_and_shows_only_visible_concerns(
    api_as, practitioner, enquiry, other_team
):
    person = enquiry.person
    ConcernFactory(person=person, team=other_team)
    body = api_as(practitioner).get(f"/api/v1/people/{person.reference}").json()
    assert [c["reference"] for c in body["concerns"]] == [enquiry.concern.reference]
    assert body["concerns"][0]["enquiry_id"] == enquiry.pk
    entry = AuditEntry.objects.filter(action="view", person_id=person.pk).latest("sequence")
    assert entry.detail == "via API" and entry.actor_id == practitioner.pk


def test_create_person(api_as, practitioner, team):
    response = api_as(practitioner).post(
        "/api/v1/people",
        {"first_name": "Nia", "last_name": "Jones", "date_of_birth": "1950-04-01", "sex": "female"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(reference=body["reference"])
    assert person.team == team and person.created_by == practitioner and body["version"] == 1


def test_create_with_bad_input_names_the_field(api_as, practitioner):
    api = api_as(practitioner)
    response = api.post(
        "/api/v1/people", {"first_name": " ", "last_name": "Jones", "nhs_number": "123"}
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"first_name", "nhs_number"}
    response = api.post("/api/v1/people", {"last_name": "Jones"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "first_name"
    response = api.post("/api/v1/people", {"first_name": "A", "last_name": "B", "team": 999999})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "team"
    response = api.client.post(
        "/api/v1/people", "{not json", content_type="application/json", headers=api.headers
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_update_needs_the_version_and_refuses_a_stale_one(api_as, practitioner, team):
    person = PersonFactory(team=team, first_name="Ann")
    api = api_as(practitioner)
    url = f"/api/v1/people/{person.reference}"
    missing = api.patch(url, {"preferred_name": "Annie"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "version"
    ok = api.patch(url, {"version": 1, "preferred_name": "Annie"})
    assert ok.status_code == 200, ok.content
    assert ok.json()["version"] == 2 and ok.json()["preferred_name"] == "Annie"
    stale = api.patch(url, {"version": 1, "preferred_name": "Nan"})
    assert stale.status_code == 409
    body = stale.json()
    assert body["current_version"] == 2 and body["current"]["preferred_name"] == "Annie"
    person.refresh_from_db()
    assert person.preferred_name == "Annie"


def test_update_accepts_if_match(api_as, practitioner, team):
    person = PersonFactory(team=team)
    api = api_as(practitioner)
    url = f"/api/v1/people/{person.reference}"
    assert (
        api.patch(url, {"interpreter_language": "Polish"}, **{"If-Match": '"1"'}).status_code == 200
    )
    assert api.patch(url, {"interpreter_language": "Urdu"}, **{"If-Match": "1"}).status_code == 409
    assert (
        api.patch(url, {"interpreter_language": "Urdu"}, **{"If-Match": "abc"}).status_code == 422
    )


def test_update_with_bad_input_names_the_field(api_as, practitioner, team):
    person = PersonFactory(team=team)
    response = api_as(practitioner).patch(
        f"/api/v1/people/{person.reference}", {"version": 1, "date_of_birth": "2999-01-01"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "date_of_birth", "message": "The date of birth must be today or in the past"}
    ]


def test_outsider_cannot_update(api_as, other_practitioner, board_member, enquiry):
    url = f"/api/v1/people/{enquiry.person.reference}"
    for user in (other_practitioner, board_member):
        assert api_as(user).patch(url, {"version": 1, "first_name": "X"}).status_code == 404
    enquiry.person.refresh_from_db()
    assert enquiry.person.version == 1


def test_list_queries_are_bounded(api_as, practitioner, team, django_assert_max_num_queries):
    for _ in range(8):
        PersonFactory(team=team)
    api = api_as(practitioner)
    with django_assert_max_num_queries(10):
        assert len(api.get("/api/v1/people").json()["results"]) == 8


def test_a_date_of_birth_before_1900_is_refused_as_the_forms_refuse_it(api_as, practitioner):
    """The forms require 1900 or later; the API used to accept 0001-01-01."""
    from msp.core.forms import DateField

    api = api_as(practitioner)
    response = api.post(
        "/api/v1/people",
        {"first_name": "Ada", "last_name": "Early", "date_of_birth": "0001-01-01"},
    )
    assert response.status_code == 422
    message = "The date of birth must be in 1900 or later"
    assert response.json()["errors"] == [{"field": "date_of_birth", "message": message}]
    field = DateField(label="Date of birth")
    with pytest.raises(ValidationError) as refused:
        field.clean(["1", "1", "1899"])
    assert refused.value.messages == [message]
    born_1900 = {"first_name": "Ada", "last_name": "Early", "date_of_birth": "1900-01-01"}
    assert api.post("/api/v1/people", born_1900).status_code == 201
