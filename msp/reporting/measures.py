"""The MSP measures and the board's headline figures, counted in the database.

Every figure is a conditional count in a grouped query, so a page costs the same handful of
queries whether the council has a hundred enquiries or a hundred thousand; no case rows are
brought into Python. Scope (which teams, which lead practitioner) is applied before counting.

Choices, also written up in docs/measures.md:
- Outcomes, conversations at the end, capacity and advocacy, outcome revisions, responses and
  experience are counted over enquiries CONCLUDED in the period: the journey is complete, so the
  figure for a period does not change as cases progress.
- "Had a start conversation" is counted over enquiries STARTED in the period.
- "Had a conversation during the enquiry" is counted over enquiries concluded in the period that
  were open longer than the council's drift threshold.
- Per person: a person counts as having defined outcomes if they did in any of their concluded
  enquiries in the period, and their outcomes count as met by the BEST result across those
  enquiries (fully, then partly, then not).
- A breakdown by type, location or source of risk counts an enquiry once in each category among
  its concern's allegations, so those rows can add up to more than the total.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)

from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.concerns.models import Concern
from msp.core.models import council_settings
from msp.core.periods import AGE_BANDS, Period, ReportingYear
from msp.enquiries.models import Conversation, Enquiry, ExperienceRating, Response, Stage
from msp.outcomes.models import DesiredOutcome, OutcomeStatus
from msp.reference import selectors as ref

ASKED_EXPRESSED = "asked_expressed"
LACKED_CAPACITY = "lacked_capacity"
RISK_RESULTS = ("remained", "reduced", "removed")
NOT_RECORDED = "Not recorded"

DIMENSIONS = {
    "": "No breakdown",
    "period": "Period",
    "team": "Team",
    "practitioner": "Lead practitioner",
    "type_of_risk": "Type of risk",
    "location_of_risk": "Location of risk",
    "source_of_risk": "Source of risk",
    "age_band": "Age band at the end of the period",
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "primary_support_reason": "Primary support reason",
}
# Dimensions a board may see: nothing that names or points at a member of staff.
BOARD_DIMENSIONS = {k: v for k, v in DIMENSIONS.items() if k != "practitioner"}
# The reference list that labels each coded dimension.
DIMENSION_LISTS = {
    "type_of_risk": "type_of_risk",
    "location_of_risk": "location_of_risk",
    "source_of_risk": "source_of_risk",
    "sex": "sex",
    "ethnicity": "ethnicity_groups",
    "primary_support_reason": "primary_support_reason",
    "age_band": "age_bands_sg1a",
}
MULTI_COUNT_DIMENSIONS = {"type_of_risk", "location_of_risk", "source_of_risk"}


# --- scope -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose enquiries are counted: teams (None means every team) and optionally one lead."""

    team_ids: frozenset[int] | None
    lead_id: int | None = None

    def apply(self, queryset, prefix: str = ""):
        if self.team_ids is not None:
            queryset = queryset.filter(**{f"{prefix}team_id__in": self.team_ids})
        if self.lead_id is not None:
            queryset = queryset.filter(**{f"{prefix}lead_id": self.lead_id})
        return queryset


COUNCIL = Scope(team_ids=None)


def scope_for(user, *, team_id: int | None = None, lead_id: int | None = None) -> Scope:
    """The user's visible teams, narrowed to a chosen team and/or lead practitioner.

    A team or lead outside what the user may see narrows to nothing rather than widening.
    """
    visible = policy.visible_team_ids(user)
    teams = None if visible is None else frozenset(visible)
    if team_id is not None:
        teams = frozenset({team_id}) if teams is None or team_id in teams else frozenset()
    return Scope(team_ids=teams, lead_id=lead_id)


# --- periods -----------------------------------------------------------------------------------


def sub_periods(period: Period) -> list[Period]:
    """The rows of a period breakdown: a reporting year by quarter, anything shorter by month,
    anything longer than a year by quarter (cut to the period)."""
    if isinstance(period, ReportingYear):
        return period.quarters()
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    out: list[Period] = []
    year = ReportingYear.containing(period.start)
    while year.start <= period.end:
        for part in year.quarters() if months >= 12 else year.months():
            if part.end >= period.start and part.start <= period.end:
                out.append(
                    Period(max(part.start, period.start), min(part.end, period.end), part.label)
                )
        year = ReportingYear.starting(year.start.year + 1)
    return out


def last_quarters(day: date, count: int = 8) -> list[Period]:
    """The `count` reporting quarters up to and including the one containing `day`, oldest first."""
    quarters: list[Period] = []
    year = ReportingYear.containing(day)
    while len(quarters) < count:
        quarters = [q for q in year.quarters() if q.start <= day] + quarters
        year = ReportingYear.starting(year.start.year - 1)
    return quarters[-count:]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


# --- dimensions --------------------------------------------------------------------------------


def _bucket(field_name: str, parts: list[Period]):
    """Which of `parts` a date falls in, as the part's position (NULL outside them all)."""
    return Case(
        *[
            When(**{f"{field_name}__range": (p.start, p.end)}, then=Value(i))
            for i, p in enumerate(parts)
        ],
        default=Value(None),
        output_field=IntegerField(),
    )


def _age_band(field_name: str, on: date):
    """The SG1a age band on `on`, worked out from the date of birth in the database."""
    whens = [
        When(**{f"{field_name}__isnull": True}, then=Value("unknown")),
        When(**{f"{field_name}__gt": _years_before(on, 18)}, then=Value("unknown")),
    ]
    for code, _low, high in AGE_BANDS:
        whens.append(When(**{f"{field_name}__gt": _years_before(on, high + 1)}, then=Value(code)))
    return Case(*whens, default=Value(AGE_BANDS[-1][0]), output_field=CharField())


def dimension_key(dimension: str, *, to_enquiry: str, date_field: str, options: "Options"):
    """The expression to group by for a dimension, from a model `to_enquiry` away from Enquiry."""
    p = to_enquiry
    period = options.period
    if dimension == "period":
        return _bucket(f"{p}{date_field}", options.period_parts)
    if dimension == "team":
        return F(f"{p}team_id")
    if dimension == "practitioner":
        return F(f"{p}lead_id")
    if dimension in MULTI_COUNT_DIMENSIONS:
        return F(f"{p}concern__allegations__{dimension}")
    if dimension == "age_band":
        return _age_band(f"{p}person__date_of_birth", period.end)
    if dimension in ("sex", "ethnicity", "primary_support_reason"):
        return F(f"{p}person__{dimension}")
    raise ValueError(f"Unknown breakdown {dimension!r}")


def dimension_labels(dimension: str, keys, options: "Options") -> list[tuple[object, str]]:
    """Rows of a breakdown in a sensible order, with labels: list order for coded dimensions,
    names for teams and practitioners, time order for periods. Categories with no enquiries are
    kept for coded lists so a board can see a zero (suppressed) rather than a missing row."""
    keys = set(keys)
    period = options.period
    if dimension == "period":
        return [(i, p.label) for i, p in enumerate(options.period_parts)]
    if dimension == "team":
        teams = Team.objects.filter(pk__in=[k for k in keys if k is not None]).order_by("name")
        rows = [(t.pk, t.name) for t in teams]
    elif dimension == "practitioner":
        users = User.objects.filter(pk__in=[k for k in keys if k is not None]).order_by(
            "first_name", "last_name"
        )
        rows = [(u.pk, u.get_full_name() or u.username) for u in users]
        if None in keys:
            rows.append((None, "Not allocated"))
        return rows
    else:
        list_code = DIMENSION_LISTS[dimension]
        labels = ref.labels(list_code)
        rows = [(i.code, i.label) for i in ref.items(list_code, on=period.end)]
        listed = {code for code, _ in rows}
        rows += [(k, labels.get(k, k)) for k in sorted(k for k in keys if k) if k not in listed]
    if None in keys or "" in keys:
        rows.append((None, NOT_RECORDED))
    return rows


def _group(queryset, key, aggregates: dict, extra: tuple[str, ...] = ()) -> dict:
    """Run the aggregates, grouped by `key` (and `extra` fields) when there is one."""
    if key is None and not extra:
        return {None: queryset.aggregate(**aggregates)}
    if key is not None:
        queryset = queryset.annotate(_key=key)
        fields = ("_key", *extra)
    else:
        fields = extra
    out = {}
    for row in queryset.order_by().values(*fields).annotate(**aggregates):
        group = row.pop("_key", None)
        if group == "":
            group = None
        if extra:
            out.setdefault(group, []).append(row)
        else:
            out[group] = row
    return out


def _n(condition: Q | None = None, *, field_name: str = "id") -> Count:
    # Distinct, because a breakdown by risk joins allegations and would otherwise count an
    # enquiry once per allegation in the same category.
    return Count(field_name, filter=condition, distinct=True)


# --- the counts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What to count: the period, whose enquiries, and whether other enquiries are included."""

    period: Period
    scope: Scope
    include_other: bool = False
    # The rows of a breakdown by period; worked out from the period when not given.
    parts: tuple[Period, ...] | None = None

    @property
    def period_parts(self) -> list[Period]:
        return list(self.parts) if self.parts else sub_periods(self.period)


def _enquiries(options: Options):
    enquiries = Enquiry.objects.filter(archived_at__isnull=True)
    return options.scope.apply(enquiries)


def _concluded(options: Options):
    concluded = _enquiries(options).filter(
        end_date__range=(options.period.start, options.period.end)
    )
    return concluded if options.include_other else concluded.filter(kind="s42")


def concluded_counts(options: Options, dimension: str = "") -> dict:
    """Counts over enquiries concluded in the period, per enquiry and per person."""
    drift_days = council_settings().drift_days
    conversations = Conversation.objects.filter(enquiry=OuterRef("pk"), archived_at__isnull=True)
    direct = Exists(
        DesiredOutcome.objects.filter(
            enquiry=OuterRef("pk"), expressed_by="person", archived_at__isnull=True
        )
    )
    defined = Q(sac_asked_outcomes=ASKED_EXPRESSED)
    achieved = Q(defined, sac_outcomes_achieved__in=("fully", "partially", "not"))
    long_open = Q(end_date__gt=F("start_date") + timedelta(days=drift_days))
    lacked = Q(kind="s42", sac_lacked_capacity=LACKED_CAPACITY)
    person = "person_id"
    aggregates = {
        "concluded": _n(),
        "defined": _n(defined),
        "defined_direct": _n(defined & Q(direct)),
        "fully": _n(Q(defined, sac_outcomes_achieved="fully")),
        "partially": _n(Q(defined, sac_outcomes_achieved="partially")),
        "not_met": _n(Q(defined, sac_outcomes_achieved="not")),
        "people": _n(field_name=person),
        "people_defined": _n(defined, field_name=person),
        "people_defined_direct": _n(defined & Q(direct), field_name=person),
        # Cumulative counts give each person's best result: fully, else partly, else not.
        "people_fully": _n(Q(defined, sac_outcomes_achieved="fully"), field_name=person),
        "people_fully_or_partly": _n(
            Q(defined, sac_outcomes_achieved__in=("fully", "partially")), field_name=person
        ),
        "people_rated": _n(achieved, field_name=person),
        "with_end": _n(Q(Exists(conversations.filter(stage=Stage.END)))),
        "long_open": _n(long_open),
        "long_open_with_during": _n(
            long_open & Q(Exists(conversations.filter(stage=Stage.DURING)))
        ),
        "lacked_capacity": _n(lacked),
        "lacked_capacity_supported": _n(lacked & Q(sac_advocate_support=True)),
        "risk_assessed": _n(Q(kind="s42", risk_outcome__in=RISK_RESULTS)),
        "risk_reduced_removed": _n(Q(kind="s42", risk_outcome__in=("reduced", "removed"))),
    }
    key = _key(dimension, options, to_enquiry="", date_field="end_date")
    groups = _group(_concluded(options), key, aggregates)
    for counts in groups.values():
        _derive(counts)
    return groups


def _derive(c: dict) -> None:
    c["defined_via"] = c["defined"] - c["defined_direct"]
    c["not_rated"] = c["defined"] - c["fully"] - c["partially"] - c["not_met"]
    c["fully_or_partly"] = c["fully"] + c["partially"]
    c["people_defined_via"] = c["people_defined"] - c["people_defined_direct"]
    c["people_partly"] = c["people_fully_or_partly"] - c["people_fully"]
    c["people_not_met"] = c["people_rated"] - c["people_fully_or_partly"]
    c["people_not_rated"] = c["people_defined"] - c["people_rated"]


def _key(dimension: str, options: Options, *, to_enquiry: str, date_field: str):
    if not dimension:
        return None
    return dimension_key(dimension, to_enquiry=to_enquiry, date_field=date_field, options=options)


def started_counts(options: Options, dimension: str = "") -> dict:
    """Counts over enquiries started in the period: start conversations, and the statutory
    'enquiries commenced' and individuals by kind."""
    started = _enquiries(options).filter(
        start_date__range=(options.period.start, options.period.end)
    )
    start = Exists(
        Conversation.objects.filter(
            enquiry=OuterRef("pk"), stage=Stage.START, archived_at__isnull=True
        )
    )
    kind = Q() if options.include_other else Q(kind="s42")
    aggregates = {
        "started": _n(kind),
        "with_start": _n(kind & Q(start)),
        "s42": _n(Q(kind="s42")),
        "other": _n(Q(kind="other")),
        "s42_people": _n(Q(kind="s42"), field_name="person_id"),
        "other_people": _n(Q(kind="other"), field_name="person_id"),
    }
    key = _key(dimension, options, to_enquiry="", date_field="start_date")
    return _group(started, key, aggregates)


def outcome_counts(options: Options, dimension: str = "") -> dict:
    """How the outcomes in concluded enquiries changed: revised, withdrawn, replaced."""
    concluded = _concluded(options).values("pk")
    outcomes = DesiredOutcome.objects.filter(enquiry__in=concluded, archived_at__isnull=True)
    aggregates = {
        "outcomes": _n(),
        "revised": _n(Q(revision_count__gt=0)),
        "withdrawn": _n(Q(status=OutcomeStatus.WITHDRAWN)),
        "replaced": _n(Q(status=OutcomeStatus.REPLACED)),
    }
    key = _key(dimension, options, to_enquiry="enquiry__", date_field="end_date")
    return _group(outcomes, key, aggregates)


def response_counts(options: Options, dimension: str = "") -> dict:
    """Concluded enquiries that used each response (an enquiry counts once per response)."""
    concluded = _concluded(options).values("pk")
    responses = Response.objects.filter(enquiry__in=concluded, archived_at__isnull=True)
    key = _key(dimension, options, to_enquiry="enquiry__", date_field="end_date")
    return _group(responses, key, {"enquiries": _n(field_name="enquiry_id")}, extra=("code",))


def experience_counts(options: Options, dimension: str = "") -> dict:
    """Answers about the person's experience in the closing reviews of concluded enquiries."""
    concluded = _concluded(options).values("pk")
    ratings = ExperienceRating.objects.filter(review__enquiry__in=concluded)
    key = _key(dimension, options, to_enquiry="review__enquiry__", date_field="end_date")
    return _group(ratings, key, {"n": _n(field_name="review_id")}, extra=("topic", "answer"))


def concern_counts(options: Options, dimension: str = "") -> dict:
    """Concerns received in the period (the SAC count of concerns)."""
    concerns = Concern.objects.filter(
        archived_at__isnull=True,
        received_date__range=(options.period.start, options.period.end),
    )
    if options.scope.team_ids is not None:
        concerns = concerns.filter(team_id__in=options.scope.team_ids)
    if options.scope.lead_id is not None:
        concerns = concerns.filter(enquiry__lead_id=options.scope.lead_id)
    key = None
    if dimension in MULTI_COUNT_DIMENSIONS:
        # A concern's own allegations, not reached through an enquiry.
        key = F(f"allegations__{dimension}")
    elif dimension == "practitioner":
        key = F("enquiry__lead_id")
    elif dimension:
        key = dimension_key(dimension, to_enquiry="", date_field="received_date", options=options)
    return _group(concerns, key, {"concerns": _n()})


# --- trends ------------------------------------------------------------------------------------


@dataclass
class Trend:
    quarters: list[Period]
    concluded: dict = field(default_factory=dict)
    started: dict = field(default_factory=dict)
    concerns: dict = field(default_factory=dict)


def trend(options: Options, *, count: int = 8, board: bool = False) -> Trend:
    """The headline measures by quarter for the `count` quarters up to the end of the period:
    one grouped query per kind of count."""
    quarters = last_quarters(options.period.end, count)
    span = Options(
        period=Period(quarters[0].start, quarters[-1].end, "the last 8 quarters"),
        scope=options.scope,
        include_other=options.include_other,
        parts=tuple(quarters),
    )
    result = Trend(quarters=quarters, concluded=concluded_counts(span, "period"))
    if board:
        result.started = started_counts(span, "period")
        result.concerns = concern_counts(span, "period")
    return result


# --- the whole set -----------------------------------------------------------------------------


@dataclass
class Measures:
    options: Options
    dimension: str
    totals: dict
    started: dict
    outcomes: dict
    responses: list
    experience: list
    breakdown: list = field(default_factory=list)  # (label, concluded, started, outcomes, ...)
    drift_days: int = 0


def measures(options: Options, dimension: str = "") -> Measures:
    """Every MSP measure for the period and scope, with a breakdown by one dimension.

    Bounded: ten grouped queries with a breakdown, five without, whatever the data size.
    """
    totals = concluded_counts(options)[None]
    started = started_counts(options)[None]
    outcomes = outcome_counts(options)[None]
    responses = response_counts(options).get(None, [])
    experience = experience_counts(options).get(None, [])
    result = Measures(
        options=options,
        dimension=dimension,
        totals=totals,
        started=started,
        outcomes=outcomes,
        responses=responses,
        experience=experience,
        drift_days=council_settings().drift_days,
    )
    if dimension:
        result.breakdown = breakdown(options, dimension)
    return result


@dataclass
class BreakdownRow:
    key: object
    label: str
    concluded: dict
    started: dict
    outcomes: dict
    responses: dict
    experience: dict


def breakdown(options: Options, dimension: str) -> list[BreakdownRow]:
    concluded = concluded_counts(options, dimension)
    started = started_counts(options, dimension)
    outcomes = outcome_counts(options, dimension)
    responses = response_counts(options, dimension)
    experience = experience_counts(options, dimension)
    keys = set(concluded) | set(started) | set(outcomes) | set(responses) | set(experience)
    rows = []
    empty_concluded = _empty(concluded_counts_keys())
    for key, label in dimension_labels(dimension, keys, options):
        response_row = defaultdict(int)
        for r in responses.get(key, []):
            response_row[r["code"]] += r["enquiries"]
        experience_row: dict = defaultdict(lambda: defaultdict(int))
        for r in experience.get(key, []):
            experience_row[r["topic"]][r["answer"]] += r["n"]
        rows.append(
            BreakdownRow(
                key=key,
                label=label,
                concluded=concluded.get(key, empty_concluded),
                started=started.get(key, _empty(STARTED_KEYS)),
                outcomes=outcomes.get(key, _empty(OUTCOME_KEYS)),
                responses=dict(response_row),
                experience={t: dict(a) for t, a in experience_row.items()},
            )
        )
    return rows


STARTED_KEYS = ("started", "with_start", "s42", "other", "s42_people", "other_people")
OUTCOME_KEYS = ("outcomes", "revised", "withdrawn", "replaced")


def concluded_counts_keys() -> tuple[str, ...]:
    return (
        "concluded defined defined_direct fully partially not_met people people_defined "
        "people_defined_direct people_fully people_fully_or_partly people_rated with_end "
        "long_open long_open_with_during lacked_capacity lacked_capacity_supported "
        "risk_assessed risk_reduced_removed"
    ).split()


def _empty(keys) -> dict:
    counts = dict.fromkeys(keys, 0)
    if "concluded" in counts:
        _derive(counts)
    return counts


# --- the board ---------------------------------------------------------------------------------


@dataclass
class BoardFigures:
    options: Options
    concerns: dict
    started: dict
    concluded: dict
    trend: Trend


def board_figures(period: Period) -> BoardFigures:
    """The council-wide headlines for the Safeguarding Adults Board: concerns, enquiries started
    and individuals, concluded section 42 outcomes and risk, and the 8-quarter trend.

    Six grouped queries whatever the data size.
    """
    options = Options(period=period, scope=COUNCIL, include_other=False)
    return BoardFigures(
        options=options,
        concerns=concern_counts(options)[None],
        started=started_counts(options)[None],
        concluded=concluded_counts(options)[None],
        trend=trend(options, board=True),
    )
