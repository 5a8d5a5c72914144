"""Triangulation: the recorded measures, the case file audits and the person's own feedback side
by side for a team (or the whole council) and a period, with where they disagree.

The recorded measures are counted by the reporting selectors (msp/reporting/measures.py) over
the cases concluded in the period, counted over their whole course, so "asked at the start" and
"asked at the end" are about the same cases. The audits are those completed in the period for
the team's cases, counted by the audit selectors; the feedback is the current follow-up answers
given in the period, counted by the feedback selectors, the person's and representatives' apart.
Nothing is counted again here.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from msp.core.periods import Period
from msp.enquiries.models import Enquiry, ExperienceAnswer
from msp.improvement.audits import selectors as audit_selectors
from msp.improvement.feedback import selectors as feedback_selectors
from msp.improvement.feedback import wording as feedback_wording
from msp.improvement.models.audits import AuditAnswerChoice
from msp.improvement.models.feedback import Respondent
from msp.privacy.selectors import exclude_restricted
from msp.reporting import disclosure, measures
from msp.reporting.tables import Table

# Two sources disagree when their shares are this many percentage points apart or more.
DISAGREE_POINTS = 15
WHOLE_COURSE = Period(date(1900, 1, 1), date(9999, 12, 31), "the whole course of the cases")


@dataclass(frozen=True)
class Theme:
    """One thing the three sources can each say something about."""

    key: str
    label: str
    recorded_label: str  # how the recorded figure reads in a sentence
    recorded: tuple[str, str] | None  # (numerator, denominator) of the recorded counts
    audit_topic: str | None  # the audit question's topic (msp.improvement.audits.wording)
    feedback_question: str | None  # the follow-up question (msp.improvement.feedback.wording)


THEMES = [
    Theme(
        "asked_at_start",
        "Asked what they wanted at the start",
        "recorded as asked at the start",
        ("started.with_start", "started.started"),
        "asked_at_start",
        None,
    ),
    Theme(
        "outcomes_defined",
        "Said what they wanted, in their own words",
        "recorded as saying what they wanted",
        ("concluded.defined", "concluded.concluded"),
        "own_words",
        None,
    ),
    Theme(
        "revisited",
        "Outcomes revisited during the enquiry",
        "recorded as revisited (of cases open longer than the drift limit)",
        ("concluded.long_open_with_during", "concluded.long_open"),
        "revisited",
        None,
    ),
    Theme(
        "asked_at_end",
        "Asked at the end whether they got what they wanted",
        "recorded as asked at the end",
        ("concluded.with_end", "concluded.concluded"),
        "asked_at_end",
        None,
    ),
    Theme(
        "achieved",
        "Got what they wanted, fully or partly",
        "recorded as fully or partly achieved",
        ("concluded.fully_or_partly", "concluded.defined"),
        None,
        feedback_wording.OUTCOMES,
    ),
    Theme(
        "listened_to",
        "Felt listened to",
        "",
        None,
        "experience_sought",
        "felt_listened_to",
    ),
]


@dataclass
class Share:
    count: int
    out_of: int

    @property
    def percent(self) -> float | None:
        return disclosure.percentage(self.count, self.out_of)


@dataclass
class Row:
    theme: Theme
    recorded: Share | None
    audit: Share | None
    person: Share | None
    representative: Share | None
    disagreement: str = ""

    @property
    def sources(self) -> list[Share | None]:
        return [self.recorded, self.audit, self.person, self.representative]


@dataclass
class Triangulation:
    period: Period
    team_ids: frozenset[int] | None
    cases_concluded: int
    audits: int
    followed_up: dict[str, int]  # respondent: how many followed up
    rows: list[Row]
    drift_days: int


def _concluded_cases(period: Period, team_ids) -> QuerySet[Enquiry]:
    """The ids of the cases concluded in the period in these teams, as every report chooses them
    (restricted people and archived cases left out)."""
    cases = exclude_restricted(
        Enquiry.objects.filter(archived_at__isnull=True, end_date__range=(period.start, period.end))
    )
    if team_ids is not None:
        cases = cases.filter(team_id__in=team_ids)
    return cases.values("pk")


def recorded_counts(period: Period, team_ids) -> dict[str, int]:
    """The recorded measures for the cases concluded in the period, flat ("concluded.defined")."""
    scope = measures.Scope(
        team_ids=None if team_ids is None else frozenset(team_ids),
        enquiry_ids=_concluded_cases(period, team_ids),
    )
    options = measures.Options(period=WHOLE_COURSE, scope=scope, include_other=True)
    flat = {}
    concluded = measures.concluded_counts(options).get(None, {})
    started = measures.started_counts(options).get(None, {})
    for key, value in concluded.items():
        flat[f"concluded.{key}"] = value or 0
    for key, value in started.items():
        flat[f"started.{key}"] = value or 0
    return flat


def _audit_share(counts: dict[str, dict[str, int]], topic: str | None) -> Share | None:
    if topic is None:
        return None
    answers = counts.get(topic, {})
    answered = sum(n for a, n in answers.items() if a != AuditAnswerChoice.NOT_APPLICABLE)
    return Share(answers.get(AuditAnswerChoice.YES, 0), answered)


def _feedback_share(found, question: str | None) -> Share | None:
    if question is None:
        return None
    said = found.said(question, ExperienceAnswer.YES) + found.said(
        question, ExperienceAnswer.PARTLY
    )
    return Share(said, found.answered(question))


def _percent_text(presenter, share: Share) -> str:
    return presenter.percent_text(share.count, share.out_of)


def disagreement(theme: Theme, row: Row, presenter) -> str:
    """A sentence when two sources that both have cases behind them are far apart; nothing for a
    suppressed audience when any of the numbers is small."""
    recorded = row.recorded
    others = [
        ("audits found it in the file in", row.audit),
        ("people said so in", row.person),
    ]
    for words, other in others:
        if recorded is None or other is None or not recorded.out_of or not other.out_of:
            continue
        if presenter.suppress and (
            disclosure.is_small(recorded.out_of) or disclosure.is_small(other.out_of)
        ):
            continue
        if abs(recorded.percent - other.percent) >= DISAGREE_POINTS:
            return (
                f"{theme.recorded_label[:1].upper()}{theme.recorded_label[1:]} in "
                f"{_percent_text(presenter, recorded)} of cases; {words} "
                f"{_percent_text(presenter, other)}."
            )
    if row.audit and row.person and row.audit.out_of and row.person.out_of:
        small = disclosure.is_small(row.audit.out_of) or disclosure.is_small(row.person.out_of)
        if not (presenter.suppress and small) and (
            abs(row.audit.percent - row.person.percent) >= DISAGREE_POINTS
        ):
            return (
                f"Audits found it in the file in {_percent_text(presenter, row.audit)}; "
                f"people said so in {_percent_text(presenter, row.person)}."
            )
    return ""


def triangulate(period: Period, team_ids, presenter) -> Triangulation:
    """The three sources side by side for the teams (None: the whole council) and the period.
    A fixed number of grouped queries whatever the data size."""
    from msp.core.models import council_settings

    recorded = recorded_counts(period, team_ids)
    audits = audit_selectors.completed_in(period, team_ids)
    answer_counts = audit_selectors.answer_counts(audits)
    responses = feedback_selectors.responses_in(period, team_ids)
    feedback = feedback_selectors.figures(responses)
    rows = []
    for theme in THEMES:
        row = Row(
            theme=theme,
            recorded=Share(recorded.get(theme.recorded[0], 0), recorded.get(theme.recorded[1], 0))
            if theme.recorded
            else None,
            audit=_audit_share(answer_counts, theme.audit_topic),
            person=_feedback_share(feedback[Respondent.PERSON], theme.feedback_question),
            representative=_feedback_share(
                feedback[Respondent.REPRESENTATIVE], theme.feedback_question
            ),
        )
        row.disagreement = disagreement(theme, row, presenter)
        rows.append(row)
    return Triangulation(
        period=period,
        team_ids=None if team_ids is None else frozenset(team_ids),
        cases_concluded=recorded.get("concluded.concluded", 0),
        audits=audits.count(),
        followed_up={code: feedback[code].followed_up for code, _ in Respondent.choices},
        rows=rows,
        drift_days=council_settings().drift_days,
    )


HEADERS = [
    "What",
    "Recorded",
    "Recorded %",
    "Audits",
    "Audits %",
    "The person said",
    "The person said %",
    "Representatives said",
    "Representatives said %",
    "Where they disagree",
]


def _cells(presenter, share: Share | None) -> list:
    if share is None:
        return ["", ""]
    return [
        f"{presenter.count_text(share.count)} of {presenter.count_text(share.out_of)}",
        presenter.percent(share.count, share.out_of),
    ]


def table(found: Triangulation, presenter, caption: str) -> Table:
    """The side by side as a table, for the spreadsheet and the board report."""
    rows = []
    for row in found.rows:
        rows.append(
            [
                row.theme.label,
                *_cells(presenter, row.recorded),
                *_cells(presenter, row.audit),
                *_cells(presenter, row.person),
                *_cells(presenter, row.representative),
                row.disagreement,
            ]
        )
    return Table(
        caption=caption,
        headers=HEADERS,
        rows=rows,
        note=(
            f"Recorded: the {presenter.count_text(found.cases_concluded)} cases concluded in the "
            f"period. Audits: {presenter.count_text(found.audits)} completed in the period. "
            "Feedback: follow-ups after closure in the period; the person's answers and "
            "representatives' answers are counted apart."
        ),
        key="triangulation",
    )
