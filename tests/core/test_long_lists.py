"""Lists that grow: 5,000 rows show page 1 of 100 with the count, keep their filters in the page
links, and take the same few queries on any page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from msp.audit.models import AuditEntry
from msp.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _many_people(team, count=5000):
    model = PersonFactory(team=team, first_name="Margaret", last_name="Lowe")
    Person.objects.bulk_create(
        Person(
            reference=f"P9{n:05d}",
            first_name="Margaret",
            last_name="Lowe",
            name_keys=model.name_keys,
            date_of_birth=model.date_of_birth,
            team=team,
            sex="female",
            ethnicity="white",
            primary_support_reason="physical",
        )
        for n in range(count - 1)
    )


def test_people_found_show_page_1_of_100_and_keep_the_search(client, practitioner, team):
    _many_people(team)
    client.force_login(practitioner)
    client.get("/")  # the first page after signing in also saves the time last seen
    first, page = _queries(client, "/people/?text=Margaret+Lowe")
    assert "Showing 1 to 50 of 5,000" in page and "Page 1 of 100" in page
    assert "5,000 people found" in page
    assert (
        "page=2" in page
        and "text=Margaret+Lowe" in re.search(r'href="([^"]*page=2[^"]*)"', page)[1]
    )
    later, page = _queries(client, "/people/?text=Margaret+Lowe&page=73")
    assert "Showing 3,601 to 3,650 of 5,000" in page
    assert later == first and first <= 15


def _many_entries(count=5000):
    AuditEntry.objects.bulk_create(
        AuditEntry(
            sequence=10_000 + n,
            action="view",
            actor_name="someone",
            detail="a view",
            prev_hash=f"{n:064d}",
            entry_hash=f"{n + 1:064x}",
        )
        for n in range(count)
    )


def test_the_audit_trail_shows_page_1_of_100_and_keeps_its_filters(client, lead):
    _many_entries()
    client.force_login(lead)
    client.get("/")  # the first page after signing in also saves the time last seen
    first, page = _queries(client, "/audit/?username=someone&action=view")
    assert "Showing 1 to 50 of 5,000" in page and "Page 1 of 100" in page
    link = re.search(r'href="([^"]*page=2[^"]*)"', page)[1]
    assert "username=someone" in link and "action=view" in link
    later, page = _queries(client, "/audit/?username=someone&action=view&page=100")
    assert "Showing 4,951 to 5,000 of 5,000" in page
    assert later == first and first <= 15
