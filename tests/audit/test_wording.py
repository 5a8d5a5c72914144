"""The audit trail and "who has seen this record" read in words: who did what to which record
and which answers changed, with no model names, database ids or bookkeeping fields."""

import re
from datetime import date
from html import unescape

import pytest

from msp.accounts.models import Role
from msp.audit import wording
from msp.audit.models import AuditEntry
from msp.outcomes.services import outcome_revise
from msp.people import restrictions
from tests.factories import DesiredOutcomeFactory, UserFactory

pytestmark = pytest.mark.django_db

# What the pages used to show and must never show again.
MODEL_NAMES = ("desiredoutcome", "closingreview", "riskdiscussion", "capacityassessment")
BOOKKEEPING = ("created_by", "_id", "sac_", "updated_at", "revision_count", "version", "name_keys")


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


@pytest.fixture
def revised(enquiry, practitioner):
    practitioner.first_name, practitioner.last_name = "Priya", "Shah"
    practitioner.save()
    enquiry.person.first_name = "Margaret"
    enquiry.person.save()
    outcome = DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner, words="To stay at home")
    outcome_revise(
        actor=practitioner,
        outcome=outcome,
        words="To stay at home with more help",
        reason="She said more after the visit",
        happened_on=date.today(),
    )
    return outcome


def _assert_plain(text: str, outcome) -> None:
    for word in MODEL_NAMES + BOOKKEEPING:
        assert word not in text, word
    assert f"desired outcome {outcome.pk}" not in text


def test_the_audit_trail_says_who_changed_what_in_words(client, lead, practitioner, revised):
    client.force_login(lead)
    text = _text(client.get("/audit/", {"username": practitioner.username}))
    assert "Priya Shah changed what Margaret wants to happen" in text
    assert "Priya Shah recorded what Margaret wants to happen" in text
    # The changed field by the label the form gives it.
    assert "Changed: What do they want now, in their own words?" in text
    _assert_plain(text, revised)


def test_who_has_seen_a_record_reads_in_words(client, lead, practitioner, revised):
    client.force_login(practitioner)
    client.get(f"/people/{revised.enquiry.person.reference}/")
    client.force_login(lead)
    text = _text(client.get(f"/audit/people/{revised.enquiry.person.reference}/"))
    assert f"Priya Shah ({practitioner.username}) Practitioner" in text  # the role as a word
    assert "Priya Shah viewed Margaret's details" in text
    assert "Priya Shah changed what Margaret wants to happen" in text
    assert "practitioner " not in text.replace("Lead practitioner", "")
    _assert_plain(text, revised)


def test_a_lead_not_named_on_a_restriction_reads_no_name(client, revised, practitioner):
    named = UserFactory(role=Role.SAFEGUARDING_LEAD)
    person = revised.enquiry.person
    restrictions.restriction_place(
        actor=named, person=person, reason="staff", named_users=[practitioner]
    )
    outsider = UserFactory(role=Role.SAFEGUARDING_LEAD)
    client.force_login(outsider)
    text = _text(client.get(f"/audit/people/{person.reference}/"))
    assert "changed what a restricted person wants to happen" in text
    assert "Margaret" not in text


def test_bookkeeping_fields_are_left_out_and_choices_read_as_labels():
    assert wording.field_label("desiredoutcome", "created_by_id") is None
    assert wording.field_label("desiredoutcome", "revision_count") is None
    assert wording.field_label("enquiry", "updated_at") is None
    assert wording.field_label("enquiry", "sac_asked_outcomes") == "Asked about desired outcomes"
    assert wording.field_label("enquiry", "lead_id") == "Lead practitioner"
    assert wording.value_words("user", "role", Role.TEAM_MANAGER) == "Team manager"


def test_an_entry_about_no_record_reads_as_a_sentence(practitioner):
    entry = AuditEntry(actor=practitioner, action="sign_in")
    assert wording.describe(entry).sentence == f"{practitioner} signed in"


def test_a_staff_account_reads_by_name_or_as_removed(practitioner):
    practitioner.first_name, practitioner.last_name = "Priya", "Shah"
    assert wording.staff_account_words(practitioner, practitioner.pk) == (
        f"Priya Shah ({practitioner.username})"
    )
    assert wording.staff_account_words(None, "42") == "A staff account since removed (number 42)"
    assert wording.staff_account_words(None, "") == "A staff account since removed"


def test_changes_to_staff_access_name_an_account_since_removed_in_words(client, lead):
    from msp.accounts.models import User
    from msp.accounts.services import access_changed, access_snapshot

    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, first_name="Alex", last_name="Ng")
    leaver = UserFactory(role=Role.BOARD_MEMBER, first_name="Lee", last_name="Ver")
    before = access_snapshot(leaver)
    User.objects.filter(pk=leaver.pk).update(role=Role.PRACTITIONER)
    leaver.refresh_from_db()
    access_changed(actor=admin, user=leaver, before=before)
    number = leaver.pk
    client.force_login(lead)
    assert f"Lee Ver ({leaver.username})" in _text(client.get("/audit/staff-access/"))
    leaver.delete()  # not done in the service, but an account can be removed from the database
    text = _text(client.get("/audit/staff-access/"))
    assert f"A staff account since removed (number {number})" in text
    assert f"Account {number}" not in text
    assert "Alex Ng" in text  # who made the change, still named
