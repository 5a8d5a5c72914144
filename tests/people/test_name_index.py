"""SQLite's trigram table of names (msp/people/name_index.py): person search reads it instead
of every name, and the triggers keep it true through every kind of write."""

import re
from datetime import date

import pytest
from django.db import connection

from msp.people import name_index, selectors, services
from msp.people.models import Person
from msp.people.selectors import person_search
from tests.factories import PersonFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'sqlite'"),
]


def _found(user, text):
    return {person.pk for person in person_search(user, text=text)}


def test_search_reads_the_index_not_every_name(lead, team):
    hughes = PersonFactory(team=team, first_name="Maureen", last_name="Hughes")
    results = selectors.person_search_results(lead, text="Hughes")
    with connection.cursor() as cursor:
        sql, params = results.query.sql_with_params()
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(row[-1] for row in cursor.fetchall())
    assert name_index.TABLE in plan, plan
    assert "person_reference_upper" in plan and "person_source_reference_upper" in plan, plan
    assert not re.search(r"SCAN people_person\b(?!_)", plan), plan
    assert list(results) == [hughes]


def test_the_index_follows_every_kind_of_write(practitioner, team):
    made = PersonFactory(team=team, first_name="Ottoline", last_name="Quarrendon")
    assert _found(practitioner, "Quarrendon") == {made.pk}
    # A change through the service, which keys the name again.
    services.person_update(actor=practitioner, person=made, last_name="Fairweather")
    assert _found(practitioner, "Quarrendon") == set()
    assert _found(practitioner, "Fairweather") == {made.pk}
    # A change straight to the table, as an import or the safe copy makes.
    Person.objects.filter(pk=made.pk).update(preferred_name="Lina")
    assert _found(practitioner, "Lina") == {made.pk}
    # Many at once, as the bulk generator writes.
    Person.objects.bulk_create(
        [
            Person(reference=f"PB{n:05d}", first_name="Bulkley", last_name="Yarrow", team=team)
            for n in range(3)
        ]
    )
    assert len(_found(practitioner, "Yarrow")) == 3
    Person.objects.filter(last_name="Yarrow").delete()
    assert _found(practitioner, "Yarrow") == set()
    assert name_index.problems() == []


def test_sound_alike_keys_and_short_words_are_still_found(practitioner, team):
    smith = PersonFactory(team=team, first_name="John", last_name="Smith")
    al = PersonFactory(team=team, first_name="Al", last_name="Ng")
    assert _found(practitioner, "Jon Smyth") == {smith.pk}  # by the keys, through the index
    assert _found(practitioner, "Al Ng") == {al.pk}  # too short for trigrams: read the names
    assert not name_index.findable(["Al", "Ng"])
    assert _found(practitioner, smith.reference.lower()) == {smith.pk}


def test_a_missing_trigger_or_a_stale_index_is_reported():
    PersonFactory(first_name="Derek", last_name="Ellwood", date_of_birth=date(1950, 1, 1))
    assert name_index.problems() == []
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name_index.TABLE}_update")
    Person.objects.update(last_name="Elwood")
    found = name_index.problems()
    assert len(found) == 1 and f"{name_index.TABLE}_update" in found[0]
    (trigger,) = [s for s in name_index.CREATE if f"TRIGGER {name_index.TABLE}_update" in s]
    with connection.cursor() as cursor:
        cursor.execute(trigger)
    # The trigger is back, but the change made without it is not in the index.
    found = name_index.problems()
    assert len(found) == 1 and "does not match the people table" in found[0], found
    name_index.rebuild()
    assert name_index.problems() == []


def _index_pieces() -> list[bytes]:
    """The index's stored pieces, without the ids they are stored under."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT block FROM {name_index.TABLE}_data WHERE id != 10 ORDER BY id")
        return [bytes(block) for (block,) in cursor.fetchall()]


# Serialized rollback: afterwards the tables are left empty rather than refilled with new
# content types, which the next serialized test (the safe copy, the backup) would clash with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_compacting_leaves_no_trace_of_a_changed_name(team):
    for n in range(20):
        PersonFactory(team=team, first_name=f"Name{n}", last_name="Smith")
    gone = PersonFactory(team=team, first_name="Zqxwvy", last_name="Jkjkjk")
    Person.objects.filter(pk=gone.pk).update(first_name="Anonymised", last_name="person")
    name_index.compact()
    compacted = _index_pieces()
    # The same pieces as an index made from today's names alone: nothing of "Zqxwvy" is left.
    name_index.rebuild()
    name_index.compact()
    assert _index_pieces() == compacted
    assert name_index.problems() == []


def test_the_search_page_asks_the_index_once(client, practitioner, team):
    """The matches are listed once, in order, and both the count and the page come from that
    list: the search's conditions are its costly part."""
    from django.test.utils import CaptureQueriesContext

    for n in range(60):
        PersonFactory(team=team, first_name=f"Person{n:02d}", last_name="Hughes")
    client.force_login(practitioner)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/people/", {"text": "Hughes", "page": 2}).content.decode()
    assert sum(name_index.TABLE in q["sql"] for q in queries.captured_queries) == 1
    assert "Showing 51 to 60 of 60" in page and "Person59" in page and "Person00" not in page
