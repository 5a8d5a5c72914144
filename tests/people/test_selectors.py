from datetime import date

import pytest
from django.db import connection, transaction
from django.utils import timezone

from msp.people import selectors
from msp.people.models import Person
from msp.people.selectors import people_visible_to, person_search, similar_people
from tests.factories import ConcernFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["names indexed", "team's ids gathered"])
def _both_ways_of_searching(request, monkeypatch):
    """Search takes one of two query shapes by database and words (selectors.names_indexed);
    every search test here must give the same answers both ways, on both databases."""
    indexed = request.param == "names indexed"
    monkeypatch.setattr(selectors, "names_indexed", lambda words: indexed)


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


# Spelling as people type it, and who it must find (first name, last name).
MISSPELLINGS = [
    ("Margret", ("Margaret", "Okafor")),
    ("Jon Smyth", ("John", "Smith")),
    ("john smith", ("John", "Smith")),
    ("Smyth", ("John", "Smith")),
    ("Katherine Thomson", ("Catherine", "Thomson")),
    ("Thomson", ("Derek", "Thompson")),
    ("Thompson", ("Ruth", "Thomson")),
    ("Samson", ("Ida", "Sampson")),
    ("Stephen", ("Steven", "Hale")),
    ("Philip", ("Phillip", "Ashworth")),
    ("Mohamed", ("Muhammad", "Rahman")),
    ("Shaun", ("Sean", "Doyle")),
    ("Clare", ("Claire", "Bennett")),
    ("Mcdonald", ("Irene", "Macdonald")),
    ("Whitefield", ("Mary", "Whitfield")),
    ("Anne Obrien", ("Ann", "O'Brien")),
    ("Smith, John", ("John", "Smith")),
]
PEOPLE = sorted({who for _, who in MISSPELLINGS})


@pytest.fixture
def named(team):
    return {
        (first, last): PersonFactory(team=team, first_name=first, last_name=last)
        for first, last in PEOPLE
    }


@pytest.mark.parametrize(("typed", "who"), MISSPELLINGS)
def test_search_tolerates_spelling(practitioner, named, typed, who):
    found = person_search(practitioner, text=typed)
    assert named[who] in found, f"“{typed}” did not find {who}: {found}"


def test_search_does_not_match_everyone(practitioner, named):
    found = person_search(practitioner, text="Margret")
    assert [(p.first_name, p.last_name) for p in found] == [("Margaret", "Okafor")]


def test_exact_matches_come_first(practitioner, team):
    sound = PersonFactory(team=team, first_name="Jon", last_name="Smyth")
    part = PersonFactory(team=team, first_name="Johnny", last_name="Smithson")
    whole = PersonFactory(team=team, first_name="John", last_name="Smith")
    found = person_search(practitioner, text="John Smith")
    assert found[:3] == [whole, part, sound]
    assert [p.match_rank for p in found[:3]] == [1, 2, 3]


def test_date_of_birth_narrows_a_spelling_match(practitioner, team):
    born = date(1938, 11, 5)
    her = PersonFactory(team=team, first_name="Margaret", last_name="Lowe", date_of_birth=born)
    PersonFactory(team=team, first_name="Margaret", last_name="Law", date_of_birth=date(1950, 1, 1))
    assert person_search(practitioner, text="Margret Lowe", date_of_birth=born) == [her]
    assert len(person_search(practitioner, text="Margret")) == 2


def test_sound_alike_search_stays_in_scope(practitioner, other_team):
    PersonFactory(team=other_team, first_name="John", last_name="Smith")
    assert person_search(practitioner, text="Jon Smyth") == []


def test_a_reference_is_not_searched_as_a_name(practitioner, ours):
    assert person_search(practitioner, text=ours.reference) == [ours]
    assert person_search(practitioner, text="P999999") == []


def test_the_keys_follow_a_change_of_name(practitioner, ours):
    from msp.people import services

    services.person_update(actor=practitioner, person=ours, last_name="Pritchard")
    assert person_search(practitioner, text="Prichard") == [Person.objects.get(pk=ours.pk)]
    assert person_search(practitioner, text="Hughs") == []


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_answers_a_search_from_its_indexes(lead, ours):
    """Every part of the search's OR has an index that matches the SQL Django writes, so
    PostgreSQL need not read every name (migration people/0007)."""
    results = selectors.person_search_results(lead, text="Hughes")
    with transaction.atomic(), connection.cursor() as cursor:
        # As on a council-sized table, where reading every row would cost more.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = results.explain()
    for index in (
        "person_first_name_trgm",
        "person_last_name_trgm",
        "person_preferred_name_trgm",
        "person_name_keys_trgm",
        "person_reference_upper",
        "person_source_reference_upper",
    ):
        assert index in plan, (index, plan)
    assert list(results) == [ours]
