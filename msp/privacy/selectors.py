"""Reads for data protection: who is restricted (for exports and reports to leave out), the work
in hand across the council, a person's data-protection overview, and everything held about a
person (subject access)."""

from datetime import date, datetime

from django.db.models import QuerySet

from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.audit.models import AuditEntry
from msp.concerns.models import Allegation, Concern
from msp.core.dates import written_date
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
from msp.people.selectors import people_visible_to
from msp.privacy.models import Anonymisation, LegalHold, Rectification
from msp.reference import selectors as ref


def coded_label(list_code: str, code) -> str:
    """A code's label: statutory lists from the year's specification (msp.sac, the label of
    the nearest year that had the code), the council's practice lists from msp.reference."""
    from msp import sac

    if list_code in sac.spec_on().lists:
        return sac.label(list_code, code)
    return ref.label(list_code, code)


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


def _about_people_seen_by(queryset: QuerySet, user) -> QuerySet:
    """Rows about people `user` may see, each with `identity_withheld` set where the person's
    record is restricted and `user` may not open it (the page shows "Restricted record")."""
    visible = people_visible_to(user).values("pk")
    return policy.with_identity(queryset.filter(person__in=visible), user, "person_id")


def legal_holds_in_force(user) -> QuerySet[LegalHold]:
    """Legal holds not yet lifted, newest first, with the person and who placed each."""
    holds = LegalHold.objects.filter(lifted_on__isnull=True)
    return (
        _about_people_seen_by(holds, user)
        .select_related("person", "placed_by")
        .order_by("-placed_on", "-pk")
    )


def people_with_processing_restricted(user) -> QuerySet[Person]:
    """People whose processing is restricted, most recently restricted first, with who did it."""
    people = people_visible_to(user).filter(processing_restricted=True)
    return (
        policy.with_identity(people, user)
        .select_related("processing_restricted_by")
        .order_by("-processing_restricted_since", "-pk")
    )


def rectification_requests(user) -> QuerySet[Rectification]:
    """Every request to correct a record, newest first, with its decision and who recorded it."""
    return (
        _about_people_seen_by(Rectification.objects.all(), user)
        .select_related("person", "recorded_by")
        .order_by("-received_on", "-pk")
    )


def anonymisations_done(user) -> QuerySet[Anonymisation]:
    """The people whose records were anonymised under the retention schedule, newest first."""
    return (
        _about_people_seen_by(Anonymisation.objects.all(), user)
        .select_related("person")
        .order_by("-anonymised_at", "-pk")
    )


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
        self.teams = {t.pk: t.name for t in Team.objects.only("pk", "name")}
        self.review: list[dict] = []

    def _named(self, field, value):
        """Staff and teams by name: the bundle is read by the person, who knows no ids."""
        if value is None:
            return None
        if field.related_model is User:
            return self.staff.get(value)
        if field.related_model is Team:
            return self.teams.get(value)
        return value

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
                value = self._named(field, value)
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
                if field.is_relation:
                    value = self._named(field, value)
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

    outcome_words = {o.pk: o.words for o in outcomes}
    named: dict[tuple[str, str], str] = {}

    def section(model, rows, label):
        records = []
        for row in rows:
            records.append(c.record(row, label(row)))
            named[(model._meta.model_name, str(row.pk))] = records[-1]["record"]
        history = c.history(model, [row.pk for row in rows]) if hasattr(model, "history") else []
        for version in history:
            version["record"] = named.get((model._meta.model_name, str(version["record_id"])), "")
        return {"model": model._meta.label_lower, "records": records, "history": history}

    # Each record is named as the person would recognise it (what, when, which enquiry), never
    # by an internal number: the PDF made from this is a document for them.
    def of_enquiry(r) -> str:
        return f"(enquiry {reference_of[r.enquiry_id]})"

    def quoted(words: str) -> str:
        return f"“{words[:60]}…”" if len(words) > 60 else f"“{words}”"

    sections = {
        "person": section(Person, [person], lambda p: f"personal details ({p.reference})"),
        "concerns": section(
            Concern,
            concerns,
            lambda r: f"concern received {written_date(r.received_date)} ({r.reference})",
        ),
        "allegations": section(
            Allegation,
            allegations,
            lambda r: (
                f"allegation of {coded_label('type_of_risk', r.type_of_risk).lower()} "
                f"(concern {concern_ref.get(r.concern_id)})"
            ),
        ),
        "enquiries": section(
            Enquiry,
            enquiries,
            lambda r: f"enquiry {reference_of[r.pk]} started {written_date(r.start_date)}",
        ),
        "conversations": section(
            Conversation,
            conversations,
            lambda r: f"conversation on {written_date(r.held_on)} {of_enquiry(r)}",
        ),
        "capacity_assessments": section(
            CapacityAssessment,
            capacity,
            lambda r: f"capacity assessment on {written_date(r.assessed_on)} {of_enquiry(r)}",
        ),
        "representations": section(
            Representation,
            representations,
            lambda r: (
                f"representation by {ref.label('representation_roles', r.role).lower()} "
                f"from {written_date(r.from_date)} {of_enquiry(r)}"
            ),
        ),
        "risk_discussions": section(
            RiskDiscussion,
            risks,
            lambda r: f"risk discussion on {written_date(r.held_on)} {of_enquiry(r)}",
        ),
        "responses": section(
            Response,
            responses,
            lambda r: (
                f"response agreed on {written_date(r.agreed_on)}: "
                f"{ref.label('responses', r.code)} {of_enquiry(r)}"
            ),
        ),
        "closing_reviews": section(
            ClosingReview,
            reviews,
            lambda r: f"closing review on {written_date(r.reviewed_on)} {of_enquiry(r)}",
        ),
        "desired_outcomes": section(
            DesiredOutcome,
            outcomes,
            lambda r: f"desired outcome {quoted(r.words)} {of_enquiry(r)}",
        ),
    }
    review_of = {r.pk: r for r in reviews}
    sections["experience"] = section(
        ExperienceRating,
        ratings,
        lambda r: (
            f"experience answer: {ref.label('experience_topics', r.topic)} "
            f"{of_enquiry(review_of[r.review_id])}"
        ),
    )
    sections["outcome_events"] = section(
        OutcomeEvent,
        events,
        lambda e: (
            f"outcome journey on {written_date(e.happened_on)}: "
            f"{e.get_kind_display().lower()} ({quoted(outcome_words[e.outcome_id])})"
        ),
    )
    sections["rectifications"] = section(
        Rectification,
        list(Rectification.objects.filter(person=person).order_by("received_on", "pk")),
        lambda r: f"request to correct the record received {written_date(r.received_on)}",
    )
    sections["legal_holds"] = section(
        LegalHold,
        list(LegalHold.objects.filter(person=person).order_by("placed_on", "pk")),
        lambda h: f"legal hold placed on {written_date(h.placed_on)}",
    )
    access_log = [
        {
            "when": _plain(entry.at),
            "who": c.staff.get(entry.actor_id) or entry.actor_name,
            "action": entry.get_action_display(),
            "record": named.get((entry.object_type, entry.object_id), entry.object_type),
            "object_type": entry.object_type,
            "object_id": entry.object_id,
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
