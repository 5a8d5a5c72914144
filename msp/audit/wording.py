"""The audit trail in plain words: who did what to which record, and which answers changed.

The one place that turns an entry's action, record type and changed fields into words. Field
names are read from the labels of the forms that edit each record (and the statutory return's
own labels), so a label changed on a form reads the same in the audit trail; only fields no
form shows get a label here. Bookkeeping fields (ids, timestamps, versions, search keys) are
left out: they say nothing a reader of the trail needs.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps
from django.db import models

from msp.audit.models import Action

# How each record is named in a sentence; {name} is what the person is called.
RECORD_PHRASES = {
    "person": "{name}'s details",
    "concern": "a concern about {name}",
    "allegation": "a risk in a concern about {name}",
    "enquiry": "{name}'s enquiry",
    "conversation": "a conversation with {name}",
    "capacityassessment": "an assessment of {name}'s capacity",
    "representation": "who represents {name}",
    "riskdiscussion": "a discussion of risks with {name}",
    "response": "a response agreed with {name}",
    "closingreview": "the closing review of {name}'s enquiry",
    "experiencerating": "what {name} said about the support",
    "desiredoutcome": "what {name} wants to happen",
    "outcomeevent": "what {name} wants to happen",
    "personalsummary": "the summary written for {name}",
    "recordrestriction": "the restriction on {name}'s record",
    "breakglassaccess": "{name}'s restricted record",
    "legalhold": "a legal hold on {name}'s records",
    "rectification": "a request to correct {name}'s record",
    "anonymisation": "{name}'s records, made anonymous",
    "projectcase": "{name}'s enquiry in an improvement project",
}
# Records about no one in particular.
PLAIN_PHRASES = {"user": "a staff account", "draft": "a saved draft", "importbatch": "an import"}

# The forms whose labels name each record's fields (module, class).
RECORD_FORMS = {
    "people.person": [("msp.people.forms", "PersonForm")],
    "concerns.concern": [
        ("msp.concerns.forms", "ConcernForm"),
        ("msp.concerns.forms", "DecisionForm"),
    ],
    "concerns.allegation": [("msp.concerns.forms", "AllegationForm")],
    "enquiries.enquiry": [
        ("msp.enquiries.forms", "AllocateForm"),
        ("msp.enquiries.forms", "CloseForm"),
        ("msp.enquiries.forms", "ClosingReviewForm"),
    ],
    "enquiries.conversation": [("msp.enquiries.forms", "ConversationForm")],
    "enquiries.capacityassessment": [("msp.enquiries.forms", "CapacityForm")],
    "enquiries.representation": [("msp.enquiries.forms", "RepresentationForm")],
    "enquiries.riskdiscussion": [("msp.enquiries.forms", "RiskDiscussionForm")],
    "enquiries.response": [("msp.enquiries.forms", "ResponseForm")],
    "enquiries.closingreview": [("msp.enquiries.forms", "ClosingReviewForm")],
    "outcomes.desiredoutcome": [("msp.outcomes.forms", "ReviseForm")],
    "returns.safeguardingadultsreview": [("msp.returns.forms", "ReviewForm")],
    "privacy.legalhold": [
        ("msp.privacy.forms", "LegalHoldForm"),
        ("msp.privacy.forms", "LiftLegalHoldForm"),
    ],
    "privacy.rectification": [("msp.privacy.forms", "RectificationForm")],
}

# Fields that no form shows by their own name (the closing review rates outcomes under
# per-outcome names, for instance).
FIELD_LABELS = {
    "archived_reason": "Why it was archived",
    "status": "Whether it is still wanted",
    "achievement": "Whether it was achieved",
    "persons_view": "What the person said about it",
    "practitioner_reasons": "The practitioner's reasons",
    "not_rated_reason": "Why it could not be rated",
    "sac_corrections": "Corrections to the figures for the return",
    "processing_restricted": "Processing restricted",
    "processing_restricted_reason": "Why processing is restricted",
    "date_of_death": "Date of death",
    "team": "Team",
    "lead": "Lead practitioner",
    "role": "Role",
    "teams": "Teams",
    "case_access": "Access to case records",
    "is_active": "Account active",
    "is_staff": "May use the administration pages",
    "is_superuser": "Has every administration permission",
}

# Bookkeeping: never shown.
BOOKKEEPING = {
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "archived_at",
    "version",
    "revision_count",
    "name_keys",
    "source_reference",
    "processing_restricted_since",
    "processing_restricted_by",
    "password",
    "last_login",
    "code_hash",
}
# A record's link to the record it belongs to is named by the sentence already.
PARENTS = {"person", "enquiry", "concern", "review", "outcome", "project"}

# Sentences for actions about no record, or that read differently from the action's label.
ACTION_SENTENCES = {
    Action.CREATE: "recorded {record}",
    Action.REFUSED: "was refused {record}",
    Action.BREAK_GLASS: "opened {record} with a reason",
    Action.DOWNLOAD: "downloaded {record}",
    Action.PERMISSION_CHANGE: "changed the access of {record}",
}
NOTHING_NAMED = {Action.REFUSED: "was refused access", Action.DOWNLOAD: "downloaded a report"}


@cache
def _models_by_name() -> dict:
    return {
        model._meta.model_name: model
        for model in apps.get_models()
        if not model._meta.model_name.startswith("historical")
    }


@cache
def _form_labels(label: str) -> dict:
    labels = {}
    for module, name in RECORD_FORMS.get(label, []):
        form = getattr(import_module(module), name)
        for field_name, field in form.base_fields.items():
            if field.label:
                labels.setdefault(field_name, str(field.label).removesuffix(" (optional)"))
    if label == "enquiries.enquiry":
        from msp.enquiries.statutory import FIELDS

        labels.update({name: words for name, (words, _) in FIELDS.items()})
    return labels


def field_label(object_type: str, attname: str) -> str | None:
    """The words for one field of a record, or None for bookkeeping to leave out."""
    model = _models_by_name().get(object_type)
    name = attname.removesuffix("_id")
    if name in BOOKKEEPING or name in PARENTS:
        return None
    if model is not None:
        labels = _form_labels(model._meta.label_lower)
        if name in labels:
            return labels[name]
        if attname in labels:
            return labels[attname]
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:
        return None
    if isinstance(field, models.AutoField) or not field.editable:
        return None
    return str(field.verbose_name).capitalize()


def value_words(object_type: str, attname: str, value) -> str:
    """A recorded value in words: a choice by its label ("Team manager", not "team_manager")."""
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    model = _models_by_name().get(object_type)
    try:
        field = model._meta.get_field(attname.removesuffix("_id")) if model else None
    except Exception:
        field = None
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "none"
    return str(value)


def changed_fields(entry) -> list[str]:
    """What an entry changed, as field labels, bookkeeping left out."""
    if entry.records_returned is not None or entry.action == Action.REDACT:
        return []
    labels = (field_label(entry.object_type, name) for name in entry.changes or {})
    return list(dict.fromkeys(label for label in labels if label))


def record_words(object_type: str, person_name: str) -> str:
    """A record named in words: "what Margaret wants to happen", "an import"."""
    if object_type in RECORD_PHRASES and person_name:
        return RECORD_PHRASES[object_type].format(name=person_name)
    if object_type in PLAIN_PHRASES:
        return PLAIN_PHRASES[object_type]
    model = _models_by_name().get(object_type)
    words = str(model._meta.verbose_name) if model is not None else "a record"
    if model is not None:
        words = f"{'an' if words[0] in 'aeiou' else 'a'} {words}"
    return f"{words} about {person_name}" if person_name else words


@dataclass(frozen=True)
class Described:
    who: str
    sentence: str
    changed: list[str]


def staff_account_words(account, number) -> str:
    """A staff account an entry is about, as a reader knows it: "Priya Shah (priya.shah)", or,
    for an account no longer in the service, what became of it and its number (the entry keeps
    only that)."""
    if account is not None:
        return f"{account} ({account.username})"
    if not number:
        return "A staff account since removed"
    return f"A staff account since removed (number {number})"


def actor_words(entry) -> str:
    if entry.actor is not None:
        return str(entry.actor)
    return entry.actor_name or "Someone"


def describe(entry, *, person_name: str = "") -> Described:
    """One entry as a sentence: "Priya Shah changed what Margaret wants to happen"."""
    who = actor_words(entry)
    named = bool(entry.object_type) or bool(person_name)
    if named:
        record = record_words(entry.object_type or "person", person_name)
        template = ACTION_SENTENCES.get(entry.action)
        what = (
            template.format(record=record)
            if template
            else f"{Action(entry.action).label.lower()} {record}"
            if entry.action in Action.values
            else record
        )
    else:
        what = NOTHING_NAMED.get(entry.action) or (
            Action(entry.action).label.lower() if entry.action in Action.values else entry.action
        )
    return Described(who=who, sentence=f"{who} {what}", changed=changed_fields(entry))


def person_names(entries, user) -> dict:
    """What to call the person of each entry, for this reader: what they are known as, or "a
    restricted person" where the reader may not open the record. One query for the page."""
    from msp.accounts.policy import identity_withheld
    from msp.people.models import Person

    ids = {entry.person_id for entry in entries if entry.person_id}
    people = Person.objects.filter(pk__in=ids)
    openable = set(people.exclude(identity_withheld(user)).values_list("pk", flat=True))
    return {
        person.pk: person.known_as if person.pk in openable else "a restricted person"
        for person in people.only("pk", "first_name", "preferred_name")
    }


def described_page(entries, user) -> list[tuple]:
    """Each entry with its description, for the audit pages."""
    names = person_names(entries, user)
    return [
        (entry, describe(entry, person_name=names.get(entry.person_id, ""))) for entry in entries
    ]
