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

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)

from msp import sac
from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.concerns.models import Concern
from msp.core.dates import today
from msp.core.models import council_settings
from msp.core.periods import Period, ReportingYear
from msp.enquiries.models import Conversation, Enquiry, ExperienceRating, Response, Stage
from msp.enquiries.selectors import asked_at_end_q
from msp.enquiries.statutory import ANSWER_FIELDS
from msp.outcomes.models import DesiredOutcome, OutcomeStatus
from msp.privacy.selectors import exclude_restricted
from msp.sac.model import UNKNOWN

NOT_RECORDED = "Not recorded"

DIMENSIONS = {
    "": "No breakdown",
    "period": "Period",
    "team": "Team",
    "practitioner": "Lead practitioner",
    "type_of_risk": "Type of risk",
    "location_of_risk": "Location of risk",
    "source_of_risk": "Source of risk",
    "age_band": "Age band at the end of the period (or at death)",
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "primary_support_reason": "Primary support reason",
}
# Dimensions a board may see: nothing that names or points at a member of staff.
BOARD_DIMENSIONS = {k: v for k, v in DIMENSIONS.items() if k != "practitioner"}
# The statutory list that labels each coded dimension (the age bands come from the age rule).
DIMENSION_LISTS = {
    "type_of_risk": "type_of_risk",
    "location_of_risk": "location_of_risk",
    "source_of_risk": "source_of_risk",
    "sex": "sex",
    "ethnicity": "ethnicity_groups",
    "primary_support_reason": "primary_support_reason",
}
MULTI_COUNT_DIMENSIONS = {"type_of_risk", "location_of_risk", "source_of_risk"}


def _without_jit(function):
    """Run the counts with PostgreSQL's JIT compiler off.

    The planner prices the per-enquiry EXISTS checks high enough to switch JIT on, and compiling
    the query then takes several times longer (about 200 ms) than running it (about 30 ms).
    SET LOCAL lasts only until the end of this transaction.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if connection.vendor != "postgresql":
            return function(*args, **kwargs)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            return function(*args, **kwargs)

    return wrapper


# --- scope -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose enquiries are counted: teams (None means every team), optionally one lead, and
    optionally only some enquiries (`enquiry_ids`, a queryset of ids: an improvement project's
    cases, say)."""

    team_ids: frozenset[int] | None
    lead_id: int | None = None
    enquiry_ids: object = field(default=None, compare=False, hash=False)

    def apply(self, queryset, prefix: str = ""):
        if self.team_ids is not None:
            queryset = queryset.filter(**{f"{prefix}team_id__in": self.team_ids})
        if self.lead_id is not None:
            queryset = queryset.filter(**{f"{prefix}lead_id": self.lead_id})
        if self.enquiry_ids is not None:
            queryset = queryset.filter(**{f"{prefix}pk__in": self.enquiry_ids})
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


def _age_band(person: str, on: date):
    """The statutory age band on `on` (or at death, if earlier), in the database: the year's
    own age rule (msp/sac), with children shown as unknown as in SG1a."""
    return sac.spec_on(on).age.expression(
        on, birth=f"{person}date_of_birth", death=f"{person}date_of_death", child=UNKNOWN
    )


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
        return _age_band(f"{p}person__", period.end)
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
    elif dimension == "age_band":
        rows = _spec_of(period).age.rows()
    else:
        list_code = DIMENSION_LISTS[dimension]
        labels = sac.labels(list_code, on=period.end)
        rows = _spec_of(period).choices(list_code)
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


def _counter(dimension: str, window: Q | None = None):
    """Count rows matching a condition; distinct ids only when the breakdown joins allegations.

    A breakdown by risk joins each enquiry to its allegations and would otherwise count it once
    per allegation in the same category. Elsewhere a plain count is several times faster.
    `window` limits every count to some rows (a quarter, say), so one scan can count several
    periods at once.
    """
    multi = dimension in MULTI_COUNT_DIMENSIONS

    def n(condition: Q | None = None, *, field_name: str = "id") -> Count:
        if window is not None:
            condition = window if condition is None else window & condition
        return Count(field_name, filter=condition, distinct=multi or field_name != "id")

    return n


class DaysBetween(Func):
    """Whole days from one date to another, in the database's own date arithmetic.

    Django's date arithmetic on SQLite calls back into Python for every row; julianday() is
    SQLite's own, and PostgreSQL subtracts dates to a number of days.
    """

    output_field = IntegerField()

    def __init__(self, start, end):
        super().__init__(start, end)

    def as_sql(self, compiler, connection, **extra):
        start, end = (compiler.compile(e) for e in self.get_source_expressions())
        return f"({end[0]} - {start[0]})", [*end[1], *start[1]]

    def as_sqlite(self, compiler, connection, **extra):
        start, end = (compiler.compile(e) for e in self.get_source_expressions())
        return (
            f"CAST(julianday({end[0]}) - julianday({start[0]}) AS INTEGER)",
            [*end[1], *start[1]],
        )


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
    # People whose processing is restricted (UK GDPR article 18) are left out of every report.
    enquiries = exclude_restricted(Enquiry.objects.filter(archived_at__isnull=True))
    return options.scope.apply(enquiries)


def _concluded(options: Options):
    concluded = _enquiries(options).filter(
        end_date__range=(options.period.start, options.period.end)
    )
    return concluded if options.include_other else concluded.filter(kind="s42")


TREND_KEYS = ("concluded", "defined", "fully", "partially", "not_met")


def _spec_of(period: Period):
    """The specification a period is counted by: that of the year it ends in, or today's for
    a period not over yet (an improvement project's figures run to no end)."""
    return sac.spec_on(min(period.end, today()))


def _dependency(spec, answer: str) -> Q:
    """The enquiries an answer applies to, by the year's answer dependency (msp/sac): where
    outcomes were expressed (how far they were achieved), where the person lacked capacity
    (support by an advocate, family or friend)."""
    return spec.answer(answer).applies_q(ANSWER_FIELDS)


def _concluded_aggregates(_n, drift_days: int, spec) -> dict:
    conversations = Conversation.objects.filter(enquiry=OuterRef("pk"), archived_at__isnull=True)
    direct = Exists(
        DesiredOutcome.objects.filter(
            enquiry=OuterRef("pk"), expressed_by="person", archived_at__isnull=True
        )
    )
    defined = _dependency(spec, "outcomes_achieved")
    # How far outcomes were achieved, by what the year's codes mean (msp/sac).
    fully = Q(defined, sac_outcomes_achieved__in=spec.group("outcomes_fully"))
    partially = Q(defined, sac_outcomes_achieved__in=spec.group("outcomes_partially"))
    not_met = Q(defined, sac_outcomes_achieved__in=spec.group("outcomes_not"))
    long_open = Q(days_open__gt=drift_days)
    lacked = Q(kind="s42") & _dependency(spec, "advocate_support")
    person = "person_id"
    return {
        "concluded": _n(),
        "defined": _n(defined),
        "defined_direct": _n(defined & Q(direct)),
        "fully": _n(fully),
        "partially": _n(partially),
        "not_met": _n(not_met),
        "people": _n(field_name=person),
        "people_defined": _n(defined, field_name=person),
        "people_defined_direct": _n(defined & Q(direct), field_name=person),
        # Cumulative counts give each person's best result: fully, else partly, else not.
        "people_fully": _n(fully, field_name=person),
        "people_fully_or_partly": _n(fully | partially, field_name=person),
        "people_rated": _n(fully | partially | not_met, field_name=person),
        # Asked at the end: an end conversation, or a closing review saying who answered.
        "with_end": _n(asked_at_end_q()),
        "long_open": _n(long_open),
        "long_open_with_during": _n(
            long_open & Q(Exists(conversations.filter(stage=Stage.DURING)))
        ),
        "lacked_capacity": _n(lacked),
        "lacked_capacity_supported": _n(lacked & Q(sac_advocate_support=True)),
        # Out of every recorded risk outcome (SG2e): where a risk was identified or assessed.
        "risk_assessed": _n(Q(kind="s42") & ~Q(risk_outcome="")),
        "risk_reduced_removed": _n(
            Q(kind="s42", risk_outcome__in=spec.group("risk_reduced_or_removed"))
        ),
    }


def concluded_counts(options: Options, dimension: str = "", *, only=None) -> dict:
    """Counts over enquiries concluded in the period, per enquiry and per person (`only` some)."""
    aggregates = _concluded_aggregates(
        _counter(dimension), council_settings().drift_days, _spec_of(options.period)
    )
    if only:
        aggregates = {k: v for k, v in aggregates.items() if k in only}
    key = _key(dimension, options, to_enquiry="", date_field="end_date")
    concluded = _concluded(options)
    if "long_open" in aggregates:
        concluded = concluded.alias(days_open=DaysBetween("start_date", "end_date"))
    groups = _group(concluded, key, aggregates)
    for counts in groups.values():
        _derive(counts)
    return groups


# Counts worked out as one count less others it contains: the cases behind them are those the
# first takes in and none of the others do (`concluded_cases`).
DIFFERENCES = {
    "defined_via": ("defined", ("defined_direct",)),
    "not_rated": ("defined", ("fully", "partially", "not_met")),
    "people_defined_via": ("people_defined", ("people_defined_direct",)),
    "people_partly": ("people_fully_or_partly", ("people_fully",)),
    "people_not_met": ("people_rated", ("people_fully_or_partly",)),
    "people_not_rated": ("people_defined", ("people_rated",)),
}


def _derive(c: dict) -> None:
    """Counts worked out from the others (those not asked for in `only` count as 0)."""
    for key, (whole, parts) in DIFFERENCES.items():
        c[key] = c.get(whole, 0) - sum(c.get(part, 0) for part in parts)
    c["fully_or_partly"] = c.get("fully", 0) + c.get("partially", 0)


def _key(dimension: str, options: Options, *, to_enquiry: str, date_field: str):
    if not dimension:
        return None
    return dimension_key(dimension, to_enquiry=to_enquiry, date_field=date_field, options=options)


def _started_aggregates(_n, include_other: bool) -> dict:
    start = Exists(
        Conversation.objects.filter(
            enquiry=OuterRef("pk"), stage=Stage.START, archived_at__isnull=True
        )
    )
    kind = Q() if include_other else Q(kind="s42")
    return {
        "started": _n(kind),
        "with_start": _n(kind & Q(start)),
        "s42": _n(Q(kind="s42")),
        "other": _n(Q(kind="other")),
        "s42_people": _n(Q(kind="s42"), field_name="person_id"),
        "other_people": _n(Q(kind="other"), field_name="person_id"),
    }


def _started(options: Options):
    return _enquiries(options).filter(start_date__range=(options.period.start, options.period.end))


def started_counts(options: Options, dimension: str = "") -> dict:
    """Counts over enquiries started in the period: start conversations, and the statutory
    'enquiries commenced' and individuals by kind."""
    aggregates = _started_aggregates(_counter(dimension), options.include_other)
    key = _key(dimension, options, to_enquiry="", date_field="start_date")
    return _group(_started(options), key, aggregates)


def outcome_counts(options: Options, dimension: str = "") -> dict:
    """How the outcomes in concluded enquiries changed: revised, withdrawn, replaced."""
    _n = _counter(dimension)
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
    _n = _counter(dimension)
    concluded = _concluded(options).values("pk")
    responses = Response.objects.filter(enquiry__in=concluded, archived_at__isnull=True)
    key = _key(dimension, options, to_enquiry="enquiry__", date_field="end_date")
    return _group(responses, key, {"enquiries": _n(field_name="enquiry_id")}, extra=("code",))


def experience_counts(options: Options, dimension: str = "") -> dict:
    """Answers about the person's experience in the closing reviews of concluded enquiries."""
    _n = _counter(dimension)
    concluded = _concluded(options).values("pk")
    ratings = ExperienceRating.objects.filter(
        review__enquiry__in=concluded, archived_at__isnull=True
    )
    key = _key(dimension, options, to_enquiry="review__enquiry__", date_field="end_date")
    return _group(ratings, key, {"n": _n(field_name="review_id")}, extra=("topic", "answer"))


def _concerns(options: Options):
    concerns = exclude_restricted(
        Concern.objects.filter(
            archived_at__isnull=True,
            received_date__range=(options.period.start, options.period.end),
        )
    )
    if options.scope.team_ids is not None:
        concerns = concerns.filter(team_id__in=options.scope.team_ids)
    if options.scope.lead_id is not None:
        concerns = concerns.filter(enquiry__lead_id=options.scope.lead_id)
    if options.scope.enquiry_ids is not None:
        concerns = concerns.filter(enquiry__in=options.scope.enquiry_ids)
    return concerns


def concern_counts(options: Options, dimension: str = "") -> dict:
    """Concerns received in the period (the SAC count of concerns)."""
    _n = _counter(dimension)
    concerns = _concerns(options)
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


@_without_jit
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
    result = Trend(quarters=quarters, concluded=concluded_counts(span, "period", only=TREND_KEYS))
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


@_without_jit
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


@_without_jit
def board_figures(period: Period) -> BoardFigures:
    """The council-wide headlines for the Safeguarding Adults Board: concerns, enquiries started
    and individuals, concluded section 42 outcomes and risk, and the 8-quarter trend.

    Three queries whatever the data size: each table is read once over the period and the last
    8 quarters together, with a count per window.
    """
    options = Options(period=period, scope=COUNCIL, include_other=False)
    quarters = last_quarters(period.end)
    span = Options(
        period=Period(min(period.start, quarters[0].start), max(period.end, quarters[-1].end), ""),
        scope=COUNCIL,
    )
    drift_days = council_settings().drift_days
    spec = _spec_of(period)

    def windows(date_field: str, build, trend_keys) -> dict:
        aggregates = build(_counter("", Q(**{f"{date_field}__range": (period.start, period.end)})))
        for index, quarter in enumerate(quarters):
            window = Q(**{f"{date_field}__range": (quarter.start, quarter.end)})
            for key, count in build(_counter("", window)).items():
                if key in trend_keys:
                    aggregates[f"{key}__{index}"] = count
        return aggregates

    concluded = _split(
        _concluded(span)
        .alias(days_open=DaysBetween("start_date", "end_date"))
        .aggregate(
            **windows("end_date", lambda n: _concluded_aggregates(n, drift_days, spec), TREND_KEYS)
        )
    )
    started = _split(
        _started(span).aggregate(
            **windows("start_date", lambda n: _started_aggregates(n, False), ("s42",))
        )
    )
    concerns = _split(
        _concerns(span).aggregate(
            **windows("received_date", lambda n: {"concerns": n()}, ("concerns",))
        )
    )
    for counts in concluded.values():
        _derive(counts)
    return BoardFigures(
        options=options,
        concerns=concerns.pop(None),
        started=started.pop(None),
        concluded=concluded.pop(None),
        trend=Trend(quarters=quarters, concluded=concluded, started=started, concerns=concerns),
    )


def _split(row: dict) -> dict:
    """{"concluded": 3, "concluded__0": 1} as {None: {"concluded": 3}, 0: {"concluded": 1}}."""
    out: dict = {None: {}}
    for name, value in row.items():
        key, _, index = name.partition("__")
        out.setdefault(int(index) if index else None, {})[key] = value or 0
    return out


# --- the cases behind a count ------------------------------------------------------------------
# The improvement programme lists the enquiries behind each figure it shows. These apply the
# very conditions the counts above use, so a list and its figure cannot disagree. Per-enquiry
# counts only: a per-person count ("people_...") has no single list of enquiries.


def _condition(condition: Q | None = None, *, field_name: str = "id") -> Q | None:
    """Stands in for a counter: gives back the condition a count would apply."""
    return condition


def started_cases(options: Options, key: str):
    """The enquiries started in the period that `started_counts()[key]` counts."""
    condition = _started_aggregates(_condition, options.include_other)[key]
    cases = _started(options)
    return cases if condition is None else cases.filter(condition)


def concluded_cases(options: Options, key: str):
    """The enquiries concluded in the period that `concluded_counts()[key]` counts, a count
    worked out as a difference (`DIFFERENCES`) included."""
    conditions = _concluded_aggregates(
        _condition, council_settings().drift_days, _spec_of(options.period)
    )
    if key in DIFFERENCES:
        whole, parts = DIFFERENCES[key]
        condition = conditions[whole]
        for part in parts:
            condition = condition & ~conditions[part]
    else:
        condition = conditions[key]
    cases = _concluded(options).alias(days_open=DaysBetween("start_date", "end_date"))
    return cases if condition is None else cases.filter(condition)


def experience_cases(options: Options, topic: str, answer: str):
    """The concluded enquiries whose closing review gave this answer about the experience."""
    ratings = ExperienceRating.objects.filter(
        review__enquiry=OuterRef("pk"), topic=topic, archived_at__isnull=True
    )
    return _concluded(options).filter(Exists(ratings.filter(answer=answer)))
