"""Page behaviour that the services' tests cannot see: query counts stay fixed as data grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ConversationFactory,
    DesiredOutcomeFactory,
    EnquiryFactory,
    close_enquiry,
)

pytestmark = pytest.mark.django_db


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
