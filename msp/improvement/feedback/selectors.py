"""Reads for the follow-up after closure: who worked on a case, the follow-up task list, one
case's follow-up, and the feedback figures."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from msp.accounts import policy
from msp.accounts.models import Team
from msp.core.dates import today
from msp.core.periods import Period
from msp.enquiries.models import ClosingReview, Conversation, Enquiry, ExperienceAnswer
from msp.improvement.feedback import wording
from msp.improvement.models import FeedbackAnswer, FeedbackCode, FeedbackResponse
from msp.improvement.models.feedback import FeedbackOutcome, Respondent
from msp.privacy.selectors import exclude_restricted

FOLLOW_UP_WEEKS = 8
DUE = "due"
WAITING = "waiting"
DONE = "done"
TABS = {DUE: "To follow up", WAITING: "Waiting for their answers", DONE: "Followed up"}


def worked_by(enquiry: Enquiry) -> set[int]:
    """Everyone who worked on the case: its lead, and whoever recorded its conversations or its
    closing review (two queries)."""
    ids = set(
        Conversation.objects.filter(enquiry=enquiry, created_by__isnull=False).values_list(
            "created_by_id", flat=True
        )
    )
    ids |= set(
        ClosingReview.objects.filter(enquiry=enquiry, created_by__isnull=False).values_list(
            "created_by_id", flat=True
        )
    )
    if enquiry.lead_id:
        ids.add(enquiry.lead_id)
    return ids


def _independent_of(user, enquiries: QuerySet[Enquiry]) -> QuerySet[Enquiry]:
    """Leave out the cases the user worked on (the same rule as worked_by, in the database)."""
    return (
        enquiries.exclude(lead_id=user.pk)
        .exclude(Exists(Conversation.objects.filter(enquiry=OuterRef("pk"), created_by=user)))
        .exclude(Exists(ClosingReview.objects.filter(enquiry=OuterRef("pk"), created_by=user)))
    )


def follow_up_cases(user) -> QuerySet[Enquiry]:
    """Closed enquiries the user may follow up: in the teams they record for, not restricted from
    processing, and none they worked on."""
    if not policy.can_follow_up(user):
        return Enquiry.objects.none()
    teams = policy.visible_team_ids(user)
    enquiries = exclude_restricted(
        Enquiry.objects.filter(archived_at__isnull=True, end_date__isnull=False)
    )
    if teams is not None:
        enquiries = enquiries.filter(team_id__in=teams) if teams else enquiries.none()
    return _independent_of(user, enquiries)


def _answered():
    return Exists(FeedbackResponse.objects.filter(enquiry=OuterRef("pk"), current=True))


def _waiting():
    return Exists(
        FeedbackCode.objects.filter(
            enquiry=OuterRef("pk"),
            used_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
    )


def follow_up_tasks(user, tab: str = DUE) -> QuerySet[Enquiry]:
    """The follow-up task list. To follow up: closed in the last eight weeks, nothing recorded
    and no code waiting, those nearest the end of their eight weeks first. Waiting: a code was
    given and not yet used. Followed up: something recorded (answers, declined, or could not be
    reached), newest closure first."""
    cases = follow_up_cases(user).annotate(answered=_answered(), waiting=_waiting())
    if tab == DONE:
        cases = cases.filter(answered=True).order_by("-end_date", "-id")
    elif tab == WAITING:
        cases = cases.filter(answered=False, waiting=True).order_by("end_date", "id")
    else:
        since = today() - timedelta(weeks=FOLLOW_UP_WEEKS)
        cases = cases.filter(answered=False, waiting=False, end_date__gte=since).order_by(
            "end_date", "id"
        )
    return cases.select_related("person", "team", "lead", "concern")


def tab_counts(user) -> dict[str, int]:
    """How many cases each tab holds: one query."""
    since = today() - timedelta(weeks=FOLLOW_UP_WEEKS)
    # The conditions written out rather than annotated: PostgreSQL cannot filter an aggregate
    # on an annotation of the same query.
    answered, waiting = _answered(), _waiting()
    return follow_up_cases(user).aggregate(
        due=Count("pk", filter=Q(~answered, ~waiting, end_date__gte=since)),
        waiting=Count("pk", filter=Q(~answered, waiting)),
        done=Count("pk", filter=Q(answered)),
    )


def follow_up_deadline(enquiry: Enquiry):
    return enquiry.end_date + timedelta(weeks=FOLLOW_UP_WEEKS)


def responses_for(enquiry: Enquiry) -> list[FeedbackResponse]:
    """Every response recorded for the case (current and earlier), newest first, with answers."""
    return list(
        FeedbackResponse.objects.filter(enquiry=enquiry)
        .select_related("recorded_by")
        .prefetch_related("answers")
        .order_by("-answered_on", "-id")
    )


def codes_for(enquiry: Enquiry) -> list[FeedbackCode]:
    return list(FeedbackCode.objects.filter(enquiry=enquiry).select_related("issued_by"))


# --- figures -----------------------------------------------------------------------------------


def responses_in(period: Period, team_ids) -> QuerySet[FeedbackResponse]:
    """Current responses given in the period, for cases in these teams (None: every team)."""
    responses = FeedbackResponse.objects.filter(
        current=True,
        answered_on__range=(period.start, period.end),
        enquiry__archived_at__isnull=True,
    )
    responses = exclude_restricted(responses, "enquiry__person")
    if team_ids is not None:
        responses = responses.filter(enquiry__team_id__in=team_ids)
    return responses


@dataclass(frozen=True)
class QuestionRow:
    question: wording.Question
    yes: int
    partly: int
    no: int
    answered: int


@dataclass
class RespondentFigures:
    respondent: str
    label: str
    outcomes: dict[str, int] = field(default_factory=dict)  # answered / declined / not reached
    answers: dict[str, dict[str, int]] = field(default_factory=dict)  # question: answer: n

    @property
    def followed_up(self) -> int:
        return sum(self.outcomes.values())

    def answered(self, question: str) -> int:
        """Those who gave an answer to the question (not "did not answer")."""
        counts = self.answers.get(question, {})
        return sum(n for answer, n in counts.items() if answer != ExperienceAnswer.NOT_ANSWERED)

    def said(self, question: str, answer: str) -> int:
        return self.answers.get(question, {}).get(answer, 0)

    def outcome(self, outcome: str) -> int:
        return self.outcomes.get(outcome, 0)

    @property
    def answered_count(self) -> int:
        return self.outcome(FeedbackOutcome.ANSWERED)

    @property
    def declined(self) -> int:
        return self.outcome(FeedbackOutcome.DECLINED)

    @property
    def not_reached(self) -> int:
        return self.outcome(FeedbackOutcome.NOT_REACHED)

    def rows(self) -> list["QuestionRow"]:
        """Each question with its yes, partly and no answers, out of those who answered it."""
        return [
            QuestionRow(
                question=q,
                yes=self.said(q.code, ExperienceAnswer.YES),
                partly=self.said(q.code, ExperienceAnswer.PARTLY),
                no=self.said(q.code, ExperienceAnswer.NO),
                answered=self.answered(q.code),
            )
            for q in wording.questions()
        ]

    def yes_or_partly(self, question: str) -> int:
        return self.said(question, ExperienceAnswer.YES) + self.said(
            question, ExperienceAnswer.PARTLY
        )


def figures(responses: QuerySet[FeedbackResponse]) -> dict[str, RespondentFigures]:
    """The feedback counted separately for the person and for representatives: how many were
    followed up with each result, and each question's answers. Two grouped queries."""
    out = {code: RespondentFigures(code, label) for code, label in Respondent.choices}
    for row in responses.values("respondent", "outcome").annotate(n=Count("pk")).order_by():
        out[row["respondent"]].outcomes[row["outcome"]] = row["n"]
    answers = (
        FeedbackAnswer.objects.filter(
            response__in=responses.filter(outcome=FeedbackOutcome.ANSWERED).values("pk")
        )
        .values("response__respondent", "question", "answer")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    )
    for row in answers:
        counts = out[row["response__respondent"]].answers.setdefault(row["question"], {})
        counts[row["answer"]] = row["n"]
    return out


@dataclass(frozen=True)
class TeamRow:
    team: str
    respondent: str
    answered: int
    declined: int
    not_reached: int


def by_team(responses: QuerySet[FeedbackResponse]) -> list[TeamRow]:
    """Per team and respondent (the person, a representative): how many answered, declined or
    could not be reached, teams by name (two queries)."""
    grouped: dict[int, dict[str, dict[str, int]]] = {}
    rows = (
        responses.values("enquiry__team_id", "respondent", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        team = grouped.setdefault(row["enquiry__team_id"], {})
        team.setdefault(row["respondent"], {})[row["outcome"]] = row["n"]
    names = dict(Team.objects.filter(pk__in=list(grouped)).values_list("pk", "name"))
    out = []
    for team_id, sets in sorted(grouped.items(), key=lambda kv: names.get(kv[0], "")):
        for code, label in Respondent.choices:
            counts = sets.get(code, {})
            out.append(
                TeamRow(
                    team=names.get(team_id, "Unknown team"),
                    respondent=label,
                    answered=counts.get(FeedbackOutcome.ANSWERED, 0),
                    declined=counts.get(FeedbackOutcome.DECLINED, 0),
                    not_reached=counts.get(FeedbackOutcome.NOT_REACHED, 0),
                )
            )
    return out


def questions() -> list[wording.Question]:
    return wording.questions()
