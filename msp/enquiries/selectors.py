"""Reads of enquiries, already limited to what the user may see, with related rows fetched up front."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from msp import sac
from msp.accounts import policy
from msp.concerns.models import Allegation
from msp.core.dates import today
from msp.core.models import council_settings
from msp.enquiries.models import ClosingReview, Conversation, Enquiry, ExperienceRating, Stage
from msp.outcomes.models import DesiredOutcome, OutcomeEvent


def enquiries_visible_to(user) -> QuerySet[Enquiry]:
    teams = policy.visible_team_ids(user)
    enquiries = Enquiry.objects.filter(archived_at__isnull=True)
    if teams is None:
        return enquiries
    return enquiries.filter(team_id__in=teams) if teams else enquiries.none()


def asked_at_end_q(enquiry_ref: str = "pk") -> Q:
    """The person (or their representative) was asked at the end: an end conversation was
    recorded, or the closing review records who gave their view and experience, which makes
    the review the end conversation. `enquiry_ref` points at the enquiry from the queryset.

    The one definition: the "Closed without asking" flag, the warning before closure and the
    end-of-enquiry measure all read it.
    """
    end_conversation = Conversation.objects.filter(
        enquiry=OuterRef(enquiry_ref), stage=Stage.END, archived_at__isnull=True
    )
    review_with_view = ClosingReview.objects.filter(
        enquiry=OuterRef(enquiry_ref), archived_at__isnull=True
    ).exclude(experience_answered_by="")
    return Q(Exists(end_conversation)) | Q(Exists(review_with_view))


def asked_at_end(enquiry: Enquiry) -> bool:
    return Enquiry.objects.filter(pk=enquiry.pk).filter(asked_at_end_q()).exists()


def with_drift(enquiries: QuerySet[Enquiry]) -> QuerySet[Enquiry]:
    """Annotate what the drift flags need, computed in the database whatever the caseload size."""
    stage = Conversation.objects.filter(enquiry=OuterRef("pk"), archived_at__isnull=True)
    last = stage.order_by().values("enquiry").annotate(last=Max("held_on")).values("last")
    return enquiries.annotate(
        has_start=Exists(stage.filter(stage=Stage.START)),
        has_end=ExpressionWrapper(asked_at_end_q(), output_field=BooleanField()),
        last_conversation=Subquery(last[:1]),
    )


@dataclass(frozen=True)
class Drift:
    no_start: bool
    no_recent: bool
    closed_without_end: bool

    @property
    def any(self) -> bool:
        return self.no_start or self.no_recent or self.closed_without_end

    @property
    def labels(self) -> list[str]:
        labels = []
        if self.no_start:
            labels.append("No start conversation")
        if self.no_recent:
            labels.append("No recent conversation")
        if self.closed_without_end:
            labels.append("Closed without asking")
        return labels


def drift_of(enquiry: Enquiry, drift_days: int) -> Drift:
    """Flags for one enquiry annotated by with_drift."""
    on = today()
    open_ = enquiry.end_date is None
    since = enquiry.last_conversation or enquiry.start_date
    return Drift(
        no_start=open_ and not enquiry.has_start,
        no_recent=open_ and (on - since).days > drift_days,
        closed_without_end=not open_ and not enquiry.has_end,
    )


def drift_conditions(drift_days: int, on) -> dict[str, Q]:
    """Each drift flag as a condition on enquiries annotated by with_drift (the same rule as
    drift_of, for filtering and counting in the database)."""
    cutoff = on - timedelta(days=drift_days)
    return {
        "no_start": Q(end_date__isnull=True, has_start=False),
        "no_recent": Q(end_date__isnull=True)
        & (
            Q(last_conversation__lt=cutoff)
            | Q(last_conversation__isnull=True, start_date__lt=cutoff)
        ),
        "closed_without_end": Q(end_date__isnull=False, has_end=False),
    }


def drift_counts(enquiries: QuerySet[Enquiry]) -> dict[str, int]:
    """How many of these enquiries are open, closed, and carry each drift flag: one query."""
    conditions = drift_conditions(council_settings().drift_days, today())
    return with_drift(enquiries).aggregate(
        open=Count("pk", filter=Q(end_date__isnull=True)),
        closed=Count("pk", filter=Q(end_date__isnull=False)),
        **{flag: Count("pk", filter=condition) for flag, condition in conditions.items()},
    )


def drifting(enquiries: QuerySet[Enquiry], flag: str) -> QuerySet[Enquiry]:
    """The enquiries among these that carry a drift flag."""
    conditions = drift_conditions(council_settings().drift_days, today())
    return with_drift(enquiries).filter(conditions[flag])


DRIFT_FILTERS = {
    "no_start": "No start conversation",
    "no_recent": "No recent conversation",
    "closed_without_end": "Closed without asking",
}
SORTS = {
    "opened": ("start_date", "Date opened (oldest first)"),
    "-opened": ("-start_date", "Date opened (newest first)"),
    "last_conversation": ("last_conversation", "Last conversation (longest ago first)"),
    "person": ("person__last_name", "Person's name"),
}


def caseload_ids(
    user,
    *,
    status: str = "open",
    lead_id: int | None = None,
    team_id: int | None = None,
    drift: str = "",
    type_of_risk: str = "",
    age_band: str = "",
    sort: str = "opened",
    mine: bool = False,
) -> QuerySet:
    """The ids of the enquiries a caseload page lists, filtered and in a fixed order: slice it
    for a page (msp/core/pagination.py) and pass the page's ids to caseload_rows. Counting it
    counts the whole list, however long. Only the ids: the drift columns and the rest of a row
    are worked out for the page's rows alone, not for every enquiry that is sorted.

    Rows about a restricted person the user may not open carry `identity_withheld` (the page
    shows "Restricted record"); they sort last by name and drop out of an age filter, so
    neither the order nor a filter hints at who they are."""
    enquiries = policy.with_identity(with_drift(enquiries_visible_to(user)), user, "person_id")
    on = today()
    if status == "closed":
        enquiries = enquiries.filter(end_date__isnull=False, end_date__gte=on - timedelta(days=365))
    else:
        enquiries = enquiries.filter(end_date__isnull=True)
    if mine:
        enquiries = enquiries.filter(lead=user)
    if lead_id:
        enquiries = enquiries.filter(lead_id=lead_id)
    if team_id:
        enquiries = enquiries.filter(team_id=team_id)
    if type_of_risk:
        enquiries = enquiries.filter(
            Exists(
                Allegation.objects.filter(
                    concern_id=OuterRef("concern_id"), type_of_risk=type_of_risk
                )
            )
        )
    if age_band:
        enquiries = _filter_age_band(enquiries, age_band, on).filter(identity_withheld=False)
    if drift in DRIFT_FILTERS:
        enquiries = enquiries.filter(drift_conditions(council_settings().drift_days, on)[drift])
    order = SORTS.get(sort, SORTS["opened"])[0]
    if order == "last_conversation":
        enquiries = enquiries.order_by(
            F("last_conversation").asc(nulls_first=True), "start_date", "id"
        )
    elif order == "person__last_name":
        enquiries = enquiries.order_by("identity_withheld", order, "id")
    else:
        enquiries = enquiries.order_by(order, "id")
    return enquiries.values_list("pk", flat=True)


CASELOAD_FIELDS = (
    "kind",
    "start_date",
    "end_date",
    "lead_id",
    "team_id",
    "person_id",
    "concern_id",
    "person__first_name",
    "person__last_name",
    "person__preferred_name",
    "concern__reference",
    "concern__received_date",
    "team__name",
    "lead__first_name",
    "lead__last_name",
    "lead__username",
)


def caseload_rows(user, ids) -> list[tuple[Enquiry, Drift, int]]:
    """The rows of a caseload page, in the order of `ids` (from caseload_ids): each
    enquiry with what its row shows, its drift flags and the days it has been open."""
    drift_days = council_settings().drift_days
    on = today()
    # Only what a row shows, with the drift columns worked out for these rows alone.
    fetched = (
        policy.with_identity(with_drift(Enquiry.objects.filter(pk__in=ids)), user, "person_id")
        .select_related("person", "team", "lead", "concern")
        .only(*CASELOAD_FIELDS)
        .prefetch_related(
            Prefetch(
                "concern__allegations",
                queryset=Allegation.objects.order_by("id").only("concern_id", "type_of_risk"),
            )
        )
        .in_bulk()
    )
    rows = []
    for pk in ids:
        enquiry = fetched[pk]
        # The row's types of risk in words, as labelled in the year the concern was received:
        # put together here, since a template loop over each row's allegations cost more than
        # the rest of the row.
        received = enquiry.concern.received_date
        enquiry.risk_labels = ", ".join(
            sac.label("type_of_risk", allegation.type_of_risk, on=received)
            for allegation in enquiry.concern.allegations.all()
        )
        rows.append((enquiry, drift_of(enquiry, drift_days), (on - enquiry.start_date).days))
    return rows


def caseload(user, **filters) -> tuple[list[tuple[Enquiry, Drift, int]], int]:
    """Every row of a caseload (see caseload_ids) and the drift threshold in days, for
    callers that want the whole list rather than a page."""
    ids = list(caseload_ids(user, **filters))
    return caseload_rows(user, ids), council_settings().drift_days


def age_band_choices() -> list[tuple[str, str]]:
    """The caseload's age filter: the statutory bands in force today."""
    return [(b.code, b.label) for b in sac.spec_on().age.bands]


def _filter_age_band(enquiries, band: str, on):
    """Enquiries whose person is in the band today (or was at death), by the statutory rule."""
    age = sac.spec_on(on).age
    if band not in {b.code for b in age.bands}:
        return enquiries
    expression = age.expression(on, birth="person__date_of_birth", death="person__date_of_death")
    return enquiries.alias(age_band=expression).filter(age_band=band)


def enquiry_page(enquiry: Enquiry) -> dict:
    """Everything the enquiry page shows, fetched in a fixed number of queries."""
    outcomes = list(
        DesiredOutcome.objects.filter(enquiry=enquiry)
        .select_related("alternative_to", "replaced_by")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=OutcomeEvent.objects.select_related("actor", "related").order_by(
                    "happened_on", "id"
                ),
            ),
            "tensions",
        )
        .order_by("id")
    )
    conversations = list(
        enquiry.conversations.select_related("created_by").order_by("-held_on", "-id")
    )
    return {
        "outcomes": outcomes,
        "conversations": conversations,
        "capacity": list(enquiry.capacity_assessments.select_related("created_by")),
        "representations": list(enquiry.representations.all()),
        "risk_discussions": list(enquiry.risk_discussions.all()),
        "responses": list(enquiry.responses.all()),
        "allegations": list(enquiry.concern.allegations.all()),
        "review": ClosingReview.objects.filter(enquiry=enquiry)
        .prefetch_related(Prefetch("experience", queryset=ExperienceRating.objects.order_by("pk")))
        .first(),
    }
