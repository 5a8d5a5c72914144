"""What someone else changed since a user opened a record, read from the record's history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from msp.core.conflicts import EditConflict, changes_since, plain_value
from msp.core.problems import Problems
from msp.core.services import check_version
from msp.people import services
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_changes_since_lists_each_detail_with_its_value_who_and_when(team, practitioner):
    person = PersonFactory(team=team, first_name="Maureen", date_of_birth=date(1941, 3, 2))
    seen = person.version
    first = UserFactory(first_name="Nia", last_name="Evans", teams=[team])
    second = UserFactory(first_name="Tom", last_name="Price", teams=[team])
    services.person_update(actor=first, person=person, preferred_name="Mo")
    services.person_update(actor=second, person=person, date_of_birth=date(1941, 3, 3))
    services.person_update(actor=second, person=person, preferred_name="Mo")  # no net change
    person.refresh_from_db()
    changes = changes_since(person, seen, record="Maureen")
    assert [(c.field, c.value, c.who) for c in changes] == [
        ("Preferred name", "Mo", "Nia Evans"),
        ("Date of birth", "3 March 1941", "Tom Price"),
    ]
    assert all(c.record == "Maureen" and c.when for c in changes)
    assert changes_since(person, person.version) == []


def test_a_stale_save_is_refused_as_a_conflict_and_still_a_validation_error(team):
    person = PersonFactory(team=team)
    with pytest.raises(EditConflict) as caught:
        check_version(person, person.version - 1 if person.version > 1 else 99)
    assert isinstance(caught.value, ValidationError)
    assert caught.value.obj == person
    check_version(person, None)  # nothing seen: nothing to compare
    check_version(person, person.version)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "Left blank"), ("", "Left blank"), (True, "Yes"), (date(2025, 4, 1), "1 April 2025")],
)
def test_plain_values(value, shown):
    assert plain_value(value) == shown


def test_problems_collect_every_refusal():
    def refuse(field, message):
        raise ValidationError({field: message})

    problems = Problems()
    problems.add("name", "Enter a name")
    problems.check(refuse, "date", "Enter a date")
    problems.check(refuse, "words", "Not an outcome", prefix="outcome_1_")
    problems.add("name", "Enter a name")  # said once
    with pytest.raises(ValidationError) as caught:
        problems.raise_if_any()
    assert caught.value.message_dict == {
        "name": ["Enter a name"],
        "date": ["Enter a date"],
        "outcome_1_words": ["Not an outcome"],
    }
    Problems().raise_if_any()
