"""Reads for data protection: who is restricted (for exports and reports to leave out), a
person's data-protection overview, and everything held about a person (subject access)."""

from datetime import date, datetime

from django.db.models import QuerySet

from msp.accounts.models import User
from msp.audit.models import AuditEntry
from msp.concerns.models import Allegation, Concern
from msp.enquiries.models import (
    CapacityAssessment,
    ClosingReview,
    Conversation,
    Enquiry,
    ExperienceRating,
    Representation,
    Response,
    RiskDiscussion,
)
from msp.outcomes.models import DesiredOutcome, OutcomeEvent
from msp.people.models import Person
from msp.privacy.models import Anonymisation, LegalHold, Rectification


def restricted_person_ids() -> QuerySet:
    """Ids of people whose processing is restricted, as a subquery for exports and reports."""
    return Person.objects.filter(processing_restricted=True).values("pk")


def exclude_restricted(queryset: QuerySet, person_field: str = "person") -> QuerySet:
    """`queryset` without the rows about people whose processing is restricted.

    `person_field` is the path from the queryset's model to the person ("person",
    "enquiry__person", "concern__person" ...); pass "" when the queryset is of people.
    """
    # Against the ids of the few restricted people (a partial index holds them), not by joining
    # every row to its person: a year's measures read every person in the council that way.
    lookup = f"{person_field}__in" if person_field else "pk__in"
    return queryset.exclude(**{lookup: restricted_person_ids()})


def person_overview(person: Person) -> dict:
    """The person's restriction, legal holds, rectification requests and anonymisation."""
    return {
        "holds": list(
            LegalHold.objects.filter(person=person).select_related("placed_by", "lifted_by")
        ),
        "rectifications": list(
            Rectification.objects.filter(person=person).select_related("recorded_by")
        ),
        "anonymisation": Anonymisation.objects.filter(person=person).first(),
        "restricted_by": person.processing_restricted_by,
    }


# Fields that may hold information about someone other than the person: kept in the bundle but
# marked so that the officer answering the request reviews them before release.
THIRD_PARTY_FIELDS = {
    Concern: {
        "raised_by_name": "names the person who raised the concern",
        "what_reported": "free text: may mention other people",
        "decision_reason": "free text: may mention other people",
        "other_support_offered": "free text: may mention other people",
    },
    Allegation: {"detail": "free text: may identify the alleged source of risk"},
    Conversation: {"notes": "free text: may mention other people"},
    CapacityAssessment: {
        "assessor": "names the assessor",
        "notes": "free text: may mention other people",
    },
    Representation: {"name": "names the representative"},
    RiskDiscussion: {
        "options": "free text: may mention other people",
        "persons_choice": "free text: may mention other people",
        "against_wishes_detail": "free text: may mention other people",
        "explained_how": "free text: may mention other people",
    },
    Response: {"notes": "free text: may mention other people"},
    ClosingReview: {"experience_comments": "free text: may mention other people"},
    DesiredOutcome: {
        "persons_view": "free text: may mention other people",
        "practitioner_reasons": "free text: may mention other people",
        "not_rated_reason": "free text: may mention other people",
    },
    OutcomeEvent: {"reason": "free text: may mention other people"},
    Person: {"communication_other": "free text: may mention other people"},
}
STAFF_NOTE = (
    "Names of staff appear as who recorded, led, decided or changed each record and in the "
    "access log. Decide whether to release them (staff acting in their role are usually named)."
)
SKIPPED_FIELDS = {"version"}


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class _Compiler:
    """Turns records into plain dictionaries and collects what needs third-party review."""

    def __init__(self):
        self.staff = {
            u.pk: (u.get_full_name() or u.username)
            for u in User.objects.only("pk", "first_name", "last_name", "username")
        }
        self.review: list[dict] = []

    def record(self, obj, label: str) -> dict:
        model = type(obj)
        flagged = THIRD_PARTY_FIELDS.get(model, {})
        values = {"record": label}
        review = []
        for field in obj._meta.concrete_fields:
            if field.name in SKIPPED_FIELDS:
                continue
            value = getattr(obj, field.attname)
            if field.is_relation:
                if field.related_model is User:
                    value = self.staff.get(value) if value is not None else None
            values[field.name] = _plain(value)
            if field.name in flagged and value not in (None, ""):
                review.append(field.name)
                self.review.append(
                    {"record": label, "field": field.name, "why": flagged[field.name]}
                )
        values["third_party_review"] = review
        return values

    def history(self, model, ids) -> list[dict]:
        rows = []
        names = [f.name for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]
        for row in model.history.filter(id__in=list(ids)).order_by("history_date", "history_id"):
            entry = {
                "record_id": row.id,
                "when": _plain(row.history_date),
                "change": {"+": "created", "~": "changed", "-": "deleted"}[row.history_type],
                "by": self.staff.get(row.history_user_id),
                "reason": row.history_change_reason or "",
                "values": {},
            }
            for name in names:
                field = model._meta.get_field(name)
                value = getattr(row, field.attname, None)
                if field.is_relation and field.related_model is User:
                    value = self.staff.get(value) if value is not None else None
                entry["values"][name] = _plain(value)
            rows.append(entry)
        return rows


def subject_access_data(person: Person) -> dict:
    """Everything held about a person, for a subject access request: the records, each record's
    history, who viewed or changed them, with information about others marked for review.

    A fixed number of queries per kind of record, whatever the size of the person's file."""
    c = _Compiler()
    concerns = list(Concern.objects.filter(person=person).order_by("received_date", "pk"))
    allegations = list(Allegation.objects.filter(concern__person=person).order_by("pk"))
    enquiries = list(Enquiry.objects.filter(person=person).select_related("concern").order_by("pk"))
    enquiry_ids = [e.pk for e in enquiries]
    reference_of = {e.pk: e.concern.reference for e in enquiries}

    def by_enquiry(model):
        return list(model.objects.filter(enquiry_id__in=enquiry_ids).order_by("pk"))

    conversations = by_enquiry(Conversation)
    capacity = by_enquiry(CapacityAssessment)
    representations = by_enquiry(Representation)
    risks = by_enquiry(RiskDiscussion)
    responses = by_enquiry(Response)
    reviews = by_enquiry(ClosingReview)
    ratings = list(ExperienceRating.objects.filter(review__in=reviews).order_by("pk"))
    outcomes = by_enquiry(DesiredOutcome)
    events = list(OutcomeEvent.objects.filter(outcome__in=outcomes).order_by("happened_on", "pk"))
    concern_ref = {concern.pk: concern.reference for concern in concerns}

    def section(model, rows, label):
        return {
            "records": [c.record(row, label(row)) for row in rows],
            "history": c.history(model, [row.pk for row in rows])
            if hasattr(model, "history")
            else [],
        }

    sections = {
        "person": section(Person, [person], lambda p: f"person {p.reference}"),
        "concerns": section(Concern, concerns, lambda r: f"concern {r.reference}"),
        "allegations": section(
            Allegation,
            allegations,
            lambda r: f"allegation {r.pk} (concern {concern_ref.get(r.concern_id)})",
        ),
        "enquiries": section(Enquiry, enquiries, lambda r: f"enquiry {reference_of[r.pk]}"),
    }
    for key, model, rows, noun in (
        ("conversations", Conversation, conversations, "conversation"),
        ("capacity_assessments", CapacityAssessment, capacity, "capacity assessment"),
        ("representations", Representation, representations, "representation"),
        ("risk_discussions", RiskDiscussion, risks, "risk discussion"),
        ("responses", Response, responses, "response"),
        ("closing_reviews", ClosingReview, reviews, "closing review"),
        ("desired_outcomes", DesiredOutcome, outcomes, "desired outcome"),
    ):
        sections[key] = section(
            model,
            rows,
            lambda r, noun=noun: f"{noun} {r.pk} (enquiry {reference_of[r.enquiry_id]})",
        )
    sections["experience"] = section(
        ExperienceRating, ratings, lambda r: f"experience answer {r.pk} (review {r.review_id})"
    )
    sections["outcome_events"] = {
        "records": [c.record(e, f"outcome event {e.pk} (outcome {e.outcome_id})") for e in events],
        "history": [],
    }
    sections["rectifications"] = {
        "records": [
            c.record(r, f"rectification {r.pk}")
            for r in Rectification.objects.filter(person=person)
        ],
        "history": [],
    }
    sections["legal_holds"] = {
        "records": [
            c.record(h, f"legal hold {h.pk}") for h in LegalHold.objects.filter(person=person)
        ],
        "history": [],
    }
    access_log = [
        {
            "when": _plain(entry.at),
            "who": c.staff.get(entry.actor_id) or entry.actor_name,
            "action": entry.get_action_display(),
            "record": f"{entry.object_type} {entry.object_id}".strip(),
            "detail": entry.detail,
        }
        for entry in AuditEntry.objects.filter(person=person).order_by("sequence")
    ]
    return {
        "about": {
            "reference": person.reference,
            "name": person.full_name,
            "compiled_on": _plain(datetime.now().astimezone()),
            "processing_restricted": person.processing_restricted,
        },
        "third_party_review": {
            "note": (
                "Marked fields may hold information about other people. Review each one before "
                "release: redact or withhold what the person is not entitled to (Data Protection "
                "Act 2018, schedule 2 part 3). Nothing has been removed."
            ),
            "staff_names": STAFF_NOTE,
            "items": c.review,
        },
        "sections": sections,
        "access_log": access_log,
    }
