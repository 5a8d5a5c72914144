"""Script and markup typed into any free-text field come back as text, never as markup."""

import pytest

from .payloads import ESCAPED_MARK, PAYLOAD, hostile_enquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile(practitioner, team):
    return hostile_enquiry(actor=practitioner, team=team)


def pages(enquiry):
    outcome = enquiry.outcomes.get()
    return [
        f"/people/{enquiry.person.reference}/",
        f"/people/?text={enquiry.person.reference}",
        f"/concerns/{enquiry.concern.reference}/",
        f"/concerns/{enquiry.concern.reference}/decision/",
        f"/enquiries/{enquiry.pk}/",
        f"/enquiries/{enquiry.pk}/outcomes/{outcome.pk}/",
        f"/enquiries/{enquiry.pk}/review/",
        f"/enquiries/{enquiry.pk}/conversations/new/",
        f"/people/{enquiry.person.reference}/change/",
        "/enquiries/?view=team",
    ]


def test_free_text_is_escaped_on_every_page(client, practitioner, hostile):
    client.force_login(practitioner)
    for url in pages(hostile):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        if response.status_code == 302:
            continue
        page = response.content.decode()
        assert PAYLOAD not in page, f"raw markup on {url}"
        assert "<img src=x" not in page, url
        assert "<script>alert" not in page, url
    page = client.get(f"/enquiries/{hostile.pk}/").content.decode()
    assert ESCAPED_MARK in page  # shown, as text


def test_free_text_is_escaped_for_leads_audit_pages(client, practitioner, lead, hostile):
    client.force_login(lead)
    page = client.get(f"/audit/people/{hostile.person.reference}/").content.decode()
    assert "<script>alert" not in page
