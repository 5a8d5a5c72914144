from datetime import date

import pytest
from django.utils import timezone

from msp.people.models import Person
from msp.people.selectors import people_visible_to, person_search, similar_people
from tests.factories import ConcernFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours(team):
    return PersonFactory(
        team=team,
        first_name="Maureen",
        last_name="Hughes",
        nhs_number="9434765919",
        date_of_birth=date(1941, 3, 2),
    )


@pytest.fixture
def theirs(other_team):
    return PersonFactory(
        team=other_team,
        first_name="Maureen",
        last_name="Hughes",
        nhs_number="",
        date_of_birth=date(1950, 6, 7),
    )


def test_practitioners_see_their_teams_people_only(practitioner, other_practitioner, ours, theirs):
    assert set(people_visible_to(practitioner)) == {ours}
    assert set(people_visible_to(other_practitioner)) == {theirs}


def test_a_concern_held_by_the_team_makes_the_person_visible(practitioner, team, theirs):
    ConcernFactory(person=theirs, team=team)
    assert theirs in people_visible_to(practitioner)


def test_all_teams_roles_see_everyone_and_others_no_one(
    lead, performance_officer, board_member, administrator, manager, ours, theirs
):
    assert set(people_visible_to(lead)) == {ours, theirs}
    assert set(people_visible_to(performance_officer)) == {ours, theirs}
    assert set(people_visible_to(manager)) == {ours}
    assert not people_visible_to(board_member).exists()
    assert not people_visible_to(administrator).exists()


def test_archived_and_inactive(practitioner, ours):
    Person.objects.filter(pk=ours.pk).update(
        archived_at=timezone.now(), archived_reason="Duplicate"
    )
    assert not people_visible_to(practitioner).exists()
    practitioner.is_active = False
    assert not people_visible_to(practitioner).exists()


@pytest.mark.parametrize(
    "text", ["maureen", "HUGHES", "Maur Hugh", "  maureen   hughes ", "943 476 5919", "9434765919"]
)
def test_search_by_name_words_and_nhs_number(lead, ours, text):
    assert person_search(lead, text=text) == [ours]


def test_search_by_reference_and_date_of_birth(lead, ours, theirs):
    assert person_search(lead, text=ours.reference.lower()) == [ours]
    assert person_search(lead, date_of_birth=date(1941, 3, 2)) == [ours]
    assert person_search(lead, text="Maureen", date_of_birth=ours.date_of_birth) == [ours]


def test_search_needs_something_and_stays_in_scope(practitioner, ours, theirs):
    assert person_search(practitioner, text="   ") == []
    assert person_search(practitioner, text="Hughes") == [ours]
    assert person_search(practitioner, text="nobody-by-this-name") == []


def test_similar_people_never_reveal_another_teams_record(
    practitioner, other_practitioner, ours, theirs
):
    found = similar_people(
        practitioner, first_name="maureen", last_name="HUGHES", date_of_birth=None
    )
    assert found == [ours]
    by_nhs = similar_people(
        other_practitioner,
        first_name="Someone",
        last_name="Else",
        date_of_birth=None,
        nhs_number="943 476 5919",
    )
    assert by_nhs == []
    assert similar_people(
        practitioner, first_name="X", last_name="Y", date_of_birth=None, nhs_number="9434765919"
    ) == [ours]


def test_similar_people_match_date_of_birth_with_either_name(practitioner, ours):
    dob = ours.date_of_birth
    assert similar_people(practitioner, first_name="Mo", last_name="Hughes", date_of_birth=dob) == [
        ours
    ]
    assert similar_people(
        practitioner, first_name="Maureen", last_name="Smith", date_of_birth=dob
    ) == [ours]
    assert similar_people(practitioner, first_name="Mo", last_name="Smith", date_of_birth=dob) == []
