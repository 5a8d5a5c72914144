"""The staff briefing note: the product's starting wording, drafts and published versions, who
published what and when, staff confirming they read it, and who a manager sees."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from msp.accounts.models import Role
from msp.audit.models import AuditEntry
from msp.improvement.briefing import selectors, services, wording
from msp.improvement.models import BriefingRead, BriefingVersion
from tests.factories import UserFactory
from tests.support.pdf import assert_tagged_pdf

pytestmark = pytest.mark.django_db

COVERS = [
    "skills and judgement",
    "own words",
    "advocate",
    "best-interests",
    "particular decision",  # capacity is decision-specific
    "pressur",  # free from coercion
    "cannot happen",
    "honestly",
    "next best option",
    "ashamed",
    "how their outcomes will be reached",
    "supervision",
    "before you close",
    "how your teams record",
]


def publish(lead, **changes) -> BriefingVersion:
    words = {**services.starting_point(), **changes}
    services.briefing_save_draft(actor=lead, **words)
    return services.briefing_publish(actor=lead)


def test_the_starting_wording_covers_every_topic_of_the_briefing():
    text = " ".join(s.starting_text + " " + s.covers for s in wording.SECTIONS).lower()
    for topic in COVERS:
        assert topic.lower() in text, topic
    assert [s.field for s in wording.SECTIONS][-1] == "how_we_record"


def test_publishing_keeps_who_and_when_and_a_new_draft_starts_from_it(lead):
    first = publish(lead, how_we_record="Record it on the enquiry page.")
    assert (first.number, first.published_by, first.is_published) == (1, lead, True)
    assert services.starting_point()["how_we_record"] == "Record it on the enquiry page."
    draft = services.briefing_save_draft(
        actor=lead, change_note="Advocacy", **{**services.starting_point(), "supervision": "New"}
    )
    assert draft.number == 2 and not draft.is_published
    assert selectors.current() == first  # staff still see version 1
    again = services.briefing_save_draft(
        actor=lead, seen_version=draft.version, **services.starting_point()
    )
    assert again.pk == draft.pk and again.history.count() == 2
    first.refresh_from_db()
    assert first.supervision != "New"  # a published version never changes


def test_only_a_safeguarding_lead_writes_or_publishes(practitioner, manager):
    for actor in (practitioner, manager):
        with pytest.raises(ValidationError):
            services.briefing_save_draft(actor=actor, **services.starting_point())
        with pytest.raises(ValidationError):
            services.briefing_publish(actor=actor)


def test_every_empty_section_is_named_at_once(lead):
    with pytest.raises(ValidationError) as caught:
        services.briefing_save_draft(actor=lead, title="", **dict.fromkeys(wording.FIELDS, " "))
    assert set(caught.value.message_dict) == {"title", *wording.FIELDS}


def test_confirming_a_read_is_recorded_once_and_audited(lead, practitioner):
    version = publish(lead)
    first = services.briefing_confirm_read(actor=practitioner, briefing=version)
    again = services.briefing_confirm_read(actor=practitioner, briefing=version)
    assert first.pk == again.pk and BriefingRead.objects.count() == 1
    assert AuditEntry.objects.filter(actor=practitioner, object_type="briefingread").count() == 1


def test_staff_read_and_confirm_over_http(client, lead, practitioner):
    publish(lead)
    client.force_login(practitioner)
    caseload = client.get("/enquiries/").content.decode()
    assert "Please read it and confirm" in caseload and "/improvement/briefing/" in caseload
    page = client.get("/improvement/briefing/").content.decode()
    assert "I have read this briefing" in page and "Version 1, published by" in page
    assert client.get("/improvement/briefing/versions/1/read/").status_code == 302
    assert not BriefingRead.objects.exists()  # only the button's post confirms
    response = client.post("/improvement/briefing/versions/1/read/")
    assert response.status_code == 302
    assert (
        "You confirmed you read this version"
        in client.get("/improvement/briefing/").content.decode()
    )
    assert "Please read it" not in client.get("/enquiries/").content.decode()


def test_a_manager_sees_who_in_their_team_has_read_it(
    client, lead, manager, practitioner, team, other_practitioner
):
    version = publish(lead)
    colleague = UserFactory(role=Role.PRACTITIONER, teams=[team], first_name="Zed")
    services.briefing_confirm_read(actor=practitioner, briefing=version)
    client.force_login(manager)
    response = client.get("/improvement/briefing/readers/")
    page = response.content.decode()
    assert escape(practitioner.get_full_name()) in page
    assert escape(colleague.get_full_name()) in page
    assert escape(other_practitioner.get_full_name()) not in page  # another team
    assert "1 of 3 have confirmed they read it" in page  # practitioner, colleague, the manager
    client.force_login(practitioner)
    assert client.get("/improvement/briefing/readers/").status_code == 404


def test_readers_in_a_fixed_number_of_queries(client, lead, team, django_assert_max_num_queries):
    version = publish(lead)
    for n in range(6):
        reader = UserFactory(role=Role.PRACTITIONER, teams=[team])
        if n % 2:
            services.briefing_confirm_read(actor=reader, briefing=version)
    client.force_login(lead)
    client.get("/improvement/briefing/readers/")
    with django_assert_max_num_queries(12):
        response = client.get("/improvement/briefing/readers/")
    assert response.context["page"].total == 6


def test_drafts_are_for_leads_and_earlier_versions_stay_readable(client, lead, practitioner):
    publish(lead)
    publish(lead, purpose="A second purpose")
    services.briefing_save_draft(actor=lead, **services.starting_point())
    client.force_login(practitioner)
    assert client.get("/improvement/briefing/versions/3/").status_code == 404
    page = client.get("/improvement/briefing/versions/1/").content.decode()
    assert "This is an earlier version" in page
    listing = client.get("/improvement/briefing/versions/").content.decode()
    assert "Showing 1 to 2 of 2" in listing
    client.force_login(lead)
    assert "Draft of version 3" in client.get("/improvement/briefing/versions/3/").content.decode()


def test_the_briefing_prints_as_a_tagged_pdf(client, lead, practitioner):
    publish(lead)
    client.force_login(practitioner)
    response = client.get("/improvement/briefing/versions/1/briefing.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert_tagged_pdf(response.content)


def test_writing_and_publishing_over_http(client, lead):
    client.force_login(lead)
    page = client.get("/improvement/briefing/draft/").content.decode()
    assert "Why we work this way" in page and "Write here how your teams record" in page
    words = {**services.starting_point(), "change_note": "First", "purpose": ""}
    response = client.post("/improvement/briefing/draft/", words)
    assert "Write the section “Why we work this way”" in response.content.decode()
    words["purpose"] = "Our purpose"
    assert client.post("/improvement/briefing/draft/", words).status_code == 302
    assert (
        client.post("/improvement/briefing/draft/publish/", {"seen_version": 1}).status_code == 302
    )
    assert selectors.current().purpose == "Our purpose"


def test_versions_in_a_fixed_number_of_queries(
    client, lead, practitioner, django_assert_max_num_queries
):
    for n in range(4):
        publish(lead, purpose=f"Purpose {n}")
    client.force_login(practitioner)
    client.get("/improvement/briefing/versions/")
    with django_assert_max_num_queries(10):
        response = client.get("/improvement/briefing/versions/")
    assert "Showing 1 to 4 of 4" in response.content.decode()
