"""The subject access bundle: the compiled data as JSON and as a PDF, together in one ZIP."""

import io
import json
import zipfile
from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.text import capfirst

from msp.core import printing
from msp.core.dates import written_date, written_time
from msp.core.models import report_council_name
from msp.enquiries.models import Conversation, Participant
from msp.privacy.selectors import coded_label, subject_access_data

PARTICIPANTS = dict(Participant.choices)

SECTION_TITLES = {
    "person": "The person's record",
    "concerns": "Concerns",
    "allegations": "Allegations",
    "enquiries": "Enquiries",
    "conversations": "Conversations",
    "capacity_assessments": "Mental capacity assessments",
    "representations": "Representation and advocacy",
    "risk_discussions": "Risk discussions",
    "responses": "Responses agreed",
    "closing_reviews": "Closing reviews",
    "experience": "Experience answers",
    "desired_outcomes": "Desired outcomes",
    "outcome_events": "Outcome journey",
    "rectifications": "Requests to correct the record",
    "legal_holds": "Legal holds",
}
META = {"record", "third_party_review"}


def as_json(data: dict) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode("utf-8")


# Reference lists that label coded fields (the labels themselves live in msp.reference).
FIELD_LISTS = {
    "sex": "sex",
    "ethnicity": "ethnicity_groups",
    "primary_support_reason": "primary_support_reason",
    "type_of_risk": "type_of_risk",
    "location_of_risk": "location_of_risk",
    "source_of_risk": "source_of_risk",
    "action_and_result": "action_taken_and_result",
    "risk_outcome": "risk_outcome",
    "sac_asked_outcomes": "msp_asked_desired_outcomes",
    "sac_outcomes_achieved": "msp_outcomes_achieved",
    "sac_lacked_capacity": "mental_capacity",
    "role": "representation_roles",
    "against_wishes_reason": "reasons_to_act_against_wishes",
    "code": "responses",
    "category": "desired_outcome_categories",
    "expressed_by": "outcome_expressed_by",
    "topic": "experience_topics",
    "achievement": "outcome_achievement",
}


# Labels where the field's name does not read as plain English.
FIELD_LABELS = {
    "created_at": "Recorded",
    "created_by": "Recorded by",
    "updated_at": "Last changed",
    "archived_at": "Archived",
    "nhs_number": "NHS number",
    "aspergers": "Asperger's",
    "needs_bsl": "Needs British Sign Language",
    "communication_other": "Other communication needs",
    "raised_by_name": "Raised by",
    "raised_by_relationship": "Raised by (relationship)",
    "criteria_care_needs": "Has care and support needs",
    "criteria_abuse_or_neglect": "Is experiencing, or at risk of, abuse or neglect",
    "criteria_unable_to_protect": "Unable to protect themselves because of those needs",
    "kind": "Kind",
    "lead": "Lead practitioner",
    "start_date": "Started",
    "end_date": "Ended",
    "action_and_result": "Action taken and result",
    "ceased_at_request": "Stopped at the person's request",
    "sac_asked_outcomes": "Asked what they wanted to happen (statutory return)",
    "sac_outcomes_achieved": "Outcomes achieved (statutory return)",
    "sac_lacked_capacity": "Lacked capacity (statutory return)",
    "sac_advocate_support": "Supported by an advocate (statutory return)",
    "sac_corrections": "Corrections to the statutory return",
    "held_on": "Date",
    "method": "How",
    "participants": "Who took part",
    "asked_no_outcomes": "Said they wanted nothing in particular to happen",
    "assessed_on": "Assessed on",
    "from_date": "From",
    "to_date": "To",
    "persons_choice": "The person's choice",
    "act_against_wishes": "Acted against the person's wishes",
    "against_wishes_reason": "Reason for acting against their wishes",
    "against_wishes_detail": "Why",
    "explained_how": "How it was explained",
    "explained_on": "Explained on",
    "code": "Response",
    "agreed_on": "Agreed on",
    "reviewed_on": "Reviewed on",
    "experience_answered_by": "Experience questions answered by",
    "experience_comments": "Comments on their experience",
    "topic": "Question",
    "words": "In their words",
    "expressed_by": "Expressed by",
    "alternative_to": "Alternative to",
    "replaced_by": "Replaced by",
    "achievement": "Achieved",
    "persons_view": "The person's view",
    "practitioner_reasons": "Practitioner's reasons",
    "not_rated_reason": "Why it was not rated",
    "happened_on": "Date",
    "related": "Related outcome",
    "actor": "Recorded by",
    "recorded_at": "Recorded",
    "recorded_by": "Recorded by",
    "received_on": "Received on",
    "what_is_wrong": "What is wrong",
    "placed_on": "Placed on",
    "placed_by": "Placed by",
    "lifted_on": "Lifted on",
    "lifted_by": "Lifted by",
    "lifted_reason": "Why it was lifted",
}
# Not printed: internal numbers and bookkeeping that mean nothing to the person.
NOT_PRINTED = {"id", "version", "name_keys", "revision_count"}
# Nor the link to the record a record belongs to: its heading already says which.
PARENT_LINKS = {"person", "concern", "enquiry", "review", "outcome", "conversation"}
# Not shown among a version's changes: they change with every save.
NOT_CHANGES = NOT_PRINTED | {"updated_at", "created_at", "created_by"}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


class _Printer:
    """Writes stored values as the person would read them: labels for codes, dates in words,
    other records by name."""

    def __init__(self, data: dict):
        self.named = {}
        for section in data["sections"].values():
            model = section.get("model", "")
            for record in section["records"]:
                self.named[(model, record.get("id"))] = record["record"]

    def value(self, model, name: str, value) -> str:
        if value is None or value == "" or value == [] or value == {}:
            return ""
        field = self._field(model, name)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if field is not None and field.is_relation and isinstance(value, int):
            return capfirst(self.named.get((field.related_model._meta.label_lower, value), ""))
        if name in FIELD_LISTS:
            return coded_label(FIELD_LISTS[name], value)
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, list):
            return ", ".join(self._choice_label(model, name, item) for item in value)
        if isinstance(value, dict):
            return "\n".join(self._entry(model, k, v) for k, v in value.items())
        if field is not None and field.get_internal_type() == "DateTimeField":
            return written_time(datetime.fromisoformat(value))
        if field is not None and field.get_internal_type() == "DateField":
            return written_date(date.fromisoformat(value))
        return str(value)

    def _entry(self, model, name: str, value) -> str:
        if isinstance(value, dict) and "recorded" in value:
            # A correction to a figure for the statutory return, with its reason.
            derived = self.value(model, name, value.get("derived")) or "none"
            recorded = self.value(model, name, value.get("recorded")) or "none"
            why = f" because {value['reason']}" if value.get("reason") else ""
            return f"{field_label(name)}: changed from {derived} to {recorded}{why}"
        if isinstance(value, dict):
            value = ", ".join(f"{field_label(k)} {v}" for k, v in value.items())
        return f"{field_label(name)}: {self.value(model, name, value) or '–'}"

    @staticmethod
    def _field(model, name):
        if model is None:
            return None
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    @staticmethod
    def _choice_label(model, name, item) -> str:
        # A list of choices kept in JSON (who took part): labelled by the form's choices.
        choices = PARTICIPANTS if (model, name) == (Conversation, "participants") else {}
        return str(choices.get(item, item))

    def fields(self, model, values: dict, *, skip=NOT_PRINTED) -> list[tuple[str, str, str]]:
        shown = []
        for name, value in values.items():
            if name in META or name in skip:
                continue
            field = self._field(model, name)
            if name in PARENT_LINKS and field is not None and field.is_relation:
                continue
            text = self.value(model, name, value)
            if text:
                shown.append((name, field_label(name), text))
        return shown


def _model(label: str):
    return apps.get_model(label) if label else None


def _for_print(data: dict) -> list[dict]:
    """Sections shaped for the PDF template: labelled fields in plain words, review marks, and
    each history version showing only what changed from the version before."""
    printer = _Printer(data)
    sections = []
    for key, title in SECTION_TITLES.items():
        section = data["sections"][key]
        model = _model(section.get("model", ""))
        records = [
            {
                "label": capfirst(record["record"]),
                "fields": [
                    {"name": label, "value": text, "review": name in record["third_party_review"]}
                    for name, label, text in printer.fields(model, record)
                ],
            }
            for record in section["records"]
        ]
        history = []
        previous: dict[int, dict] = {}
        for row in section["history"]:
            before = previous.get(row["record_id"], {})
            changed = {k: v for k, v in row["values"].items() if before.get(k) != v}
            previous[row["record_id"]] = row["values"]
            history.append(
                {
                    "when": written_time(datetime.fromisoformat(row["when"])),
                    "record": capfirst(row.get("record") or "a record since removed"),
                    "change": row["change"],
                    "by": row["by"],
                    "reason": row["reason"],
                    "changed": [
                        {"name": label, "value": text}
                        for _, label, text in printer.fields(model, changed, skip=NOT_CHANGES)
                    ],
                }
            )
        if records or history:
            sections.append({"title": title, "records": records, "history": history})
    return sections


def _access_log(data: dict) -> list[dict]:
    return [
        {**entry, "when": written_time(datetime.fromisoformat(entry["when"]))}
        for entry in data["access_log"]
    ]


def document_html(data: dict) -> str:
    """The bundle's readable document, as HTML: what the PDF is printed from."""
    about = {
        **data["about"],
        "compiled_on": written_time(datetime.fromisoformat(data["about"]["compiled_on"])),
    }
    return render_to_string(
        "privacy/subject_access_pdf.html",
        {
            "data": data,
            "about": about,
            "sections": _for_print(data),
            "access_log": _access_log(data),
            "council_name": report_council_name(),
        },
    )


def as_pdf(data: dict) -> bytes:
    """The bundle's document as a tagged PDF (PDF/UA-1) that loads nothing from outside."""
    return printing.pdf_bytes(document_html(data))


def bundle(person) -> tuple[str, bytes]:
    """The ZIP's file name and content: JSON and PDF of everything held about the person."""
    data = subject_access_data(person)
    stem = f"subject-access-{person.reference}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}.json", as_json(data))
        archive.writestr(f"{stem}.pdf", as_pdf(data))
        archive.writestr(
            "READ-ME-FIRST.txt",
            "Subject access bundle. Before release, review every item marked for third-party "
            "review (the 'third_party_review' section of the JSON, highlighted boxes in the PDF): "
            "it may hold information about other people. Nothing has been removed.\n",
        )
    return f"{stem}.zip", buffer.getvalue()
