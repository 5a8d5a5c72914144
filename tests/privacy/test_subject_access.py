"""Subject access: everything held about the person, history and access log included, third-party
information marked (not removed), as JSON and PDF in one audited ZIP download."""

import io
import json
import zipfile
from datetime import date

import pytest

from msp.audit.models import Action, AuditEntry
from msp.privacy.selectors import subject_access_data
from msp.privacy.subject_access import as_pdf
from tests.privacy.support import (
    SECRET_REFERRER,
    SECRET_REPRESENTATIVE,
    SECRET_STORY,
    SECRET_WORDS,
    full_case,
)

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
