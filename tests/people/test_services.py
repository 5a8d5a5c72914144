from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from msp.core.dates import today
from msp.people import services
from msp.people.models import Person

pytestmark = pytest.mark.django_db


def create(actor, team, **fields):
    fields.setdefault("first_name", "Maureen")
    fields.setdefault("last_name", "Hughes")
    return services.person_create(actor=actor, team=team, **fields)


def test_create_issues_a_reference_and_records_who(practitioner, team):
    first = create(practitioner, team, first_name="  Maureen ", nhs_number="943 476 5919")
    second = create(practitioner, team)
    assert first.reference.startswith("P") and first.reference != second.reference
    assert first.first_name == "Maureen"
    assert first.nhs_number == "9434765919"
    assert first.created_by == practitioner
    assert first.history.get().history_user == practitioner


def test_create_keeps_a_given_reference(practitioner, team):
    assert create(practitioner, team, reference="LEGACY-7").reference == "LEGACY-7"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"first_name": " "}, "first_name", "first name"),
        ({"last_name": ""}, "last_name", "last name"),
        ({"nhs_number": "943 476 5918"}, "nhs_number", "valid NHS number"),
        ({"sex": "unknown-code"}, "sex", "sex"),
        ({"ethnicity": "martian"}, "ethnicity", "ethnicity"),
        ({"primary_support_reason": "x"}, "primary_support_reason", "primary support reason"),
        ({"date_of_birth": today() + timedelta(days=1)}, "date_of_birth", "today or in the past"),
        (
            {
                "date_of_birth": today() - timedelta(days=9000),
                "date_of_death": today() - timedelta(days=9001),
            },
            "date_of_death",
            "on or after the date of birth",
        ),
    ],
)
def test_create_refuses_bad_details_with_a_message(practitioner, team, fields, field, words):
    with pytest.raises(ValidationError) as caught:
        create(practitioner, team, **fields)
    assert words in " ".join(caught.value.message_dict[field])
    assert not Person.objects.exists()


def test_create_refuses_unknown_fields(practitioner, team):
    with pytest.raises(TypeError):
        create(practitioner, team, favourite_colour="blue")


def test_update_keeps_the_earlier_version(practitioner, manager, team):
    person = create(practitioner, team)
    updated = services.person_update(
        actor=manager, person=person, seen_version=person.version, preferred_name=" Mo "
    )
    assert updated.preferred_name == "Mo"
    assert updated.version == person.version + 1
    versions = list(updated.history.order_by("history_date"))
    assert [v.preferred_name for v in versions] == ["", "Mo"]
    assert versions[-1].history_user == manager
    assert versions[-1].history_change_reason == "Details changed"


def test_update_from_a_stale_copy_is_refused(practitioner, team):
    person = create(practitioner, team)
    services.person_update(actor=practitioner, person=person, preferred_name="Mo")
    with pytest.raises(ValidationError, match="Someone else changed this record"):
        services.person_update(
            actor=practitioner, person=person, seen_version=person.version, sex="female"
        )


def test_update_validates_and_refuses_protected_fields(practitioner, team):
    person = create(practitioner, team)
    with pytest.raises(ValidationError):
        services.person_update(actor=practitioner, person=person, nhs_number="1234567890")
    with pytest.raises(TypeError):
        services.person_update(actor=practitioner, person=person, reference="P999999")
    person.refresh_from_db()
    assert person.nhs_number == "" and person.version == 1
