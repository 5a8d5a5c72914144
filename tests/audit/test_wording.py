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
    assert "What changed: What do they want now, in their own words?" in text
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
    person.last_name = "Quarrendon"  # a surname no factory picks
    person.save()
    restrictions.restriction_place(
        actor=named, person=person, reason="staff", named_users=[practitioner]
    )
    outsider = UserFactory(role=Role.SAFEGUARDING_LEAD)
    client.force_login(outsider)
    text = _text(client.get(f"/audit/people/{person.reference}/"))
    assert "changed what a restricted person wants to happen" in text
    # Staff can share the person's first name (the factories pick staff names at random), so
    # the check is on the sentences that would name her and on her full name.
    for naming in ("what Margaret wants", "Margaret's", person.full_name):
        assert naming not in text, naming


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


# What the services store (action, detail, reason) and the detail column's words for it.
STORED = [
    ("search", "audit search", "", ["Searched the audit trail."]),
    ("view", "who has seen this record", "", ["Looked at who has seen this record."]),
    ("view", "changes to staff access", "", ["Looked at the changes to staff access."]),
    (
        "create",
        "import upload.zip: 1 people, 2 concerns, 1 enquiries, 1 risks",
        "",
        ["Imported upload.zip: 1 person, 2 concerns, 1 enquiry and 1 risk."],
    ),
    (
        "create",
        "import set.xlsx: 3 people, 4 concerns, 0 enquiries, 5 risks (2 errors left out); "
        "rows naming no team to Duty team",
        "",
        [
            "Imported set.xlsx: 3 people, 4 concerns, 0 enquiries and 5 risks.",
            "2 errors left out, with their rows.",
            "Concerns that named no team went to Duty team.",
        ],
    ),
    (
        "export",
        "export csv all dates all teams, 1 concerns, 1 people, 1 risks",
        "",
        ["Exported 1 concern, 1 person and 1 risk as CSV files: concerns of all dates, all teams."],
    ),
    (
        "export",
        "export xlsx 2025-04-01..2026-03-31 team North locality, 12 concerns, 10 people, 15 risks",
        "",
        [
            "Exported 12 concerns, 10 people and 15 risks as a spreadsheet: concerns received "
            "from 1 April 2025 to 31 March 2026, team North locality."
        ],
    ),
    (
        "export",
        "export csv …..2026-03-31 all teams, 0 concerns, 0 people, 0 risks",
        "",
        [
            "Exported 0 concerns, 0 people and 0 risks as CSV files: concerns received up to "
            "31 March 2026, all teams."
        ],
    ),
    ("refused", "GET /people/P000123/", "", ["Asked to open /people/P000123/."]),
    ("refused", "POST /enquiries/5/close/", "", ["Tried to send a form to /enquiries/5/close/."]),
    (
        "view",
        "admin: accounts_team_changelist",
        "",
        ["Looked at the list of teams in the administration pages."],
    ),
    (
        "view",
        "admin: reference_referenceitem_history 12",
        "",
        ["Looked at the history of a reference item in the administration pages."],
    ),
    ("view", "via API", "", ["Through the API."]),
    (
        "view",
        "via API: people, 2 of 40 from 1",
        "",
        ["Listed people through the API: 2 of 40, from number 1."],
    ),
    (
        "search",
        "via API: Smith 1940-05-01",
        "",
        ["Searched through the API for “Smith 1940-05-01”."],
    ),
    (
        "view",
        "via API: allegations of concern C000012",
        "",
        ["Read the risks recorded in concern C000012 through the API."],
    ),
    (
        "view",
        "via API: closing review of enquiry 44",
        "",
        ["Read the closing review through the API."],
    ),
    (
        "view",
        "SAC return 2025-26 via API",
        "",
        ["Read the statutory return for 2025-26 through the API."],
    ),
    (
        "view",
        "SAC return 2025-26 publication downloaded",
        "",
        ["Downloaded the statutory return for 2025-26 in the national publication's layout."],
    ),
    (
        "download",
        "board report 2025-26 Q1 pdf downloaded",
        "",
        ["Downloaded the board report for 2025-26 Q1 as a PDF."],
    ),
    (
        "create",
        "API token “laptop” created: read, reporting; expires 2026-06-30",
        "",
        [
            "Created the API token “laptop” (read case records; measures and the statutory "
            "return). It stops working on 30 June 2026."
        ],
    ),
    ("change", "API token “laptop” revoked", "", ["Stopped the API token “laptop” from working."]),
    (
        "permission_change",
        "role from the identity provider's role claim; gives access to case records",
        "",
        [
            "The role was given by the council's single sign-on.",
            "This gives access to case records.",
        ],
    ),
    (
        "permission_change",
        "password set by an administrator",
        "",
        ["An administrator set the password."],
    ),
    (
        "permission_change",
        "two-factor authenticator reset",
        "Lost phone",
        [
            "Reset two-factor sign-in: a new code is needed to set it up.",
            "Reason given: Lost phone.",
        ],
    ),
    (
        "sign_in_failed",
        "wrong two-factor enrolment code; code withdrawn after 5 wrong tries",
        "",
        [
            "Entered a wrong code to set up two-factor sign-in.",
            "The code was withdrawn after 5 wrong tries.",
        ],
    ),
    (
        "sign_in_failed",
        "single sign-on refused: no_role (roles claim gave no MSP role)",
        "",
        [
            "Single sign-on was refused: the sign-in service gave no single MSP role "
            "(roles claim gave no MSP role)."
        ],
    ),
    (
        "redact",
        "old and new values removed from 3 entries",
        "retention",
        [
            "Removed the old and new values from 3 earlier entries.",
            "Under the retention schedule.",
        ],
    ),
    (
        "create",
        "Kept changes sent after signing out, from /enquiries/5/close/",
        "",
        ["Kept what was sent from /enquiries/5/close/ after signing out, as a draft."],
    ),
    (
        "archive",
        "4 unsaved drafts deleted after 72 hours",
        "",
        ["Deleted 4 unsaved drafts, kept for 72 hours."],
    ),
    (
        "download",
        "triangulation The whole council 2025-26 downloaded",
        "",
        [
            "Downloaded the side by side of figures, audits and feedback: the whole council, 2025-26."
        ],
    ),
    (
        "print",
        "leaflet easy-read printed",
        "",
        ["Printed the leaflet “What happens now: easy read”."],
    ),
    (
        "create",
        "audit sample of 10 from 42 cases, seed 2026",
        "",
        [
            "Drew 10 cases from 42 for case file audit (seed 2026, so the same sample can be "
            "drawn again)."
        ],
    ),
    (
        "create",
        "rectification request recorded: not corrected",
        "",
        ["Recorded a request to correct the record: the record was not corrected."],
    ),
    (
        "create",
        "feedback code given to their representative",
        "",
        ["Gave a code to answer the follow-up to their representative."],
    ),  # fmt: skip
    ("search", "margaret", "", ["Searched for “margaret”."]),
    ("view", "a note no rule knows", "", ["A note no rule knows."]),
    # The reason: the step a service named, or what someone typed.
    ("create", "", "Created", ["Added Margaret as a new person."]),
    ("change", "", "Revised", ["What Margaret wants has changed."]),
    ("change", "", "Withdrawn", ["Margaret no longer wants this."]),
    ("change", "", "Closed", ["Closed the enquiry."]),
    (
        "change",
        "",
        "Changed in the administration pages: name, active",
        ["Changed in the administration pages."],
    ),
    ("archive", "", "Added in error", ["Reason given: Added in error."]),
    ("break_glass", "", "Duty call out of hours", ["Reason given: Duty call out of hours."]),
]


@pytest.mark.parametrize(
    "action, detail, reason, words", STORED, ids=[f"{row[0]}: {row[1] or row[2]}" for row in STORED]
)
def test_what_the_services_stored_reads_as_sentences(action, detail, reason, words):
    entry = AuditEntry(action=action, detail=detail, reason=reason, actor_name="someone")
    assert list(wording.describe(entry, person_name="Margaret").notes) == words


def test_an_account_the_administration_pages_showed_is_named(practitioner):
    entry = AuditEntry(action="view", detail=f"admin: accounts_user_change {practitioner.pk}")
    assert wording.account_names([entry]) == {practitioner.pk: str(practitioner)}
    said = wording.describe(entry, account_names=wording.account_names([entry]))
    assert said.notes == (
        f"Looked at the staff account of {practitioner} in the administration pages.",
    )


def test_every_step_a_service_names_has_its_sentence():
    """A service that saves with a new step name (save_recorded's reason) must say it here too,
    or the audit trail would show it as a reason someone gave."""
    import ast
    from pathlib import Path

    root = Path(wording.__file__).resolve().parents[1]

    def constants(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.IfExp):
            yield from constants(node.body)
            yield from constants(node.orelse)

    named = {}
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "reason":
                        for step in constants(keyword.value):
                            named.setdefault(step, f"{path.relative_to(root)}:{node.lineno}")
    assert len(named) > 40, "the scan found too few steps: has the way services save changed?"
    missing = {step: where for step, where in named.items() if step not in wording.STEP_SENTENCES}
    assert not missing, missing


def test_records_a_list_returned_and_the_answers_changed_read_as_sentences(practitioner):
    listed = AuditEntry(action="view", changes={"returned": ["P000001", "P000002"]})
    assert wording.describe(listed).listed == "Records shown: P000001, P000002."
    assert wording.describe(AuditEntry(action="search", changes={"returned": []})).listed == (
        "Nothing found."
    )
    created = AuditEntry(action="create", object_type="team", changes={"name": [None, "North"]})
    assert wording.describe(created).listed == "What was recorded: Name."
    changed = AuditEntry(
        action="permission_change", object_type="user", changes={"role": ["a", "b"]}
    )
    assert wording.describe(changed).listed == "What changed: Role."


def test_the_audit_page_shows_what_was_stored_in_plain_sentences(client, lead, practitioner):
    from msp.audit.services import audit_append
    from msp.people.services import person_create

    practitioner.first_name, practitioner.last_name = "Priya", "Shah"
    practitioner.save()
    person_create(
        actor=practitioner,
        first_name="Margaret",
        last_name="Jones",
        date_of_birth=date(1941, 3, 14),
    )
    for action, detail, reason in (
        ("export", "export csv all dates all teams, 1 concerns, 1 people, 1 risks", ""),
        ("refused", "GET /people/P000999/", ""),
        ("view", "admin: accounts_team_changelist", ""),
        ("view", "via API: people, 2 of 40 from 1", ""),
        ("break_glass", "", "Duty call out of hours"),
    ):
        audit_append(actor=practitioner, action=action, detail=detail, reason=reason)
    client.force_login(lead)
    text = _text(client.get("/audit/", {"username": practitioner.username}))
    for words in (
        "Priya Shah recorded Margaret's details Added Margaret as a new person.",
        "What was recorded: Reference; First name; Last name; Date of birth;",
        "Priya Shah exported records Exported 1 concern",
        "Priya Shah looked at a page Listed people through the API",
        "Exported 1 concern, 1 person and 1 risk as CSV files: concerns of all dates, all teams.",
        "Asked to open /people/P000999/.",
        "Looked at the list of teams in the administration pages.",
        "Listed people through the API: 2 of 40, from number 1.",
        "Reason given: Duty call out of hours.",
    ):
        assert words in text, words
    for stored in ("Reason: Created", "Reason:", "export csv", "admin:", "via API:", "GET /"):
        assert stored not in text, stored


def test_changed_answers_are_listed_in_the_records_own_order_whatever_the_database_kept():
    forwards = {"first_name": [None, "Margaret"], "date_of_birth": [None, "1941-03-14"]}
    backwards = dict(reversed(list(forwards.items())))
    for changes in (forwards, backwards):
        entry = AuditEntry(action="change", object_type="person", changes=changes)
        assert wording.changed_fields(entry) == ["First name", "Date of birth"]


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
