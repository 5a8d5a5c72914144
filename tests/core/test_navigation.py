"""Every page a role may use is reachable from the navigation, and "Recent" lists the records
the user opened that they may still open."""

import pytest

from msp.people.restrictions import restriction_place
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LINKS = {
    "Import": "/data/import/",
    "Export": "/data/export/",
    "Audit trail": "/audit/",
    "Restricted records": "/audit/break-glass/",
    "Data protection": "/privacy/",
    "Statutory return": "/returns/",
    "Review register": "/returns/reviews/",
    "Recent": "/recent/",
}
WHO_SEES = {
    "lead": {
        "Export",
        "Audit trail",
        "Restricted records",
        "Data protection",
        "Statutory return",
        "Review register",
        "Recent",
    },
    "performance_officer": {"Import", "Export", "Statutory return", "Review register", "Recent"},
    "practitioner": {"Recent"},
    "board_member": set(),
}


@pytest.mark.parametrize("role", sorted(WHO_SEES))
def test_each_role_reaches_its_pages_from_the_navigation(client, role, request):
    client.force_login(request.getfixturevalue(role))
    page = client.get("/", follow=True).content.decode()
    menu = page[page.find('id="navigation"') : page.find("</nav>")]
    for label, url in LINKS.items():
        shown = f'href="{url}">{label}</a>' in menu
        assert shown == (label in WHO_SEES[role]), f"{role}: {label}"


def test_recent_lists_what_was_opened_newest_first_within_scope(
    client, practitioner, enquiry, team, other_team, lead
):
    other = PersonFactory(team=team, first_name="Agnes", last_name="Moor")
    client.force_login(practitioner)
    client.get(f"/enquiries/{enquiry.pk}/")
    client.get(f"/people/{other.reference}/")
    page = client.get("/recent/").content.decode()
    assert page.index("Agnes Moor") < page.index(enquiry.person.full_name)
    # Moved out of the team: the record drops out of the list.
    other.team = other_team
    other.save()
    assert "Agnes Moor" not in client.get("/recent/").content.decode()
    # Restricted without naming this practitioner: shown as a restricted record, unnamed.
    restriction_place(actor=lead, person=enquiry.person, reason="staff", named_users=[lead])
    page = client.get("/recent/").content.decode()
    assert enquiry.person.full_name not in page and "Restricted record" in page


def test_recent_takes_the_same_queries_however_many_records(
    client, practitioner, team, django_assert_max_num_queries
):
    client.force_login(practitioner)
    for person in PersonFactory.create_batch(12, team=team):
        client.get(f"/people/{person.reference}/")
    with django_assert_max_num_queries(8):
        assert client.get("/recent/").status_code == 200


def test_opening_the_newest_record_again_does_not_save_the_session(client, practitioner, enquiry):
    """After recording something the enquiry page opens again; the session is not written for
    a list that has not changed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(practitioner)
    client.get(f"/enquiries/{enquiry.pk}/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/enquiries/{enquiry.pk}/")
    assert not [q for q in queries.captured_queries if 'UPDATE "django_session"' in q["sql"]]
    page = client.get("/recent/").content.decode()
    assert page.count(f"/enquiries/{enquiry.pk}/") >= 1
