"""Subject access: everything held about the person, history and access log included, third-party
information marked (not removed), as JSON and PDF in one audited ZIP download."""

import html
import io
import json
import re
import zipfile
from datetime import date

import pytest

from msp.audit.models import Action, AuditEntry
from msp.privacy.selectors import coded_label, subject_access_data
from msp.privacy.subject_access import as_pdf, document_html
from tests.privacy.support import (
    SECRET_REFERRER,
    SECRET_REPRESENTATIVE,
    SECRET_STORY,
    SECRET_WORDS,
    full_case,
)
from tests.support.pdf import assert_tagged_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(team, practitioner):
    return full_case(
        team=team, actor=practitioner, received=date(2025, 4, 10), closed=date(2025, 6, 1)
    )


def test_bundle_holds_every_record_with_history_and_access_log(case, client, practitioner):
    someone, enquiry = case
    client.force_login(practitioner)
    client.get(f"/people/{someone.reference}/")
    data = subject_access_data(someone)
    sections = data["sections"]
    for key in (
        "person", "concerns", "allegations", "enquiries", "conversations", "capacity_assessments",
        "representations", "risk_discussions", "closing_reviews", "desired_outcomes",
        "outcome_events",
    ):  # fmt: skip
        assert sections[key]["records"], key
    assert sections["concerns"]["records"][0]["what_reported"] == SECRET_STORY
    assert sections["desired_outcomes"]["records"][0]["words"] == SECRET_WORDS
    assert {row["change"] for row in sections["enquiries"]["history"]} == {"created", "changed"}
    assert any(row["action"] == "Viewed" for row in data["access_log"])


def test_third_party_information_is_marked_not_removed(case):
    someone, _ = case
    data = subject_access_data(someone)
    concern = data["sections"]["concerns"]["records"][0]
    assert concern["raised_by_name"] == SECRET_REFERRER
    assert "raised_by_name" in concern["third_party_review"]
    representation = data["sections"]["representations"]["records"][0]
    assert representation["name"] == SECRET_REPRESENTATIVE
    marked = {
        (item["record"].split()[0], item["field"]) for item in data["third_party_review"]["items"]
    }
    assert {
        ("concern", "raised_by_name"),
        ("representation", "name"),
        ("conversation", "notes"),
    } <= marked
    assert "staff" in data["third_party_review"]["staff_names"].lower()


def test_download_is_a_zip_of_json_and_pdf_and_is_audited(case, client, lead):
    someone, _ = case
    client.force_login(lead)
    response = client.get(f"/privacy/people/{someone.reference}/subject-access/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    stem = f"subject-access-{someone.reference}"
    assert {f"{stem}.json", f"{stem}.pdf"} <= names
    assert json.loads(archive.read(f"{stem}.json"))["about"]["reference"] == someone.reference
    assert archive.read(f"{stem}.pdf").startswith(b"%PDF")
    entry = AuditEntry.objects.filter(person=someone, action=Action.EXPORT).get()
    assert entry.detail == "subject access bundle" and entry.actor == lead
    assert someone.first_name not in entry.detail


def test_pdf_escapes_what_was_typed(case):
    someone, _ = case
    data = subject_access_data(someone)
    data["sections"]["concerns"]["records"][0]["what_reported"] = "<img src='http://example.com/x'>"
    # Rendering succeeds and fetches nothing: the text is escaped, and the fetcher refuses URLs.
    assert as_pdf(data).startswith(b"%PDF")


def _document_text(data) -> str:
    """The words of the bundle's document, as a reader (or a screen reader) meets them."""
    text = re.sub(r"<style.*?</style>", " ", document_html(data), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def test_document_reads_as_plain_words_without_ids_codes_or_machine_times(case, client, lead):
    someone, enquiry = case
    client.force_login(lead)
    client.get(f"/enquiries/{enquiry.pk}/")
    data = subject_access_data(someone)
    text = _document_text(data)
    # No machine dates or times, no microseconds, no "record 123"-style internal numbers.
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert not re.search(r"\d{2}:\d{2}:\d{2}", text)
    assert not re.search(
        r"\b(record|enquiry|outcome|allegation|review|conversation|person|concern)s? \d+\b",
        text,
        re.I,
    )
    assert not re.search(r"\bID\b", text)
    # Every code stored on the case is shown as its label, never as the code.
    allegation = someone.concerns.get().allegations.get()
    stored = {
        "type_of_risk": allegation.type_of_risk,
        "location_of_risk": allegation.location_of_risk,
        "source_of_risk": allegation.source_of_risk,
        "action_taken_and_result": enquiry.action_and_result,
        "risk_outcome": enquiry.risk_outcome,
        "representation_roles": "family_friend",
    }
    for list_code, code in stored.items():
        label = coded_label(list_code, code)
        assert label != code and label in text, (list_code, code)
        if "_" in code:  # a code that could be a word ("reduced") may be inside its label
            assert code not in text, code
    assert "has_capacity" not in text and "Has capacity for this decision" in text
    # Dates as GOV.UK writes them; the person and the council named in words.
    assert f"{enquiry.end_date.day} {enquiry.end_date:%B %Y}" in text
    assert "Demo Borough Council" in text or "Council" in text
    assert "Information" in text and someone.full_name in text
    assert re.search(r"\d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm)", text)
    # Staff by name, other records by what they are.
    assert lead.get_full_name() in text
    assert f"Enquiry {someone.concerns.get().reference}" in text


def test_pdf_is_tagged_for_screen_readers(case):
    someone, _ = case
    assert_tagged_pdf(as_pdf(subject_access_data(someone)))
