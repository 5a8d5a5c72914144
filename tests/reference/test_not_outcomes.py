"""The catalogue of ideas that are not outcomes catches the idea however it is worded, and lets
real outcomes through: phrase tables both ways, the pattern notation, and councils' edits."""

import pytest
from django.core.exceptions import ValidationError

from msp.audit.models import AuditEntry
from msp.reference import services
from msp.reference.models import NotOutcomeIdea
from msp.reference.not_outcomes import PatternError, compile_pattern, plain_text
from msp.reference.selectors import not_outcome_match

pytestmark = pytest.mark.django_db

# (words as a practitioner might type them, the idea that refuses them)
REFUSED = [
    ("I want more monitoring", "more_care"),
    ("More carers to visit", "more_care"),
    ("Not substantiated", "conclusion"),
    ("I want the abuse to be substantiated", "conclusion"),
    ("Safeguarding plan in place", "process_step"),
    ("I'd like the allegation to be upheld", "conclusion"),
    ("Increased monitoring by the care agency", "more_care"),
    ("She needs more care at home", "more_care"),
    ("An increase in her care package", "more_care"),
    ("Extra support hours for Mum", "more_care"),
    ("Daily welfare checks", "more_care"),
    ("Move her into a care home", "placement"),
    ("Referral to the community mental health team", "process_step"),
    ("A strategy meeting with the police", "process_step"),
    ("Case closed", "process_step"),
    ("Risk assessment done", "process_step"),
    ("No evidence of abuse", "conclusion"),
    ("She needs to be monitored", "more_care"),
    ("Protection plan agreed", "process_step"),
    ("Allegations unsubstantiated.", "conclusion"),
    ("MORE   CARE!", "more_care"),
    ("Want the son’s abuse proven", "conclusion"),
]

GENUINE = [
    "I want to feel safe at home",
    "I want the carers to treat me with respect",
    "I want my son to get help with his drinking",
    "I want to keep seeing my grandson on Sundays",
    "I want my money back",
    "I want to stay in my own flat",
    "I want him to stop coming round when he's been drinking",
    "I want an apology from the care home",
    "I want to go to church again",
    "I don't want my daughter to get into trouble",
    "I want to choose who comes into my home",
    "I want more respect from the carers",
    "I want more visits from my grandchildren",
    "I want to be more careful about who I give my bank card to",
    "I want the shouting to stop",
    "I want the staff to listen to me",
    "I want to manage my own money again",
    "I want to spend more time in the garden",
    "I want to be involved in decisions about my care",
    "I want the same carers every day so I know who is coming",
    "I want to move closer to my sister",
    "I want justice for what he did to me",
    "I want to know who to ring if it happens again",
]


@pytest.mark.parametrize(("words", "idea"), REFUSED)
def test_ideas_that_are_not_outcomes_are_caught_however_worded(words, idea):
    match = not_outcome_match(words)
    assert match is not None, f"“{words}” was let through"
    assert match.idea.code == idea


@pytest.mark.parametrize("words", GENUINE)
def test_real_outcomes_in_peoples_words_pass(words):
    match = not_outcome_match(words)
    assert match is None, f"“{words}” refused by {match.idea.code}: {match.pattern}"


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("care package", "her care package", True),
        ("care package", "care, package", True),  # punctuation between words is ignored
        ("care package", "package of care", False),  # order matters
        ("more/extra care", "extra care", True),
        ("substantiat*", "unsubstantiated", False),  # whole words only
        ("substantiat*", "substantiation", True),
        ("abuse ... proven", "abuse was never really proven", True),  # up to three between
        ("abuse ... proven", "abuse and then a long time later proven", False),
        ("dont want", "I don't want", True),  # apostrophes are ignored
        ("more care", "more careful", False),
        ("section 42", "a section 42 enquiry", True),
    ],
)
def test_the_pattern_notation(pattern, text, found):
    assert bool(compile_pattern(pattern).search(plain_text(text))) is found


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("", "at least one word"),
        ("... care", "only between two words"),
        ("more ... ... care", "once between two words"),
        ("sub*stantiated", "* only at the end"),
        ("care (home)", "letters and numbers"),
        ("more//extra care", "letters and numbers"),
    ],
)
def test_a_pattern_that_cannot_be_read_says_why(pattern, says):
    with pytest.raises(PatternError) as caught:
        compile_pattern(pattern)
    assert says in str(caught.value)


def test_refusal_explains_the_idea_and_what_to_ask_instead(enquiry, practitioner):
    from msp.core.dates import today
    from msp.outcomes import services as outcomes

    with pytest.raises(ValidationError) as caught:
        outcomes.outcome_express(
            actor=practitioner,
            enquiry=enquiry,
            words="I want more monitoring",
            expressed_by="person",
            happened_on=today(),
            name="Maureen",
        )
    [message] = caught.value.message_dict["words"]
    assert message == (
        "“I want more monitoring” is a service response, which may serve an outcome but is "
        "not one. Ask Maureen what they want to happen, in their own words: for example "
        "“I want to feel safe at night”."
    )


def idea(**overrides) -> NotOutcomeIdea:
    fields = {
        "code": "court_order",
        "name": "A court order",
        "patterns": "court order/orders\ninjunction/injunctions",
        "explanation": "a legal remedy, which may serve an outcome but is not one",
        "instead": "I want him to stay away from my house",
        "examples": "A court order against him\nAn injunction",
        "sort_order": 9,
    }
    return NotOutcomeIdea(**{**fields, **overrides})


def test_a_council_adds_an_idea_with_history_and_audit(lead):
    assert not_outcome_match("An injunction against my nephew") is None
    added = services.not_outcome_idea_save(actor=lead, idea=idea())
    assert not_outcome_match("An injunction against my nephew").idea == added
    entry = AuditEntry.objects.filter(object_type="notoutcomeidea").get()
    assert entry.actor_id == lead.pk and entry.changes["patterns"][1].startswith("court order")
    added.in_use = False
    services.not_outcome_idea_save(actor=lead, idea=added)
    assert not_outcome_match("An injunction against my nephew") is None
    assert added.history.count() == 2 and added.version == 2
    assert added.history.first().history_user == lead


@pytest.mark.parametrize(
    ("overrides", "field", "says"),
    [
        ({"patterns": "court ( order"}, "patterns", "Line “court ( order”"),
        ({"examples": "A restraining order"}, "examples", "None of the patterns catches"),
        ({"patterns": "court order\ncarers"}, "patterns", "which is a real outcome"),
    ],
)
def test_an_idea_that_would_misfire_is_refused_when_saved(lead, overrides, field, says):
    with pytest.raises(ValidationError) as caught:
        services.not_outcome_idea_save(actor=lead, idea=idea(**overrides))
    assert any(says in message for message in caught.value.message_dict[field])
    assert not NotOutcomeIdea.objects.filter(code="court_order").exists()


def test_the_admin_form_reports_every_problem(client):
    from msp.accounts.models import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    response = client.post(
        "/admin/reference/notoutcomeidea/add/",
        {
            "name": "A court order",
            "code": "court_order",
            "explanation": "a legal remedy",
            "instead": "I want him to stay away",
            "patterns": "court order\ncarers",
            "examples": "A restraining order",
            "in_use": "on",
            "sort_order": "9",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "which is a real outcome" in page
    assert "None of the patterns catches" in page
    assert not NotOutcomeIdea.objects.filter(code="court_order").exists()


def test_the_admin_saves_through_the_service(client):
    from msp.accounts.models import Role
    from tests.factories import UserFactory

    administrator = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(administrator)
    response = client.post(
        "/admin/reference/notoutcomeidea/add/",
        {
            "name": "A court order",
            "code": "court_order",
            "explanation": "a legal remedy, which may serve an outcome but is not one",
            "instead": "I want him to stay away from my house",
            "patterns": "court order/orders\ninjunction",
            "examples": "An injunction",
            "in_use": "on",
            "sort_order": "9",
        },
    )
    assert response.status_code == 302
    added = NotOutcomeIdea.objects.get(code="court_order")
    assert added.history.get().history_user == administrator
    assert AuditEntry.objects.filter(object_type="notoutcomeidea", actor_id=administrator.pk)
    assert not_outcome_match("I want a court order").idea == added
    assert client.get(f"/admin/reference/notoutcomeidea/{added.pk}/delete/").status_code == 403
