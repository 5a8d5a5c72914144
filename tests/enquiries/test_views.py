"""Page behaviour that the services' tests cannot see: query counts stay fixed as data grows."""

import copy
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models.base import ModelState
from django.test.utils import CaptureQueriesContext

from msp.enquiries.models import Enquiry
from tests.factories import (
    ConcernFactory,
    ConversationFactory,
    DesiredOutcomeFactory,
    EnquiryFactory,
    close_enquiry,
)

pytestmark = pytest.mark.django_db
ENQUIRY_LINK = re.compile(r'href="/enquiries/(\d+)/"')


def queries_for(client, url) -> int:
    client.get(url)  # warm the per-process caches (reference lists, council settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_enquiries(count, team, lead):
    for _ in range(count):
        enquiry = EnquiryFactory(concern__person__team=team, actor=lead, lead=lead)
        ConversationFactory(enquiry=enquiry, actor=lead)


@pytest.mark.parametrize(
    "url",
    ["/enquiries/", "/enquiries/?view=team", "/enquiries/?drift=no_recent&sort=last_conversation"],
)
def test_caseload_queries_do_not_grow_with_the_caseload(client, practitioner, team, url):
    client.force_login(practitioner)
    add_enquiries(2, team, practitioner)
    small = queries_for(client, url)
    add_enquiries(8, team, practitioner)
    assert queries_for(client, url) == small


def test_team_caseload_for_a_manager(client, manager, practitioner, team):
    client.force_login(manager)
    add_enquiries(2, team, practitioner)
    small = queries_for(client, "/enquiries/")
    add_enquiries(6, team, practitioner)
    assert queries_for(client, "/enquiries/") == small
    page = client.get("/enquiries/", {"lead": practitioner.pk}).content.decode()
    assert page.count('class="govuk-table__row"') >= 8


def test_enquiry_page_queries_do_not_grow_with_the_record(client, practitioner, enquiry):
    client.force_login(practitioner)
    DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    ConversationFactory(enquiry=enquiry, actor=practitioner)
    url = f"/enquiries/{enquiry.pk}/"
    small = queries_for(client, url)
    for _ in range(5):
        DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
        ConversationFactory(enquiry=enquiry, actor=practitioner, stage="during")
    assert queries_for(client, url) == small


def test_closed_enquiry_page(client, practitioner, enquiry):
    client.force_login(practitioner)
    DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    close_enquiry(enquiry, actor=practitioner, achievement="partially")
    page = client.get(f"/enquiries/{enquiry.pk}/").content.decode()
    assert "Closed on" in page and "Partly achieved" in page
    # Closed enquiries accept no more recording.
    assert client.get(f"/enquiries/{enquiry.pk}/conversations/new/").status_code == 200
    response = client.post(f"/enquiries/{enquiry.pk}/conversations/new/", {"stage": "during"})
    assert response.status_code == 200


def test_drift_flags_show_on_the_caseload(client, practitioner, enquiry):
    client.force_login(practitioner)
    page = client.get("/enquiries/").content.decode()
    assert "No start conversation" in page
    assert "No recent conversation" in page  # opened 58 days ago with no conversation
    ConversationFactory(enquiry=enquiry, actor=practitioner, held_on=enquiry.start_date)
    page = client.get("/enquiries/?drift=no_start").content.decode()
    assert enquiry.person.full_name not in page


def bulk_caseload(count, team, lead):
    """`count` open enquiries led by `lead`, written in bulk (copies of one made by the
    services): far quicker than the factories for a council-sized caseload."""
    model = EnquiryFactory(concern__person__team=team, actor=lead, lead=lead)
    ConversationFactory(enquiry=model, actor=lead)
    allegation = model.concern.allegations.first()
    conversation = model.conversations.first()

    def copies(instance, n, **fields):
        made = []
        for i in range(n):
            twin = copy.copy(instance)
            twin.pk = twin.id = None
            twin._state = ModelState()
            for name, value in fields.items():
                setattr(twin, name, value(i) if callable(value) else value)
            made.append(twin)
        return type(instance).objects.bulk_create(made, batch_size=500)

    people = copies(model.person, count - 1, reference=lambda i: f"BULK-P{i}")
    concerns = copies(
        model.concern,
        count - 1,
        reference=lambda i: f"BULK-C{i}",
        person_id=lambda i: people[i].pk,
    )
    enquiries = copies(
        model,
        count - 1,
        concern_id=lambda i: concerns[i].pk,
        person_id=lambda i: people[i].pk,
        start_date=lambda i: model.start_date - timedelta(days=i % 300),
    )
    copies(allegation, count - 1, concern_id=lambda i: concerns[i].pk)
    # Half have had a conversation, so the drift flags differ from row to row.
    copies(conversation, (count - 1) // 2, enquiry_id=lambda i: enquiries[2 * i].pk)
    return count


COUNCIL_SIZED_PAGES = [
    ("practitioner", "/enquiries/"),
    ("practitioner", "/enquiries/?view=team&sort=last_conversation"),
    ("manager", "/enquiries/"),
    ("manager", "/enquiries/?drift=no_recent&sort=person"),
]


def test_a_council_sized_caseload_is_paged_in_a_fixed_number_of_queries(
    client, practitioner, manager, team
):
    users = {"practitioner": practitioner, "manager": manager}
    add_enquiries(3, team, practitioner)
    small = {}
    for who, url in COUNCIL_SIZED_PAGES:
        client.force_login(users[who])
        small[who, url] = queries_for(client, url)
    bulk_caseload(5_000, team, practitioner)
    for who, url in COUNCIL_SIZED_PAGES:
        client.force_login(users[who])
        assert queries_for(client, url) == small[who, url], (who, url)
        page = client.get(url).content.decode()
        start = page.index('data-testid="caseload"')
        table = page[start : page.index("</table>", start)]
        assert table.count('<tr class="govuk-table__row">') == 51  # the headings and 50 rows
        if "drift" not in url:
            assert "Showing 1 to 50 of 5,003" in page and "Page 1 of 101" in page


def test_caseload_pages_keep_the_filters_and_sort(client, manager, practitioner, team):
    client.force_login(manager)
    bulk_caseload(120, team, practitioner)
    first = client.get("/enquiries/", {"sort": "-opened", "lead": practitioner.pk})
    html = first.content.decode()
    assert "Showing 1 to 50 of 120" in html
    assert f'href="?lead={practitioner.pk}&amp;page=2&amp;sort=-opened"' in html
    last = client.get("/enquiries/", {"sort": "-opened", "lead": practitioner.pk, "page": 3})
    html = last.content.decode()
    assert "Showing 101 to 120 of 120" in html and "Page 3 of 3" in html
    assert 'rel="next"' not in html
    links = set(ENQUIRY_LINK.findall(first.content.decode()))
    assert not links & set(ENQUIRY_LINK.findall(html))  # no row on two pages
    assert len(links) == 50


def test_the_unallocated_count_covers_every_page(client, manager, practitioner, team):
    client.force_login(manager)
    bulk_caseload(60, team, practitioner)
    Enquiry.objects.filter(team=team).update(lead=None)
    ConcernFactory(person__team=team, actor=manager)  # waiting for a decision
    page = client.get("/enquiries/").content.decode()
    assert "Showing 1 to 50 of 60" in page
    assert "60 enquiries in this list not yet allocated" in page
