from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from msp.concerns import services
from msp.concerns.models import Allegation, Concern, Decision
from msp.core.dates import today
from msp.enquiries.models import Enquiry
from tests.factories import ConcernFactory, PersonFactory, allegation_data, days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(team):
    return PersonFactory(team=team)


@pytest.fixture
def concern(person, practitioner):
    return ConcernFactory(person=person, actor=practitioner, received_date=days_ago(10))


def create(actor, person, **overrides):
    fields = {
        "team": person.team,
        "received_date": days_ago(3),
        "raised_by_relationship": "health",
        "what_reported": "Bruising noticed by the district nurse",
    }
    return services.concern_create(actor=actor, person=person, **{**fields, **overrides})


def decide(actor, concern, **overrides):
    fields = {
        "decision": Decision.S42,
        "decision_date": days_ago(8),
        "criteria_care_needs": True,
        "criteria_abuse_or_neglect": True,
        "criteria_unable_to_protect": True,
        "team": concern.team,
    }
    return services.concern_decide(actor=actor, concern=concern, **{**fields, **overrides})


def test_create_with_allegations(practitioner, person):
    concern = create(
        practitioner,
        person,
        raised_by_name="  Dr Patel ",
        allegations=[allegation_data(), allegation_data(type_of_risk="physical")],
    )
    assert concern.reference.startswith("C")
    assert concern.raised_by_name == "Dr Patel"
    assert not concern.decided
    assert [a.type_of_risk for a in concern.allegations.all()] == ["financial_material", "physical"]
    assert concern.history.get().history_user == practitioner


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"raised_by_relationship": "neighbour"}, "raised_by_relationship"),
        ({"what_reported": "  "}, "what_reported"),
        ({"received_date": None}, "received_date"),
        ({"received_date": today() + timedelta(days=1)}, "received_date"),
    ],
)
def test_create_refuses_bad_input(practitioner, person, overrides, field):
    with pytest.raises(ValidationError) as caught:
        create(practitioner, person, **overrides)
    assert field in caught.value.message_dict
    assert not Concern.objects.exists()


def test_received_before_the_person_was_born_is_refused(practitioner, person):
    with pytest.raises(ValidationError, match="date of birth"):
        create(practitioner, person, received_date=person.date_of_birth - timedelta(days=1))


def test_a_bad_allegation_leaves_nothing_written(practitioner, person):
    with pytest.raises(ValidationError) as caught:
        create(
            practitioner,
            person,
            allegations=[allegation_data(), allegation_data(location_of_risk="moon")],
        )
    assert "location_of_risk" in caught.value.message_dict
    assert not Concern.objects.exists() and not Allegation.objects.exists()


def test_allegation_add(practitioner, concern):
    allegation = services.allegation_add(
        actor=practitioner,
        concern=concern,
        type_of_risk="neglect_omission",
        location_of_risk="care_home_nursing",
        source_of_risk="service_provider",
        detail=" Left without food ",
    )
    assert allegation.detail == "Left without food"
    with pytest.raises(ValidationError) as caught:
        services.allegation_add(
            actor=practitioner,
            concern=concern,
            type_of_risk="",
            location_of_risk="",
            source_of_risk="",
        )
    assert set(caught.value.message_dict) == {"type_of_risk", "location_of_risk", "source_of_risk"}


def test_section_42_decision_opens_the_enquiry(practitioner, concern, team):
    enquiry = decide(practitioner, concern, lead=practitioner)
    concern.refresh_from_db()
    assert concern.decision == Decision.S42 and concern.decided_by == practitioner
    assert isinstance(enquiry, Enquiry)
    assert (enquiry.kind, enquiry.team, enquiry.lead, enquiry.person) == (
        "s42",
        team,
        practitioner,
        concern.person,
    )
    assert enquiry.start_date == days_ago(8)


@pytest.mark.parametrize(
    "missing", ["criteria_care_needs", "criteria_abuse_or_neglect", "criteria_unable_to_protect"]
)
def test_section_42_needs_all_three_criteria(practitioner, concern, missing):
    with pytest.raises(ValidationError) as caught:
        decide(practitioner, concern, **{missing: False})
    assert "yes to all three questions" in caught.value.message_dict["decision"][0]
    concern.refresh_from_db()
    assert not concern.decided and not Enquiry.objects.exists()


def test_every_criterion_must_be_answered(practitioner, concern):
    with pytest.raises(ValidationError) as caught:
        decide(practitioner, concern, criteria_care_needs=None)
    assert caught.value.message_dict["criteria_care_needs"] == [
        "Answer whether the person has needs for care and support"
    ]


@pytest.mark.parametrize("decision", [Decision.NONE, Decision.OTHER])
def test_none_and_other_need_a_reason(practitioner, concern, decision):
    with pytest.raises(ValidationError) as caught:
        decide(
            practitioner,
            concern,
            decision=decision,
            criteria_unable_to_protect=False,
            decision_reason=" ",
        )
    assert "decision_reason" in caught.value.message_dict


def test_other_enquiry_and_no_enquiry(practitioner, concern, person):
    enquiry = decide(
        practitioner,
        concern,
        decision=Decision.OTHER,
        criteria_unable_to_protect=False,
        decision_reason="Can protect themselves but wants support",
    )
    assert enquiry.kind == "other"
    second = ConcernFactory(person=person, actor=practitioner)
    assert (
        decide(
            practitioner,
            second,
            decision=Decision.NONE,
            decision_date=today(),
            team=None,
            decision_reason="Information and advice given",
            other_support_offered=" Carers' centre ",
        )
        is None
    )
    second.refresh_from_db()
    assert second.decision == "none" and second.other_support_offered == "Carers' centre"


def test_enquiry_needs_a_team(practitioner, concern):
    with pytest.raises(ValidationError) as caught:
        decide(practitioner, concern, team=None)
    assert "team" in caught.value.message_dict


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"decision_date": today() + timedelta(days=1)}, "decision_date", "today or in the past"),
        (
            {"decision_date": days_ago(11)},
            "decision_date",
            "on or after the date the concern was received",
        ),
        ({"decision_date": None}, "decision_date", "Enter the date"),
        ({"enquiry_start_date": days_ago(20)}, "enquiry_start_date", "on or after"),
        (
            {"enquiry_start_date": today() + timedelta(days=2)},
            "enquiry_start_date",
            "today or in the past",
        ),
    ],
)
def test_dates_in_the_future_or_out_of_order_are_refused(
    practitioner, concern, overrides, field, words
):
    with pytest.raises(ValidationError) as caught:
        decide(practitioner, concern, **overrides)
    assert words in " ".join(caught.value.message_dict[field])
    concern.refresh_from_db()
    assert not concern.decided and not Enquiry.objects.exists()


def test_lead_must_work_in_the_team(practitioner, other_practitioner, concern):
    with pytest.raises(ValidationError) as caught:
        decide(practitioner, concern, lead=other_practitioner)
    assert "lead" in caught.value.message_dict
    concern.refresh_from_db()
    assert not concern.decided


def test_a_second_decision_is_refused(practitioner, concern):
    decide(practitioner, concern)
    with pytest.raises(ValidationError, match="already been recorded"):
        decide(practitioner, concern, decision=Decision.NONE, decision_reason="Changed my mind")
    assert Enquiry.objects.count() == 1
