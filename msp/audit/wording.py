"""The audit trail in plain words: who did what to which record, and which answers changed.

The one place that turns an entry's action, record type, changed fields, stored detail and
reason into words. Field names are read from the labels of the forms that edit each record (and
the statutory return's own labels), so a label changed on a form reads the same in the audit
trail; only fields no form shows get a label here. Bookkeeping fields (ids, timestamps,
versions, search keys) are left out: they say nothing a reader of the trail needs.

What the services store (`detail`, `reason`) is kept exactly as written, since the chain's
hashes cover it; it is only read here, into sentences a manager would say.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import import_module

from django.apps import apps
from django.db import models

from msp.accounts.services import GIVES_CASE_ACCESS
from msp.audit.models import Action
from msp.core.words import counted, joined

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
NOTHING_NAMED = {
    Action.REFUSED: "was refused access",
    Action.DOWNLOAD: "downloaded a report",
    Action.VIEW: "looked at a page",
    Action.PRINT: "printed a page",
    Action.EXPORT: "exported records",
    Action.CREATE: "added records",
    Action.CHANGE: "made a change",
    Action.ARCHIVE: "removed records",
}


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


@cache
def _field_order(object_type: str) -> dict:
    model = _models_by_name().get(object_type)
    fields = model._meta.concrete_fields if model is not None else ()
    return {name: n for n, f in enumerate(fields) for name in (f.name, f.attname)}


def changed_fields(entry) -> list[str]:
    """What an entry changed, as field labels in the record's own order (PostgreSQL keeps the
    stored keys in an order of its own), bookkeeping left out."""
    if entry.records_returned is not None or entry.action == Action.REDACT:
        return []
    order = _field_order(entry.object_type)
    names = sorted(entry.changes or {}, key=lambda name: (order.get(name, len(order)), name))
    labels = (field_label(entry.object_type, name) for name in names)
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


# --- the detail column: what the services stored, as sentences ---------------------------------

CASE_ACCESS_SENTENCE = "This gives access to case records."

# The step a service names when it saves a record (save_recorded's reason), as a sentence;
# {name} is what the person is called ({Name} at the start of a sentence).
# tests/audit/test_wording.py fails when a service names a step that is missing here.
STEP_SENTENCES = {
    # people and concerns
    "Created": "Added {name} as a new person.",
    "Details changed": "Changed {name}'s details.",
    "Concern received": "Recorded a new concern.",
    "Allegation recorded": "Recorded a risk in the concern.",
    "Decision recorded": "Recorded the decision on the concern.",
    # enquiries
    "Enquiry opened": "Opened the enquiry.",
    "Allocated": "Allocated the enquiry.",
    "Conversation recorded": "Recorded a conversation.",
    "Capacity assessed": "Recorded an assessment of capacity.",
    "Representation recorded": "Recorded who represents {name}.",
    "Risk discussed": "Recorded a discussion of the risks and options.",
    "Response agreed": "Recorded the response agreed.",
    "Experience answered": "Recorded an answer about {name}'s experience of the support.",
    "Experience answer changed": "Changed an answer about {name}'s experience of the support.",
    "Experience answer removed at the review": (
        "Removed an answer about {name}'s experience at the closing review."
    ),
    "Closing review": "Recorded the closing review.",
    "Closing review recorded": "Recorded the closing review.",
    "Statutory answer corrected": "Corrected a figure for the statutory return.",
    "Closed": "Closed the enquiry.",
    # what the person wants to happen
    "Expressed": "Recorded what {name} wants, in their own words.",
    "Revised": "What {name} wants has changed.",
    "Withdrawn": "{Name} no longer wants this.",
    "Replaced": "{Name} wants something different instead.",
    "Rated": "Recorded how far it was achieved.",
    # data protection
    "Processing restricted": "Restricted the processing of {name}'s records.",
    "Processing restriction lifted": "Lifted the restriction of processing.",
    "retention": "Under the retention schedule.",
    # the council's lists
    "Catalogue of ideas that are not outcomes changed": (
        "Changed the list of things that are not outcomes."
    ),
    "Added in the administration pages": "Added in the administration pages.",
    # improving practice
    "Project started": "Started the improvement project.",
    "Project details changed": "Changed the project's details.",
    "Plan changed": "Changed the plan (part 1 of the impact tool).",
    "Impact statement changed": "Changed the impact statement (part 2 of the impact tool).",
    "Impact statement signed off": "Signed off the impact statement.",
    "Case added to the project": "Added the case to the project.",
    "Case left out of the project": "Left the case out of the project.",
    "Supervision recorded": "Recorded supervision.",
    "Supervisor named": "Named the supervisor.",
    "Named supervisor cleared": "Took away the named supervisor.",
    "MSP champion marked": "Marked as an MSP champion.",
    "MSP champion ended": "No longer an MSP champion.",
    "Follow-up recorded": "Recorded the follow-up after the enquiry closed.",
    "Replaced by a later follow-up": "Replaced by a later follow-up.",
    "Briefing note draft saved": "Saved a draft of the staff briefing.",
    "Briefing note published": "Published the staff briefing.",
    "Briefing note read": "Confirmed reading the staff briefing.",
    "Audit questions draft saved": "Saved a draft of the case file audit questions.",
    "Audit questions published": "Published the case file audit questions.",
    "Starting audit questions": "Set up the first case file audit questions.",
    "Starting audit questions published": "Published the first case file audit questions.",
    "Audit sample drawn": "Drew a sample of cases to audit.",
    "Case file audit started": "Started a case file audit.",
    "Case file audit saved": "Saved the case file audit, to finish later.",
    "Case file audit completed": "Completed the case file audit.",
    "Leaflet started from the template": "Started the leaflet from the template.",
    "Leaflet changed": "Changed the leaflet.",
    "Summary made for the person": "Made a summary for {name}.",
}
ADMIN_CHANGE = "Changed in the administration pages: "
# Actions whose reason is the service's step; on the others it is what someone typed.
STEP_ACTIONS = {Action.CREATE, Action.CHANGE, Action.ARCHIVE, Action.REDACT}

# Details stored word for word.
DETAIL_SENTENCES = {
    "audit search": "Searched the audit trail.",
    "who has seen this record": "Looked at who has seen this record.",
    "changes to staff access": "Looked at the changes to staff access.",
    "via API": "Through the API.",
    "data protection page": "Looked at the data protection page.",
    "subject access bundle": "Downloaded the subject access bundle.",
    "processing restriction lifted": "Lifted the restriction of processing.",
    "legal hold placed": "Placed a legal hold.",
    "legal hold lifted": "Lifted the legal hold.",
    "anonymised under the retention schedule": "Made anonymous under the retention schedule.",
    "record restricted": "Restricted the record.",
    "restriction lifted": "Lifted the restriction on the record.",
    GIVES_CASE_ACCESS: CASE_ACCESS_SENTENCE,
    "password set by an administrator": "An administrator set the password.",
    "two-factor enrolment code issued": "Issued a code to set up two-factor sign-in.",
    "two-factor authenticator set up": "Set up two-factor sign-in.",
    "two-factor authenticator reset": "Reset two-factor sign-in: a new code is needed to set it up.",
    "wrong two-factor code": "Entered a wrong two-factor code.",
    "wrong two-factor enrolment code": "Entered a wrong code to set up two-factor sign-in.",
    "role from the identity provider's role claim": (
        "The role was given by the council's single sign-on."
    ),
    "supervision notes viewed": "Looked at the supervision notes.",
    "supervision note viewed": "Looked at a supervision note.",
    "supervision sessions listed": "Looked at the list of supervision sessions.",
    "opened for a follow-up after closure": "Opened to follow up after the enquiry closed.",
    "case file audit answers": "Answered the case file audit questions.",
    "audit sample viewed": "Looked at an audit sample.",
    "opened for a case file audit": "Opened for a case file audit.",
    "case file audit viewed": "Looked at a case file audit.",
    "summary for the person printed": "Printed the summary for the person.",
    "picture added": "Added a picture.",
    "picture removed": "Removed the picture.",
}

FORMAT_WORDS = {
    "pdf": "as a PDF",
    "xlsx": "as a spreadsheet",
    "csv": "as CSV files",
    "json": "as JSON",
    "publication": "in the national publication's layout",
}
SIGN_ON_REFUSALS = {
    "no_account": "no MSP account matches",
    "disabled": "the account is disabled",
    "no_role": "the sign-in service gave no single MSP role",
    "failed": "the sign-in did not complete",
    "unavailable": "the sign-in service could not be reached",
}
REFUSED_LOOKING = {"GET", "HEAD"}


def _date_words(text: str) -> str:
    try:
        return f"{date.fromisoformat(text):%-d %B %Y}"
    except ValueError:
        return text


def _format_words(fmt: str) -> str:
    return FORMAT_WORDS.get(fmt.lower(), f"as {fmt.upper()}")


def _period_words(period: str) -> str:
    """An export's stored period ("2025-04-01..2026-03-31", "…..2026-03-31", "all dates")."""
    start, _, end = period.partition("..")
    start, end = (part.strip("…") for part in (start, end))
    if period == "all dates" or not (start or end):
        return "concerns of all dates"
    if start and end:
        return f"concerns received from {_date_words(start)} to {_date_words(end)}"
    if start:
        return f"concerns received from {_date_words(start)}"
    return f"concerns received up to {_date_words(end)}"


def _imported(m) -> list[str]:
    from msp.interop.reports import records_in_words

    what = records_in_words(
        int(m["people"]), int(m["concerns"]), int(m["enquiries"]), int(m["risks"])
    )
    said = [f"Imported {m['name']}: {what}."]
    if m["errors"]:
        said.append(f"{counted(int(m['errors']), 'error')} left out, with their rows.")
    if m["team"]:
        said.append(f"Concerns that named no team went to {m['team']}.")
    return said


def _exported(m) -> list[str]:
    what = joined(
        [
            counted(int(m["concerns"]), "concern"),
            counted(int(m["people"]), "person", "people"),
            counted(int(m["risks"]), "risk"),
        ]
    )
    teams = f"team {m['team']}" if m["team"] else "all teams"
    return [f"Exported {what} {_format_words(m['fmt'])}: {_period_words(m['period'])}, {teams}."]


def _scopes(text: str) -> str:
    from msp.api.models import Scope

    labels = dict(Scope.choices)
    return "; ".join(labels.get(s.strip(), s.strip()).lower() for s in text.split(","))


def _project_cases(m) -> list[str]:
    from msp.improvement.projects import figures

    chosen = figures.figure(m["key"])
    label = chosen.label if chosen else m["key"]
    which = figures.SETS.get(m["which"], m["which"]).lower()
    return [f"Looked at the cases behind “{label}” ({which}), page {m['page']}."]


def _leaflet(m) -> list[str]:
    from msp.improvement.models import LeafletKind

    name = dict(LeafletKind.choices).get(m["kind"], m["kind"])
    return [f"Printed the leaflet “{name}”."]


def _refused(m) -> list[str]:
    if m["method"] in REFUSED_LOOKING:
        return [f"Asked to open {m['path']}."]
    return [f"Tried to send a form to {m['path']}."]


def _sign_on_refused(m) -> list[str]:
    why = SIGN_ON_REFUSALS.get(m["reason"], m["reason"].replace("_", " "))
    said = f"Single sign-on was refused: {why}"
    return [f"{said} ({m['detail']})." if m["detail"] else f"{said}."]


# Details with values in them: (pattern matching the whole stored text, what it says).
DETAIL_PATTERNS = [
    (
        r"import (?P<name>.+): (?P<people>\d+) people, (?P<concerns>\d+) concerns, "
        r"(?P<enquiries>\d+) enquiries, (?P<risks>\d+) risks"
        r"(?: \((?P<errors>\d+) errors left out\))?(?:; rows naming no team to (?P<team>.+))?",
        _imported,
    ),
    (
        r"export (?P<fmt>\w+) (?P<period>all dates|\S+) (?:team (?P<team>.+)|all teams), "
        r"(?P<concerns>\d+) concerns, (?P<people>\d+) people, (?P<risks>\d+) risks",
        _exported,
    ),
    (
        r"board report (?P<period>.+) (?P<fmt>\w+) downloaded",
        lambda m: [f"Downloaded the board report for {m['period']} {_format_words(m['fmt'])}."],
    ),
    (
        r"SAC return (?P<year>\S+) (?P<fmt>\w+) downloaded",
        lambda m: [f"Downloaded the statutory return for {m['year']} {_format_words(m['fmt'])}."],
    ),
    (
        r"SAC return (?P<year>\S+) via API",
        lambda m: [f"Read the statutory return for {m['year']} through the API."],
    ),
    (
        r"via API: (?P<what>\w+), (?P<shown>\d+) of (?P<count>\d+) from (?P<start>\d+)",
        lambda m: [
            f"Listed {m['what']} through the API: {int(m['shown']):,} of {int(m['count']):,}, "
            f"from number {int(m['start']):,}."
        ],
    ),
    (
        r"via API: closing review of enquiry \d+",
        lambda m: ["Read the closing review through the API."],
    ),
    (
        r"via API: allegations of concern (?P<ref>.+)",
        lambda m: [f"Read the risks recorded in concern {m['ref']} through the API."],
    ),
    (
        r"via API: (?P<terms>.+)",
        lambda m: [f"Searched through the API for “{m['terms']}”."],
    ),
    (
        r"API token “(?P<name>.+)” created: (?P<scopes>.+); expires (?P<day>[\d-]+)",
        lambda m: [
            f"Created the API token “{m['name']}” ({_scopes(m['scopes'])}). It stops "
            f"working on {_date_words(m['day'])}."
        ],
    ),
    (
        r"API token “(?P<name>.+)” revoked",
        lambda m: [f"Stopped the API token “{m['name']}” from working."],
    ),
    (
        r"Kept changes sent after signing out, from (?P<path>.+)",
        lambda m: [f"Kept what was sent from {m['path']} after signing out, as a draft."],
    ),
    (
        r"Restored changes sent after signing out, to (?P<path>.+)",
        lambda m: [f"Took back the draft sent after signing out, to {m['path']}."],
    ),
    (
        r"Discarded changes sent after signing out, to (?P<path>.+)",
        lambda m: [f"Threw away the draft sent after signing out, for {m['path']}."],
    ),
    (
        r"(?P<count>\d+) unsaved drafts deleted after (?P<hours>\d+) hours",
        lambda m: [
            f"Deleted {counted(int(m['count']), 'unsaved draft')}, kept for {m['hours']} hours."
        ],
    ),
    (
        r"triangulation (?:(?P<council>The whole council) )?(?P<what>.+) downloaded",
        lambda m: [
            "Downloaded the side by side of figures, audits and feedback: "
            + (f"the whole council, {m['what']}." if m["council"] else f"{m['what']}.")
        ],
    ),
    (
        r"improvement project report \((?P<audience>board|team)\) downloaded",
        lambda m: [
            "Downloaded the project report for the board."
            if m["audience"] == "board"
            else "Downloaded the project report for the team, with the exact figures."
        ],
    ),
    (
        r"improvement project cases: (?P<key>\S+) \((?P<which>\w+)\), page (?P<page>\d+)",
        _project_cases,
    ),
    (
        r"feedback code given to (?P<who>.+)",
        lambda m: [f"Gave a code to answer the follow-up to {m['who']}."],
    ),
    (
        r"follow-up answered with a code by (?P<who>.+)",
        lambda m: [f"The follow-up was answered with a code, by {m['who']}."],
    ),
    (
        r"briefing note version (?P<number>\d+) printed",
        lambda m: [f"Printed version {m['number']} of the staff briefing."],
    ),
    (
        r"audit sample of (?P<chosen>\d+) from (?P<pool>\d+) cases, seed (?P<seed>\d+)",
        lambda m: [
            f"Drew {counted(int(m['chosen']), 'case')} from {int(m['pool']):,} for case file "
            f"audit (seed {m['seed']}, so the same sample can be drawn again)."
        ],
    ),
    (
        r"audit sample exported \((?P<fmt>\w+)\)",
        lambda m: [f"Exported the audit sample {_format_words(m['fmt'])}."],
    ),
    (r"leaflet (?P<kind>\S+) printed", _leaflet),
    (
        r"rectification request recorded: (?P<decision>.+)",
        lambda m: [
            f"Recorded a request to correct the record: the record was {m['decision'].lower()}."
        ],
    ),
    (
        r"old and new values removed from (?P<count>\d+) entries",
        lambda m: [
            f"Removed the old and new values from {counted(int(m['count']), 'earlier entry', 'earlier entries')}."
        ],
    ),
    (
        r"single sign-on refused: (?P<reason>[\w ]+?)(?: \((?P<detail>.+)\))?",
        _sign_on_refused,
    ),
    (
        r"code withdrawn after (?P<tries>\d+) wrong tries",
        lambda m: [f"The code was withdrawn after {m['tries']} wrong tries."],
    ),
    (r"(?P<method>[A-Z]+) (?P<path>/\S*)", _refused),
]
DETAIL_PATTERNS = [(re.compile(pattern), words) for pattern, words in DETAIL_PATTERNS]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else f"{text}."


def _admin_page(detail: str, account_names: dict) -> list[str] | None:
    """A page of the administration pages someone looked at ("admin: accounts_user_change 7")."""
    if not detail.startswith("admin: "):
        return None
    page, _, record = detail.removeprefix("admin: ").partition(" ")
    suffixes = {
        "_changelist": "the list of {plural}",
        "_change": "{one}",
        "_history": "the history of {one}",
        "_delete": "the page to delete {one}",
        "_password_change": "the page to set the password of {one}",
    }
    for suffix in sorted(suffixes, key=len, reverse=True):
        if not page.endswith(suffix):
            continue
        model = _admin_model(page.removesuffix(suffix))
        if model is None:
            break
        one = record_words(model._meta.model_name, "")
        if model._meta.model_name == "user" and record.isdigit() and int(record) in account_names:
            one = f"the staff account of {account_names[int(record)]}"
        words = suffixes[suffix].format(one=one, plural=model._meta.verbose_name_plural)
        return [f"Looked at {words} in the administration pages."]
    return ["Looked at a page of the administration pages."]


@cache
def _admin_model(prefix: str):
    """The model an admin page is about, from its URL name's "<app label>_<model name>"."""
    for model in apps.get_models():
        if f"{model._meta.app_label}_{model._meta.model_name}" == prefix:
            return model
    return None


def _admin_account_ids(entries) -> set[int]:
    ids = set()
    for entry in entries:
        if entry.detail.startswith("admin: accounts_user_"):
            record = entry.detail.rpartition(" ")[2]
            if record.isdigit():
                ids.add(int(record))
    return ids


def _part_words(part: str):
    """The sentences for one stored detail (or one part of it), or None if no rule knows it."""
    if part in DETAIL_SENTENCES:
        return [DETAIL_SENTENCES[part]]
    for pattern, words in DETAIL_PATTERNS:
        found = pattern.fullmatch(part)
        if found:
            return words(found)
    return None


def detail_words(entry, *, account_names: dict | None = None) -> list[str]:
    """What a service stored as the entry's detail, as sentences. A detail no rule here knows is
    shown as it was stored, as a sentence."""
    detail = (entry.detail or "").strip()
    if not detail:
        return []
    admin = _admin_page(detail, account_names or {})
    if admin is not None:
        return admin
    whole = _part_words(detail)
    if whole is not None:
        return whole
    # Some details are several parts ("...; gives access to case records").
    parts = [_part_words(part.strip()) for part in detail.split("; ")]
    if len(parts) > 1 and all(words is not None for words in parts):
        return [sentence for words in parts for sentence in words]
    if entry.action == Action.SEARCH:
        return [f"Searched for “{detail}”."]
    return [_sentence(detail)]


def reason_words(entry, *, person_name: str = "") -> str:
    """The entry's reason: the step a service named, as a sentence, or the reason someone gave."""
    reason = (entry.reason or "").strip()
    if not reason:
        return ""
    if entry.action in STEP_ACTIONS:
        if reason in STEP_SENTENCES:
            name = person_name or "the person"
            return STEP_SENTENCES[reason].format(name=name, Name=name[0].upper() + name[1:])
        if reason.startswith(ADMIN_CHANGE):
            # The fields are named, by their labels, with what changed.
            return "Changed in the administration pages."
    return _sentence(f"Reason given: {reason}")


@dataclass(frozen=True)
class Described:
    who: str
    sentence: str
    changed: list[str]
    # The detail column: the stored detail and reason as sentences ...
    notes: tuple[str, ...] = ()
    # ... and, in smaller print, which answers changed or which records a list returned.
    listed: str = ""


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


def listed_words(entry, changed: list[str]) -> str:
    """Which records a list or search returned, or which answers an entry recorded or changed."""
    returned = entry.records_returned
    if returned is not None:
        return f"Records shown: {', '.join(map(str, returned))}." if returned else "Nothing found."
    if not changed:
        return ""
    said = "What was recorded" if entry.action == Action.CREATE else "What changed"
    return _sentence(f"{said}: {'; '.join(changed)}")


def describe(entry, *, person_name: str = "", account_names: dict | None = None) -> Described:
    """One entry as a sentence: "Priya Shah changed what Margaret wants to happen", with its
    detail column in sentences."""
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
    changed = changed_fields(entry)
    notes = detail_words(entry, account_names=account_names)
    reason = reason_words(entry, person_name=person_name)
    if reason and reason not in notes:
        notes.append(reason)
    return Described(
        who=who,
        sentence=f"{who} {what}",
        changed=changed,
        notes=tuple(notes),
        listed=listed_words(entry, changed),
    )


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


def account_names(entries) -> dict:
    """The staff accounts the administration pages showed in these entries: one query."""
    from msp.accounts.models import User

    ids = _admin_account_ids(entries)
    if not ids:
        return {}
    return {user.pk: str(user) for user in User.objects.filter(pk__in=ids)}


def described_page(entries, user) -> list[tuple]:
    """Each entry with its description, for the audit pages."""
    names = person_names(entries, user)
    accounts = account_names(entries)
    return [
        (
            entry,
            describe(entry, person_name=names.get(entry.person_id, ""), account_names=accounts),
        )
        for entry in entries
    ]
