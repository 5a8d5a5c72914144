"""Information for people: the leaflets the council edits (with pictures in easy read) and a
person's own "what I want to happen" summary made from their enquiry."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from msp.audit.models import Action, AuditEntry
from msp.core.dates import today
from msp.improvement.information import wording
from msp.improvement.models import Leaflet, LeafletSection, PersonalSummary
from msp.outcomes import services as outcome_services
from tests.factories import ConversationFactory
from tests.support.pdf import assert_tagged_pdf

pytestmark = pytest.mark.django_db


def picture(fmt="PNG", size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (29, 112, 184)).save(out, format=fmt)
    return out.getvalue()


def test_the_leaflets_start_from_the_products_wording(client, practitioner):
    client.force_login(practitioner)
    page = client.get("/improvement/information/what-happens-now/").content.decode()
    assert "We will ask you what you would like to happen" in page
    easy = client.get("/improvement/information/easy-read/").content.decode()
    assert "msp-easy-read" in easy and "We will ask what you want to happen." in easy
    assert "Change" not in easy  # practitioners read and print; leads edit
    assert client.get("/improvement/information/easy-read/sections/1/").status_code == 404
    assert client.get("/improvement/information/nonsense/").status_code == 404


def test_easy_read_sentences_are_short():
    for _heading, text in wording.LEAFLETS["easy-read"]["sections"]:
        for sentence in text.split("\n\n"):
            assert len(sentence.split()) <= 12, sentence


def test_a_lead_changes_a_section_and_adds_a_picture(client, lead):
    client.force_login(lead)
    response = client.post(
        "/improvement/information/easy-read/sections/3/",
        {
            "heading": "We will talk with you",
            "text": "A social worker will visit you.\n\nYou choose where.",
            "shown": "on",
            "picture": SimpleUploadedFile("visit.jpg", picture("JPEG"), "image/jpeg"),
            "picture_description": "A social worker talking with a woman at home",
        },
    )
    assert response.status_code == 302
    section = LeafletSection.objects.get(leaflet__kind="easy-read", position=3)
    assert section.text.startswith("A social worker will visit you.")
    stored = Image.open(io.BytesIO(bytes(section.picture)))
    assert stored.format == "PNG"  # re-encoded, whatever was uploaded
    assert Leaflet.objects.get(kind="easy-read").sections.count() == 8
    served = client.get(f"/improvement/information/pictures/{section.pk}.png")
    assert served["Content-Type"] == "image/png" and served.content == bytes(section.picture)
    assert section.history.latest().history_user == lead
    assert AuditEntry.objects.filter(detail="picture added", object_id=str(section.pk)).exists()
    page = client.get("/improvement/information/easy-read/").content.decode()
    assert 'alt="A social worker talking with a woman at home"' in page


def test_every_problem_with_a_section_is_shown_at_once(client, lead):
    client.force_login(lead)
    response = client.post(
        "/improvement/information/easy-read/sections/2/",
        {
            "heading": " ",
            "text": "",
            "shown": "on",
            "picture": SimpleUploadedFile("x.png", b"not a picture at all", "image/png"),
        },
    )
    page = response.content.decode()
    for message in (
        "Enter a heading",
        "Write the words for this section",
        "not a picture we can read",
    ):
        assert message in page, message
    assert not LeafletSection.objects.exists()


def test_a_picture_needs_words_that_describe_it(client, lead):
    client.force_login(lead)
    response = client.post(
        "/improvement/information/easy-read/sections/1/",
        {
            "heading": "We want you to be safe",
            "text": "We want to help.",
            "shown": "on",
            "picture": SimpleUploadedFile("a.png", picture(), "image/png"),
        },
    )
    assert "Describe the picture in a few words" in response.content.decode()


def test_a_section_can_be_hidden_from_the_leaflet(client, lead, practitioner):
    client.force_login(lead)
    client.post(
        "/improvement/information/what-happens-now/sections/6/",
        {"heading": "Your information", "text": "", "seen_version": ""},
    )
    client.logout()
    client.force_login(practitioner)
    page = client.get("/improvement/information/what-happens-now/").content.decode()
    assert ">Your information</h2>" not in page and ">At the end</h2>" in page


def test_leaflets_print_as_tagged_pdfs(client, lead, practitioner):
    client.force_login(lead)
    client.post(
        "/improvement/information/easy-read/sections/1/",
        {
            "heading": "We want you to be safe",
            "text": "We want to help.",
            "shown": "on",
            "picture": SimpleUploadedFile("a.png", picture(), "image/png"),
            "picture_description": "A person smiling",
        },
    )
    client.force_login(practitioner)
    for kind in ("easy-read", "what-happens-now"):
        response = client.get(f"/improvement/information/{kind}/leaflet.pdf")
        assert response["Content-Type"] == "application/pdf"
        assert_tagged_pdf(response.content)
    assert AuditEntry.objects.filter(actor=practitioner, action=Action.PRINT).count() == 2


def test_a_summary_for_the_person_from_their_outcomes(client, enquiry, practitioner):
    ConversationFactory(
        enquiry=enquiry,
        actor=practitioner,
        new_outcomes=[
            {"words": "I want to stay in my flat", "expressed_by": "person"},
            {"words": "She wants her son to visit", "expressed_by": "representative"},
        ],
    )
    enquiry.team.phone = "01234 567890"
    enquiry.team.save()
    client.force_login(practitioner)
    form = client.get(f"/improvement/enquiries/{enquiry.pk}/summary/")
    assert "01234 567890" in form.content.decode() and practitioner.email in form.content.decode()
    response = client.post(
        f"/improvement/enquiries/{enquiry.pk}/summary/",
        {
            "how_to_reach": f"{practitioner.get_full_name()}, phone 01234 567890",
            "what_happens_next": "I will visit you next Tuesday.",
            "large_print": "on",
        },
    )
    summary = PersonalSummary.objects.get()
    assert response.url == f"/improvement/summaries/{summary.pk}/"
    assert [o["words"] for o in summary.outcomes] == [
        "I want to stay in my flat",
        "She wants her son to visit",
    ]
    assert AuditEntry.objects.filter(
        action=Action.CREATE, object_type="personalsummary", person=enquiry.person
    ).exists()
    page = client.get(response.url).content.decode()
    assert "“I want to stay in my flat”" in page and "msp-large-print" in page
    assert "I will visit you next Tuesday." in page
    assert "(said by a representative" in page
    # What the person was given stays as it was, whatever changes on the enquiry later.
    outcome = enquiry.outcomes.get(words="I want to stay in my flat")
    outcome_services.outcome_revise(
        actor=practitioner,
        outcome=outcome,
        words="I want to move nearer my son",
        reason="Changed",
        happened_on=today(),
    )
    assert "“I want to stay in my flat”" in client.get(response.url).content.decode()
    pdf = client.get(f"/improvement/summaries/{summary.pk}/summary.pdf")
    assert_tagged_pdf(pdf.content)
    assert AuditEntry.objects.filter(action=Action.PRINT, person=enquiry.person).exists()


def test_no_summary_without_outcomes_and_every_problem_at_once(client, enquiry, practitioner):
    client.force_login(practitioner)
    response = client.post(
        f"/improvement/enquiries/{enquiry.pk}/summary/",
        {"how_to_reach": " ", "what_happens_next": ""},
    )
    page = response.content.decode()
    assert "Say how they can reach you" in page and "Say what happens next" in page
    response = client.post(
        f"/improvement/enquiries/{enquiry.pk}/summary/",
        {"how_to_reach": "Phone me", "what_happens_next": "A visit"},
    )
    assert "record what" in response.content.decode() and not PersonalSummary.objects.exists()


def test_outsiders_cannot_make_or_read_a_summary(
    client, enquiry, practitioner, other_practitioner, board_member
):
    ConversationFactory(
        enquiry=enquiry,
        actor=practitioner,
        new_outcomes=[{"words": "I want to feel safe", "expressed_by": "person"}],
    )
    client.force_login(practitioner)
    client.post(
        f"/improvement/enquiries/{enquiry.pk}/summary/",
        {"how_to_reach": "Phone me", "what_happens_next": "A visit"},
    )
    summary = PersonalSummary.objects.get()
    for outsider in (other_practitioner, board_member):
        client.force_login(outsider)
        assert client.get(f"/improvement/enquiries/{enquiry.pk}/summary/").status_code == 404
        assert client.get(f"/improvement/summaries/{summary.pk}/").status_code == 404
        assert client.get(f"/improvement/summaries/{summary.pk}/summary.pdf").status_code == 404
